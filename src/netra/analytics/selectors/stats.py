"""Statistics of cases for a user, scoped like the case list (``netra.accounts.scoping``).

Two ways to count, one answer: national and provincial scopes read the pre-aggregated
``CaseTally`` (rebuilt by ``services.tally_refresh``; each row is already restricted by the same
rules), every narrower scope counts the live rows with one grouped query. Both group the same
dimensions and return the same rows (tests/analytics/test_stats.py compares them).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone

from netra.accounts.models import Office
from netra.accounts.scoping import VIEW, is_staff, region_subtree_q, region_within, restrict
from netra.analytics import labels
from netra.analytics.dimensions import DIMENSIONS
from netra.analytics.grouping import child_length, live_key, outcome_counts, with_outcomes
from netra.analytics.models import CaseTally, TallyRun
from netra.cases.models import Case
from netra.law import catalogue, regioncode

# The operator at the server (the CLI without --user) reads everything; no view reaches it.
PUBLIC_READERS = ("case_stats_all", "case_export_all", "latest_tally_run", "tally_answers")
MEASURES = ("cases", "proven", "recommended", "sanctioned")
ORDERED_BY_KEY = ("region", "month")  # shown in their own order, never cut to the largest
TALLY_REGION_LENGTH = 5  # CaseTally keeps region codes to kabupaten/kota level
# Case list filter of each dimension: a figure's drill-down link lands on the cases it counts.
DRILL_FILTER = {
    "region": "region",
    "type": "violation",
    "indicator": "indicator",
    "subject": "subject_type",
    "agency": "agency",
    "stage": "status",
    "source": "kind",
    "election": "election",
    "month": "month",
    "sanction": "sanction",
}
# Which CaseTally dimension answers each statistic (region and election group the totals).
TALLY_DIMENSION = {"region": "total", "election": "total", "indicator": "type"}


@dataclass
class StatRow:
    key: str
    label: str
    cases: int = 0
    proven: int = 0
    recommended: int = 0
    sanctioned: int = 0
    filters: dict[str, str] = field(default_factory=dict)  # case list query of this row's cases


@dataclass
class Stats:
    by: str
    rows: list[StatRow]
    region: str = ""
    election: int | None = None
    from_tally: bool = False
    refreshed_at: datetime | None = None
    omitted: int = 0  # rows left out by ``top`` (counted in ``total``)
    omitted_sums: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return labels.dimension_label(self.by)

    @property
    def total(self) -> StatRow:
        return StatRow(
            "", "", *(sum(getattr(r, m) for r in self.rows) + self.omitted_sums.get(m, 0) for m in MEASURES)
        )


def _scope_of(user, region: str = "") -> str:
    """The narrowest region the statistics cover: the asked region, else the office's territory."""
    office: Office | None = user.office if is_staff(user) else None
    own = office.region_code if office is not None and office.is_supervisory else ""
    return region.strip() or own


# Live counting -------------------------------------------------------------------------------


def _narrow(qs: QuerySet, region: str, election: int | None) -> QuerySet:
    if region:
        qs = qs.filter(region_subtree_q(region))
    if election:
        qs = qs.filter(election_id=election)
    return qs


def _live(cases: QuerySet, by: str, region: str, election: int | None) -> list[dict]:
    expression, joins = live_key(by, region)
    qs = with_outcomes(_narrow(cases, region, election)).order_by()
    return list(qs.annotate(group=expression).values("group").annotate(**outcome_counts(joins)))


# Pre-aggregated counting ------------------------------------------------------------------------


def latest_tally_run() -> TallyRun | None:
    """When the tallies were last rebuilt (None: never)."""
    return TallyRun.objects.first()


def tally_answers(office: Office | None, region: str) -> TallyRun | None:
    """The last tally run when it can answer this scope (national or provincial), else None."""
    if office is None or office.kind == Office.Kind.PPK or regioncode.level(region) > regioncode.PROVINSI:
        return None
    return latest_tally_run()


def _tally_usable(user, region: str) -> TallyRun | None:
    return tally_answers(user.office if is_staff(user) else None, region)


def _tally(tallies: QuerySet, by: str, region: str, election: int | None) -> list[dict]:
    level = 1 if region == "" else 2  # national: province rows; a province: its kabupaten rows
    qs = _narrow(tallies.filter(level=level, dimension=TALLY_DIMENSION.get(by, by)), region, election)
    key = {"region": Substr("region_code", 1, child_length(region)), "election": F("election_id")}.get(
        by, F("key")
    )
    sums = {m: Sum(m) for m in MEASURES}
    return list(qs.order_by().annotate(group=key).values("group").annotate(**sums).values("group", *MEASURES))


# Rows ------------------------------------------------------------------------------------------


def _key_text(by: str, key: Any) -> str:
    if key is None:
        return ""
    if by == "month":
        return f"{key:%Y-%m}" if hasattr(key, "year") else str(key)[:7]
    return str(key)


def _merge(by: str, raw: list[dict]) -> dict[str, dict[str, int]]:
    """Raw groups -> key -> measures; the indicator folds violation types into their indicator."""
    merged: dict[str, dict[str, int]] = {}
    for item in raw:
        key = _key_text(by, item["group"])
        if by == "indicator":
            key = _indicator(key)
        if by == "sanction" and key.endswith("|"):
            continue  # no follow-up recorded (or no class on it): nothing to compare
        sums = merged.setdefault(key, dict.fromkeys(MEASURES, 0))
        for m in MEASURES:
            sums[m] += int(item[m] or 0)
    return merged


def _indicator(violation_code: str) -> str:
    try:
        return catalogue.get(violation_code).indicator or "" if violation_code else ""
    except catalogue.UnknownViolation:
        return ""


def _rows(by: str, merged: dict[str, dict[str, int]], base: dict[str, str], scope: str) -> list[StatRow]:
    names = labels.for_keys(by, [k for k in merged if k])
    rows = []
    for key, sums in merged.items():
        filters = {**base, DRILL_FILTER[by]: key} if key else {}
        label = names.get(key, "") or labels.unknown(by, key)
        if by == "region" and key == scope:
            label = labels.own_level(label)  # cases of the scope's own level, not of a region below
            filters["region_only"] = "1"
        rows.append(StatRow(key, label, **sums, filters=filters))
    order = (lambda r: r.key) if by in ORDERED_BY_KEY else (lambda r: (-r.cases, r.label))
    return sorted(rows, key=order)


def _stats(
    raw: list[dict], by: str, region: str, scope: str, election: int | None, top: int | None = None
) -> Stats:
    base = {"region": region.strip()} if region.strip() else {}
    if election:
        base["election"] = str(election)
    merged = _merge(by, raw)
    kept, left_out = _largest(by, merged, top)
    rows = _rows(by, kept, base, scope)
    if top is not None and by not in ORDERED_BY_KEY:
        left_out += rows[top:]
        rows = rows[:top]
    sums = {m: sum(_measure(item, m) for item in left_out) for m in MEASURES}
    return Stats(by, rows, scope, election, omitted=len(left_out), omitted_sums=sums)


def _largest(by: str, merged: dict[str, dict[str, int]], top: int | None) -> tuple[dict, list]:
    """The groups that can be among the ``top`` largest (ties at the cut included, so the order by
    label stays exact), and the measures of the others: a national figure by agency has tens of
    thousands of groups, and naming them all took most of a second at a million cases."""
    if top is None or by in ORDERED_BY_KEY or len(merged) <= top:
        return merged, []
    floor = sorted((sums["cases"] for sums in merged.values()), reverse=True)[top - 1]
    kept = {key: sums for key, sums in merged.items() if sums["cases"] >= floor}
    return kept, [sums for sums in merged.values() if sums["cases"] < floor]


def _measure(item: StatRow | dict[str, int], measure: str) -> int:
    return item[measure] if isinstance(item, dict) else getattr(item, measure)


def _check(by: str) -> None:
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}")


def case_stats_checked_for(user, *, by: str, region: str = "", election: int | None = None) -> Stats:
    """``case_stats_for`` for the API: Http404 for an unknown region or election, and for a region
    outside a supervisory office's territory (out of jurisdiction and unknown are not told apart).
    BKN and a PPK may narrow their cases to any region."""
    from netra.cases.models import Election
    from netra.registry.models import Region

    code = region.strip()
    if code and not Region.objects.filter(code=code).exists():
        raise Http404
    office: Office | None = user.office if is_staff(user) else None
    if office is None or (office.is_supervisory and code and not region_within(code, office.region_code)):
        raise Http404
    if election is not None and not Election.objects.filter(pk=election).exists():
        raise Http404
    return case_stats_for(user, by=by, region=code, election=election)


def case_stats_for(
    user, *, by: str, region: str = "", election: int | None = None, top: int | None = None
) -> Stats:
    """Cases ``user`` may see, grouped ``by`` one of DIMENSIONS, with what became of them; with
    ``top``, only the ``top`` largest groups as rows (the rest in ``omitted`` and the total)."""
    _check(by)
    scope = _scope_of(user, region)
    run = _tally_usable(user, scope)
    if run is not None:
        raw = _tally(restrict(CaseTally.objects.all(), user, VIEW), by, scope, election)
    else:
        raw = _live(restrict(Case.objects.all(), user, VIEW), by, scope, election)
    stats = _stats(raw, by, region, scope, election, top)
    stats.from_tally, stats.refreshed_at = run is not None, run.finished_at if run else timezone.now()
    return stats


def count_cases(cases: QuerySet, *, by: str, region: str = "", election: int | None = None) -> Stats:
    """``cases`` (already restricted by the caller's selector) grouped ``by`` a dimension, live."""
    _check(by)
    return _stats(_live(cases, by, region, election), by, region, region, election)


def case_stats_all(*, by: str, region: str = "", election: int | None = None) -> Stats:
    """Every case, for the operator at the server (``netra stats`` without ``--user``); no view
    reaches it. Counted live: exact at any moment, whatever the tally's age."""
    _check(by)
    scope = region.strip()
    return _stats(_live(Case.objects.all(), by, scope, election), by, region, scope, election)


# Exports --------------------------------------------------------------------------------------


def case_export_all(*, region: str = "") -> QuerySet:
    """Every case (newest first), for the operator at the server (``netra export cases`` without
    ``--user``); a user's export goes through ``cases.selectors.case_list_for``."""
    qs = Case.objects.all()
    return (qs.filter(region_subtree_q(region)) if region else qs).order_by("-received_at", "-pk")
