"""PPK follow-up compliance per instansi for the dashboard: one grouped query.

The same figures as ``netra.cases.selectors.compliance_for`` (the compliance page, which walks the
recommendations one by one), counted by the database: recommendations the user may read
(``scoping.restrict``), grouped by the terlapor's instansi (the top of its agency's record, three
parents up, as ``compliance_for`` climbs), with the follow-up clock's outcome. Each row links to the
case list of the cases recommended about that instansi (``instansi`` filter). National, provincial and
BKN scopes read the ComplianceTally of the last refresh (like the other figures); a kabupaten, a
region filter below a province and a PPK are counted live.
"""

from dataclasses import dataclass

from django.db.models import F, Max, Sum
from django.utils import timezone

from netra.accounts.scoping import VIEW, is_staff, region_subtree_q, restrict
from netra.analytics import labels
from netra.analytics.grouping import COMPLIANCE_MEASURES, compliance_groups
from netra.analytics.models import ComplianceTally
from netra.analytics.selectors.stats import _scope_of, _tally_usable  # the other figures' rule
from netra.cases.models import Recommendation
from netra.cases.selectors import COMPLIANCE_ROLES


@dataclass
class InstansiCompliance:
    agency_id: int | None
    agency: str
    recommendations: int = 0
    acted_within_target: int = 0
    acted_late: int = 0
    overdue: int = 0
    escalations: int = 0
    lighter_than_catalogue: int = 0

    @property
    def percent(self) -> int | None:
        """Share acted on within the target, of those acted on or overdue (None: nothing due yet)."""
        due = self.acted_within_target + self.acted_late + self.overdue
        return round(100 * self.acted_within_target / due) if due else None

    @property
    def filters(self) -> dict[str, str]:
        return {"instansi": str(self.agency_id), "outcome": "recommended"} if self.agency_id else {}


_MEASURES = COMPLIANCE_MEASURES


def ppk_compliance_for(user, *, region: str = "", now=None) -> list[InstansiCompliance]:
    """Per instansi, worst (most overdue) first; empty for roles that do not read compliance. Read
    from the last refresh's tally where the other figures are (overdue as of that refresh)."""
    if not (is_staff(user) and user.has_role(*COMPLIANCE_ROLES)):
        return []
    # An explicit ``now`` asks for the figures at that moment: counted live, never the last refresh's.
    tallied = now is None and _tally_reads(user, region)
    items = _tallied(user, region) if tallied else _counted(user, region, now)
    names = labels.for_keys("agency", [str(item["top"]) for item in items if item["top"] is not None])
    found = [
        InstansiCompliance(
            agency_id=item["top"],
            agency=names.get(str(item["top"]), "") or item["typed_name"] or "-",
            **{k: item[k] for k in _MEASURES},
        )
        for item in items
    ]
    return sorted(found, key=lambda row: (-row.overdue, row.agency))


def _tally_reads(user, region: str) -> bool:
    return _tally_usable(user, _scope_of(user, region)) is not None


def _counted(user, region: str, now) -> list[dict]:
    rows = restrict(Recommendation.objects.all(), user, VIEW)
    if region:
        rows = rows.filter(region_subtree_q(region, "case__region_code"))
    return list(compliance_groups(rows, now or timezone.now()))


def _tallied(user, region: str) -> list[dict]:
    rows = restrict(ComplianceTally.objects.all(), user, VIEW)
    if region:
        rows = rows.filter(region_subtree_q(region, "region_code"))
    sums = {m: Sum(m) for m in COMPLIANCE_MEASURES}
    return list(rows.order_by().values(top=F("agency_id")).annotate(**sums, typed_name=Max("typed_name")))
