"""The data of the printable periodic report of an office: what it counts, for one period."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from netra.accounts.scoping import VIEW, is_staff, restrict
from netra.analytics.render.maps import Area, areas, stat_values
from netra.analytics.selectors.maps import map_boundaries, map_parent, map_regions
from netra.analytics.selectors.stats import StatRow, count_cases
from netra.cases.letterdata import letterhead_for
from netra.cases.letters.data import Letterhead
from netra.cases.models import CLOSED_STATUSES, Case

OVERDUE_ROWS = 60  # the report lists this many overdue cases, then says how many more there are
TYPE_ROWS = 15


@dataclass
class PeriodicReport:
    office_name: str
    letterhead: Letterhead
    start: date
    end: date
    generated_on: date
    total: StatRow
    regions: list[StatRow]
    types: list[StatRow]
    months: list[StatRow]
    overdue: list[Case]
    overdue_total: int
    areas: list[Area] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _moment(day: date, *, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def periodic_report_for(user, *, start: date, end: date) -> PeriodicReport:
    """The user's office's report for the cases received from ``start`` to ``end`` (inclusive)."""
    if not is_staff(user):
        raise PermissionError("reports are for staff")
    office = user.office
    assert office is not None  # is_staff: every staff user has an office
    scope = office.region_code if office.is_supervisory else ""
    visible = restrict(Case.objects.all(), user, VIEW)
    received = visible.filter(received_at__gte=_moment(start), received_at__lte=_moment(end, end=True))
    by_region = count_cases(received, by="region", region=scope)
    overdue = visible.exclude(status__in=CLOSED_STATUSES).filter(due_at__lt=timezone.now())
    regions = map_regions(map_parent(scope))
    return PeriodicReport(
        office_name=office.name,
        letterhead=letterhead_for(office),
        start=start,
        end=end,
        generated_on=timezone.localdate(),
        total=by_region.total,
        regions=by_region.rows,
        types=count_cases(received, by="type", region=scope).rows[:TYPE_ROWS],
        months=count_cases(received, by="month", region=scope).rows,
        overdue=list(overdue.order_by("due_at", "pk")[:OVERDUE_ROWS]),
        overdue_total=overdue.count(),
        areas=areas(
            regions,
            stat_values(by_region.rows, "cases"),
            map_boundaries([r.code for r in regions]) if regions else {},
            figure="cases",
            election=None,
        ),
        notes=[
            "Angka dihitung dari kasus yang diterima dalam periode ini di wilayah pengawasan kantor; "
            "kasus yang melewati tenggat adalah kasus berjalan yang tenggat tahapnya (menurut jawaban "
            "netra.law yang tersimpan pada kasus) sudah lewat pada saat laporan dibuat.",
        ],
    )
