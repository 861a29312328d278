"""``netra stats``, ``netra index``, ``netra export cases`` and ``netra analytics refresh``."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases.demo import demo_load
from netra.cases.models import Election
from netra.cases.selectors import case_list_for
from netra.cli import app

pytestmark = pytest.mark.django_db
runner = CliRunner()
KEYS = {"key", "label", "cases", "proven", "recommended", "sanctioned"}


@pytest.fixture
def cases(world, make_case, agencies):
    make_case("21", kind="temuan", violation="D-6", proven=True, to_bkn=True, election="pemilu")
    make_case("21.01.04", violation="D-1", proven=True, to_ppk=True, agency=agencies["dinas_bintan"])
    make_case("21.04.01", subject="PPNPN")
    make_case("32.04.05")


def test_stats_by_region_in_the_issue_shape(cases):
    result = runner.invoke(app, ["stats", "--by", "region", "--region", "21", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert all(set(row) == KEYS for row in rows)
    assert [(r["key"], r["label"], r["cases"], r["proven"]) for r in rows] == [
        ("21", "Kepulauan Riau (tingkat ini)", 1, 1),
        ("21.01", "Kabupaten Bintan", 1, 1),
        ("21.04", "Kabupaten Lingga", 1, 0),
    ]


def test_stats_for_a_user_keeps_their_jurisdiction(cases, world):
    user = world["staff"]["bintan"][Role.ANALIS].username
    result = runner.invoke(app, ["stats", "--by", "subject", "--user", user, "--json"])
    assert json.loads(result.output) == [
        {"key": "PNS", "label": "PNS", "cases": 1, "proven": 1, "recommended": 1, "sanctioned": 0}
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--by", "colour"],
        ["stats", "--by", "region", "--region", "99.99"],
        ["stats", "--by", "region", "--election", "999999"],
        ["stats", "--by", "region", "--user", "nobody"],
        ["export", "cases", "--format", "pdf", "--out", "x.pdf"],
        ["index", "--region", "abc"],
    ],
)
def test_bad_input_exits_with_2_and_says_why(cases, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output


def test_index_in_the_issue_shape(cases, world):
    result = runner.invoke(app, ["index", "--region", "21.01", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {"region", "score", "class", "formula_version", "inputs"} <= set(found)
    assert found["region"] == "21.01" and 0 <= found["score"] <= 100
    assert found["class"] in ("rawan tinggi", "rawan sedang", "rawan rendah")
    assert found["formula_version"] == "IKNA-2/default"
    assert found["inputs"]["monitoring_signals"] is None


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_cases_counts_what_the_list_counts(cases, world, tmp_path, file_format):
    user = world["staff"]["kepri"][Role.ANALIS]
    out = tmp_path / f"kasus.{file_format}"
    args = ["export", "cases", "--format", file_format, "--out", str(out), "--user", user.username]
    result = runner.invoke(app, [*args, "--region", "21"])
    assert result.exit_code == 0, result.output
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    else:
        rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) - 1 == case_list_for(user, region="21").count() == 3
    assert rows[0][:4] == ("id", "nomor_registrasi", "jenis", "status") or rows[0][:4] == [
        "id",
        "nomor_registrasi",
        "jenis",
        "status",
    ]
    event = Event.objects.filter(action="analytics.export").latest("seq")
    assert event.actor == user.username and event.data["rows"] == 3 and event.data["format"] == file_format


def test_export_without_user_is_every_case(cases, tmp_path):
    out = tmp_path / "semua.csv"
    result = runner.invoke(app, ["export", "cases", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + 4


def test_refresh_rebuilds_the_tally_and_the_index(cases):
    result = runner.invoke(app, ["analytics", "refresh"])
    assert result.exit_code == 0, result.output
    assert "4 kasus" in result.output
    assert Event.objects.filter(action="analytics.tally_refresh").count() == 1
    assert Event.objects.filter(action="analytics.index_refresh").count() == 1


@pytest.mark.slow
def test_the_demo_lists_bintan_and_lingga_with_the_seed_findings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load(roster_size=40, log=lambda *_: None)
    result = runner.invoke(app, ["stats", "--by", "region", "--region", "21", "--json"])
    rows = {r["key"]: r for r in json.loads(result.output)}
    assert rows["21.01"]["label"] == "Kabupaten Bintan" and rows["21.04"]["label"] == "Kabupaten Lingga"
    # The seed: the province found 2 ASN, Bintan 1, Lingga 1 PPNPN, each proven and recommended.
    assert rows["21"]["cases"] == rows["21"]["proven"] == rows["21"]["recommended"] == 2
    assert rows["21.01"]["proven"] == rows["21.04"]["proven"] == 1
    election = str(Election.objects.get(name="Pemilu 2024").pk)
    pemilu = runner.invoke(
        app, ["stats", "--by", "subject", "--region", "21", "--election", election, "--json"]
    )
    assert {r["key"]: r["cases"] for r in json.loads(pemilu.output)} == {"PNS": 3, "PPNPN": 1}
