"""The audit chain: appending, verifying, and detecting every kind of tampering."""

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from netra.audit.canonical import chain_hash
from netra.audit.models import GENESIS_HASH, AppendOnlyError, ChainHead, Event
from netra.audit.services import ChainHeadMissing, chain_verify, event_record
from tests.audit.helpers import disable_guards, tamper

pytestmark = pytest.mark.django_db


def record(n: int) -> list[Event]:
    return [
        event_record(
            actor=f"user{i}",
            action="case.register",
            obj_type="case",
            obj_id=i,
            data={"reason": "memenuhi syarat", "n": i},
            office_code="21.01",
        )
        for i in range(1, n + 1)
    ]


def test_append_links_each_event_to_the_previous_one():
    events = record(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    head = ChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (3, events[2].hash)


def test_hash_is_sha256_of_prev_hash_and_canonical_json():
    at = datetime(2024, 2, 14, 1, 2, 3, 456789, tzinfo=UTC)
    event = event_record(
        actor="ani", action="case.create", obj_type="case", obj_id=7, at=at, data={"b": 1, "a": "é"}
    )
    canonical = json.dumps(
        {
            "seq": 1,
            "at": "2024-02-14T01:02:03.456789+00:00",
            "actor": "ani",
            "office_code": "",
            "action": "case.create",
            "object_type": "case",
            "object_id": "7",
            "data": {"a": "é", "b": 1},
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert event.hash == hashlib.sha256((GENESIS_HASH + canonical).encode()).hexdigest()


def test_data_is_stored_as_it_was_hashed():
    event = event_record(
        actor="ani",
        action="x",
        obj_type="case",
        obj_id=1,
        data={"when": datetime(2024, 1, 1, tzinfo=UTC), "amount": Decimal("1.50")},
    )
    stored = Event.objects.get(pk=event.pk)
    assert stored.data == {"when": "2024-01-01T00:00:00Z", "amount": "1.50"}
    assert chain_verify().ok


def test_verify_ok_on_a_sound_chain_and_on_an_empty_one():
    assert chain_verify().ok and chain_verify().count == 0
    record(5)
    result = chain_verify()
    assert result.ok and result.count == 5 and result.first_bad_seq is None


def test_naive_datetime_and_missing_fields_are_refused():
    with pytest.raises(ValueError):
        event_record(actor="a", action="x", obj_type="case", obj_id=1, at=datetime(2024, 1, 1))
    with pytest.raises(ValueError):
        event_record(actor="", action="x", obj_type="case", obj_id=1)
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor", "mallory"),
        ("office_code", "14.01"),
        ("action", "case.close"),
        ("object_type", "temuan"),
        ("object_id", "999"),
        ("data", json.dumps({"reason": "diubah"})),
        ("at", "2020-01-01 00:00:00"),
        ("prev_hash", "f" * 64),
        ("hash", "e" * 64),
        ("seq", 77),
    ],
)
def test_editing_any_field_is_detected_at_that_seq(column, value):
    record(4)
    tamper(f"UPDATE audit_event SET {column} = %s WHERE seq = 3", [value])  # noqa: S608
    result = chain_verify()
    assert not result.ok
    assert result.first_bad_seq == 3
    assert result.count == 2


def test_a_deleted_event_is_detected():
    record(4)
    tamper("DELETE FROM audit_event WHERE seq = 2", [])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "missing" in result.reason


def test_deleting_the_newest_events_is_detected_through_the_chain_head():
    record(4)
    tamper("DELETE FROM audit_event WHERE seq >= 3", [])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_reordered_events_are_detected():
    record(4)
    tamper("UPDATE audit_event SET seq = -2 WHERE seq = 2", [])
    tamper("UPDATE audit_event SET seq = 2 WHERE seq = 3", [])
    tamper("UPDATE audit_event SET seq = 3 WHERE seq = -2", [])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_a_rewritten_event_with_recomputed_hash_breaks_the_next_link():
    events = record(3)
    fields = {
        name: getattr(events[1], name)
        for name in ("seq", "at", "actor", "office_code", "action", "object_type", "object_id", "data")
    }
    fields["actor"] = "mallory"
    forged = chain_hash(events[1].prev_hash, fields)
    tamper("UPDATE audit_event SET actor = %s, hash = %s WHERE seq = 2", ["mallory", forged])
    result = chain_verify()
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_the_model_refuses_updates_and_deletes():
    event = record(1)[0]
    event.actor = "mallory"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(actor="mallory")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.get(pk=event.pk).actor == "user1"


def test_the_database_refuses_raw_updates():
    event = record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = %s", [event.pk])
    assert Event.objects.get(pk=event.pk).actor == "user1"


def test_the_database_refuses_raw_deletes_of_events_and_of_the_head():
    event = record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_chainhead")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_chainhead SET last_seq = 0")
    assert Event.objects.filter(pk=event.pk).exists()
    assert ChainHead.objects.get().last_seq == 1


def test_guards_can_only_be_lifted_deliberately():
    """The tamper helper really lifts the guard (otherwise the tamper tests would prove nothing)."""
    event = record(1)[0]
    disable_guards()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = %s", [event.pk])
    assert Event.objects.get(pk=event.pk).actor == "mallory"


def test_writers_refuse_to_rebuild_a_removed_head_over_existing_events():
    """Rebuilding the head from the newest remaining event would bless the removal of newer ones."""
    record(2)
    tamper("DELETE FROM audit_chainhead", [])
    with pytest.raises(ChainHeadMissing), transaction.atomic():
        event_record(actor="a", action="x", obj_type="case", obj_id=3)
    assert Event.objects.count() == 2
    assert not chain_verify().ok
