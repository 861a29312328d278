"""``netra elections``: import (dry run, row errors, --user checked), show --json, export, list."""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.cases.models import Election, ElectionSetting
from netra.cli import app

pytestmark = pytest.mark.django_db
runner = CliRunner()
PILPRES = Path(__file__).resolve().parents[2] / "benchmarks" / "devset" / "election_pilpres2024.toml"


@pytest.fixture
def pemilu(db):
    return Election.objects.create(
        name="Pemilu Uji",
        regime="pemilu",
        penetapan_calon=dt.date(2023, 11, 13),
        voting_day=dt.date(2024, 2, 14),
    )


def test_import_dry_run_then_show_json_and_export_round_trip(pemilu, tmp_path):
    election = str(pemilu.pk)
    dry = runner.invoke(app, ["elections", "import", str(PILPRES), "--election", election, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "3 calon, 15 partai (uji coba" in dry.output and not ElectionSetting.objects.exists()
    real = runner.invoke(app, ["elections", "import", str(PILPRES), "--election", election, "--json"])
    assert real.exit_code == 0 and json.loads(real.output)["written"] is True
    shown = json.loads(runner.invoke(app, ["elections", "show", election, "--json"]).output)
    assert shown["period"]["campaign_start"] == "2023-11-28"
    [area] = shown["areas"]
    assert area["region_code"] == "" and area["scoring_candidates"] == ["01", "02", "03"]
    exported = runner.invoke(app, ["elections", "export", election, "--format", "json"])
    path = tmp_path / "again.json"
    path.write_text(exported.output, encoding="utf-8")
    again = runner.invoke(app, ["elections", "import", str(path), "--election", election])
    assert again.exit_code == 0, again.output
    assert ElectionSetting.objects.get().version == 2
    listed = json.loads(runner.invoke(app, ["elections", "list", "--json"]).output)
    assert listed == [
        {
            "id": pemilu.pk,
            "name": "Pemilu Uji",
            "regime": "pemilu",
            "region_code": "",
            "voting_day": "2024-02-14",
            "configured_areas": 1,
        }
    ]


def test_bad_rows_exit_nonzero_and_write_nothing(pemilu, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[candidates]]\nnumber = 0\nnames = ["A"]\n[[parties]]\nname = ""\n', encoding="utf-8")
    result = runner.invoke(app, ["elections", "import", str(path), "--election", str(pemilu.pk)])
    assert result.exit_code == 1
    assert "Baris calon ke-1: Nomor urut harus bilangan bulat positif, bukan 0." in result.output
    assert "Baris partai ke-1: Kolom nama wajib diisi." in result.output
    assert not ElectionSetting.objects.exists()


def test_user_option_checks_role_and_region(pemilu, staff):
    election = str(pemilu.pk)
    kepri = staff["kepri"][Role.PIMPINAN].username
    refused = runner.invoke(
        app, ["elections", "import", str(PILPRES), "--election", election, "--user", kepri]
    )
    assert refused.exit_code != 0 and "tidak berwenang" in refused.output
    ri = staff["ri"][Role.PIMPINAN].username
    allowed = runner.invoke(app, ["elections", "import", str(PILPRES), "--election", election, "--user", ri])
    assert allowed.exit_code == 0, allowed.output


def test_unknown_election_is_named():
    result = runner.invoke(app, ["elections", "show", "999"])
    assert result.exit_code != 0 and "pemilihan 999 tidak ditemukan" in result.output
