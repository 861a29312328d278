"""netra audit keygen / checkpoint / verify / privileges, as an operator runs them."""

import json
import stat

import pytest
from django.core.management import call_command
from django.db import connection
from typer.testing import CliRunner

from netra.audit.checkpoints import checkpoint_path, signing_key_path
from netra.audit.privileges import check_audit_privileges
from netra.audit.services import event_record
from netra.cli import app
from tests.audit.helpers import tamper

pytestmark = pytest.mark.django_db
runner = CliRunner()


def seed(n: int = 3) -> None:
    for i in range(1, n + 1):
        event_record(actor="ani", action="case.register", obj_type="case", obj_id=i)


def test_keygen_makes_a_private_key_once(settings, tmp_path):
    settings.NETRA_AUDIT_SIGNING_KEY_PATH = tmp_path / "k" / "audit-signing.pem"
    settings.NETRA_AUDIT_PUBLIC_KEY_PATH = tmp_path / "k" / "audit-signing.pub"
    first = runner.invoke(app, ["audit", "keygen"])
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(signing_key_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(signing_key_path().parent.stat().st_mode) == 0o700
    again = runner.invoke(app, ["audit", "keygen"])
    assert again.exit_code == 2 and "--force" in again.output


def test_checkpoint_then_verify_names_the_checkpoint(checkpoint_keys):
    seed()
    done = runner.invoke(app, ["audit", "checkpoint"])
    assert done.exit_code == 0 and "3 events" in done.output
    line = json.loads(checkpoint_path().read_text(encoding="utf-8"))
    assert (line["seq"], line["v"]) == (3, 1) and line["signature"]
    seed(1)
    verified = runner.invoke(app, ["audit", "verify"])
    assert verified.exit_code == 0 and "signed checkpoint (3 events)" in verified.output


def test_verify_without_checkpoints_says_so(checkpoint_keys):
    seed()
    verified = runner.invoke(app, ["audit", "verify"])
    assert verified.exit_code == 0 and "No signed checkpoint yet" in verified.output


def test_checkpoint_of_a_broken_chain_fails(checkpoint_keys):
    seed()
    tamper("UPDATE audit_event SET actor = 'mallory' WHERE seq = 2", [])
    done = runner.invoke(app, ["audit", "checkpoint"])
    assert done.exit_code == 1 and "broken at seq 2" in done.output


def test_checkpoint_without_a_key_says_how_to_make_one(settings, tmp_path):
    settings.NETRA_AUDIT_SIGNING_KEY_PATH = tmp_path / "none.pem"
    settings.NETRA_AUDIT_CHECKPOINT_DIR = tmp_path / "cp"
    done = runner.invoke(app, ["audit", "checkpoint"])
    assert done.exit_code == 1 and "netra audit keygen" in done.output


def test_the_system_check_runs_with_the_database_checks():
    """SQLite has no roles (nothing to report); the tests' PostgreSQL role is a superuser (warned)."""
    call_command("check", databases=["default"])  # warnings never fail the check command
    warned = check_audit_privileges(databases=["default"]) != []
    assert warned == (connection.vendor == "postgresql")
    assert runner.invoke(app, ["audit", "privileges"]).exit_code == int(warned)


@pytest.mark.postgresql(reason="roles and privileges are PostgreSQL's")
def test_privileges_report_a_superuser_app_role():
    result = runner.invoke(app, ["audit", "privileges"])
    assert result.exit_code == 1 and "superuser" in result.output
    warnings = check_audit_privileges(databases=["default"])
    assert warnings and {w.id for w in warnings} == {"netra.audit.W001"}
    assert any("TRUNCATE on audit_event" in w.msg for w in warnings)
