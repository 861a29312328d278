"""The scheduler's lease: one holder at a time, taken over when it expires, on both engines."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from netra.notifications.models import Lease
from netra.notifications.scheduler import LEASE, tick
from netra.notifications.services.lease import lease_acquire, lease_release

pytestmark = pytest.mark.django_db


def test_one_holder_at_a_time_until_the_lease_expires():
    at = timezone.now()
    assert lease_acquire(name=LEASE, holder="a", seconds=30, at=at)
    assert not lease_acquire(name=LEASE, holder="b", seconds=30, at=at + timedelta(seconds=10))
    assert lease_acquire(name=LEASE, holder="a", seconds=30, at=at + timedelta(seconds=20))  # renewal
    assert not lease_acquire(name=LEASE, holder="b", seconds=30, at=at + timedelta(seconds=45))
    assert lease_acquire(name=LEASE, holder="b", seconds=30, at=at + timedelta(seconds=51))  # a died
    assert Lease.objects.get(name=LEASE).holder == "b"


def test_a_released_lease_is_free_at_once():
    at = timezone.now()
    lease_acquire(name=LEASE, holder="a", seconds=300, at=at)
    lease_release(name=LEASE, holder="a", at=at)
    assert lease_acquire(name=LEASE, holder="b", seconds=300, at=at + timedelta(seconds=1))


def test_only_the_holder_enqueues(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    assert tick("worker-1", 60) is True
    assert tick("worker-2", 60) is False
    assert tick("worker-1", 60) is True
    # two beats of the holder, each enqueueing every scheduled task (reminders, follow-up escalation)
    assert len(default_task_backend.results) == 2 * len(settings.NETRA_SCHEDULED_TASKS)
    default_task_backend.clear()


def _ticks() -> set:
    return set(Lease.objects.filter(name=LEASE).values_list("last_tick_at", flat=True)) - {None}


def _ticks_while_running() -> set:
    """The beats seen so far; on SQLite's shared-cache in-memory test database a read that meets the
    scheduler thread's write fails with 'table is locked' instead of waiting (a database file waits):
    that read sees nothing and the loop reads again."""
    from django.db import OperationalError

    try:
        return _ticks()
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        return set()


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_thread_beats_and_gives_the_lease_up_when_stopped(settings):
    # The dummy backend keeps what is enqueued per thread; the lease row shows the beats.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from netra.notifications.scheduler import ReminderScheduler

    scheduler = ReminderScheduler(interval=0.2)
    scheduler.start()
    seen: set = set()
    try:
        deadline = time.monotonic() + 30
        while len(seen) < 2 and time.monotonic() < deadline:
            seen |= _ticks_while_running()
            time.sleep(0.05)
    finally:
        scheduler.stop()
        scheduler.join(timeout=30)

    assert len(seen) >= 2  # it beat at least twice
    assert Lease.objects.get(name=LEASE).holder == ""  # and gave the lease up


def test_the_scheduled_tasks_are_named_in_settings(settings):
    from netra.cases.tasks import followup_escalate
    from netra.monitoring.tasks import pipeline_sweep
    from netra.monitoring.tasks_feeds import feeds_fetch_due
    from netra.notifications.scheduler import scheduled_tasks
    from netra.notifications.tasks import reminders_send

    assert scheduled_tasks() == [reminders_send, followup_escalate, pipeline_sweep, feeds_fetch_due]
    settings.NETRA_SCHEDULED_TASKS = [
        "netra.notifications.tasks.reminders_send",
        "tests.core.sample_tasks.square",
    ]
    assert [task.name for task in scheduled_tasks()] == ["reminders_send", "square"]
