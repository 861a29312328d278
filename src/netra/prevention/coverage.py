"""Coverage of the workforce by socialisation and pledges: set-based aggregate queries only.

Workforce is counted from the roster (``registry.Pegawai``); a person counts as socialised or pledged
when an attendance or signatory row of the election is linked to their roster record, whatever the
number of events or pledges they attended or signed: ``Reach`` holds one row per person reached and
election, kept by the list services. Each figure is one ``GROUP BY`` over an indexed column (the
roster's region and agency; reach by election and region or agency), with no ``DISTINCT`` and no join
to the lists, so a national roster of 4.3 million rows is answered in seconds on PostgreSQL
(``benchmarks/prevention_coverage.py``).

These are aggregates: no name leaves this module, which is why the public page may show them.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth

from netra.accounts.scoping import region_subtree_q
from netra.prevention.models import Pledge, Reach
from netra.registry.models import Agency, Pegawai, Region, RegistryCounter
from netra.registry.services.counters import ROSTER


@dataclass
class AgencyCoverage:
    agency_id: int
    agency: str
    workforce: int = 0
    socialised: int = 0
    pledged: int = 0
    last_pledge: date | None = None

    @property
    def socialised_share(self) -> float:
        return share(self.socialised, self.workforce)

    @property
    def pledged_share(self) -> float:
        return share(self.pledged, self.workforce)

    @property
    def has_none(self) -> bool:
        return not (self.socialised or self.pledged or self.last_pledge)


@dataclass
class Coverage:
    scope: str  # a region code, or "agency:<id>"
    name: str
    election_id: int | None
    workforce: int = 0
    socialised: int = 0
    pledged: int = 0
    agencies: list[AgencyCoverage] = field(default_factory=list)
    last_pledge: date | None = None

    @property
    def socialised_share(self) -> float:
        return share(self.socialised, self.workforce)

    @property
    def pledged_share(self) -> float:
        return share(self.pledged, self.workforce)

    @property
    def without_any(self) -> list[AgencyCoverage]:
        return [a for a in self.agencies if a.has_none]


def share(part: int, whole: int) -> float:
    """A share in 0..1, rounded to four places; 0 of nobody is 0 (never a division by zero)."""
    return round(min(part, whole) / whole, 4) if whole else 0.0


def _region_codes(code: str) -> QuerySet:
    """The region and every region below it, as a subquery (a small table: no prefix scan of staff)."""
    return Region.objects.filter(region_subtree_q(code, "code")).values("code")


def _grouped(rows: QuerySet, key: str) -> dict[int, int]:
    counted = rows.order_by().values(key).annotate(n=Count("pk"))
    return {row[key]: row["n"] for row in counted if row[key] is not None}


def _reached(election_id: int | None, scope: dict, group) -> tuple[dict[int, int], dict[int, int]]:
    """People socialised and people pledged for the election, per ``group``: one pass over ``Reach``."""
    if election_id is None:
        return {}, {}
    rows = (
        Reach.objects.filter(election_id=election_id, **scope)
        .annotate(group=group)
        .order_by()
        .values("group")
    )
    counted = rows.annotate(
        s=Count("pk", filter=Q(socialised_on__isnull=False)),
        p=Count("pk", filter=Q(pledged_on__isnull=False)),
    )
    socialised, pledged = {}, {}
    for row in counted:
        if row["s"]:
            socialised[row["group"]] = row["s"]
        if row["p"]:
            pledged[row["group"]] = row["p"]
    return socialised, pledged


def _last_pledges(election_id: int | None, agency_ids: set[int]) -> dict[int, date]:
    """The latest pledge per instansi, a unit's pledge counting for its instansi."""
    if election_id is None or not agency_ids:
        return {}
    rows = (
        Pledge.objects.filter(election_id=election_id)
        .annotate(root=Coalesce("agency__parent_id", "agency_id"))
        .filter(root__in=agency_ids)
        .order_by()
        .values("root")
        .annotate(last=Max("made_on"))
    )
    return {row["root"]: row["last"] for row in rows}


def _assemble(cov: Coverage, workforce: dict, socialised: dict, pledged: dict, last: dict) -> Coverage:
    ids = set(workforce) | set(socialised) | set(pledged) | set(last)
    names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
    cov.agencies = sorted(
        (
            AgencyCoverage(
                i,
                names.get(i, "?"),
                workforce.get(i, 0),
                socialised.get(i, 0),
                pledged.get(i, 0),
                last.get(i),
            )
            for i in ids
        ),
        key=lambda a: (-a.workforce, a.agency),
    )
    cov.workforce = sum(workforce.values())
    cov.socialised = sum(socialised.values())
    cov.pledged = sum(pledged.values())
    return cov


PREVENTION = "prevention"  # the version stamp the prevention services bump on every write
CACHE_SECONDS = 3600


def _stamps() -> str:
    """The roster's and the prevention records' version stamps (one query): a cached figure is
    current exactly while both are unchanged."""
    found = dict(RegistryCounter.objects.filter(key__in=[ROSTER, PREVENTION]).values_list("key", "value"))
    return f"{found.get(ROSTER, 0)}-{found.get(PREVENTION, 0)}"


def cached(kind: str, scope: str, election_id: int | None, compute) -> Coverage:
    """``compute()``, remembered in the cache until the roster or a prevention record changes (the
    public page would otherwise count millions of rows on every visit)."""
    # The scope is hashed: it may come from a request parameter, and cache backends limit key characters.
    digest = hashlib.sha256(scope.encode()).hexdigest()[:32]
    key = f"netra:coverage:{kind}:{digest}:{election_id}:{_stamps()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def region_coverage(code: str, election_id: int | None, name: str = "") -> Coverage:
    """Coverage of the staff posted in a region's subtree ("" is all of Indonesia), per instansi."""
    return cached("region", code, election_id, lambda: _region_coverage(code, election_id, name))


def agency_coverage(agency: Agency, election_id: int | None) -> Coverage:
    """Coverage of one instansi, per unit (staff without a unit count under the instansi itself)."""
    return cached("agency", str(agency.pk), election_id, lambda: _agency_coverage(agency, election_id))


def _region_coverage(code: str, election_id: int | None, name: str = "") -> Coverage:
    regions = _region_codes(code)
    staff = Pegawai.objects.filter(region_id__in=regions) if code else Pegawai.objects.all()
    workforce = _grouped(staff, "agency_id")
    socialised, pledged = _reached(election_id, {"region_code__in": regions} if code else {}, F("agency_id"))
    last = _last_pledges(election_id, set(workforce) | set(pledged))
    cov = _assemble(Coverage(code, name, election_id), workforce, socialised, pledged, last)
    cov.last_pledge = max(last.values(), default=None)
    return cov


def _agency_coverage(agency: Agency, election_id: int | None) -> Coverage:
    staff = Pegawai.objects.filter(agency_id=agency.pk).annotate(group=Coalesce("unit_id", "agency_id"))
    workforce = _grouped(staff, "group")
    socialised, pledged = _reached(election_id, {"agency_id": agency.pk}, Coalesce("unit_id", "agency_id"))
    last = _pledge_dates(election_id, set(workforce) | {agency.pk})
    cov = _assemble(
        Coverage(f"agency:{agency.pk}", agency.name, election_id), workforce, socialised, pledged, last
    )
    cov.last_pledge = _last_pledges(election_id, {agency.pk}).get(agency.pk)
    return cov


def _pledge_dates(election_id: int | None, agency_ids: set[int]) -> dict[int, date]:
    """The latest pledge of each agency or unit itself."""
    if election_id is None or not agency_ids:
        return {}
    rows = (
        Pledge.objects.filter(election_id=election_id, agency_id__in=agency_ids)
        .order_by()
        .values("agency_id")
    )
    return {row["agency_id"]: row["last"] for row in rows.annotate(last=Max("made_on"))}


@dataclass(frozen=True)
class TimelinePoint:
    month: date
    socialised: int  # people first socialised that month
    pledged: int  # people who first signed that month
    socialised_total: int  # running sums: each person counted once, in the month first reached
    pledged_total: int


def coverage_timeline(
    *, election_id: int | None, region_code: str = "", agency_id: int | None = None
) -> list[TimelinePoint]:
    """People first reached in each month (by the event's or pledge's date), with running sums."""
    if election_id is None:
        return []
    scope: dict[str, object] = {"election_id": election_id}
    if agency_id is not None:
        scope["agency_id"] = agency_id
    elif region_code:
        scope["region_code__in"] = _region_codes(region_code)
    monthly: dict[date, dict[str, int]] = {}
    for on, key in (("socialised_on", "s"), ("pledged_on", "p")):
        rows = Reach.objects.filter(**scope, **{f"{on}__isnull": False})
        per_month = rows.annotate(month=TruncMonth(on)).order_by().values("month").annotate(n=Count("pk"))
        for row in per_month:
            monthly.setdefault(row["month"], {"s": 0, "p": 0})[key] = row["n"]
    points, s_total, p_total = [], 0, 0
    for month in sorted(monthly):
        s_total += monthly[month]["s"]
        p_total += monthly[month]["p"]
        points.append(TimelinePoint(month, monthly[month]["s"], monthly[month]["p"], s_total, p_total))
    return points
