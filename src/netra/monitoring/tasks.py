"""Background work for monitoring: interfaces only, each calls the pipeline (style rule 6)."""

import math

from django.conf import settings
from django_tasks import task

from netra.core.taskqueue import enqueue_on_commit

SWEEP_MAX_TASKS = 4  # batches a sweep enqueues at most: a backlog is drained by the queued tasks


@task()
def pipeline_run() -> dict:
    """Claim one batch of due items and run it through the pipeline (idempotent: a batch nobody is
    due for is an empty claim)."""
    from netra.monitoring.pipeline import run_one_batch

    return run_one_batch()


@task()
def pipeline_sweep() -> dict:
    """Return items whose worker died (lease expired) to pending, and enqueue work for due items
    (retries whose back-off has passed, or items whose task was lost). Idempotent; scheduled."""
    from netra.monitoring.services import pipeline_queue as queue

    swept = queue.sweep()
    due = queue.due_count()
    batches = min(SWEEP_MAX_TASKS, math.ceil(due / settings.NETRA_MONITOR_BATCH))
    for _ in range(batches):
        pipeline_run.enqueue()
    return {**swept, "due": due, "enqueued": batches}


def pipeline_schedule(count: int) -> None:
    """Enqueue one ``pipeline_run`` per batch of ``count`` new items when the transaction commits."""
    for _ in range(math.ceil(max(0, count) / settings.NETRA_MONITOR_BATCH)):
        enqueue_on_commit(pipeline_run)
