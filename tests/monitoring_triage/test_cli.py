"""``netra monitor queue --json`` and ``netra monitor temuan ITEM --user --json``: the issue's shapes."""

import json

import pytest
from typer.testing import CliRunner

from netra.cli import app
from tests.monitoring_triage.conftest import match

pytestmark = pytest.mark.django_db


def test_queue_json_shape_and_order(make_item, roster):
    low = make_item(priority=0.2)
    high = make_item(priority=0.9, author_matches=[match(roster[1], namesakes=2)], url="https://x.example/1")
    make_item(priority=0.8, source="lingga", region="21.04.01")
    result = CliRunner().invoke(app, ["monitor", "queue", "--office", "21.01", "--limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [high.pk, low.pk]  # Lingga's item belongs to another office
    top = rows[0]
    for key in ("id", "priority", "score", "code", "indicator", "cues", "cluster_size", "author_matches"):
        assert key in top
    assert (top["code"], top["url"], top["source"], top["cluster_size"]) == (
        "KE-3",
        "https://x.example/1",
        "Ekspor X Bintan",
        1,
    )
    assert top["author_matches"][0] == {
        "pegawai_id": roster[1].pk,
        "name": "Budi Santoso",
        "nip": roster[1].nip,
        "agency": "Pemerintah Kabupaten Bintan",
        "score": 0.92,
        "namesakes": 2,
    }


def test_queue_of_another_office_is_empty(make_item):
    make_item()
    result = CliRunner().invoke(app, ["monitor", "queue", "--office", "21.04", "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_temuan_json(make_item, roster, world):
    item = make_item(author_matches=[match(roster[0])], url="http://127.0.0.1:9/status/2")
    user = world["staff"]["bintan"]["pengawas"]
    result = CliRunner().invoke(app, ["monitor", "temuan", str(item.pk), "--user", user.username, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    item.refresh_from_db()
    assert payload["case_id"] == item.case_id and payload["receipt_code"]
    kinds = [e["kind"] for e in payload["evidence"]]
    assert kinds == ["link", "application/json"]
    assert len(payload["evidence"][1]["sha256"]) == 64
    again = CliRunner().invoke(app, ["monitor", "temuan", str(item.pk), "--user", user.username, "--json"])
    assert again.exit_code == 1 and "sudah dijadikan temuan" in again.output


def test_temuan_outside_the_territory_is_refused(make_item, world):
    item = make_item()
    user = world["staff"]["lingga"]["pengawas"]
    result = CliRunner().invoke(app, ["monitor", "temuan", str(item.pk), "--user", user.username])
    assert result.exit_code == 1 and "tidak ditemukan" in result.output


def test_the_agency_id_the_pipeline_stores_is_printed_as_its_name(make_item, roster):
    budi = roster[1]
    stored = {**match(budi), "agency": budi.agency_id, "via": "watched"}
    make_item(author_matches=[stored])
    result = CliRunner().invoke(app, ["monitor", "queue", "--json"])
    assert json.loads(result.output)[0]["author_matches"][0]["agency"] == "Pemerintah Kabupaten Bintan"
