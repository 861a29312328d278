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

from netra.audit.canonical import HASHED_FIELDS, chain_hash, normalise_data
from netra.audit.checkpoints import (
    Checkpoint,
    CheckpointError,
    checkpoint_append,
    checkpoint_sign,
    checkpoints_read,
)
from netra.audit.models import GENESIS_HASH, ChainHead, Event

HEAD_PK = 1


class ChainHeadMissing(Exception):
    """Events exist but the chain head is gone: someone removed it (and perhaps the newest events)."""


def _lock_head() -> ChainHead:
    """Lock the chain head, creating it the first time (an empty log).

    A missing head beside existing events is tampering: rebuilding it from the newest remaining event
    would hide the events removed with it, so writers refuse until the operator restores the log.
    """
    head = ChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is not None:
        return head
    # Insert first, then look for events: a first writer's uncommitted head makes this INSERT wait
    # for its commit (then IntegrityError), so its events are never mistaken for a removed head.
    try:
        with transaction.atomic():
            ChainHead.objects.create(pk=HEAD_PK, last_seq=0, last_hash=GENESIS_HASH)
            if Event.objects.exists():
                raise ChainHeadMissing(
                    "the audit chain head is missing while events exist: run `netra audit verify` and "
                    "restore the audit tables from a backup"
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
    head_hash: str = ""  # hash of the newest verified event
    checkpoint_seq: int | None = None  # the signed checkpoint the chain was compared with, if any


def _check_event(event: Event, expected_seq: int, prev_hash: str) -> str:
    """Why this event breaks the chain, or "" when it is sound."""
    if event.seq != expected_seq:
        return f"expected seq {expected_seq}, found {event.seq}: events missing or reordered"
    if event.prev_hash != prev_hash:
        return "prev_hash does not match the previous event's hash"
    fields = {name: getattr(event, name) for name in HASHED_FIELDS}
    if chain_hash(prev_hash, fields) != event.hash:
        return "hash does not match the event's content (edited)"
    return ""


def _walk(head: ChainHead | None, anchor: Checkpoint | None) -> VerifyResult:
    """Recompute the chain up to the head read beforehand (later appends are not this run's business)."""
    prev_hash, count = GENESIS_HASH, 0
    events = Event.objects.order_by("seq")
    if head is not None:
        events = events.filter(seq__lte=head.last_seq)
    for event in events.iterator(chunk_size=2000):
        reason = _check_event(event, count + 1, prev_hash)
        if reason:
            return VerifyResult(False, count, min(event.seq, count + 1), reason)
        if anchor is not None and event.seq == anchor.seq and event.hash != anchor.head_hash:
            reason = "differs from the signed checkpoint: the chain was rewritten"
            return VerifyResult(False, count, event.seq, reason)
        prev_hash, count = event.hash, count + 1
    return VerifyResult(True, count, head_hash=prev_hash)


def _head_problem(head: ChainHead | None, count: int, prev_hash: str) -> str:
    if head is None:
        return "the chain head is missing: the newest events may have been removed with it" if count else ""
    if (head.last_seq, head.last_hash) != (count, prev_hash):
        return f"chain head records {head.last_seq} events: the newest were removed"
    return ""


def _beyond_head_problem(head: ChainHead | None) -> str:
    """Events past the head: appends that committed since the head was read move the head with them
    (same transaction), so a head re-read now that is still behind the newest event was moved back."""
    if head is None:
        return ""
    newest = (
        Event.objects.filter(seq__gt=head.last_seq).order_by("-seq").values_list("seq", flat=True).first()
    )
    if newest is None:
        return ""
    current = ChainHead.objects.filter(pk=HEAD_PK).values_list("last_seq", flat=True).first()
    if current is None or current < newest:
        return f"event #{newest} lies beyond the chain head (#{current}): the head was moved back"
    return ""


def _checkpoint_problem(anchor: Checkpoint | None, count: int) -> str:
    if anchor is not None and count < anchor.seq:
        return (
            f"the signed checkpoint of {anchor.at} records {anchor.seq} events, the database holds "
            f"{count}: events were removed (or the tables emptied)"
        )
    return ""


def chain_verify() -> VerifyResult:
    """Recompute the whole chain; check it against its head and the newest signed checkpoint.

    Reports the first event that does not fit, a missing or disagreeing head, and a chain shorter
    than (or different from) what the newest checkpoint signed.
    """
    try:
        checkpoints = checkpoints_read()
    except CheckpointError as error:
        return VerifyResult(False, 0, None, f"checkpoints cannot be trusted: {error}")
    anchor = checkpoints[-1] if checkpoints else None
    head = ChainHead.objects.filter(pk=HEAD_PK).first()
    walked = _walk(head, anchor)
    if not walked.ok:
        return walked
    count, prev_hash = walked.count, walked.head_hash
    problem = (
        _head_problem(head, count, prev_hash)
        or _beyond_head_problem(head)
        or _checkpoint_problem(anchor, count)
    )
    if problem:
        return VerifyResult(False, count, count + 1, problem)
    return VerifyResult(True, count, head_hash=prev_hash, checkpoint_seq=anchor.seq if anchor else None)


def checkpoint_write() -> Checkpoint:
    """Verify the chain, then sign its count and newest hash and append them to the checkpoint file.

    Raises CheckpointError when the chain is broken (a checkpoint must never bless a tampered log)
    or the signing key is missing.
    """
    result = chain_verify()
    if not result.ok:
        raise CheckpointError(f"the chain is broken at seq {result.first_bad_seq}: {result.reason}")
    checkpoint = checkpoint_sign(result.count, result.head_hash)
    checkpoint_append(checkpoint)
    return checkpoint
