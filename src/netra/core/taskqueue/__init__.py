"""Background work through the ``django_tasks`` API, whichever backend the environment selects.

Tasks are interfaces, not logic: a task loads its object by ID and calls one service, it is idempotent,
and it is enqueued with ``enqueue_on_commit`` so a worker never sees a row the request rolled back.
"""

from functools import partial
from typing import Any

from django.db import transaction

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
BROKER_BACKEND = "django_tasks_rq.RQBackend"


def enqueue_on_commit(task: Any, *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """Enqueue ``task(*args, **kwargs)`` once the current transaction (of database ``using``) commits.

    Outside a transaction it enqueues at once. Arguments must be JSON-serialisable IDs and values.
    """
    transaction.on_commit(partial(task.enqueue, *args, **kwargs), using=using, robust=False)
