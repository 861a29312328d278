"""The sources pages (``/pemantauan/sumber/``): the office's sources with their item counts and
pipeline state, a form to add a source, and an upload into an upload source with a dry-run preview
and the row errors (htmx swaps the result in place)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netra.accounts.scoping import is_supervisor, office_covers
from netra.monitoring.forms_sources import SourceForm, UploadForm
from netra.monitoring.models import Source
from netra.monitoring.selectors_sources import pipeline_counts, source_get_for, source_list_for
from netra.monitoring.services.ingest import DEFAULT_COLUMNS, IngestFileError
from netra.monitoring.services.sources import source_create, source_upload


def monitor_required(view):
    """Staff of a Bawaslu/Panwaslu office; anyone else is sent to log in or refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_supervisor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _list_context(request, form=None):
    sources = list(source_list_for(request.user))
    counts = pipeline_counts([s.pk for s in sources])
    rows = [(source, counts[source.pk]) for source in sources]
    return {"rows": rows, "form": form or SourceForm(), "office": request.user.office}


@monitor_required
@require_http_methods(["GET", "POST"])
def source_list(request):
    if request.method == "GET":
        return render(request, "monitoring/sources.html", _list_context(request))
    form = SourceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            source = source_create(
                user=request.user,
                name=data["name"],
                kind=data["kind"],
                url=data["url"],
                column_mapping=data["column_mapping"],
                election=data["election"],
                fetch_interval=data["fetch_interval"],
                host_delay=data.get("host_delay"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return HttpResponseRedirect(reverse("monitoring:source_detail", args=[source.pk]) + "?created=1")
    return render(request, "monitoring/sources.html", _list_context(request, form), status=400)


def _detail_context(request, source, *, form=None, result=None, file_error=""):
    counts = pipeline_counts([source.pk])[source.pk]
    may_upload = source.kind == Source.Kind.UPLOAD and office_covers(
        request.user.office, source.office.region_code
    )
    mapping = [
        (field, source.column_mapping.get(field, ""), ", ".join(DEFAULT_COLUMNS[field]))
        for field in DEFAULT_COLUMNS
    ]
    return {
        "source": source,
        "counts": counts,
        "may_upload": may_upload,
        "form": form or UploadForm(),
        "result": result,
        "file_error": file_error,
        "mapping": mapping,
    }


@monitor_required
def source_detail(request, source_id: int):
    source = source_get_for(request.user, source_id)
    return render(request, "monitoring/sources_detail.html", _detail_context(request, source))


@monitor_required
@require_POST
def source_upload_view(request, source_id: int):
    source = source_get_for(request.user, source_id)
    form = UploadForm(request.POST, request.FILES)
    result, file_error, status = None, "", 200
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = source_upload(
                user=request.user,
                source=source,
                data=upload.read(),
                filename=upload.name,
                fmt=form.cleaned_data["fmt"] or None,
                kind=form.cleaned_data["kind"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except IngestFileError as error:
            file_error, status = str(error), 400
        except PermissionDenied as error:
            file_error, status = str(error) or _("Tidak diizinkan."), 403
    else:
        status = 400
    dry_run = bool(form.is_valid() and form.cleaned_data["dry_run"])
    context = _detail_context(request, source, form=form, result=result, file_error=file_error)
    context["dry_run"] = dry_run
    template = (
        "monitoring/_sources_upload.html"
        if request.headers.get("HX-Request")
        else "monitoring/sources_detail.html"
    )
    return render(request, template, context, status=status)
