"""netra audit verify / log."""

import pytest
from typer.testing import CliRunner

from netra.audit.models import Event
from netra.audit.services import event_record
from netra.cli import app
from tests.audit.helpers import tamper

pytestmark = pytest.mark.django_db
runner = CliRunner()


def seed():
    event_record(actor="ani", action="case.register", obj_type="case", obj_id=1, data={"n": 1})
    event_record(actor="budi", action="case.decide", obj_type="case", obj_id=2)
    event_record(actor="ani", action="case.close", obj_type="case", obj_id=1)


def test_verify_ok_exits_zero():
    seed()
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0 and "3 events" in result.output
    assert Event.objects.get(seq=3).hash in result.output


def test_verify_broken_exits_one_with_the_first_bad_seq():
    seed()
    tamper("UPDATE audit_event SET actor = 'mallory' WHERE seq = 2", [])
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert "seq 2" in result.output


def test_log_filters_by_object_and_limits():
    seed()
    lines = runner.invoke(app, ["audit", "log", "--object", "case:1"]).output.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["#1", "#3"]
    assert '{"n": 1}' in lines[0]
    newest = runner.invoke(app, ["audit", "log", "--limit", "1"]).output.strip().splitlines()
    assert len(newest) == 1 and newest[0].startswith("#3")


def test_log_rejects_a_malformed_object():
    result = runner.invoke(app, ["audit", "log", "--object", "case"])
    assert result.exit_code == 2 and "TYPE:ID" in result.output
