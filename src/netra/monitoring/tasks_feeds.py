"""Background work for news feeds: an interface only, it calls one service (style rule 6).

``feeds_fetch_due`` is in ``NETRA_SCHEDULED_TASKS``: every scheduler beat of ``netra worker`` enqueues
it, and it fetches the feed sources that are due (idempotent: a source not due is left alone, one that
is due is claimed before it is fetched).
"""

from django_tasks import task

from netra.monitoring.services.feeds import fetch_due_feeds


@task()
def feeds_fetch_due() -> dict:
    results = fetch_due_feeds()
    return {
        "fetched": len(results),
        "new": sum(result.new for result in results),
        "errors": sum(1 for result in results if result.status == "error"),
    }
