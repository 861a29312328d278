"""Counts that stay cheap at a million rows: exact up to a bound, the planner's estimate beyond it.

An exact COUNT(*) of a national list scans every matching row (about a second at one million cases)
to print one number nobody needs to the unit. Up to ``EXACT_UP_TO`` rows the count is exact (it
stops scanning there); beyond, PostgreSQL's planner estimate is shown, rounded and labelled
"sekitar" (about). SQLite (a laptop, a few thousand cases) counts exactly.
"""

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

EXACT_UP_TO = 10_000


@dataclass(frozen=True)
class Count:
    value: int
    exact: bool

    def __int__(self) -> int:
        return self.value


def _rounded(value: int) -> int:
    """Two significant figures: an estimate should not look precise."""
    if value < 100:
        return value
    scale = 10 ** (len(str(value)) - 2)
    return round(value / scale) * scale


def _planner_rows(qs: QuerySet) -> int:
    plan = json.loads(qs.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def count_bounded(qs: QuerySet, exact_up_to: int = EXACT_UP_TO, *, estimate_first: bool = False) -> Count:
    """The number of rows of ``qs``: exact up to ``exact_up_to``, an estimate beyond on PostgreSQL.

    ``estimate_first``: ask the planner first and skip the bounded count when it expects more rows
    than the bound (one EXPLAIN instead of reading up to ``exact_up_to`` rows: a province's 13 000
    cases, or thousands of text vectors recomputed for a search, a second at one million cases).
    An estimate is labelled as one, so a planner that guesses high only costs precision."""
    if connection.vendor != "postgresql":
        return Count(qs.count(), True)
    if estimate_first:
        estimate = _planner_rows(qs)
        if estimate > exact_up_to:
            return Count(_rounded(estimate), False)
    seen = qs.order_by()[: exact_up_to + 1].count()
    if seen <= exact_up_to:
        return Count(seen, True)
    return Count(max(_rounded(_planner_rows(qs)), exact_up_to + 1), False)


def values_bounded(qs: QuerySet, field: str, exact_up_to: int = EXACT_UP_TO) -> list | None:
    """``field`` of every row of ``qs`` when it holds at most ``exact_up_to`` rows, else None (one
    query reading at most ``exact_up_to + 1`` rows): several exact figures of a small set from one
    read of it instead of one bounded count each (the queue's three figures)."""
    values = list(qs.order_by().values_list(field, flat=True)[: exact_up_to + 1])
    return values if len(values) <= exact_up_to else None
