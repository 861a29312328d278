"""Reading monitoring sources for a user: the sources of the offices in the user's territory, with
their item counts and pipeline state (one grouped query for the page). Outside it: 404."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, QuerySet
from django.http import Http404

from netra.accounts.scoping import is_supervisor, region_subtree_q
from netra.monitoring.models import Item, Lease, Source


def source_list_for(user) -> QuerySet[Source]:
    if not is_supervisor(user):
        return Source.objects.none()
    return (
        Source.objects.filter(region_subtree_q(user.office.region_code, "office__region_code"))
        .select_related("office", "election")
        .order_by("office__region_code", "name", "pk")
    )


def source_get_for(user, source_id: int) -> Source:
    source = source_list_for(user).filter(pk=source_id).first()
    if source is None:
        raise Http404
    return source


def pipeline_counts(source_ids: list[int]) -> dict[int, dict[str, int]]:
    """{source id: {state: items, ..., "running": items, "total": items}} for the given sources, two
    queries. "running" is not a state: waiting items a worker holds by a live lease, counted apart."""
    blank = {**{state: 0 for state in Item.State.values}, "running": 0}
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict(blank))
    rows = Item.objects.filter(source_id__in=source_ids).order_by().values("source_id", "state")
    for row in rows.annotate(n=Count("pk")):
        counts[row["source_id"]][row["state"]] = row["n"]
    held = rows.filter(pk__in=Lease.held_ids(), state__in=Item.WAITING).annotate(n=Count("pk"))
    for row in held:
        counts[row["source_id"]][row["state"]] -= row["n"]
        counts[row["source_id"]]["running"] += row["n"]
    return {
        source_id: {**counts[source_id], "total": sum(counts[source_id].values())} for source_id in source_ids
    }
