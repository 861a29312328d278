"""Elections: the list, one election's phase dates and post-scoring configuration per area (whole
area, Pilkada regions), forms to edit candidates, parties and general lists, import and export.

Supervisory staff read the elections that concern their territory; those with an editor role
(``services.EDITOR_ROLES``) of an office whose territory holds an area edit it. Everything else
answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.accounts.scoping import is_supervisor
from netra.cases import selectors, services
from netra.cases.forms import (
    ElectionCandidateForm,
    ElectionDatesForm,
    ElectionImportForm,
    ElectionPartyForm,
    ElectionSettingForm,
)
from netra.cases.views.common import errors_onto_form
from netra.text.election import ElectionConfigError, config_json, dump_toml, parse_config

_TYPES = {"toml": "application/toml; charset=utf-8", "json": "application/json; charset=utf-8"}


def _supervisor(request) -> None:
    if not is_supervisor(request.user):
        raise Http404


def _detail_url(election_id: int, code: str = "") -> str:
    url = reverse("cases:election_detail", args=[election_id])
    return url + (f"#wilayah-{code}" if code else "#wilayah-seluruh")


def _region(request) -> str:
    code = (request.GET.get("wilayah") or request.POST.get("wilayah") or "").strip()
    if len(code) > 13:
        raise Http404
    return code


def _editable(request, election_id: int, code: str):
    """The election, when the user may edit ``code``'s configuration; Http404 otherwise."""
    _supervisor(request)
    election = selectors.election_get_for(request.user, election_id)
    if not services.may_edit(request.user, election, code):
        raise Http404
    return election


def _area_config(request, election, code: str) -> dict:
    try:
        return selectors.election_area_for(request.user, election, code).config
    except Http404:
        return {
            "level": "",
            "slogans": [],
            "hashtags": [],
            "case_sensitive": [],
            "candidates": [],
            "parties": [],
        }


@login_required
@require_GET
def election_list(request):
    _supervisor(request)
    elections = selectors.election_list_for(request.user)
    return render(request, "cases/elections/list.html", {"elections": elections})


@login_required
@require_GET
def election_detail(request, election_id: int):
    _supervisor(request)
    election = selectors.election_get_for(request.user, election_id)
    return render(request, "cases/elections/detail.html", _detail_context(request, election))


def _detail_context(request, election, import_form=None, outcome=None) -> dict:
    areas = selectors.election_areas_for(request.user, election)
    return {
        "election": election,
        "areas": areas,
        "dates_editable": services.may_edit(request.user, election, ""),
        "can_configure": selectors.election_editable_regions_for(request.user, election),
        "import_form": import_form or ElectionImportForm(),
        "outcome": outcome,
    }


@login_required
@require_http_methods(["GET", "POST"])
def election_dates(request, election_id: int):
    election = _editable(request, election_id, "")
    initial = {name: getattr(election, name) for name in ElectionDatesForm.base_fields}
    form = ElectionDatesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.election_dates_update(election=election, values=form.cleaned_data, user=request.user)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Tanggal tahapan disimpan."))
            return HttpResponseRedirect(_detail_url(election.pk))
    context = {"election": election, "form": form, "title": _("Tanggal tahapan"), "code": ""}
    return render(request, "cases/elections/form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def election_setting(request, election_id: int):
    code = _region(request)
    election = _editable(request, election_id, code)
    config = _area_config(request, election, code)
    initial = {name: config.get(name) for name in ("level", "slogans", "hashtags", "case_sensitive")}
    try:
        area = selectors.election_area_for(request.user, election, code)
        initial["note"] = area.setting.note  # type: ignore[attr-defined]
    except Http404:
        pass
    form = ElectionSettingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _saved(
            request,
            form,
            election,
            code,
            lambda: services.election_setting_update(
                election=election, region_code=code, values=form.cleaned_data, user=request.user
            ),
            _("Pengaturan umum disimpan."),
            _("Pengaturan umum"),
        )
    return _form_page(request, election, code, form, _("Pengaturan umum"))


def _saved(request, form, election, code: str, write, message: str, title: str = ""):
    try:
        write()
    except ValidationError as exc:
        errors_onto_form(form, exc)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, message)
        return HttpResponseRedirect(_detail_url(election.pk, code))
    return _form_page(request, election, code, form, title)


def _form_page(request, election, code: str, form, title: str, **extra):
    context = {"election": election, "form": form, "title": title, "code": code, **extra}
    return render(request, "cases/elections/form.html", context, status=400 if form.errors else 200)


def _number(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except ValueError:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def election_candidate(request, election_id: int):
    code = _region(request)
    election = _editable(request, election_id, code)
    original = _number(request.GET.get("nomor"))
    initial = _entry(request, election, code, "candidates", "number", original)
    form = ElectionCandidateForm(request.POST or None, initial=initial)
    title = _("Ubah calon") if original is not None else _("Tambah calon")
    if request.method == "POST" and form.is_valid():
        return _saved(
            request,
            form,
            election,
            code,
            lambda: services.election_candidate_save(
                election=election,
                region_code=code,
                values=form.cleaned_data,
                original_number=original,
                user=request.user,
            ),
            _("Calon disimpan."),
            title,
        )
    return _form_page(request, election, code, form, title)


@login_required
@require_http_methods(["GET", "POST"])
def election_party(request, election_id: int):
    code = _region(request)
    election = _editable(request, election_id, code)
    original = request.GET.get("nama") or None
    initial = _entry(request, election, code, "parties", "name", original)
    form = ElectionPartyForm(request.POST or None, initial=initial)
    title = _("Ubah partai") if original is not None else _("Tambah partai")
    if request.method == "POST" and form.is_valid():
        return _saved(
            request,
            form,
            election,
            code,
            lambda: services.election_party_save(
                election=election,
                region_code=code,
                values=form.cleaned_data,
                original_name=original,
                user=request.user,
            ),
            _("Partai disimpan."),
            title,
        )
    return _form_page(request, election, code, form, title)


def _entry(request, election, code: str, entries: str, field: str, value) -> dict:
    """The area's entry being edited (``{}`` when adding one); 404 when it names none."""
    if value is None:
        return {}
    found = [row for row in _area_config(request, election, code)[entries] if row[field] == value]
    if not found:
        raise Http404
    return found[0]


def _after_delete(request, election, code: str, write, message: str) -> HttpResponse:
    try:
        write()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, message)
    url = _detail_url(election.pk, code)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


@login_required
@require_POST
def election_candidate_delete(request, election_id: int):
    code = _region(request)
    election = _editable(request, election_id, code)
    number = _number(request.POST.get("nomor"))
    if number is None:
        raise Http404
    return _after_delete(
        request,
        election,
        code,
        lambda: services.election_candidate_delete(
            election=election, region_code=code, number=number, user=request.user
        ),
        _("Calon dihapus."),
    )


@login_required
@require_POST
def election_party_delete(request, election_id: int):
    code = _region(request)
    election = _editable(request, election_id, code)
    name = (request.POST.get("nama") or "")[:200]
    return _after_delete(
        request,
        election,
        code,
        lambda: services.election_party_delete(
            election=election, region_code=code, name=name, user=request.user
        ),
        _("Partai dihapus."),
    )


@login_required
@require_POST
def election_area_delete(request, election_id: int):
    code = _region(request)
    if not code:
        raise Http404
    election = _editable(request, election_id, code)
    return _after_delete(
        request,
        election,
        "",
        lambda: services.election_setting_delete(election=election, region_code=code, user=request.user),
        _("Konfigurasi wilayah dihapus."),
    )


@login_required
@require_POST
def election_import(request, election_id: int):
    _supervisor(request)
    election = selectors.election_get_for(request.user, election_id)
    if not selectors.election_editable_regions_for(request.user, election):
        raise Http404
    form = ElectionImportForm(request.POST, request.FILES)
    outcome = None
    if form.is_valid():
        fmt, text = form.cleaned_data["file"]
        outcome = _import(request, election, form, fmt, text)
    template = (
        "cases/elections/_import.html" if request.headers.get("HX-Request") else "cases/elections/detail.html"
    )
    context = _detail_context(request, election, import_form=form, outcome=outcome)
    failed = form.errors or (outcome is not None and outcome.errors)
    return render(request, template, context, status=400 if failed else 200)


def _import(request, election, form, fmt: str, text: str):
    try:
        data = parse_config(text, fmt)
    except ElectionConfigError as exc:
        form.add_error("file", services.election_error_message(exc))
        return None
    try:
        outcome = services.election_config_import(
            election=election,
            data=data,
            region_code=form.cleaned_data["region"] or None,
            dry_run=form.cleaned_data["dry_run"],
            user=request.user,
        )
    except PermissionDenied:
        form.add_error("region", _("Anda tidak berwenang mengubah konfigurasi wilayah ini."))
        return None
    if outcome.written:
        messages.success(request, _("Konfigurasi diimpor."))
    return outcome


@login_required
@require_GET
def election_export(request, election_id: int, fmt: str):
    _supervisor(request)
    if fmt not in _TYPES:
        raise Http404
    election = selectors.election_get_for(request.user, election_id)
    code = _region(request)
    data = selectors.election_export_for(request.user, election, code)
    body = dump_toml(data) if fmt == "toml" else config_json(data)
    response = HttpResponse(body, content_type=_TYPES[fmt])
    filename = f"pemilihan-{election.pk}-{code.replace('.', '-') or 'seluruh'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
