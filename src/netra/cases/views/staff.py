"""Staff pages: my queue, the case list with filters, the case page, the temuan form."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from netra.accounts.models import Role
from netra.accounts.scoping import HANDLE, can
from netra.cases import selectors, services
from netra.cases.forms import (
    AssignForm,
    CaseFilterForm,
    ClarificationForm,
    ClarificationRecordForm,
    CommentForm,
    EvidenceForm,
    FollowupStateForm,
    KajianForm,
    TemuanForm,
    action_form,
)
from netra.cases.models import Kajian, Status
from netra.cases.services.actions import sanction_menu_for
from netra.cases.services.guards import step_guards
from netra.cases.views.agencies import picker_context
from netra.cases.views.common import (
    deadline_class,
    errors_onto_form,
    mark_deadlines,
    page_or_first,
    query_without_page,
)
from netra.cases.views.public import REPORT_FIELD_MAP, with_region
from netra.cases.views.regions import picker_levels

FILTER_ARGS = (
    "status",
    "kind",
    "region",
    "election",
    "subject_type",
    "overdue",
    "assigned_to_me",
    "sanction_lighter",
    "q",
    "agency",
    "instansi",
    "indicator",
    "outcome",
    "month",
    "region_only",
    "sanction",
)


def violation_choices() -> list[tuple[str, str]]:
    """The catalogue's violation types as (code, "code · name") in the page language."""
    from netra.law import catalogue

    english = (get_language() or "").startswith("en")
    return [(t.code, f"{t.code} · {t.name_en if english else t.name_id}") for t in catalogue.all_types()]


@login_required
def queue(request):
    """The page every officer lands on: one keyset page of the queue and its bounded counts."""
    page = page_or_first(selectors.queue_page_for, request, request.user)
    page.items = mark_deadlines(page.items, request.user)
    counts = selectors.queue_counts_for(request.user)
    context = {"page": page, "counts": counts, "query": query_without_page(request)}
    return render(request, "cases/queue.html", context)


def _filters(form) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    found = {name: data[name] for name in FILTER_ARGS if data.get(name)}
    if data.get("violation"):
        found["violation_code"] = data["violation"]
    return found


@login_required
def case_list(request):
    form = CaseFilterForm(
        request.GET or None,
        elections=selectors.election_list(active_only=False),
        violations=violation_choices(),
    )
    context = {
        "form": form,
        "query": query_without_page(request),
        "page": selectors.Page(items=[]),
        "count": selectors.Count(0, exact=True),
    }
    if not form.errors:
        filters = _filters(form)
        page = page_or_first(selectors.case_page_for, request, request.user, **filters)
        page.items = mark_deadlines(page.items, request.user)
        context["page"], context["count"] = page, selectors.case_count_for(request.user, **filters)
    return render(request, "cases/list.html", context, status=400 if form.errors else 200)


def _record_forms(user, detail) -> dict:
    """Forms for what can be recorded inside the current step (shown only where the service allows)."""
    case, office_handles = detail.case, can(user, detail.case, HANDLE) and not detail.case.is_closed
    handler = office_handles and user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN)
    forms: dict[str, BaseForm] = {}
    if handler and case.status in (Status.KLARIFIKASI, Status.KAJIAN):
        forms["clarification"] = ClarificationForm(prefix="clar")
        if any(c.is_pending for c in detail.clarifications):
            forms["clarification_record"] = ClarificationRecordForm(prefix="rec")
    if handler and case.status in (Status.KAJIAN_AWAL, Status.KLARIFIKASI, Status.KAJIAN):
        stage = Kajian.Stage.AWAL if case.status == Status.KAJIAN_AWAL else Kajian.Stage.DUGAAN
        forms["kajian"] = KajianForm(prefix="kajian", initial={"stage": stage}, stage=stage)
    if office_handles and user.has_role(Role.PIMPINAN):
        forms["assign"] = AssignForm(
            prefix="assign",
            handlers=selectors.handlers_for(user, case),
            initial={"assignee": case.assigned_to_id},
        )
    if office_handles and user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS):
        forms["evidence"] = EvidenceForm(prefix="evidence")
    if user.office.is_supervisory and user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS):
        forms["comment"] = CommentForm(prefix="comment")
    return forms


def attach_matches(user, detail) -> None:
    """Suggested roster records (``t.matches``) per unconfirmed terlapor, for those who may confirm."""
    from netra.registry.matching import pegawai_match_many

    case = detail.case
    may_confirm = (
        not case.is_closed and can(user, case, HANDLE) and user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN)
    )
    for t in detail.terlapor:
        t.matches = []
    open_ones = [t for t in detail.terlapor if may_confirm and t.pegawai_id is None]
    people = [{"name": t.name, "nip": t.nip or None} for t in open_ones]
    for t, matches in zip(open_ones, pegawai_match_many(user, people), strict=True):
        t.matches = matches  # within the user's territory


def timeline(detail) -> list[dict]:
    """Everything that happened to the case, oldest first, as one list for the template."""
    items = [{"kind": "transition", "at": t.at, "obj": t} for t in detail.transitions]
    items += [{"kind": "comment", "at": c.created_at, "obj": c} for c in detail.comments]
    items += [{"kind": "evidence", "at": e.uploaded_at, "obj": e} for e in detail.evidence]
    items += [{"kind": "clarification", "at": c.created_at, "obj": c} for c in detail.clarifications]
    items += [{"kind": "kajian", "at": k.created_at, "obj": k} for k in detail.kajian]
    items += [{"kind": "recommendation", "at": r.forwarded_at, "obj": r} for r in detail.recommendations]
    items += [{"kind": "followup", "at": f.recorded_at, "obj": f} for f in detail.followups]
    if detail.decision is not None:
        items.append({"kind": "decision", "at": detail.decision.decided_at, "obj": detail.decision})
    return sorted(items, key=lambda item: item["at"])


def case_page_context(request, case_id, *, bound: dict | None = None) -> dict:
    """The case page's context; ``bound`` replaces a blank form with one carrying the user's input."""
    detail = selectors.case_detail_for(request.user, case_id)
    services.identities_shown_record(user=request.user, detail=detail, channel="web")
    violations = violation_choices() if any(a.name == "decide" for a in detail.actions) else ()
    sanctions = (
        sanction_menu_for(request.user, detail.case)
        if any(a.name == "record_followup" for a in detail.actions)
        else None
    )
    action_forms = [(a, action_form(a, violations=violations, sanctions=sanctions)) for a in detail.actions]
    record_forms = _record_forms(request.user, detail)
    for name, form in (bound or {}).items():
        if name.startswith("action:"):
            action_forms = [(a, form if a.name == name[7:] else f) for a, f in action_forms]
        else:
            record_forms[name] = form
    attach_matches(request.user, detail)
    detail.case.deadline_state = deadline_class(detail.case)
    return {
        "detail": detail,
        "case": detail.case,
        "timeline": timeline(detail),
        "action_forms": action_forms,
        "forms": record_forms,
        "violation_label": dict(violation_choices()).get(
            detail.case.violation_code, detail.case.violation_code
        ),
        "may_see_identities": selectors.may_see_identities(request.user, detail.case),
        "letter_ids": selectors.letter_recommendation_ids_for(request.user, detail.case),
        **letters_context(request.user, detail),
        **step_guards(detail),
    }


def letters_context(user, detail) -> dict:
    """The case page's letters section: issued letters, follow-up clocks and what the user may do."""
    case = detail.case
    clocks = selectors.followup_clocks_for(user, case) if detail.recommendations else {}
    followups = [
        (rec, clocks.get(rec.pk), FollowupStateForm(prefix=f"followup-{rec.pk}"))
        for rec in detail.recommendations
        if rec.pk in clocks
    ]
    return {
        "issued_letters": selectors.case_letters_for(user, case),
        "followup_rows": followups,
        "may_follow_up": selectors.may_follow_up(user, case),
        "may_issue_letters": selectors.may_issue_letters(user, case),
    }


@login_required
def case_detail(request, case_id: int):
    return render(request, "cases/detail.html", case_page_context(request, case_id))


def _temuan_service_data(form) -> tuple[dict, dict]:
    data = form.cleaned_data
    report = form.service_data()
    observation = {
        "observed_at": data["observed_at"],
        "place": data["observation_place"],
        "method": data["method"],
        "what": data["what"],
    }
    return report, observation


TEMUAN_FIELD_MAP = {**REPORT_FIELD_MAP, "place": "observation_place"}


def _temuan_submit(request, form):
    report, observation = _temuan_service_data(form)
    try:
        return services.temuan_create(
            user=request.user,
            data=report,
            observation=observation,
            files=form.cleaned_data["evidence_files"],
            links=form.cleaned_data["evidence_links"],
        )
    except ValidationError as exc:
        errors_onto_form(form, exc, field_map=TEMUAN_FIELD_MAP, fallback="evidence_files")
    return None


@login_required
@require_http_methods(["GET", "POST"])
def temuan_new(request):
    if not request.user.has_role(Role.PENGAWAS, Role.PIMPINAN) or not request.user.office.is_supervisory:
        raise PermissionDenied
    elections = selectors.election_list()
    data = with_region(request.POST) if request.method == "POST" else None
    form = TemuanForm(data, request.FILES or None, elections=elections)
    if data is not None and "_refresh" not in data and form.is_valid():
        case = _temuan_submit(request, form)
        if case is not None:
            return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))
    if data is not None and "_refresh" in data:
        form.errors.clear()
    context = {
        "form": form,
        "region_picker": {
            "levels": picker_levels(data or {}),
            "error": form.errors.get("region") if data else None,
        },
        "agency_picker": picker_context(
            data or {}, error=form.errors.get("terlapor_agency") if data else None
        ),
        "files_lost": bool(request.FILES),
        "max_upload_mb": settings.NETRA_MAX_UPLOAD_MB,
    }
    status = 400 if data is not None and "_refresh" not in data else 200
    return render(request, "cases/temuan_form.html", context, status=status)
