"""The statistics dashboard: every figure of the user's jurisdiction, a chart and a table for each,
each number a link to the cases it counts."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from netra.analytics import selectors
from netra.analytics.forms import FIGURE_LABELS as labels
from netra.analytics.render import maps
from netra.analytics.render.charts import drill_url
from netra.analytics.views.common import scope, stats_figure

SECTIONS = (
    "region",
    "month",
    "type",
    "indicator",
    "subject",
    "agency",
    "stage",
    "source",
    "election",
    "sanction",
    "deadlines",
    "compliance",
)


def region_map(user, *, figure: str, region: str, election):
    """The map's areas below ``region`` and whether any boundary was imported."""
    regions = selectors.map_regions(region)
    if figure == "index":
        values = maps.index_values(selectors.region_index_list_for(user, parent=region, election=election))
    else:
        rows = selectors.case_stats_for(user, by="region", region=region, election=election).rows
        values = maps.stat_values(rows, figure)
    geometries = selectors.map_boundaries([r.code for r in regions]) if regions else {}
    return maps.areas(regions, values, geometries, figure=figure, election=election), bool(geometries)


def _query(region: str, election) -> str:
    return urlencode({k: v for k, v in (("region", region), ("election", election or "")) if v})


@login_required
@require_GET
def dashboard(request):
    """The totals, the map and the regions at once; the other figures load each in its own request
    (htmx, ``hx-trigger="load"``; without script, each is a link to its own page)."""
    form, region, election = scope(request)
    query = _query(region, election)
    figures = [stats_figure(request.user, "region", region, election, query)]
    parent = selectors.map_parent(figures[0].scope)  # the map of the regions below the figures' scope
    areas, has_boundaries = region_map(request.user, figure="cases", region=parent, election=election)
    context = {
        "form": form,
        "figures": figures,
        "total": figures[0].total,
        "region": region,
        "election": election,
        "query": query,
        "lazy": [(by, labels[by]) for by in SECTIONS[1:]],
        "refreshed": selectors.latest_tally_run(),
        "map": maps.choropleth(areas, "")[0] if has_boundaries else maps.tile_grid(areas, ""),
        "has_boundaries": has_boundaries,
    }
    return render(request, "analytics/dashboard.html", context)


@login_required
@require_GET
def figure(request, by: str):
    """One figure of the dashboard: the fragment htmx asks for, or a page of its own without script."""
    if by not in SECTIONS:
        raise Http404
    form, region, election = scope(request)
    query = _query(region, election)
    context: dict[str, object]
    if by == "deadlines":
        context = {"deadlines": selectors.deadline_compliance_for(request.user), "query": query}
        template = "analytics/_deadlines.html"
    elif by == "compliance":
        rows = selectors.ppk_compliance_for(request.user, region=region)
        links = [
            (row, drill_url({**row.filters, "region": region} if region else row.filters)) for row in rows
        ]
        context = {"compliance": links, "query": query}
        template = "analytics/_compliance.html"
    else:
        context = {"fig": stats_figure(request.user, by, region, election, query), "query": query}
        template = "analytics/_figure_section.html"
    if request.headers.get("HX-Request") != "true":
        context |= {"form": form, "fragment": template}
        template = "analytics/figure.html"
    return render(request, template, context)
