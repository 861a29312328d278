"""Prevention API: events, pledges, their list imports, coverage and violation rates (staff); the
pledge verification (public). Errors have the shape of ``netra.api``."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from netra.accounts.api_auth import AuthedRequest, staff_auth
from netra.core.schemas import Id, Limit, Offset
from netra.prevention import selectors, services
from netra.prevention.schemas import (
    CoverageOut,
    EventIn,
    EventOut,
    ListImportOut,
    PledgeIn,
    PledgeOut,
    TemplateOut,
    ViolationRateOut,
)
from netra.prevention.services.lists import uploaded_path
from netra.registry.selectors import agency_get, region_get

router = Router(tags=["prevention"])


class ListFilters(Schema):
    q: str = ""
    region: str = ""
    election: Id | None = None
    limit: Limit = 50
    offset: Offset = 0


def _window(filters: ListFilters) -> slice:
    limit, offset = max(1, min(filters.limit, 200)), max(0, filters.offset)
    return slice(offset, offset + limit)


@router.get("/events", response=list[EventOut], auth=staff_auth)
def event_list(request: AuthedRequest, filters: Query[ListFilters]):
    """Events the caller may see, newest first; ``limit`` at most 200."""
    rows = selectors.event_list_for(
        request.auth, q=filters.q, region=filters.region, election_id=filters.election
    )
    return rows[_window(filters)]


@router.get("/events/{event_id}", response=EventOut, auth=staff_auth)
def event_detail(request: AuthedRequest, event_id: Id):
    return (
        selectors.event_list_for(request.auth)
        .filter(pk=selectors.event_get_for(request.auth, event_id).pk)
        .get()
    )


def _region(code: str):
    region = region_get(code)
    if region is None:
        raise ValidationError({"region": ["Kode wilayah tidak dikenal."]})
    return region


def _agency(agency_id: int | None, field: str):
    if agency_id is None:
        return None
    agency = agency_get(agency_id)
    if agency is None:
        raise ValidationError({field: ["Instansi tidak dikenal."]})
    return agency


def _election(election_id: int | None):
    if election_id is None:
        return None
    election = selectors.election_for_coverage(election_id)
    if election is None:
        raise ValidationError({"election_id": ["Pemilu/pemilihan tidak dikenal."]})
    return election


@router.post("/events", response={201: EventOut}, auth=staff_auth)
def event_create(request: AuthedRequest, payload: EventIn):
    """Record an event of the caller's office (pimpinan, pengawas, staf penanganan, admin)."""
    data = payload.dict(exclude={"region", "organiser_agency_id", "election_id", "audience_agency_ids"})
    data |= {
        "region": _region(payload.region),
        "organiser_agency": _agency(payload.organiser_agency_id, "organiser_agency_id"),
        "election": _election(payload.election_id),
    }
    audience = [_agency(i, "audience_agency_ids") for i in payload.audience_agency_ids]
    event = services.event_create(user=request.auth, data=data, audience=audience)
    return Status(201, selectors.event_list_for(request.auth).get(pk=event.pk))


@router.post(
    "/events/{event_id}/attendance", response={200: ListImportOut, 400: ListImportOut}, auth=staff_auth
)
def attendance_import(request: AuthedRequest, event_id: Id, file: File[UploadedFile], dry_run: bool = False):
    """Replace the attendance list with a CSV/XLSX (columns nama, nip, instansi, jabatan); 400 with
    the row-by-row errors when any row is wrong (nothing is then stored)."""
    event = selectors.event_get_for(request.auth, event_id)
    with uploaded_path(file) as path:
        result = services.attendance_import(user=request.auth, event=event, path=path, dry_run=dry_run)
    return Status(400 if result.errors else 200, result)


@router.get("/pledges", response=list[PledgeOut], auth=staff_auth)
def pledge_list(request: AuthedRequest, filters: Query[ListFilters], agency: Id | None = None):
    rows = selectors.pledge_list_for(
        request.auth, q=filters.q, region=filters.region, election_id=filters.election, agency_id=agency
    )
    return rows.select_related("template")[_window(filters)]


@router.get("/pledges/{pledge_id}", response=PledgeOut, auth=staff_auth)
def pledge_detail(request: AuthedRequest, pledge_id: Id):
    pledge = selectors.pledge_get_for(request.auth, pledge_id)
    return selectors.pledge_list_for(request.auth).select_related("template").get(pk=pledge.pk)


@router.post("/pledges", response={201: PledgeOut}, auth=staff_auth)
def pledge_create(request: AuthedRequest, payload: PledgeIn):
    """Record a pledge: a template of ``/templates`` (filled in) or a custom ``text``."""
    templates = {t.pk: t for t in selectors.template_list()}
    if payload.template_id is not None and payload.template_id not in templates:
        raise ValidationError({"template_id": ["Templat tidak dikenal."]})
    data = payload.dict(exclude={"region", "agency_id", "election_id", "template_id"})
    data |= {
        "region": _region(payload.region),
        "agency": _agency(payload.agency_id, "agency_id"),
        "election": _election(payload.election_id),
        "template": templates.get(payload.template_id) if payload.template_id else None,
    }
    pledge = services.pledge_create(user=request.auth, data=data)
    return Status(201, selectors.pledge_list_for(request.auth).select_related("template").get(pk=pledge.pk))


@router.post(
    "/pledges/{pledge_id}/signatories", response={200: ListImportOut, 400: ListImportOut}, auth=staff_auth
)
def signatories_import(
    request: AuthedRequest, pledge_id: Id, file: File[UploadedFile], dry_run: bool = False
):
    """Replace the signatory list with a CSV/XLSX; 400 with the row errors when any row is wrong."""
    pledge = selectors.pledge_get_for(request.auth, pledge_id)
    with uploaded_path(file) as path:
        result = services.signatories_import(user=request.auth, pledge=pledge, path=path, dry_run=dry_run)
    return Status(400 if result.errors else 200, result)


@router.get("/templates", response=list[TemplateOut], auth=staff_auth)
def templates(request: AuthedRequest):
    """The pledge template library, every version."""
    return selectors.template_list()


@router.get("/coverage", response=CoverageOut, auth=staff_auth)
def coverage(request: AuthedRequest, region: str = "", election: Id | None = None):
    """Workforce (roster), socialised and pledged people of a region subtree ("" national), per agency."""
    if region:
        _region(region)
    chosen = selectors.election_for_coverage(election)
    return selectors.region_coverage(region, chosen.pk if chosen else None)


@router.get("/coverage/agency/{agency_id}", response=CoverageOut, auth=staff_auth)
def agency_coverage(request: AuthedRequest, agency_id: Id, election: Id | None = None):
    """One agency's coverage, per unit."""
    agency = _agency(agency_id, "agency_id")
    chosen = selectors.election_for_coverage(election)
    return selectors.agency_coverage(agency, chosen.pk if chosen else None)


@router.get("/violation-rates", response=list[ViolationRateOut], auth=staff_auth)
def violation_rates(request: AuthedRequest, region: str = "", election: Id | None = None):
    """Proven violators among signers and non-signers, per agency (cases the caller may see)."""
    chosen = selectors.election_for_coverage(election)
    return selectors.violation_rates_for(request.auth, region, chosen.pk if chosen else None)


@router.get("/public/pledges/{token}", response=PledgeOut, auth=None)
def public_pledge(request: HttpRequest, token: str):
    """A pledge by its verification token (the QR code's link): no person's name."""
    return selectors.public_pledge_get(token)
