"""The cases commands of the ``netra`` CLI."""

import pytest
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.cases.models import Case
from netra.cli import app
from tests.cases.helpers import case_in
from tests.cases.test_import import GOOD, write_csv

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_import_cases_dry_run_then_for_real(world, tmp_path):
    path = write_csv(tmp_path / "kasus.csv", GOOD)
    user = world["staff"]["kepri"][Role.PIMPINAN].username
    dry = runner.invoke(app, ["import", "cases", str(path), "--user", user, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "4 baris valid" in dry.output and Case.objects.count() == 0
    real = runner.invoke(app, ["import", "cases", str(path), "--user", user])
    assert real.exit_code == 0 and "4 kasus diimpor" in real.output
    assert Case.objects.count() == 4


def test_import_cases_reports_errors_and_exits_nonzero(world, tmp_path):
    bad = [GOOD[0], ["laporan", "Tidak Ada", "21.01.04", "kemarin", "x", "diterima"] + [""] * 14]
    path = write_csv(tmp_path / "kasus.csv", bad)
    errors = tmp_path / "errors.csv"
    user = world["staff"]["kepri"][Role.PIMPINAN].username
    result = runner.invoke(app, ["import", "cases", str(path), "--user", user, "--errors", str(errors)])
    assert result.exit_code == 1
    assert "baris 3" in result.output and "tidak ada yang diimpor" in result.output
    assert "tanggal_diterima" in errors.read_text(encoding="utf-8")
    assert Case.objects.count() == 0


def test_import_cases_needs_a_known_user(world, tmp_path):
    path = write_csv(tmp_path / "kasus.csv", GOOD)
    result = runner.invoke(app, ["import", "cases", str(path), "--user", "siapa"])
    assert result.exit_code != 0 and Case.objects.count() == 0


def test_evidence_verify_command(world):
    case_in(world, "diterima")
    result = runner.invoke(app, ["evidence", "verify"])
    assert result.exit_code == 0 and "1 berkas bukti utuh" in result.output
