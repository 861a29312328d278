"""Officers' pages: events and pledges, their lists (import) and files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.prevention import selectors, services
from netra.prevention.forms import DocumentForm, EntryForm, EventForm, ListImportForm, PledgeForm
from netra.prevention.models import Document
from netra.prevention.services.lists import uploaded_path
from netra.prevention.views.common import officer_required, page_of
from netra.registry.selectors import agency_list_matching


def _filters(request) -> dict:
    election = request.GET.get("election", "")
    return {
        "q": request.GET.get("q", ""),
        "region": request.GET.get("region", ""),
        "election_id": int(election) if election.isdigit() else None,
    }


@officer_required
@require_GET
def index(request):
    user = request.user
    context = {
        "events": selectors.event_list_for(user)[:10],
        "pledges": selectors.pledge_list_for(user)[:10],
        "may_record": selectors.may_record(user),
        "region_code": user.office.region_code,
    }
    return render(request, "prevention/index.html", context)


@officer_required
@require_GET
def event_list(request):
    filters = _filters(request)
    page = page_of(request, selectors.event_list_for(request.user, **filters))
    context = {"page": page, "filters": filters, "may_record": selectors.may_record(request.user)}
    return render(request, "prevention/event_list.html", context)


@officer_required
@require_GET
def pledge_list(request):
    filters = _filters(request)
    page = page_of(request, selectors.pledge_list_for(request.user, **filters))
    context = {"page": page, "filters": filters, "may_record": selectors.may_record(request.user)}
    return render(request, "prevention/pledge_list.html", context)


def _errors_onto(form, exc: ValidationError, fallback: str = "documents") -> None:
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(fallback, exc.messages)


def _record_form(request, form_class, create, template: str, detail: str):
    if not selectors.may_record(request.user):
        raise PermissionDenied
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form)
        except ValidationError as exc:
            _errors_onto(form, exc)
        else:
            return HttpResponseRedirect(reverse(detail, args=[obj.pk]))
    return render(request, template, {"form": form}, status=400 if form.errors else 200)


@officer_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    def create(form):
        data = dict(form.cleaned_data)
        audience, files = data.pop("audience"), data.pop("documents")
        return services.event_create(user=request.user, data=data, audience=audience, files=files)

    return _record_form(request, EventForm, create, "prevention/event_form.html", "prevention:event_detail")


@officer_required
@require_http_methods(["GET", "POST"])
def pledge_new(request):
    def create(form):
        data = dict(form.cleaned_data)
        return services.pledge_create(user=request.user, data=data, files=data.pop("documents"))

    return _record_form(
        request, PledgeForm, create, "prevention/pledge_form.html", "prevention:pledge_detail"
    )


def _detail_context(request, obj, rows, **extra) -> dict:
    may_act = selectors.may_act_on(request.user, obj)
    return {
        "obj": obj,
        "rows": page_of(request, rows),
        "documents": selectors.document_list_for(request.user, obj),
        "may_act": may_act,
        "import_form": extra.pop("import_form", None) or (ListImportForm() if may_act else None),
        "document_form": extra.pop("document_form", None) or (DocumentForm() if may_act else None),
        "entry_form": extra.pop("entry_form", None) or (EntryForm() if may_act else None),
        **extra,
    }


@officer_required
@require_GET
def event_detail(request, event_id: int):
    event = selectors.event_get_for(request.user, event_id)
    rows = selectors.attendee_list_for(request.user, event)
    return render(request, "prevention/event_detail.html", _detail_context(request, event, rows))


@officer_required
@require_GET
def pledge_detail(request, pledge_id: int):
    pledge = selectors.pledge_get_for(request.user, pledge_id)
    rows = selectors.signatory_list_for(request.user, pledge)
    verify = request.build_absolute_uri(reverse("prevention:public_pledge", args=[pledge.public_token]))
    context = _detail_context(request, pledge, rows, verify_url=verify)
    return render(request, "prevention/pledge_detail.html", context)


def _list_import(request, obj, run, rows, template: str, **extra):
    form = ListImportForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        with uploaded_path(form.cleaned_data["file"]) as path:
            result = run(path, form.cleaned_data["dry_run"])
        if result.ok and not result.dry_run:
            return HttpResponseRedirect(request.path.rsplit("impor/", 1)[0] + "?imported=1")
    context = _detail_context(request, obj, rows, import_form=form, result=result, **extra)
    return render(
        request, template, context, status=400 if (result and result.errors) or form.errors else 200
    )


@officer_required
@require_POST
def event_import(request, event_id: int):
    event = selectors.event_get_for(request.user, event_id)

    def run(path, dry_run):
        return services.attendance_import(user=request.user, event=event, path=path, dry_run=dry_run)

    rows = selectors.attendee_list_for(request.user, event)
    return _list_import(request, event, run, rows, "prevention/event_detail.html")


@officer_required
@require_POST
def pledge_import(request, pledge_id: int):
    pledge = selectors.pledge_get_for(request.user, pledge_id)

    def run(path, dry_run):
        return services.signatories_import(user=request.user, pledge=pledge, path=path, dry_run=dry_run)

    rows = selectors.signatory_list_for(request.user, pledge)
    verify = request.build_absolute_uri(reverse("prevention:public_pledge", args=[pledge.public_token]))
    return _list_import(request, pledge, run, rows, "prevention/pledge_detail.html", verify_url=verify)


def _add_documents(request, obj, kind: str, back: str):
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                user=request.user, parent=obj, files=form.cleaned_data["documents"], kind=kind
            )
        except ValidationError as exc:
            messages.error(request, _("Berkas ditolak: %s") % " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return HttpResponseRedirect(reverse(back, args=[obj.pk]))


@officer_required
@require_POST
def event_documents(request, event_id: int):
    event = selectors.event_get_for(request.user, event_id)
    return _add_documents(request, event, Document.Kind.MATERIAL, "prevention:event_detail")


@officer_required
@require_POST
def pledge_documents(request, pledge_id: int):
    pledge = selectors.pledge_get_for(request.user, pledge_id)
    return _add_documents(request, pledge, Document.Kind.SCAN, "prevention:pledge_detail")


@officer_required
@require_GET
def document_download(request, document_id: int):
    """The original file, as an attachment the browser must not sniff or render."""
    try:
        document, handle = selectors.document_file_for(request.user, document_id)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@officer_required
@require_GET
def agency_suggestions(request):
    """htmx: <option>s for the agency field's datalist, "Name (#id)" so the pick is exact."""
    words = request.GET.get("agency", "").split()
    agencies = list(agency_list_matching(words)[:15]) if words else []
    return render(request, "prevention/_agency_suggestions.html", {"agencies": agencies})


def _add_entry(request, obj, rows, template: str, **extra):
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            services.entry_add(user=request.user, parent=obj, values=form.cleaned_data)
        except ValidationError as exc:
            _errors_onto(form, exc, fallback="nama")
        else:
            return HttpResponseRedirect(request.path.rsplit("tambah/", 1)[0])
    context = _detail_context(request, obj, rows, entry_form=form, **extra)
    return render(request, template, context, status=400)


@officer_required
@require_POST
def event_entry_add(request, event_id: int):
    event = selectors.event_get_for(request.user, event_id)
    rows = selectors.attendee_list_for(request.user, event)
    return _add_entry(request, event, rows, "prevention/event_detail.html")


@officer_required
@require_POST
def pledge_entry_add(request, pledge_id: int):
    pledge = selectors.pledge_get_for(request.user, pledge_id)
    rows = selectors.signatory_list_for(request.user, pledge)
    verify = request.build_absolute_uri(reverse("prevention:public_pledge", args=[pledge.public_token]))
    return _add_entry(request, pledge, rows, "prevention/pledge_detail.html", verify_url=verify)
