"""Background work for analytics: interfaces only, each calls one service (style rule 6).

Scheduled from cron (``netra analytics refresh --enqueue`` then the worker, docs/analytics.md)."""

from django_tasks import task

from netra.analytics import services


@task()
def tally_refresh() -> dict:
    """Recount the pre-aggregated statistics (idempotent)."""
    run = services.tally_refresh()
    return {"cases": run.cases, "seconds": run.seconds}


@task()
def tally_regions_refresh(region_codes: list[str], office_ids: list[int]) -> dict:
    """Recount the tally rows of these regions and offices after a case changed (idempotent)."""
    return {"rows": services.tally_regions_refresh(region_codes=region_codes, office_ids=office_ids)}


@task()
def index_refresh(election_id: int | None = None) -> dict:
    """Recompute the vulnerability index of every region for one election (idempotent)."""
    return {"regions": services.index_refresh(election_id=election_id)}
