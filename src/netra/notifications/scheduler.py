"""The periodic scheduler that runs inside ``netra worker``: every ``NETRA_REMINDER_INTERVAL``
seconds it enqueues the tasks of ``NETRA_SCHEDULED_TASKS`` (``reminders_send`` first) on the task
queue, if it holds the ``reminders`` lease.

Several workers may run (on several machines); each starts a scheduler thread, and the lease (a
database row taken by compare-and-swap, expiring after three intervals) lets exactly one of them
enqueue. If that worker dies, another takes the lease over once it expires. The task itself is
idempotent, so an extra run never sends a reminder twice.
"""

import logging
import os
import socket
import threading
import uuid

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.module_loading import import_string

from netra.notifications.services.lease import lease_acquire, lease_release, lease_tick

LEASE = "reminders"
log = logging.getLogger(__name__)


def holder_id() -> str:
    """This process, recognisably: host, process id and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def scheduled_tasks() -> list:
    """The tasks each beat enqueues, by dotted path (``NETRA_SCHEDULED_TASKS``): named, not imported,
    so the scheduler can run other apps' periodic work without depending on those apps."""
    return [import_string(path) for path in settings.NETRA_SCHEDULED_TASKS]


def tick(holder: str, interval: float) -> bool:
    """One beat: take or renew the lease, and if held enqueue the periodic tasks. True if enqueued."""
    at = timezone.now()
    if not lease_acquire(name=LEASE, holder=holder, seconds=interval * 3, at=at):
        return False
    for task in scheduled_tasks():
        task.enqueue()
    lease_tick(name=LEASE, holder=holder, at=at)
    return True


class ReminderScheduler(threading.Thread):
    """A daemon thread beside the worker; ``stop()`` ends it and gives the lease up."""

    def __init__(self, interval: float | None = None) -> None:
        super().__init__(name="netra-reminder-scheduler", daemon=True)
        self.interval = float(interval or settings.NETRA_REMINDER_INTERVAL)
        self.holder = holder_id()
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            try:
                tick(self.holder, self.interval)
            except Exception:  # a database hiccup must not kill the thread; the next beat retries
                log.exception("reminder scheduler tick failed")
            finally:
                close_old_connections()
            self._stopped.wait(self.interval)
        lease_release(name=LEASE, holder=self.holder, at=timezone.now())
        connection.close()

    def stop(self) -> None:
        self._stopped.set()
