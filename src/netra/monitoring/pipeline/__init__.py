"""The monitoring pipeline: new items go through normalisation, the language filter, near-duplicate
clustering, the roster match of their author, their region and competent office, scoring and priority,
in batches claimed from the ``Item`` table (``queue``), on the ``django_tasks`` API (``tasks``).

* ``netra.monitoring.tasks.pipeline_schedule(count)`` (called by ingest inside its transaction)
  enqueues one ``pipeline_run`` task per ``NETRA_MONITOR_BATCH`` new items, once it commits.
* ``process_pending(limit)`` runs due work in the calling process (``netra monitor process --wait``,
  tests, the demo) and returns how many items it completed.
* ``run_one_batch()`` is what a task does: claim one batch, process it.
"""

from __future__ import annotations

from django.conf import settings

from netra.monitoring.services import pipeline_queue as queue


def run_one_batch(limit: int | None = None, *, hooks: dict | None = None) -> dict[str, int]:
    from netra.monitoring.pipeline.run import process_claim

    claim = queue.claim(limit)
    counts = process_claim(claim, hooks=hooks)
    return {"claimed": len(claim.ids), **counts}


def process_pending(limit: int | None = None, *, hooks: dict | None = None) -> int:
    """Process due items in the foreground until none is due (or ``limit`` items were completed);
    expired leases are swept first. Returns the number of items completed."""
    queue.sweep()
    done = 0
    while limit is None or done < limit:
        size = (
            settings.NETRA_MONITOR_BATCH if limit is None else min(settings.NETRA_MONITOR_BATCH, limit - done)
        )
        counts = run_one_batch(size, hooks=hooks)
        if not counts["claimed"]:
            break
        done += counts["done"]
    return done
