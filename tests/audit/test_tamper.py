"""Every way of quietly rewriting the audit log is detected: by the chain, its head, or a signed
checkpoint kept outside the database. Each case tampers below the application, as an attacker with
database access would (the guards are lifted inside the test's transaction only)."""

import json

import pytest
from django.db import DatabaseError, connection, transaction

from netra.audit.canonical import HASHED_FIELDS, chain_hash
from netra.audit.checkpoints import checkpoint_path
from netra.audit.models import Event
from netra.audit.services import chain_verify, checkpoint_write, event_record
from tests.audit.helpers import tamper

pytestmark = pytest.mark.django_db


def record(n: int, start: int = 1) -> None:
    for i in range(start, start + n):
        event_record(actor=f"user{i}", action="case.register", obj_type="case", obj_id=i, data={"n": i})


@pytest.fixture
def signed_log(checkpoint_keys):
    """Five events under a signed checkpoint, then two more after it."""
    record(5)
    checkpoint_write()
    record(2, start=6)
    assert chain_verify().ok


def test_an_edited_event_is_detected(signed_log):
    tamper("UPDATE audit_event SET data = %s WHERE seq = 3", [json.dumps({"n": 99})])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_a_deleted_event_is_detected(signed_log):
    tamper("DELETE FROM audit_event WHERE seq = 4", [])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 4)


def test_reordered_events_are_detected(signed_log):
    tamper("UPDATE audit_event SET seq = -4 WHERE seq = 4", [])
    tamper("UPDATE audit_event SET seq = 4 WHERE seq = 5", [])
    tamper("UPDATE audit_event SET seq = 5 WHERE seq = -4", [])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 4)


def test_removing_the_newest_events_with_the_head_is_detected(signed_log):
    tamper("DELETE FROM audit_event WHERE seq >= 6", [])
    tamper("DELETE FROM audit_chainhead", [])
    result = chain_verify()
    assert not result.ok and "head is missing" in result.reason


def test_a_missing_head_is_a_failure_even_without_checkpoints():
    record(3)
    tamper("DELETE FROM audit_chainhead", [])
    result = chain_verify()
    assert (result.ok, result.count) == (False, 3)
    assert "head is missing" in result.reason


def test_a_head_moved_back_over_existing_events_is_detected_without_checkpoints():
    record(5)
    third = Event.objects.get(seq=3).hash
    tamper("UPDATE audit_chainhead SET last_seq = 3, last_hash = %s", [third])
    result = chain_verify()
    assert not result.ok and "beyond the chain head" in result.reason


def test_removing_events_and_moving_the_head_back_is_caught_by_the_checkpoint(signed_log):
    """The chain and its head agree again, so only the signed checkpoint can tell."""
    third = Event.objects.get(seq=3).hash
    tamper("DELETE FROM audit_event WHERE seq > 3", [])
    tamper("UPDATE audit_chainhead SET last_seq = 3, last_hash = %s", [third])
    result = chain_verify()
    assert not result.ok and "records 5 events" in result.reason


def _truncate_both_tables() -> None:
    if connection.vendor == "postgresql":
        tamper("TRUNCATE audit_event, audit_chainhead", [])
    else:  # SQLite has no TRUNCATE: DELETE without WHERE is its truncate
        tamper("DELETE FROM audit_event", [])
        tamper("DELETE FROM audit_chainhead", [])


def test_truncating_both_tables_is_caught_by_the_checkpoint(signed_log):
    _truncate_both_tables()
    assert Event.objects.count() == 0
    result = chain_verify()
    assert not result.ok and "emptied" in result.reason


def test_a_consistently_rewritten_chain_is_caught_by_the_checkpoint(signed_log):
    """Edit event 2, recompute every later hash and the head: the chain alone looks sound."""
    prev = Event.objects.get(seq=1).hash
    for event in Event.objects.order_by("seq").filter(seq__gte=2):
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        if event.seq == 2:
            fields["actor"] = "mallory"
        new_hash = chain_hash(prev, fields)
        tamper(
            "UPDATE audit_event SET actor = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [fields["actor"], prev, new_hash, event.seq],
        )
        prev = new_hash
    tamper("UPDATE audit_chainhead SET last_hash = %s", [prev])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 5)
    assert "signed checkpoint" in result.reason


def test_an_edited_checkpoint_line_is_detected(signed_log):
    path = checkpoint_path()
    line = json.loads(path.read_text(encoding="utf-8"))
    line["seq"] = 2  # pretend fewer events were ever signed
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = chain_verify()
    assert not result.ok and "invalid signature" in result.reason


def test_a_broken_chain_is_never_signed(checkpoint_keys):
    from netra.audit.checkpoints import CheckpointError

    record(3)
    tamper("DELETE FROM audit_event WHERE seq = 2", [])
    with pytest.raises(CheckpointError, match="broken at seq 2"):
        checkpoint_write()
    assert not checkpoint_path().exists()


@pytest.mark.postgresql(reason="session_replication_role is PostgreSQL's")
def test_the_replica_role_bypass_is_caught_by_the_checkpoint(signed_log):
    """A table owner switches triggers off with session_replication_role = replica, removes the newest
    events and moves the head back: chain and head agree, the checkpoint does not."""
    third = Event.objects.get(seq=3).hash
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM audit_event WHERE seq > 3")
        cursor.execute("UPDATE audit_chainhead SET last_seq = 3, last_hash = %s", [third])
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    assert Event.objects.count() == 3
    result = chain_verify()
    assert not result.ok and "records 5 events" in result.reason


@pytest.mark.postgresql(reason="TRUNCATE and role privileges are PostgreSQL's")
def test_a_role_without_the_privileges_cannot_truncate_or_delete(checkpoint_keys):
    from netra.audit.privileges import audit_privilege_problems

    record(2)
    assert any("superuser" in p for p in audit_privilege_problems())
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE netra_vault_app_probe NOLOGIN")
        cursor.execute("GRANT USAGE ON SCHEMA public TO netra_vault_app_probe")
        cursor.execute("GRANT SELECT, INSERT ON audit_event TO netra_vault_app_probe")
        cursor.execute("GRANT SELECT, INSERT, UPDATE ON audit_chainhead TO netra_vault_app_probe")
        cursor.execute("SET LOCAL ROLE netra_vault_app_probe")
    assert audit_privilege_problems() == []
    for sql in ("TRUNCATE audit_event", "DELETE FROM audit_chainhead", "TRUNCATE audit_chainhead"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert chain_verify().ok
