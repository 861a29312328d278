"""Letters of every step and PPK follow-up compliance: downloads of issued letters, issuing an
invitation or a status notice, the follow-up state of a recommendation, the compliance page and an
office's letter wording and service target."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.cases import selectors, services
from netra.cases.forms import (
    ComplianceFilterForm,
    FollowupStateForm,
    FollowupTargetForm,
    LetterIssueForm,
    LetterTemplateForm,
)
from netra.cases.letters import safe_filename
from netra.cases.models import LetterKind
from netra.cases.views.common import errors_onto_form

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TYPES = {"pdf": "application/pdf", "docx": DOCX_TYPE}


def _back(case_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("cases:detail", args=[case_id]) + "#letters")


def issued_letter_response(user, case_id: int, letter_id: int, fmt: str) -> HttpResponse:
    """The archived bytes of an issued letter, after the download is audited (pages and API)."""
    letter, content = selectors.issued_letter_file_for(user, case_id, letter_id, fmt)
    services.letter_download_audit(user=user, letter=letter, fmt=fmt)
    response = HttpResponse(content, content_type=_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(letter.number, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def issued_letter_download(request, case_id: int, letter_id: int, fmt: str):
    if fmt not in _TYPES:
        raise Http404
    return issued_letter_response(request.user, case_id, letter_id, fmt)


@login_required
@require_POST
def letter_issue(request, case_id: int):
    case = selectors.case_get_for(request.user, case_id)
    form = LetterIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan surat tidak sah."))
        return _back(case_id)
    try:
        issued = services.letter_issue(
            kind=form.cleaned_data["kind"],
            case=case,
            user=request.user,
            clarification_id=form.cleaned_data["clarification"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        numbers = ", ".join(letter.number for letter in issued)
        messages.success(request, _("Surat diterbitkan: %(numbers)s.") % {"numbers": numbers})
    return _back(case_id)


@login_required
@require_POST
def followup_state(request, case_id: int, rec_id: int):
    form = FollowupStateForm(request.POST, prefix=f"followup-{rec_id}")
    if form.is_valid():
        try:
            services.followup_state_set(
                user=request.user,
                case_id=case_id,
                recommendation_id=rec_id,
                state=form.cleaned_data["state"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Status tindak lanjut dicatat."))
    else:
        messages.error(request, _("Pilih status tindak lanjut."))
    return _back(case_id)


@login_required
@require_GET
def compliance(request):
    form = ComplianceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    report = selectors.compliance_for(
        request.user, agency_id=filters.get("agency"), region=(filters.get("region") or "").strip()
    )
    target = selectors.followup_target_for(request.user)
    target_form = FollowupTargetForm(initial={"days": target.days, "unit": target.unit} if target else None)
    context = {"report": report, "form": form, "target": target, "target_form": target_form}
    return render(request, "cases/compliance.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def letter_template(request, kind: str):
    if kind not in selectors.EDITABLE_LETTER_KINDS:
        raise Http404
    current = selectors.letter_template_for(request.user, kind)
    initial = {
        name: getattr(current, name, "")
        for name in ("opening", "closing", "signatory_name", "signatory_title")
    }
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(user=request.user, kind=kind, data=form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Templat surat disimpan."))
            return HttpResponseRedirect(reverse("cases:letter_template", args=[kind]))
    spec = selectors.letter_kind_spec(kind)
    kinds = [(other, LetterKind(other).label) for other in selectors.EDITABLE_LETTER_KINDS]
    context = {"form": form, "spec": spec, "kind": kind, "kinds": kinds}
    return render(request, "cases/letter_template.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def followup_target(request):
    form = FollowupTargetForm(request.POST)
    if form.is_valid():
        try:
            services.followup_target_set(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Target layanan disimpan."))
    else:
        messages.error(request, _("Target layanan 1 sampai 365 hari."))
    return HttpResponseRedirect(reverse("cases:compliance"))
