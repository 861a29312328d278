"""A lease row per singleton job: whoever holds an unexpired lease runs the job, the others wait.

Taken by compare-and-swap (an UPDATE that matches only a free or expired lease, or the holder's own),
which needs no advisory lock and behaves the same on SQLite and PostgreSQL. A holder that dies stops
renewing; its lease expires and another process takes over. These rows are machinery, not a record
of anybody's act, so they write no audit event (the reminders each run creates are audited).
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q

from netra.notifications.models import Lease


def _ensure(name: str, at: datetime) -> None:
    if Lease.objects.filter(name=name).exists():
        return
    try:
        with transaction.atomic():
            Lease.objects.create(name=name, holder="", expires_at=at - timedelta(seconds=1))
    except IntegrityError:
        pass  # another process created it first


def lease_acquire(*, name: str, holder: str, seconds: float, at: datetime) -> bool:
    """Take or renew the lease ``name`` for ``holder`` until ``at + seconds``; False when another
    holder's lease has not expired."""
    _ensure(name, at)
    free = Q(holder=holder) | Q(expires_at__lt=at) | Q(holder="")
    taken = Lease.objects.filter(free, name=name).update(
        holder=holder, expires_at=at + timedelta(seconds=seconds)
    )
    return taken == 1


def lease_tick(*, name: str, holder: str, at: datetime) -> None:
    """Record that the holder ran the job at ``at`` (operators see the scheduler is alive)."""
    Lease.objects.filter(name=name, holder=holder).update(last_tick_at=at)


def lease_release(*, name: str, holder: str, at: datetime) -> None:
    """Give the lease up at once (a clean shutdown), so another process need not wait for expiry."""
    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=at)
