"""/api/v1/cases/: public reporting and tracking; scoped case handling for staff.

Handlers only parse input, call a service or selector and return its objects; ninja shapes the answer
through the ``...Out`` schemas. Errors are JSON ``{"detail": ..., "errors": {field: [messages]}}``:
400 values refused (the same validation as the web form and the importer), 401 no credentials, 403
not allowed (role or state), 404 unknown or outside jurisdiction, 409 changed meanwhile, 422 a body
that does not match the schema (``netra.api``).
"""

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from netra.accounts.api_auth import AuthedRequest, staff_auth
from netra.cases import selectors, services, workflow
from netra.cases.schemas import (
    ActionOut,
    AssignmentIn,
    CaseDetailOut,
    CaseDetailView,
    CaseOut,
    ClarificationIn,
    ClarificationOut,
    ClarificationRecordIn,
    CommentIn,
    CommentOut,
    ComplianceOut,
    ElectionOut,
    ErrorOut,
    EvidenceOut,
    FollowupClockOut,
    FollowupStateIn,
    IntakeCheckOut,
    IssuedLetterOut,
    KajianIn,
    KajianOut,
    LetterIssueIn,
    Receipt,
    ReceiptOut,
    ReportIn,
    TemuanIn,
    TrackIn,
    TrackOut,
    TransitionIn,
    ViolationTypeBriefOut,
)
from netra.cases.views.followup import issued_letter_response
from netra.cases.views.letters import letter_response
from netra.core.inputs import text_problem
from netra.core.ratelimit import RateLimited, rate_gate
from netra.core.schemas import Id, Limit, Line, Offset, RegionCode
from netra.law import catalogue

router = Router(tags=["cases"])
_CURSOR_HELP = "Opaque cursor of the page to fetch, from the previous page's X-Next-Cursor header."
_OFFSET_HELP = "Deprecated: rows to skip (slow on deep pages). Use cursor."
PAGED_OPENAPI = {
    "responses": {
        200: {
            "headers": {
                "X-Next-Cursor": {
                    "description": "Cursor of the next page; absent on the last page.",
                    "schema": {"type": "string"},
                },
                "Link": {
                    "description": 'URL of the next page (rel="next"); absent on the last page.',
                    "schema": {"type": "string"},
                },
            }
        }
    }
}


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
# Public intake answers 429 past the shared limit (netra.core.ratelimit), 422 for a malformed body.
PUBLIC_ERRORS = {**ERRORS, 422: ErrorOut, 429: ErrorOut}


def _gate(request: HttpRequest, scope: str) -> None:
    """The shared intake limit; a solved challenge rides in ``X-Netra-Challenge``/``X-Netra-Proof``."""
    limited = rate_gate(
        request,
        scope,
        challenge=request.headers.get("X-Netra-Challenge", ""),
        nonce=request.headers.get("X-Netra-Proof", ""),
    )
    if limited is not None:
        raise RateLimited(limited)


def _detail_shown(user, case_id: Id) -> CaseDetailView:
    """The case as the user may see it; showing the reporter's or witnesses' identities is audited."""
    detail = selectors.case_detail_for(user, case_id)
    services.identities_shown_record(user=user, detail=detail, channel="api")
    return CaseDetailView(detail)


# The services' exceptions (ValidationError 400, PermissionDenied 403, Http404, CaseConflict 409)
# become the documented JSON errors in ``netra.api``, for every router.


# ---------------------------------------------------------------- public


def _report_data(payload: ReportIn) -> dict:
    data = payload.dict(exclude={"links", "witness_name", "witness_address", "witness_phone"})
    if any(value.strip() for value in (payload.witness_name, payload.witness_address, payload.witness_phone)):
        data["witnesses"] = [
            {"name": payload.witness_name, "address": payload.witness_address, "phone": payload.witness_phone}
        ]
    return data


@router.post("/reports/check", response={200: IntakeCheckOut, **ERRORS}, auth=None)
def report_check(request: HttpRequest, payload: ReportIn):
    """What is still missing in a draft report, whether the reporting window is open, and warnings."""
    return services.intake_check(_report_data(payload), links=payload.links)


@router.post("/reports", response={201: ReceiptOut, **PUBLIC_ERRORS}, auth=None)
def report_submit(
    request: HttpRequest,
    payload: Form[ReportIn],
    # ninja takes `= None` as "optional"; with `| None` in the annotation it parses no files at all
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    """File a report without an account (multipart: fields + ``files``). Keep the receipt code.

    An incident date outside the election's supervision period is refused (400, ``confirm_period``)
    unless ``confirm_period=true``. Past the shared rate limit: 429 with ``Retry-After`` and a
    hashcash challenge in ``X-Netra-Challenge`` (docs/api.md)."""
    _gate(request, "report")
    files = files or []
    parsed = services.intake_parse(_report_data(payload))  # once, for the check and the submission
    check = services.intake_check(parsed=parsed, files=files, links=payload.links)
    case, code = services.laporan_submit_public(parsed=parsed, files=files, links=payload.links, source="api")
    return Status(201, Receipt(case, code, check))


@router.post("/track", response={200: TrackOut, **PUBLIC_ERRORS}, auth=None, url_name="cases_track")
def track(request: HttpRequest, payload: TrackIn = None):  # type: ignore[assignment]
    """Public status of a report by receipt code (JSON body ``{"code": ...}`` or header
    ``X-Receipt-Code``); nothing that identifies anyone. The code never goes into a URL, so it stays
    out of access logs."""
    _gate(request, "track")
    code = (payload.code if payload else "") or request.headers.get("X-Receipt-Code", "")
    tracked = selectors.case_track(code) if code and not text_problem(code) else None
    if tracked is None:
        raise HttpError(404, _("Kode tanda terima tidak ditemukan."))
    return tracked


@router.get("/track/{code}", response={410: ErrorOut}, auth=None, deprecated=True, include_in_schema=False)
def track_in_url(request: HttpRequest, code: str):
    """Gone: the code in a URL ends up in access logs. Not looked up, and not logged by Netra."""
    detail = _(
        'Kirim kode tanda terima dengan POST ke /api/v1/cases/track (badan JSON {"code": ...} '
        "atau header X-Receipt-Code), bukan di alamat URL."
    )
    response = JsonResponse({"detail": detail, "errors": {}}, status=410)
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django's 4xx log line would name the code
    return response


@router.get("/elections", response=list[ElectionOut], auth=None)
def elections(request: HttpRequest, active: bool = True, region: RegionCode = ""):
    """Configured elections; ``region`` (a code) keeps those held there (national ones included)."""
    return selectors.elections_held_in(region, active_only=active)


@router.get("/violation-types", response=list[ViolationTypeBriefOut], auth=None)
def violation_type_list(request: HttpRequest):
    return list(catalogue.all_types())


# ---------------------------------------------------------------- staff


class CaseFilters(Schema):
    status: Line = ""
    kind: Line = ""
    region: RegionCode = ""
    election: Id | None = None
    subject_type: Line = ""
    violation_code: Line = ""
    overdue: bool = False
    nearly_due: bool = False
    q: Line = ""
    assigned_to_me: bool = False
    open_only: bool = False
    sanction_lighter: bool = False
    limit: Limit = 50
    cursor: str = Field("", description=_CURSOR_HELP)
    offset: Offset = Field(0, description=_OFFSET_HELP, json_schema_extra={"deprecated": True})


def _paged(request: AuthedRequest, response: HttpResponse, page) -> list:
    """The page's rows; the next page's cursor in ``X-Next-Cursor`` and a ``Link: rel="next"`` header."""
    if page.next_cursor:
        params = request.GET.copy()
        params.pop("offset", None)
        params["cursor"] = page.next_cursor
        response["X-Next-Cursor"] = page.next_cursor
        response["Link"] = f'<{request.path}?{params.urlencode()}>; rel="next"'
    return page.items


def _keyset_page(selector, request: AuthedRequest, cursor: str, limit: int, **filters):
    try:
        return selector(request.auth, cursor=cursor, size=limit, **filters)
    except selectors.BadCursor:
        message = _("Kursor halaman tidak dikenal; mulai lagi tanpa cursor.")
        raise ValidationError({"cursor": [message]}) from None


@router.get("/", response=list[CaseOut], auth=staff_auth, openapi_extra=PAGED_OPENAPI)
def case_list(request: AuthedRequest, response: HttpResponse, filters: Query[CaseFilters]):
    """The caller's cases (scoped to their office), newest first, one page of ``limit`` (at most 200).

    Page on with the opaque ``cursor`` from the ``X-Next-Cursor`` header (or the ``Link`` header's
    ``rel="next"`` URL); no header means the last page. ``offset`` still works but is deprecated:
    deep offsets make the database walk every row before the page (answered with ``Deprecation: true``).
    """
    options = filters.dict(exclude={"limit", "offset", "cursor"})
    limit = max(1, min(filters.limit, 200))
    if filters.offset > 0 and not filters.cursor:
        response["Deprecation"] = "true"
        qs = selectors.case_list_for(request.auth, **options).prefetch_related("terlapor__agency")
        return qs[filters.offset : filters.offset + limit]
    page = _keyset_page(selectors.case_page_for, request, filters.cursor, limit, **options)
    prefetch_related_objects(page.items, "terlapor__agency")
    return _paged(request, response, page)


class SanctionCountsOut(Schema):
    sanctioned: int
    lighter: int


@router.get("/stats/sanctions", response=SanctionCountsOut, auth=staff_auth)
def sanction_counts(request: AuthedRequest):
    """Of the caller's cases with a sanction recorded, how many got one lighter than the catalogue's class."""
    return selectors.sanction_counts_for(request.auth)


class ComplianceFilters(Schema):
    agency: int | None = None
    region: str = ""


@router.get("/compliance", response=ComplianceOut, auth=staff_auth)
def compliance(request: AuthedRequest, filters: Query[ComplianceFilters]):
    """PPK follow-up compliance per instansi (BKN: nationally; a PPK: its own; Bawaslu: its region)."""
    return selectors.compliance_for(request.auth, agency_id=filters.agency, region=filters.region.strip())


@router.get("/queue", response=list[CaseOut], auth=staff_auth, openapi_extra=PAGED_OPENAPI)
def queue(
    request: AuthedRequest,
    response: HttpResponse,
    limit: Limit = 200,
    cursor: str = Query("", description=_CURSOR_HELP),
):
    """Open cases waiting on the caller's office, nearest deadline first; ``limit`` at most 200,
    next page by ``cursor`` as for the case list."""
    page = _keyset_page(selectors.queue_page_for, request, cursor, max(1, min(limit, 200)))
    prefetch_related_objects(page.items, "terlapor__agency")
    return _paged(request, response, page)


@router.post("/temuan", response={201: CaseDetailOut, **ERRORS}, auth=staff_auth)
def temuan(request: AuthedRequest, payload: TemuanIn):
    """A supervisor's finding with the observation record (pengawas, pimpinan)."""
    data = payload.dict(exclude={"observation", "links"})
    case = services.temuan_create(
        user=request.auth,
        data=data,
        observation=payload.observation.dict(),
        links=payload.links,
        source="api",
    )
    return Status(201, _detail_shown(request.auth, case.pk))


@router.get("/{case_id}", response={200: CaseDetailOut, **ERRORS}, auth=staff_auth)
def case_detail(request: AuthedRequest, case_id: Id):
    return _detail_shown(request.auth, case_id)


@router.get("/{case_id}/actions", response={200: list[ActionOut], **ERRORS}, auth=staff_auth)
def case_actions(request: AuthedRequest, case_id: Id):
    """Only the actions the caller may take on this case now."""
    case = selectors.case_get_for(request.auth, case_id)
    return workflow.available_transitions(request.auth, case)


@router.post("/{case_id}/transitions", response={200: CaseDetailOut, **ERRORS}, auth=staff_auth)
def case_transition(request: AuthedRequest, case_id: Id, payload: TransitionIn):
    case = selectors.case_get_for(request.auth, case_id)
    params = {k: v for k, v in payload.dict(exclude={"action", "reason"}).items() if v is not None}
    services.case_transition(
        user=request.auth, case=case, action=payload.action, reason=payload.reason, **params
    )
    return _detail_shown(request.auth, case_id)


@router.get("/{case_id}/evidence", response={200: list[EvidenceOut], **ERRORS}, auth=staff_auth)
def evidence_list(request: AuthedRequest, case_id: Id):
    case = selectors.case_get_for(request.auth, case_id)
    return selectors.evidence_list_for(request.auth, case)


@router.post("/{case_id}/evidence", response={201: list[EvidenceOut], **ERRORS}, auth=staff_auth)
def evidence_add(
    request: AuthedRequest,
    case_id: Id,
    # ninja takes `= None` as "optional"; with `| None` in the annotation it parses no files at all
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
    links: Form[list[str]] = None,  # type: ignore[assignment]
    description: Form[str] = "",  # checked by the service (length, characters)
):
    """Attach files (multipart ``files``) and/or ``links``; every file is checked before any is kept."""
    case = selectors.case_get_for(request.auth, case_id)
    items = services.evidence_add(
        user=request.auth, case=case, files=files or [], links=links or [], description=description
    )
    return Status(201, items)


@router.get(
    "/evidence/{evidence_id}/file",
    auth=staff_auth,
    url_name="cases_evidence_file",
    response={200: None, **ERRORS},
)
def evidence_file(request: AuthedRequest, evidence_id: Id):
    """The stored file, byte for byte as uploaded (check it against ``sha256``)."""
    item, handle = selectors.evidence_file_for(request.auth, evidence_id)
    services.evidence_download_record(user=request.auth, evidence=item, channel="api")
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["Content-Length"] = str(item.size)  # the decrypting stream cannot tell its length
    return response


@router.get(
    "/{case_id}/recommendations/{rec_id}/letter.pdf",
    auth=staff_auth,
    url_name="cases_letter_pdf",
    response={200: None, **ERRORS},
)
def letter_pdf(request: AuthedRequest, case_id: Id, rec_id: Id):
    """The recommendation's official letter as PDF (same access rules as the case page's link)."""
    return letter_response(request.auth, case_id, rec_id, "pdf")


@router.post("/{case_id}/kajian", response={201: KajianOut, **ERRORS}, auth=staff_auth)
def kajian_add(request: AuthedRequest, case_id: Id, payload: KajianIn):
    """The written kajian awal (with its syarat ticks) or kajian dugaan (with its facts); the guards of
    registration and decision read them."""
    case = selectors.case_get_for(request.auth, case_id)
    return Status(201, services.kajian_add(user=request.auth, case=case, **payload.dict()))


@router.post("/{case_id}/clarifications", response={201: ClarificationOut, **ERRORS}, auth=staff_auth)
def clarification_add(request: AuthedRequest, case_id: Id, payload: ClarificationIn):
    case = selectors.case_get_for(request.auth, case_id)
    return Status(201, services.clarification_schedule(user=request.auth, case=case, **payload.dict()))


@router.post(
    "/{case_id}/clarifications/{clarification_id}/record",
    response={200: ClarificationOut, **ERRORS},
    auth=staff_auth,
)
def clarification_record(
    request: AuthedRequest, case_id: Id, clarification_id: Id, payload: ClarificationRecordIn
):
    """The berita acara: held with the party present (hadir) or recorded as not attended (tidak_hadir)."""
    item = selectors.clarification_get_for(request.auth, case_id, clarification_id)
    if item is None:
        raise HttpError(404, _("Undangan klarifikasi tidak ditemukan."))
    return services.clarification_record(user=request.auth, clarification=item, **payload.dict())


@router.get("/{case_id}/comments", response={200: list[CommentOut], **ERRORS}, auth=staff_auth)
def comments(request: AuthedRequest, case_id: Id):
    return selectors.comment_list_for(request.auth, case_id)


@router.post("/{case_id}/comments", response={201: CommentOut, **ERRORS}, auth=staff_auth)
def comment_add(request: AuthedRequest, case_id: Id, payload: CommentIn):
    case = selectors.case_get_for(request.auth, case_id)
    comment = services.comment_add(user=request.auth, case=case, body=payload.body)
    return Status(201, comment)


@router.post("/{case_id}/assignment", response={200: CaseOut, **ERRORS}, auth=staff_auth)
def assignment(request: AuthedRequest, case_id: Id, payload: AssignmentIn):
    case = selectors.case_get_for(request.auth, case_id)
    assignee = None
    if payload.assignee:
        assignee = selectors.handlers_for(request.auth, case).filter(username=payload.assignee).first()
        if assignee is None:
            raise ValidationError({"assignee": _("Penangan tidak ditemukan di kantor ini.")})
    return services.case_assign(user=request.auth, case=case, assignee=assignee)


@router.get("/{case_id}/letters", response=list[IssuedLetterOut], auth=staff_auth)
def letters(request: AuthedRequest, case_id: int):
    """The letters issued for a case (BKN and a PPK: those about their recommendations)."""
    return selectors.letters_for(request.auth, case_id)


@router.post("/{case_id}/letters", response={201: list[IssuedLetterOut], **ERRORS}, auth=staff_auth)
def letter_issue(request: AuthedRequest, case_id: int, payload: LetterIssueIn):
    """Issue an undangan klarifikasi (one per invitee) or a pemberitahuan status laporan."""
    case = selectors.case_get_for(request.auth, case_id)
    issued = services.letter_issue(
        kind=payload.kind, case=case, user=request.auth, clarification_id=payload.clarification_id
    )
    return Status(201, issued)


@router.get("/{case_id}/letters/{letter_id}.pdf", auth=staff_auth, response={200: None, **ERRORS})
def issued_letter_pdf(request: AuthedRequest, case_id: int, letter_id: int):
    """The archived PDF of an issued letter (its SHA-256 is in the letter list)."""
    return issued_letter_response(request.auth, case_id, letter_id, "pdf")


@router.post(
    "/{case_id}/recommendations/{rec_id}/followup-state",
    response={200: FollowupClockOut, **ERRORS},
    auth=staff_auth,
)
def followup_state(request: AuthedRequest, case_id: int, rec_id: int, payload: FollowupStateIn):
    """BKN or the PPK addressed: dalam_proses, or ditolak with a reason (stops the clock)."""
    return services.followup_state_set(
        user=request.auth,
        case_id=case_id,
        recommendation_id=rec_id,
        state=payload.state,
        reason=payload.reason,
    )
