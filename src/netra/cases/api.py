"""/api/v1/cases/: public reporting and tracking; scoped case handling for staff.

Handlers only parse input, call a service or selector and shape the answer. Errors are JSON
``{"detail": ..., "errors": {field: [messages]}}``: 400 bad input, 401 no credentials, 403 not
allowed (role or state), 404 unknown or outside jurisdiction, 409 changed meanwhile.
"""

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.throttling import AnonRateThrottle

from netra.accounts.api_auth import staff_auth
from netra.cases import selectors, services, workflow
from netra.cases.schemas import (
    ActionOut,
    AssignmentIn,
    CaseDetailOut,
    CaseOut,
    CommentIn,
    CommentOut,
    ElectionOut,
    ErrorOut,
    EvidenceOut,
    IntakeCheckOut,
    ReceiptOut,
    ReportIn,
    TemuanIn,
    TrackOut,
    TransitionIn,
    ViolationTypeOut,
)
from netra.cases.services.lawbridge import violation_types
from netra.cases.views.letters import letter_response

router = Router(tags=["cases"])


class ReportThrottle(AnonRateThrottle):
    """Public report submissions per client address (setting ``NETRA_PUBLIC_REPORT_RATE``)."""

    scope = "cases_report"


REPORT_THROTTLES = [ReportThrottle(getattr(settings, "NETRA_PUBLIC_REPORT_RATE", "30/m"))]


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _error(status: int, detail: str, errors: dict | None = None) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": errors or {}}, status=status)


def _validation_error(exc: ValidationError) -> JsonResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
        return _error(400, detail, errors)
    return _error(400, "; ".join(exc.messages))


def service_errors(view):
    """Turn the services' exceptions into the API's JSON errors."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            return _validation_error(exc)
        except PermissionDenied as exc:
            return _error(403, str(exc) or _("Tidak diizinkan."))
        except Http404:
            return _error(404, _("Tidak ditemukan."))
        except services.CaseConflict as exc:
            return _error(409, str(exc))

    return wrapper


# ---------------------------------------------------------------- shaping answers


def _office(office) -> dict:
    return {"id": office.pk, "name": office.name, "kind": office.kind, "region_code": office.region_code}


def _terlapor(case) -> list[dict]:
    return [
        {"id": t.pk, "name": t.name, "nip": t.nip, "position": t.position, "subject_type": t.subject_type,
         "agency_name": t.agency_name or (t.agency.name if t.agency_id else "")}
        for t in case.terlapor.all()  # prefetched with their agencies by the list endpoints
    ]


def case_out(case) -> dict:
    return {
        "id": case.pk, "kind": case.kind, "status": case.status, "status_label": case.get_status_display(),
        "title": case.title, "register_number": case.register_number or "", "region_code": case.region_code,
        "region_name": case.region.name, "office": _office(case.office),
        "election": case.election.name if case.election_id else "", "received_at": case.received_at,
        "due_at": case.due_at, "deadline_state": selectors.deadline_state(case),
        "assigned_to": case.assigned_to.get_username() if case.assigned_to_id else "",
        "violation_code": case.violation_code, "terlapor": _terlapor(case),
    }


def _evidence(item) -> dict:
    url = reverse("api:cases_evidence_file", kwargs={"evidence_id": item.pk}) if item.file else ""
    return {"id": item.pk, "original_name": item.original_name, "link": item.link,
            "content_type": item.content_type, "size": item.size, "sha256": item.sha256,
            "uploaded_at": item.uploaded_at, "download_url": url}


def _action(action) -> dict:
    return {"name": action.name, "label": str(action.label), "needs_reason": action.needs_reason,
            "targets": list(action.targets)}


def _reporter(reporter) -> dict | None:
    if reporter is None:
        return None
    return {"name": reporter.name, "address": reporter.address, "phone": reporter.phone,
            "email": reporter.email, "nik": reporter.nik}


def _records(detail) -> dict:
    decision = detail.decision
    return {
        "decision": None if decision is None else {
            "outcome": decision.outcome, "violation_code": decision.violation_code,
            "reasoning": decision.reasoning, "decided_at": decision.decided_at},
        "recommendations": [
            {"id": r.pk, "terlapor": r.terlapor.name if r.terlapor_id else "", "recipients": r.recipients,
             "copies": r.copies, "reasons": r.reasons, "letter_number": r.letter_number,
             "forwarded_at": r.forwarded_at} for r in detail.recommendations],
        "followups": [
            {"sanction": f.sanction, "imposed_by": f.imposed_by, "imposed_on": f.imposed_on,
             "letter_number": f.letter_number, "recorded_at": f.recorded_at} for f in detail.followups],
        "transitions": [
            {"action": t.action, "from_status": t.from_status, "to_status": t.to_status,
             "actor": t.actor.get_username() if t.actor_id else "publik", "office": t.office.name,
             "at": t.at, "reason": t.reason} for t in detail.transitions],
    }


def detail_out(user, detail) -> dict:
    case = detail.case
    identities = selectors.may_see_identities(user, case)
    return {
        **case_out(case), "description": case.description, "place": case.place,
        "occurred_on": case.occurred_on, "known_on": case.known_on, "registered_at": case.registered_at,
        "decided_at": case.decided_at, "closed_at": case.closed_at,
        "non_registration_reason": case.non_registration_reason,
        "receipt_code": services.receipt_code_display(case.receipt_code) if identities else None,
        "reporter": _reporter(detail.reporter),
        "witnesses": [{"name": w.name, "address": w.address, "phone": w.phone} for w in detail.witnesses],
        "evidence": [_evidence(e) for e in detail.evidence],
        "available_actions": [_action(a) for a in detail.actions],
        **_records(detail),
    }


def _check_out(check) -> dict:
    due = check.deadline.due if check.deadline is not None else None
    return {"missing": check.missing, "window": check.window, "window_label": check.window_label,
            "deadline": due, "anonymous": check.anonymous}


# ---------------------------------------------------------------- public


def _report_data(payload: ReportIn) -> dict:
    data = payload.dict(exclude={"links", "witness_name", "witness_address", "witness_phone"})
    if payload.witness_name.strip():
        data["witnesses"] = [{"name": payload.witness_name, "address": payload.witness_address,
                              "phone": payload.witness_phone}]
    return data


@router.post("/reports/check", response={200: IntakeCheckOut, **ERRORS}, auth=None)
def report_check(request: HttpRequest, payload: ReportIn):
    """What is still missing in a draft report, and whether the reporting window is open."""
    return _check_out(services.intake_check(_report_data(payload), links=payload.links))


@router.post("/reports", response={201: ReceiptOut, **ERRORS}, auth=None, throttle=REPORT_THROTTLES)
@service_errors
def report_submit(request: HttpRequest, payload: Form[ReportIn], files: File[list[UploadedFile]] = None):
    """File a report without an account (multipart: fields + ``files``). Keep the receipt code."""
    data, files = _report_data(payload), files or []
    check = services.intake_check(data, files=files, links=payload.links)
    case, code = services.laporan_submit_public(data=data, files=files, links=payload.links, source="api")
    return Status(201, {
        "receipt_code": services.receipt_code_display(code), "kind": case.kind, "status": case.status,
        "status_label": case.get_status_display(),
        "track_url": reverse("api:cases_track", kwargs={"code": code}), "check": _check_out(check),
    })


@router.get("/track/{code}", response={200: TrackOut, **ERRORS}, auth=None, url_name="cases_track")
def track(request: HttpRequest, code: str):
    """Public status of a report by receipt code; nothing that identifies anyone."""
    view = services.case_track(code)
    if view is None:
        return _error(404, _("Kode tanda terima tidak ditemukan."))
    return view


@router.get("/elections", response=list[ElectionOut], auth=None)
def elections(request: HttpRequest, active: bool = True):
    return [
        {"id": e.pk, "name": e.name, "regime": e.regime, "region_code": e.region_id,
         "penetapan_calon": e.penetapan_calon, "campaign_start": e.campaign_start,
         "campaign_end": e.campaign_end, "voting_day": e.voting_day, "is_active": e.is_active}
        for e in selectors.election_list(active_only=active)
    ]


@router.get("/violation-types", response=list[ViolationTypeOut], auth=None)
def violation_type_list(request: HttpRequest):
    return [
        {"code": t.code, "name": t.name_id, "instrument": t.instrument, "subjects": list(t.subjects),
         "sanction_kind": t.sanction.kind, "valid_from": t.valid_from, "valid_to": t.valid_to}
        for t in violation_types()
    ]


# ---------------------------------------------------------------- staff


class CaseFilters(Schema):
    status: str = ""
    kind: str = ""
    region: str = ""
    election: int | None = None
    subject_type: str = ""
    violation_code: str = ""
    overdue: bool = False
    nearly_due: bool = False
    q: str = ""
    assigned_to_me: bool = False
    open_only: bool = False
    limit: int = 50
    offset: int = 0


@router.get("/", response=list[CaseOut], auth=staff_auth)
def case_list(request: HttpRequest, filters: Query[CaseFilters]):
    """The caller's cases (scoped to their office), newest first; ``limit`` at most 200."""
    options = filters.dict(exclude={"limit", "offset"})
    qs = selectors.case_list_for(request.auth, **options)
    limit, offset = max(1, min(filters.limit, 200)), max(0, filters.offset)
    return [case_out(c) for c in qs.prefetch_related("terlapor__agency")[offset : offset + limit]]


@router.get("/queue", response=list[CaseOut], auth=staff_auth)
def queue(request: HttpRequest):
    """Open cases waiting on the caller's office, nearest deadline first."""
    return [case_out(c) for c in selectors.queue_for(request.auth).prefetch_related("terlapor__agency")[:200]]


@router.post("/temuan", response={201: CaseDetailOut, **ERRORS}, auth=staff_auth)
@service_errors
def temuan(request: HttpRequest, payload: TemuanIn):
    """A supervisor's finding with the observation record (pengawas, pimpinan)."""
    data = payload.dict(exclude={"observation", "links"})
    case = services.temuan_create(user=request.auth, data=data, observation=payload.observation.dict(),
                                  links=payload.links, source="api")
    return Status(201, detail_out(request.auth, selectors.case_detail_for(request.auth, case.pk)))


@router.get("/{case_id}", response={200: CaseDetailOut, **ERRORS}, auth=staff_auth)
@service_errors
def case_detail(request: HttpRequest, case_id: int):
    return detail_out(request.auth, selectors.case_detail_for(request.auth, case_id))


@router.get("/{case_id}/actions", response={200: list[ActionOut], **ERRORS}, auth=staff_auth)
@service_errors
def case_actions(request: HttpRequest, case_id: int):
    """Only the actions the caller may take on this case now."""
    case = selectors.case_get_for(request.auth, case_id)
    return [_action(a) for a in workflow.available_transitions(request.auth, case)]


@router.post("/{case_id}/transitions", response={200: CaseDetailOut, **ERRORS}, auth=staff_auth)
@service_errors
def case_transition(request: HttpRequest, case_id: int, payload: TransitionIn):
    case = selectors.case_get_for(request.auth, case_id)
    params = {k: v for k, v in payload.dict(exclude={"action", "reason"}).items() if v is not None}
    services.case_transition(user=request.auth, case=case, action=payload.action, reason=payload.reason,
                             **params)
    return detail_out(request.auth, selectors.case_detail_for(request.auth, case_id))


@router.get("/{case_id}/evidence", response={200: list[EvidenceOut], **ERRORS}, auth=staff_auth)
@service_errors
def evidence_list(request: HttpRequest, case_id: int):
    case = selectors.case_get_for(request.auth, case_id)
    return [_evidence(e) for e in selectors.evidence_list_for(request.auth, case)]


@router.post("/{case_id}/evidence", response={201: list[EvidenceOut], **ERRORS}, auth=staff_auth)
@service_errors
def evidence_add(request: HttpRequest, case_id: int, files: File[list[UploadedFile]] = None,
                 links: Form[list[str]] = None, description: Form[str] = ""):
    """Attach files (multipart ``files``) and/or ``links``; every file is checked before any is kept."""
    case = selectors.case_get_for(request.auth, case_id)
    items = services.evidence_add(user=request.auth, case=case, files=files or [], links=links or [],
                                  description=description)
    return Status(201, [_evidence(e) for e in items])


@router.get("/evidence/{evidence_id}/file", auth=staff_auth, url_name="cases_evidence_file",
            response={200: None, **ERRORS})
@service_errors
def evidence_file(request: HttpRequest, evidence_id: int):
    """The stored file, byte for byte as uploaded (check it against ``sha256``)."""
    item, handle = selectors.evidence_file_for(request.auth, evidence_id)
    return FileResponse(handle, as_attachment=True, filename=item.original_name,
                        content_type=item.content_type)


@router.get("/{case_id}/recommendations/{rec_id}/letter.pdf", auth=staff_auth,
            url_name="cases_letter_pdf", response={200: None, **ERRORS})
@service_errors
def letter_pdf(request: HttpRequest, case_id: int, rec_id: int):
    """The recommendation's official letter as PDF (same access rules as the case page's link)."""
    return letter_response(request.auth, case_id, rec_id, "pdf")


@router.get("/{case_id}/comments", response={200: list[CommentOut], **ERRORS}, auth=staff_auth)
@service_errors
def comments(request: HttpRequest, case_id: int):
    detail = selectors.case_detail_for(request.auth, case_id)
    return [{"id": c.pk, "author": c.author.get_username(), "body": c.body, "created_at": c.created_at}
            for c in detail.comments]


@router.post("/{case_id}/comments", response={201: CommentOut, **ERRORS}, auth=staff_auth)
@service_errors
def comment_add(request: HttpRequest, case_id: int, payload: CommentIn):
    case = selectors.case_get_for(request.auth, case_id)
    comment = services.comment_add(user=request.auth, case=case, body=payload.body)
    return Status(201, {"id": comment.pk, "author": request.auth.get_username(), "body": comment.body,
                        "created_at": comment.created_at})


@router.post("/{case_id}/assignment", response={200: CaseOut, **ERRORS}, auth=staff_auth)
@service_errors
def assignment(request: HttpRequest, case_id: int, payload: AssignmentIn):
    case = selectors.case_get_for(request.auth, case_id)
    assignee = None
    if payload.assignee:
        assignee = selectors.handlers_for(request.auth, case).filter(username=payload.assignee).first()
        if assignee is None:
            raise ValidationError({"assignee": _("Penangan tidak ditemukan di kantor ini.")})
    return case_out(services.case_assign(user=request.auth, case=case, assignee=assignee))


