"""One batch through every stage in memory, then one write (``services.pipeline_write``). A batch
that fails is retried item by item, so one bad item cannot hold back the others; an item that still
fails gets back-off and, after its last attempt, is parked (``services.pipeline_queue``)."""

from __future__ import annotations

import logging
import traceback

from netra.monitoring.models import Source
from netra.monitoring.pipeline import stages
from netra.monitoring.pipeline.stages import BatchWrites, OfficeMap, Work
from netra.monitoring.services import pipeline_queue as queue

log = logging.getLogger(__name__)


def process_claim(claim: queue.Claim, *, hooks: dict | None = None) -> dict[str, int]:
    """Run the claimed items through the pipeline; returns {"done", "retried", "parked"}."""
    counts = {"done": 0, "retried": 0, "parked": 0}
    if not claim.ids:
        return counts
    try:
        _process(claim, counts, hooks or {})
    finally:  # not reached when the process dies: the lease then expires and the sweeper counts it
        queue.release(claim)
    return counts


def _process(claim: queue.Claim, counts: dict[str, int], hooks: dict) -> None:
    try:
        counts["done"] += _run(claim, claim.ids, hooks)
        return
    except Exception:  # one bad item, a deadlock...: retry one by one below
        log.exception("monitoring batch of %d items failed; retrying item by item", len(claim.ids))
    for item_id in claim.ids:
        try:
            counts["done"] += _run(claim, [item_id], hooks)
        except Exception as error:
            log.exception("monitoring item %s failed", item_id)
            message = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}"
            retried, parked = queue.fail(claim, [item_id], message)
            counts["retried"] += retried
            counts["parked"] += parked


def _run(claim: queue.Claim, ids: list[int], hooks: dict) -> int:
    items = list(queue.held(claim, ids).order_by("pk"))
    if not items:
        return 0
    # A batch has a handful of sources: one query for them (select_related built three objects a row).
    sources = Source.objects.select_related("office").in_bulk({item.source_id for item in items})
    for item in items:
        item.source = sources[item.source_id]
    batch = [Work(item) for item in items]
    writes = BatchWrites()
    stages.normalise(batch)
    stages.language(batch)
    stages.cluster(batch, writes)
    stages.author(batch, search=hooks.get("search"))
    stages.region(batch, OfficeMap())
    stages.score(batch, config_for=hooks.get("config_for"))
    if "before_write" in hooks:  # tests: a worker killed between the stages and the write
        hooks["before_write"](batch)
    from netra.monitoring.services.pipeline_write import batch_write

    return batch_write(claim, batch, writes)
