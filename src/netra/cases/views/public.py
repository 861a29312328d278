"""Pages for citizens, without an account: the report form, its live check, the receipt, tracking."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from netra.cases import selectors, services
from netra.cases.forms import SERVICE_FIELD_MAP, ReportForm, TrackForm, WitnessFormSet, report_parsed
from netra.cases.views.agencies import picker_context, with_agency
from netra.cases.views.common import errors_onto_form
from netra.cases.views.regions import picker_levels, region_code_from
from netra.core.ratelimit import Limited, limited_headers, rate_gate

RECEIPT_SESSION_KEY = "netra_receipt"
# Service error keys that are named differently in the form (the temuan view shares them).
REPORT_FIELD_MAP = SERVICE_FIELD_MAP


def with_region(data):
    """The submitted data plus ``region``: the deepest level chosen in the region picker, and the
    terlapor's agency id when the typed name is exactly one registry agency's (``with_agency``)."""
    data = data.copy()
    data["region"] = region_code_from(data)
    return with_agency(data)


def witness_messages(witnesses) -> list[str]:
    """The witness rows' errors as plain messages for the summary at the top of the form."""
    if not witnesses.is_bound:
        return []
    rows = [str(msg) for row in witnesses.errors for errors in row.values() for msg in errors]
    return rows + [str(msg) for msg in witnesses.non_form_errors()]


def _report_context(request, form, witnesses, **extra) -> dict:
    data = form.data if form.is_bound else {}
    region_errors = form.errors.get("region") if form.is_bound else None
    agency_errors = form.errors.get("terlapor_agency") if form.is_bound else None
    return {
        "form": form,
        "witnesses": witnesses,
        "witness_errors": witness_messages(witnesses) if form.is_bound else [],
        "region_picker": {"levels": picker_levels(data), "error": region_errors},
        "agency_picker": picker_context(data, error=agency_errors),
        "check": draft_check(data) if form.is_bound else None,
        "anonymous_chosen": data.get("identity") == ReportForm.ANONYMOUS,
        "confirm_period_shown": form.needs_period_confirmation or bool(data.get("confirm_period")),
        "max_upload_mb": settings.NETRA_MAX_UPLOAD_MB,
        **extra,
    }


def _submit(form, witnesses, files):
    """Hand the report to the service; its errors land on the form. The case, or None."""
    try:
        case, _code = services.laporan_submit_public(
            parsed=report_parsed(form, witnesses), files=files, links=form.cleaned_data["evidence_links"]
        )
    except ValidationError as exc:
        errors_onto_form(form, exc, field_map=REPORT_FIELD_MAP, fallback="evidence_files")
        return None
    return case


def _gate(request, scope: str) -> Limited | None:
    """The shared intake limit (netra.core.ratelimit); pow.js fills the challenge fields."""
    challenge, nonce = request.POST.get("pow_challenge", ""), request.POST.get("pow_nonce", "")
    return rate_gate(request, scope, challenge=challenge, nonce=nonce)


def _limited_page(request, template: str, context: dict, limited: Limited):
    """429: the form again, with the challenge pow.js solves and the wait for those without JS."""
    response = render(request, template, context, status=429)
    for name, value in limited_headers(limited).items():
        response[name] = value
    return response


@require_http_methods(["GET", "POST"])
def report(request):
    elections = selectors.election_list()
    if request.method == "GET":
        form = ReportForm(elections=elections)
        return render(request, "cases/report_form.html", _report_context(request, form, WitnessFormSet()))
    data = with_region(request.POST)
    form = ReportForm(data, request.FILES, elections=elections)
    witnesses = WitnessFormSet(data)
    files = request.FILES.getlist("evidence_files")
    if "_refresh" not in data and (limited := _gate(request, "report")):
        context = _report_context(request, form, witnesses, files_lost=bool(files), challenge=limited)
        return _limited_page(request, "cases/report_form.html", context, limited)
    if "_refresh" not in data and form.is_valid() and witnesses.is_valid():
        case = _submit(form, witnesses, form.cleaned_data["evidence_files"])
        if case is not None:
            request.session[RECEIPT_SESSION_KEY] = case.receipt_code
            return HttpResponseRedirect(reverse("cases:report_done"))
    refresh = "_refresh" in data
    if refresh:
        form.errors.clear()
    extra: dict[str, list[str]] = {"witness_errors": []} if refresh else {}
    context = _report_context(request, form, witnesses, files_lost=bool(files), **extra)
    return render(request, "cases/report_form.html", context, status=200 if refresh else 400)


CHECK_FIELDS = (
    "confirm_period",
    "title",
    "description",
    "place",
    "occurred_on",
    "known_on",
    "reporter_name",
    "reporter_address",
    "terlapor_name",
    "terlapor_nip",
    "terlapor_agency_name",
    "terlapor_position",
    "terlapor_subject_type",
)


def check_input(raw) -> tuple[dict, int]:
    """What the live check needs from a draft, with ids that cannot be numbers dropped, and the
    number of evidence items (files counted in the browser, links)."""
    data = {name: raw.get(name, "") for name in CHECK_FIELDS}
    election = raw.get("election", "")
    data["election"] = election if election.isdigit() else ""
    data["region"] = region_code_from(raw)
    data["anonymous"] = raw.get("identity") == ReportForm.ANONYMOUS
    links = [line for line in raw.get("evidence_links", "").splitlines() if line.strip()]
    count = raw.get("evidence_count", "0")
    return data, len(links) + (int(count) if count.isdigit() else 0)


def draft_check(raw):
    data, evidence = check_input(raw)
    return services.intake_check(data, files=range(evidence))


@require_POST
def report_check(request):
    """htmx: the live check panel for the draft in the form (files are counted, not uploaded)."""
    context = {
        "check": draft_check(request.POST),
        "anonymous_chosen": request.POST.get("identity") == ReportForm.ANONYMOUS,
    }
    return render(request, "cases/_check_panel.html", context)


def report_done(request):
    """The receipt right after submitting; the code lives in the session, never in the URL."""
    code = request.session.get(RECEIPT_SESSION_KEY)
    tracked = selectors.case_track(code) if code else None
    if tracked is None:
        return HttpResponseRedirect(reverse("cases:track"))
    return render(request, "cases/report_done.html", {"tracked": tracked})


@require_http_methods(["GET", "POST"])
def track(request):
    """Status by receipt code and nothing else; the code is POSTed so it stays out of URLs and logs."""
    if request.method == "GET":
        return render(request, "cases/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if limited := _gate(request, "track"):
        context = {"form": form, "challenge": limited}
        return _limited_page(request, "cases/track.html", context, limited)
    tracked = selectors.case_track(form.cleaned_data["code"]) if form.is_valid() else None
    context = {"form": form, "tracked": tracked, "not_found": form.is_valid() and tracked is None}
    code = 200 if tracked else 404 if form.is_valid() else 400
    return render(request, "cases/track.html", context, status=code)
