"""Every read of prevention records that reaches a user, scoped by ``netra.accounts.scoping``.

Staff read events, pledges, their lists and files through ``restrict`` (404 outside their
jurisdiction). The public reads only what the public page shows: pledges and events without any
person's name, and coverage aggregates (``PUBLIC_READERS``).
"""

from dataclasses import dataclass

import qrcode
from django.core.files.storage import default_storage
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from qrcode.image.svg import SvgPathImage

from netra.accounts.scoping import SUPERVISE, VIEW, can, is_supervisor, region_subtree_q, restrict
from netra.cases.models import Case, Decision, Election, Terlapor
from netra.prevention import coverage
from netra.prevention.models import Attendee, Document, Event, Pledge, PledgeTemplate, Signatory
from netra.prevention.services.common import RECORDING_ROLES
from netra.registry.models import Agency

PUBLIC_READERS = (
    "template_list",
    "election_for_coverage",
    "region_coverage",
    "agency_coverage",
    "coverage_timeline",
    "public_pledge_list",
    "public_event_list",
    "public_pledge_get",
    "qr_svg",
)
_PUBLIC_PLEDGE_FIELDS = (
    "pk",
    "kind",
    "title",
    "agency",
    "election",
    "made_on",
    "place",
    "region",
    "method",
    "template",
    "text",
    "declared_signatories",
    "public_token",
    "is_demo",
)


# Staff ---------------------------------------------------------------------------------------


def event_list_for(user, *, q: str = "", region: str = "", election_id: int | None = None) -> QuerySet[Event]:
    events = restrict(Event.objects.all(), user, VIEW).select_related("region", "election", "office")
    if q.strip():
        events = events.filter(Q(title__icontains=q.strip()) | Q(organiser_name__icontains=q.strip()))
    if region.strip():
        events = events.filter(region_subtree_q(region.strip()))
    if election_id is not None:
        events = events.filter(election_id=election_id)
    return events.annotate(listed=Count("attendees", distinct=True)).order_by("-held_on", "-pk")


def event_get_for(user, pk) -> Event:
    event = restrict(Event.objects.all(), user, VIEW).select_related(
        "region", "election", "office", "organiser_agency"
    )
    found = event.filter(pk=pk).first()
    if found is None:
        raise Http404("Kegiatan tidak ditemukan.")
    return found


def pledge_list_for(
    user, *, q: str = "", region: str = "", agency_id: int | None = None, election_id: int | None = None
) -> QuerySet[Pledge]:
    pledges = restrict(Pledge.objects.all(), user, VIEW).select_related("agency", "region", "election")
    if q.strip():
        pledges = pledges.filter(Q(title__icontains=q.strip()) | Q(agency__name__icontains=q.strip()))
    if region.strip():
        pledges = pledges.filter(region_subtree_q(region.strip()))
    if agency_id is not None:
        pledges = pledges.filter(Q(agency_id=agency_id) | Q(agency__parent_id=agency_id))
    if election_id is not None:
        pledges = pledges.filter(election_id=election_id)
    return pledges.annotate(listed=Count("signatories", distinct=True)).order_by("-made_on", "-pk")


def pledge_get_for(user, pk) -> Pledge:
    pledges = restrict(Pledge.objects.all(), user, VIEW).select_related(
        "agency", "region", "election", "office", "template", "event"
    )
    found = pledges.filter(pk=pk).first()
    if found is None:
        raise Http404("Ikrar tidak ditemukan.")
    return found


def attendee_list_for(user, event: Event) -> QuerySet[Attendee]:
    rows = restrict(Attendee.objects.filter(event=event), user, VIEW)
    return rows.select_related("pegawai__agency").order_by("row")


def signatory_list_for(user, pledge: Pledge) -> QuerySet[Signatory]:
    rows = restrict(Signatory.objects.filter(pledge=pledge), user, VIEW)
    return rows.select_related("pegawai__agency").order_by("row")


def document_list_for(user, parent: Event | Pledge) -> QuerySet[Document]:
    owner: dict[str, Event | Pledge] = {"event": parent} if isinstance(parent, Event) else {"pledge": parent}
    return restrict(Document.objects.filter(**owner), user, VIEW)


def document_get_for(user, pk) -> Document:
    found = restrict(Document.objects.all(), user, VIEW).filter(pk=pk).first()
    if found is None:
        raise Http404("Berkas tidak ditemukan.")
    return found


def document_file_for(user, pk):
    """``(document, open binary file)`` for the download view (the caller closes the file)."""
    document = document_get_for(user, pk)
    return document, default_storage.open(document.file.name, "rb")


def may_record(user) -> bool:
    """Whether the user's office and role may record events and pledges (the buttons shown)."""
    return is_supervisor(user) and user.has_role(*RECORDING_ROLES)


def may_act_on(user, obj: Event | Pledge) -> bool:
    """Whether the user may import lists and add files to this event or pledge."""
    return may_record(user) and can(user, obj, SUPERVISE)


@dataclass(frozen=True)
class ViolationRate:
    """Proven violations among an agency's signers and non-signers of the election's pledges."""

    agency_id: int
    agency: str
    signers: int
    signer_violations: int
    non_signers: int
    non_signer_violations: int

    @staticmethod
    def per_thousand(violations: int, people: int) -> float | None:
        return round(1000 * violations / people, 2) if people else None

    @property
    def signer_rate(self) -> float | None:
        return self.per_thousand(self.signer_violations, self.signers)

    @property
    def non_signer_rate(self) -> float | None:
        return self.per_thousand(self.non_signer_violations, self.non_signers)


def violation_rates_for(user, region_code: str, election_id: int | None) -> list[ViolationRate]:
    """Per agency of the region: proven violators (of the cases the user may see) among signers and
    non-signers. Only terlapor linked to the roster count: a name alone cannot say if they signed."""
    if election_id is None:
        return []
    cases = restrict(Case.objects.filter(election_id=election_id), user, VIEW)
    proven = cases.filter(decision__outcome=Decision.Outcome.TERBUKTI).values("pk")
    violators = dict(
        Terlapor.objects.filter(case_id__in=proven, pegawai__isnull=False)
        .values_list("pegawai_id", "pegawai__agency_id")
        .distinct()
    )
    signed = set(
        Signatory.objects.filter(election_id=election_id, pegawai_id__in=list(violators)).values_list(
            "pegawai_id", flat=True
        )
    )
    cov = coverage.region_coverage(region_code, election_id)
    rates = []
    for agency in cov.agencies:
        mine = {p for p, a in violators.items() if a == agency.agency_id}
        rates.append(
            ViolationRate(
                agency.agency_id,
                agency.agency,
                agency.pledged,
                len(mine & signed),
                max(agency.workforce - agency.pledged, 0),
                len(mine - signed),
            )
        )
    return rates


# Reference data and aggregates (public) ---------------------------------------------------------


def template_list() -> QuerySet[PledgeTemplate]:
    return PledgeTemplate.objects.all()


def election_for_coverage(election_id: int | None = None) -> Election | None:
    """The election asked for, else the active election with the latest voting day."""
    if election_id is not None:
        return Election.objects.filter(pk=election_id).first()
    return Election.objects.filter(is_active=True).order_by("-voting_day", "-pk").first()


def region_coverage(code: str, election_id: int | None, name: str = "") -> coverage.Coverage:
    return coverage.region_coverage(code, election_id, name)


def agency_coverage(agency: Agency, election_id: int | None) -> coverage.Coverage:
    return coverage.agency_coverage(agency, election_id)


def coverage_timeline(
    *, election_id: int | None, region_code: str = "", agency_id: int | None = None
) -> list[coverage.TimelinePoint]:
    return coverage.coverage_timeline(election_id=election_id, region_code=region_code, agency_id=agency_id)


def public_pledge_list(*, agency_id: int | None = None, region_code: str | None = None) -> QuerySet[Pledge]:
    """Pledges as the public sees them: what, when, which words; never a signatory's name."""
    pledges = Pledge.objects.only(*_PUBLIC_PLEDGE_FIELDS).select_related(
        "agency", "region", "election", "template"
    )
    if agency_id is not None:
        pledges = pledges.filter(Q(agency_id=agency_id) | Q(agency__parent_id=agency_id))
    if region_code is not None:
        pledges = pledges.filter(region_subtree_q(region_code))
    return pledges.order_by("-made_on", "-pk")


def public_pledge_get(token: str) -> Pledge:
    found = public_pledge_list().filter(public_token=token).first()
    if found is None:
        raise Http404("Ikrar tidak ditemukan.")
    return found


def public_event_list(*, agency_id: int | None = None, region_code: str | None = None) -> QuerySet[Event]:
    """Events as the public sees them: no speakers' or participants' names."""
    fields = ("pk", "kind", "title", "organiser_name", "held_on", "place", "region", "election")
    events = Event.objects.only(*fields, "attending_count", "invited_count", "target_groups", "is_demo")
    events = events.select_related("region", "election")
    if agency_id is not None:
        heard = Q(audience_agencies=agency_id) | Q(organiser_agency_id=agency_id)
        events = events.filter(pk__in=Event.objects.filter(heard).values("pk"))
    if region_code is not None:
        events = events.filter(region_subtree_q(region_code))
    return events.order_by("-held_on", "-pk")


def qr_svg(url: str) -> str:
    """A QR code of ``url`` as an SVG document (printed on the pledge, points to its verification)."""
    image = qrcode.make(url, image_factory=SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")
