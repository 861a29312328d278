"""The public statistics: cases per region and violation type only, small cells suppressed."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Sum
from django.db.models.functions import Substr

from netra.accounts.scoping import region_subtree_q
from netra.analytics import labels
from netra.analytics.grouping import child_length
from netra.analytics.models import CaseTally
from netra.analytics.selectors.stats import latest_tally_run
from netra.analytics.suppression import Cell, suppress_row, suppress_total
from netra.cases.models import Case
from netra.law import regioncode
from netra.registry.models import Region

# Aggregates anyone may read: no row, no person, only counts of at least the minimum cell size.
PUBLIC_READERS = ("open_statistics",)


@dataclass
class OpenRow:
    code: str
    name: str
    cells: list[Cell]
    total: Cell
    has_below: bool = False  # a level below it to open (maps and tables stop at kecamatan)


@dataclass
class OpenTable:
    region: Region | None
    columns: list[tuple[str, str]]  # (violation code, label); "" = not yet decided
    rows: list[OpenRow]
    minimum: int


def _counts(region: str) -> list[dict]:
    """(region key, violation type, cases) from the tally when one exists, else from the cases."""
    length = child_length(region)
    subtree = region_subtree_q(region)
    area = Substr("region_code", 1, length)
    if latest_tally_run() is not None and regioncode.level(region) <= regioncode.PROVINSI:
        tallies = CaseTally.objects.filter(subtree, level=1 if not region else 2, dimension="type")
        tallies = tallies.annotate(area=area)
        return list(
            tallies.order_by().annotate(group=F("key")).values("area", "group").annotate(n=Sum("cases"))
        )
    cases = Case.objects.filter(subtree).annotate(area=area, group=F("violation_code"))
    return list(cases.order_by().values("area", "group").annotate(n=Count("pk")))


def open_statistics(*, region: str = "") -> OpenTable:
    """Cases per region one level below ``region`` and per violation type, suppressed for publication."""
    minimum = settings.NETRA_OPEN_DATA_MIN_CELL
    raw = _counts(region)
    types = sorted({item["group"] or "" for item in raw})
    names = labels.for_keys("type", [t for t in types if t])
    grid: dict[str, dict[str, int]] = {}
    for item in raw:
        if item["area"] == region:
            continue  # cases recorded at the scope's own level: not a region below it
        row = grid.setdefault(item["area"], dict.fromkeys(types, 0))
        row[item["group"] or ""] += int(item["n"])
    regions = dict(Region.objects.filter(code__in=grid).values_list("code", "name"))
    rows = []
    for code in sorted(grid):
        cells = suppress_row(grid[code], minimum)
        total = suppress_total(sum(grid[code].values()), minimum)
        below = regioncode.level(code) < regioncode.KECAMATAN
        rows.append(OpenRow(code, regions.get(code, code), [cells[t] for t in types], total, below))
    columns = [(t, names.get(t, "") or labels.unknown("type", t)) for t in types]
    parent = Region.objects.filter(code=region).first() if region else None
    return OpenTable(parent, columns, rows, minimum)
