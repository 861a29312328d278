"""The vulnerability index and deadline compliance, per region or office, for a user."""

from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from netra.accounts.models import Office, Role
from netra.accounts.scoping import VIEW, is_staff, restrict
from netra.analytics import formula
from netra.analytics.grouping import DEADLINE_FIELDS, deadline_counts
from netra.analytics.models import DeadlineTally, IndexWeights, RegionIndex
from netra.analytics.selectors.stats import tally_answers
from netra.cases.models import Case, Election, Transition
from netra.registry.models import Region

WEIGHT_ROLES = (Role.PIMPINAN, Role.ADMIN)
# The operator at the server (``netra index``) reads every region; no view reaches it.
PUBLIC_READERS = ("region_index_all", "index_weights", "region_named")


# Deadline compliance --------------------------------------------------------------------------


@dataclass
class OfficeDeadlines:
    office: Office
    finished_on_time: int = 0
    finished_late: int = 0
    open_on_time: int = 0
    open_overdue: int = 0

    @property
    def finished(self) -> int:
        return self.finished_on_time + self.finished_late

    @property
    def on_time_percent(self) -> float | None:
        return round(self.finished_on_time * 100 / self.finished, 1) if self.finished else None


def _live_deadlines(user) -> dict[int, dict[str, int]]:
    cases = restrict(Case.objects.all(), user, VIEW)
    transitions = Transition.objects.filter(case_id__in=cases.values("pk"))
    return deadline_counts(transitions, cases, timezone.now())


def deadline_compliance_for(user) -> list[OfficeDeadlines]:
    """Per office whose cases the user sees: steps finished within their statutory deadline or
    late, open steps within or past it; from the tally (national/provincial scopes) or live."""
    office = user.office if is_staff(user) else None
    if tally_answers(office, office.region_code if office is not None else ""):
        tallies = restrict(DeadlineTally.objects.all(), user, VIEW).values("office_id", *DEADLINE_FIELDS)
        counts = {t.pop("office_id"): t for t in tallies}
    else:
        counts = _live_deadlines(user)
    offices = Office.objects.in_bulk(list(counts))
    rows = [OfficeDeadlines(offices[pk], **found) for pk, found in counts.items() if pk in offices]
    return sorted(rows, key=lambda r: (-(r.open_overdue + r.finished_late), r.office.name))


# The vulnerability index ------------------------------------------------------------------------


def _index_election(election: int | None) -> int:
    if election:
        return election
    latest = Election.objects.order_by("-voting_day", "-pk").values_list("pk", flat=True).first()
    return latest or 0


def region_index_all(*, region: str, election: int | None = None) -> RegionIndex | None:
    """One region's stored index (operator at the server: ``netra index``)."""
    qs = RegionIndex.objects.select_related("region")
    return qs.filter(region_code=region, election_id=_index_election(election)).first()


def region_index_list_for(user, *, parent: str = "", election: int | None = None) -> list[RegionIndex]:
    """The index of the regions one level below ``parent`` ("" -> provinces) the user may see."""
    qs = restrict(RegionIndex.objects.select_related("region"), user, VIEW)
    qs = qs.filter(election_id=_index_election(election), region__level=1 if not parent else 2)
    if parent:
        qs = qs.filter(region__parent_id=parent)
    return list(qs.order_by("region_code"))


def region_index_for(user, *, region: str, election: int | None = None) -> RegionIndex:
    """One region's index with its inputs, for the methodology page; Http404 outside the user's view."""
    qs = restrict(RegionIndex.objects.select_related("region"), user, VIEW)
    found = qs.filter(region_code=region, election_id=_index_election(election)).first()
    if found is None:
        raise Http404("Indeks wilayah ini belum dihitung atau di luar wilayah Anda.")
    return found


def index_weights() -> IndexWeights:
    """The newest weights, or the formula's defaults (unsaved) when none were ever set."""
    return IndexWeights.objects.select_related("created_by").first() or IndexWeights(
        created_at=timezone.now()
    )


def formula_version(weights: IndexWeights) -> str:
    return f"{formula.FORMULA}/w{weights.pk}" if weights.pk else f"{formula.FORMULA}/default"


def may_set_weights(user) -> bool:
    """The national office's pimpinan or admin set the index's weights."""
    office = user.office if is_staff(user) else None
    return office is not None and office.kind == Office.Kind.BAWASLU_RI and user.has_role(*WEIGHT_ROLES)


def region_named(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()
