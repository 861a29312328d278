"""``netra backup`` / ``netra restore``: a round trip brings back the database, the encrypted evidence
and the audit checkpoints; a backup that does not match its manifest is refused before anything is
touched. Runs on both engines (SQLite's online backup API; pg_dump/pg_restore on PostgreSQL)."""

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netra.audit.checkpoints import signing_key_generate
from netra.audit.models import Event
from netra.audit.services import chain_verify, checkpoint_write
from netra.cases.evidence import evidence_open
from netra.cases.models import Case, Reporter
from netra.cases.sealing import identity_open
from netra.cli import app
from tests.cases.helpers import JPEG, case_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
runner = CliRunner()


@pytest.fixture
def vault(settings, tmp_path):
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    settings.NETRA_AUDIT_SIGNING_KEY_PATH = tmp_path / "keys" / "audit-signing.pem"
    settings.NETRA_AUDIT_PUBLIC_KEY_PATH = tmp_path / "keys" / "audit-signing.pub"
    settings.NETRA_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    signing_key_generate()
    return tmp_path


def backup_now(tmp_path: Path, *extra: str) -> Path:
    result = runner.invoke(app, ["backup", str(tmp_path / "backups"), "--json", *extra])
    assert result.exit_code == 0, result.output
    return Path(json.loads(result.output)["folder"])


def test_round_trip_brings_back_the_database_evidence_and_checkpoints(world, vault):
    case = case_in(world, "diterima")
    checkpoint_write()
    folder = backup_now(vault)
    manifest = json.loads((folder / "manifest.json").read_text())
    names = set(manifest["files"])
    assert {"keys.json", "audit/checkpoints.jsonl", "audit/audit-signing.pub"} <= names
    assert any(name.startswith("database.") for name in names)
    assert any(name.startswith("media/evidence/") for name in names)
    assert not any("master.key" in name or name.endswith(".pem") for name in names)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700

    later = case_in(world, "diterima")  # after the backup: gone once restored
    item = case.evidence.get(link="")
    Path(item.file.path).unlink()

    result = runner.invoke(app, ["restore", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert "audit chain: OK" in result.output
    assert Case.objects.filter(pk=case.pk).exists() and not Case.objects.filter(pk=later.pk).exists()
    with evidence_open(case.evidence.get(link="")) as handle:
        assert handle.read() == JPEG
    assert identity_open(Reporter.objects.get(case=case)).name == "Siti Aminah"
    assert Event.objects.order_by("-seq").first().action == "system.restore"
    assert chain_verify().ok


def test_a_backup_that_does_not_match_its_manifest_is_refused_untouched(world, vault):
    case_in(world, "diterima")
    folder = backup_now(vault)
    evidence_file = next((folder / "media").rglob("*.jpg"))
    evidence_file.write_bytes(evidence_file.read_bytes() + b"x")
    (folder / "extra.txt").write_text("slipped in")
    later = case_in(world, "diterima")
    check = runner.invoke(app, ["restore", str(folder), "--check"])
    assert check.exit_code == 1 and "altered: media/" in check.output and "extra.txt" in check.output
    result = runner.invoke(app, ["restore", str(folder), "--yes"])
    assert result.exit_code == 1
    assert Case.objects.filter(pk=later.pk).exists()  # nothing was restored


def test_restore_asks_for_confirmation_and_the_master_key_is_only_included_when_asked(world, vault):
    case_in(world, "diterima")
    folder = backup_now(vault, "--include-master-key")
    key_copy = folder / "keys" / "master.key"
    assert stat.S_IMODE(key_copy.stat().st_mode) == 0o600
    assert json.loads((folder / "keys.json").read_text())["included"] is True
    result = runner.invoke(app, ["restore", str(folder)])
    assert result.exit_code == 2 and "--yes" in result.output


@pytest.mark.postgresql(reason="pg_dump's custom format is PostgreSQL's")
def test_postgresql_backups_are_pg_dump_custom_archives(world, vault):
    case_in(world, "diterima")
    folder = backup_now(vault)
    assert (folder / "database.pgdump").read_bytes()[:5] == b"PGDMP"
