"""Writing and verifying the audit chain.

Concurrency: every writer first locks the single ``ChainHead`` row (``select_for_update`` on
PostgreSQL; on SQLite the project's IMMEDIATE transactions already hold the database write lock
from ``BEGIN``), so appends are serialised and the chain never forks. Callers must already be
inside their own ``transaction.atomic()`` block, so the event commits or rolls back with the change
it records.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from netra.audit.canonical import chain_hash, normalise_data
from netra.audit.models import GENESIS_HASH, ChainHead, Event

HEAD_PK = 1


def _lock_head() -> ChainHead:
    """Lock the chain head, creating it (from the newest event, if any) the first time."""
    head = ChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is not None:
        return head
    last = Event.objects.order_by("-seq").first()
    try:
        with transaction.atomic():
            ChainHead.objects.create(
                pk=HEAD_PK,
                last_seq=last.seq if last else 0,
                last_hash=last.hash if last else GENESIS_HASH,
            )
    except IntegrityError:
        pass  # another writer created it first; its row is locked below
    return ChainHead.objects.select_for_update().get(pk=HEAD_PK)


def event_record(
    *,
    actor: str,
    action: str,
    obj_type: str,
    obj_id: str | int,
    data: dict | None = None,
    office_code: str = "",
    at: datetime | None = None,
) -> Event:
    """Append one event to the chain. Must run inside the caller's transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("event_record must be called inside transaction.atomic()")
    if not actor or not action or not obj_type or obj_id in ("", None):
        raise ValueError("actor, action, obj_type and obj_id are required")
    head = _lock_head()
    fields = {
        "seq": head.last_seq + 1,
        "at": at or timezone.now(),
        "actor": actor,
        "office_code": office_code or "",
        "action": action,
        "object_type": obj_type,
        "object_id": str(obj_id),
        "data": normalise_data(data),
    }
    event = Event.objects.create(prev_hash=head.last_hash, hash=chain_hash(head.last_hash, fields), **fields)
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str = ""
    head_hash: str = ""  # hash of the newest verified event: record it elsewhere to anchor the chain


def _check_event(event: Event, expected_seq: int, prev_hash: str) -> str:
    """Why this event breaks the chain, or "" when it is sound."""
    if event.seq != expected_seq:
        return f"expected seq {expected_seq}, found {event.seq}: events missing or reordered"
    if event.prev_hash != prev_hash:
        return "prev_hash does not match the previous event's hash"
    fields = {
        name: getattr(event, name)
        for name in ("seq", "at", "actor", "office_code", "action", "object_type", "object_id", "data")
    }
    if chain_hash(prev_hash, fields) != event.hash:
        return "hash does not match the event's content (edited)"
    return ""


def chain_verify() -> VerifyResult:
    """Recompute the whole chain; report the first event that does not fit."""
    prev_hash, count = GENESIS_HASH, 0
    for event in Event.objects.order_by("seq").iterator(chunk_size=2000):
        reason = _check_event(event, count + 1, prev_hash)
        if reason:
            return VerifyResult(False, count, min(event.seq, count + 1), reason)
        prev_hash, count = event.hash, count + 1
    head = ChainHead.objects.filter(pk=HEAD_PK).first()
    if head is not None and (head.last_seq, head.last_hash) != (count, prev_hash):
        return VerifyResult(
            False, count, count + 1, f"chain head records {head.last_seq} events: the newest were removed"
        )
    return VerifyResult(True, count, head_hash=prev_hash)
