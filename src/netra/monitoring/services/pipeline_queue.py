"""The pipeline's work queue: waiting items in the ``Item`` table, held by leases in ``Lease``.

* An item is *due* while its state is pending or failed and ``next_attempt_at`` has passed (a
  pending item's is its arrival). ``claim`` takes up to ``limit`` due items that no live lease holds,
  oldest first, and records them in one new ``Lease`` row: the claim writes nothing to the items. (It
  used to mark each item "running": a new row version and an entry in each of the item's indexes per
  claimed item, then a row lock per item to finish.) Claims take turns (a transaction-level advisory
  lock on PostgreSQL, SQLite's IMMEDIATE transactions), a few milliseconds each.
* Completing an item is its move from a waiting state to done (``services.pipeline_write``), which
  happens once: a second writer's ``UPDATE ... WHERE state IN (waiting)`` matches nothing, and a
  batch that cannot complete all its items is rolled back whole. A worker whose lease was swept
  (presumed dead) stops before writing.
* An expired lease frees its items by itself. ``sweep`` deletes expired leases, counts the attempt
  against their items and parks those that used all their attempts (an item that kills its worker
  every time must not kill every worker forever). ``release`` deletes a lease once its batch is done.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from netra.monitoring.models import Item, Lease

BACKOFF_BASE = 30  # seconds before the first retry; doubled on each further attempt
BACKOFF_MAX = 3600
WAITING = Item.WAITING
LEASE_EXPIRED = "Batas waktu pemrosesan habis berulang kali (pekerja berhenti saat memproses butir ini)."
CLAIM_LOCK = 0x6E657472  # the advisory lock claims take turns on ("netr")


@dataclass(frozen=True)
class Claim:
    ids: list[int]
    lease_until: dt.datetime
    lease_id: int | None = None


def _due(now: dt.datetime):
    return Item.objects.filter(state__in=WAITING, next_attempt_at__lte=now)


def claim(limit: int | None = None, *, now: dt.datetime | None = None) -> Claim:
    """Take a batch of due items for this worker; an empty claim when nothing is due."""
    limit = limit or settings.NETRA_MONITOR_BATCH
    now = now or timezone.now()
    lease_until = now + dt.timedelta(seconds=settings.NETRA_MONITOR_LEASE)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CLAIM_LOCK])
        held = Lease.held_ids(now)
        due = _due(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)
        ids = [pk for pk in due[: limit + len(held)] if pk not in held][:limit]
        if not ids:
            return Claim(ids=[], lease_until=lease_until)
        lease = Lease.objects.create(until=lease_until, item_ids=sorted(ids))
    return Claim(ids=sorted(ids), lease_until=lease_until, lease_id=lease.pk)


def holds(claim_: Claim, *, lock: bool = False) -> bool:
    """Whether the claim's lease still stands (not swept as a dead worker's). With ``lock`` (inside
    the caller's transaction) a sweep waits until the caller's write is committed."""
    if claim_.lease_id is None:
        return False
    qs = Lease.objects.filter(pk=claim_.lease_id)
    if lock and connection.vendor == "postgresql":
        qs = qs.select_for_update()
    return qs.exists()


def held(claim_: Claim, ids: list[int] | None = None):
    """The claim's items (or those of ``ids``) still waiting, while its lease stands."""
    if not holds(claim_):
        return Item.objects.none()
    return Item.objects.filter(pk__in=claim_.ids if ids is None else ids, state__in=WAITING)


def release(claim_: Claim) -> None:
    """The batch is over (done, failed or parked item by item): its lease goes."""
    if claim_.lease_id is not None:
        Lease.objects.filter(pk=claim_.lease_id).delete()


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(BACKOFF_MAX, BACKOFF_BASE * 2 ** max(0, attempts - 1)))


def fail(claim_: Claim, ids: list[int], error: str, *, now: dt.datetime | None = None) -> tuple[int, int]:
    """Items that failed: retried after an exponential back-off, parked after the last attempt.
    Returns (retried, parked)."""
    now = now or timezone.now()
    error = error[:4000]
    retried = parked = 0
    with transaction.atomic():
        if not holds(claim_, lock=True):
            return 0, 0
        rows = list(Item.objects.filter(pk__in=ids, state__in=WAITING).only("pk", "attempts"))
        for item in rows:
            item.attempts += 1
            if item.attempts >= settings.NETRA_MONITOR_MAX_ATTEMPTS:
                item.state, item.next_attempt_at = Item.State.PARKED, None
                parked += 1
            else:
                item.state, item.next_attempt_at = Item.State.FAILED, now + backoff(item.attempts)
                retried += 1
            item.error = error
        Item.objects.bulk_update(rows, ["state", "next_attempt_at", "error", "attempts"], batch_size=500)
    return retried, parked


def sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete expired leases (a dead worker's): each counts as an attempt of its items; items out of
    attempts are parked, the others are due again. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        leases = Lease.objects.filter(until__lt=now)
        if connection.vendor == "postgresql":
            leases = leases.select_for_update(skip_locked=True)  # a lease being written is not dead
        expired = {pk: ids for pk, ids in leases.values_list("pk", "item_ids")}
        if not expired:
            return {"returned": 0, "parked": 0}
        lost = Counter(pk for ids in expired.values() for pk in ids)
        for times in set(lost.values()):
            Item.objects.filter(pk__in=[pk for pk, n in lost.items() if n == times]).update(
                attempts=F("attempts") + times
            )
        waiting = Item.objects.filter(pk__in=list(lost), state__in=WAITING)
        parked = waiting.filter(attempts__gte=settings.NETRA_MONITOR_MAX_ATTEMPTS).update(
            state=Item.State.PARKED, next_attempt_at=None, error=LEASE_EXPIRED
        )
        returned = waiting.count()
        Lease.objects.filter(pk__in=list(expired)).delete()
    return {"returned": returned, "parked": parked}


def due_count(*, now: dt.datetime | None = None) -> int:
    """Due items, held ones included (a count from the index alone; a task for a held batch is an
    empty claim)."""
    return _due(now or timezone.now()).count()
