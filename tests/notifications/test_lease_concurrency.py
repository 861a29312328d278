"""Two schedulers racing for the lease at the same moment on PostgreSQL: exactly one wins."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from netra.notifications.models import Lease
from netra.notifications.services.lease import lease_acquire

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql(reason="needs concurrent PostgreSQL connections"),
]


def test_racing_schedulers_one_wins():
    at = timezone.now()
    lease_acquire(name="reminders", holder="old", seconds=0, at=at)  # the row exists, already expired
    start, results = threading.Barrier(4), {}

    def contend(holder: str) -> None:
        try:
            start.wait()
            later = at + timedelta(seconds=1)
            results[holder] = lease_acquire(name="reminders", holder=holder, seconds=60, at=later)
        finally:
            connection.close()

    threads = [threading.Thread(target=contend, args=(f"worker-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [holder for holder, won in results.items() if won]
    assert len(results) == 4 and len(winners) == 1
    assert Lease.objects.get(name="reminders").holder == winners[0]
