"""POST endpoints of the case page: workflow actions and records, each calling one service.

On success they redirect back to the case page with a message (POST/redirect/GET); on bad input
they render the case page again with the user's input and the errors (status 400).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.cases import selectors, services, workflow
from netra.cases.forms import (
    AssignForm,
    ClarificationForm,
    ClarificationRecordForm,
    CommentForm,
    EvidenceForm,
    KajianForm,
    PegawaiConfirmForm,
    action_form,
)
from netra.cases.services.actions import sanction_menu_for
from netra.cases.views.common import errors_onto_form
from netra.cases.views.staff import case_page_context, violation_choices


def _back(case_id: int, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("cases:detail", args=[case_id]) + (f"#{anchor}" if anchor else ""))


def _again(request, case_id: int, name: str, form):
    """The case page with ``form`` carrying what the user typed and its errors."""
    context = case_page_context(request, case_id, bound={name: form})
    context["open_form"] = name
    return render(request, "cases/detail.html", context, status=400)


def _run(request, case_id: int, name: str, form, call, done: str, anchor: str = ""):
    """Validate ``form``, run ``call(form)`` (a service), redirect on success or show the errors."""
    if form.is_valid():
        try:
            call(form)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        except services.CaseConflict:
            messages.warning(request, _("Kasus ini baru saja diubah orang lain. Periksa lagi lalu ulangi."))
            return _back(case_id)
        else:
            messages.success(request, done)
            return _back(case_id, anchor)
    return _again(request, case_id, name, form)


@login_required
@require_POST
def transition(request, case_id: int, action: str):
    case = selectors.case_get_for(request.user, case_id)
    spec = next((a for a in workflow.available_transitions(request.user, case) if a.name == action), None)
    if spec is None:
        raise PermissionDenied(_("Tindakan ini tidak tersedia untuk Anda pada tahap kasus sekarang."))
    violations = violation_choices() if action == "decide" else ()
    sanctions = sanction_menu_for(request.user, case) if action == "record_followup" else None
    form = action_form(spec, request.POST, violations=violations, sanctions=sanctions, files=request.FILES)

    def call(form):
        services.case_transition(user=request.user, case=case, action=action, **form.service_params())

    done = _("Tindakan dicatat: %(label)s.") % {"label": spec.label}
    return _run(request, case_id, f"action:{action}", form, call, done)


@login_required
@require_POST
def comment_add(request, case_id: int):
    case = selectors.case_get_for(request.user, case_id)
    form = CommentForm(request.POST, prefix="comment")
    call = lambda f: services.comment_add(user=request.user, case=case, body=f.cleaned_data["body"])  # noqa: E731
    return _run(request, case_id, "comment", form, call, _("Komentar ditambahkan."), "timeline")


@login_required
@require_POST
def evidence_add(request, case_id: int):
    case = selectors.case_get_for(request.user, case_id)
    form = EvidenceForm(request.POST, request.FILES, prefix="evidence")

    def call(form):
        data = form.cleaned_data
        services.evidence_add(
            user=request.user,
            case=case,
            files=data["files"],
            links=data["links"],
            description=data["description"],
        )

    return _run(request, case_id, "evidence", form, call, _("Bukti ditambahkan."), "evidence")


@login_required
@require_POST
def assign(request, case_id: int):
    case = selectors.case_get_for(request.user, case_id)
    handlers = list(selectors.handlers_for(request.user, case))
    form = AssignForm(request.POST, prefix="assign", handlers=handlers)

    def call(form):
        wanted = form.cleaned_data["assignee"]
        assignee = next((u for u in handlers if u.pk == wanted), None)
        services.case_assign(user=request.user, case=case, assignee=assignee)

    return _run(request, case_id, "assign", form, call, _("Penangan diperbarui."))


@login_required
@require_POST
def clarification_add(request, case_id: int):
    case = selectors.case_get_for(request.user, case_id)
    form = ClarificationForm(request.POST, prefix="clar")
    call = lambda f: services.clarification_schedule(user=request.user, case=case, **f.cleaned_data)  # noqa: E731
    return _run(request, case_id, "clarification", form, call, _("Undangan klarifikasi dicatat."), "timeline")


@login_required
@require_POST
def clarification_record(request, case_id: int):
    selectors.case_get_for(request.user, case_id)  # 404 before the form when the case is not visible
    form = ClarificationRecordForm(request.POST, prefix="rec")

    def call(form):
        data = form.cleaned_data
        item = selectors.clarification_get_for(request.user, case_id, data["clarification"])
        if item is None:
            raise ValidationError({"clarification": _("Undangan klarifikasi tidak ditemukan.")})
        services.clarification_record(
            user=request.user,
            clarification=item,
            held_at=data["held_at"],
            record=data["record"],
            attendance=data["attendance"],
        )

    return _run(
        request,
        case_id,
        "clarification_record",
        form,
        call,
        _("Berita acara klarifikasi dicatat."),
        "timeline",
    )


@login_required
@require_POST
def kajian_add(request, case_id: int):
    case = selectors.case_get_for(request.user, case_id)
    form = KajianForm(request.POST, prefix="kajian")
    call = lambda f: services.kajian_add(user=request.user, case=case, **f.cleaned_data)  # noqa: E731
    return _run(request, case_id, "kajian", form, call, _("Kajian dicatat."), "timeline")


@login_required
@require_http_methods(["GET", "POST"])
def kasn_handover(request):
    """One button for Bawaslu RI / BKN leaders: hand every file stuck at KASN over (SE MenPANRB 4/2024).

    Each row may carry the day KASN had already processed it (those go to Kementerian PANRB)."""
    from netra.cases.services.kasn import BASIS, kasn_waiting, may_hand_over
    from netra.cases.services.kasn import kasn_handover as hand_over

    if not may_hand_over(request.user):
        raise PermissionDenied(
            _("Hanya pimpinan atau admin Bawaslu RI atau BKN yang dapat mengalihkan berkas KASN.")
        )
    errors = []
    if request.method == "POST":
        try:
            processed = _processed_dates(request.POST)
            items = hand_over(user=request.user, processed=processed)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("%(n)s rekomendasi dialihkan dari KASN.") % {"n": len(items)})
            return HttpResponseRedirect(reverse("cases:kasn_handover"))
    context = {"waiting": kasn_waiting(), "basis": BASIS, "errors": errors}
    return render(request, "cases/kasn_handover.html", context, status=400 if errors else 200)


def _processed_dates(post) -> dict:
    from datetime import date

    found = {}
    for key, value in post.items():
        if key.startswith("processed-") and value.strip():
            try:
                found[int(key.removeprefix("processed-"))] = date.fromisoformat(value.strip())
            except ValueError:
                raise ValidationError(_("Tanggal tidak valid (format TTTT-BB-HH).")) from None
    return found


@login_required
@require_POST
def terlapor_confirm(request, case_id: int, terlapor_id: int):
    """Confirm the roster record (pegawai) a terlapor is; both must be visible to the user."""
    from netra.registry.selectors import pegawai_get_for

    detail = selectors.case_detail_for(request.user, case_id)
    terlapor = next((t for t in detail.terlapor if t.pk == terlapor_id), None)
    form = PegawaiConfirmForm(request.POST)
    if terlapor is None or not form.is_valid():
        raise Http404
    pegawai = pegawai_get_for(request.user, form.cleaned_data["pegawai"])
    if pegawai is None:
        raise Http404
    try:
        services.terlapor_confirm_pegawai(user=request.user, terlapor=terlapor, pegawai=pegawai)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Terlapor dicocokkan dengan data pegawai %(name)s.") % {"name": pegawai})
    return _back(case_id, "terlapor")


@login_required
@require_GET
def evidence_download(request, case_id: int, evidence_id: int):
    """The original file, as an attachment that the browser must not sniff or render."""
    try:
        evidence, handle = selectors.evidence_file_for(request.user, evidence_id, case_id=case_id)
    except (FileNotFoundError, ValidationError):  # a link, or a file storage has lost
        raise Http404 from None
    services.evidence_download_record(user=request.user, evidence=evidence, channel="web")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name or f"bukti-{evidence.pk}",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["Content-Length"] = str(evidence.size)  # the decrypting stream cannot tell its length
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
