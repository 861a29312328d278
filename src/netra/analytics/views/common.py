"""What every analytics page shares: the scope form and a figure's table rows with their links."""

from dataclasses import dataclass

from netra.analytics import selectors
from netra.analytics.forms import ScopeForm
from netra.analytics.render.charts import Bar, bar_chart, drill_url
from netra.analytics.selectors.stats import StatRow, Stats
from netra.cases.selectors import election_list

TABLE_ROWS = 20  # the longest tables (agencies, violation types) show their top rows; CSV has all
OUTCOME_MEASURES = ("proven", "recommended", "sanctioned")


@dataclass
class Figure:
    """One statistic as the page shows it: chart, table rows with drill-down links, export links."""

    by: str
    title: str
    chart: str
    rows: list[dict]
    total: StatRow
    more: int  # rows left out of the table (in the CSV)
    query: str
    scope: str = ""  # the region the figure covers (the asked one, else the office's territory)


def scope(request, form_class=ScopeForm, **extra):
    """(form, region, election) from the query string; an invalid form means the whole scope."""
    form = form_class(request.GET or None, elections=election_list(active_only=False), **extra)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data.get("region") or "", form.cleaned_data.get("election")
    return form, "", None


def _links(row: StatRow) -> dict:
    links = {"cases": drill_url(row.filters)}
    for measure in OUTCOME_MEASURES:
        usable = row.filters and "outcome" not in row.filters
        links[measure] = drill_url({**row.filters, "outcome": measure}) if usable else ""
    return links


def figure(stats: Stats, title: str, query: str, chart_rows: int = 15) -> Figure:
    rows = stats.rows
    bars = [Bar(r.label, r.cases, drill_url(r.filters)) for r in rows[:chart_rows]]
    table = [{"row": r, "links": _links(r)} for r in rows[:TABLE_ROWS]]
    chart = bar_chart(f"chart-{stats.by}", title, bars)
    more = max(0, len(rows) - TABLE_ROWS) + stats.omitted
    return Figure(stats.by, title, chart, table, stats.total, more, query, stats.region)


def stats_figure(user, by: str, region: str, election, query: str) -> Figure:
    found = selectors.case_stats_for(user, by=by, region=region, election=election, top=TABLE_ROWS)
    return figure(found, found.title, query, chart_rows=24 if by == "month" else 15)
