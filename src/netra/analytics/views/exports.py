"""Downloads: the case list (with the list's own filters) or any statistic, as CSV or XLSX,
streamed and scoped like the page they come from, and audited before the first byte."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from netra.analytics import selectors, services
from netra.analytics.forms import StatExportForm
from netra.analytics.render import exports
from netra.cases.forms import CaseFilterForm
from netra.cases.selectors import case_list_for, election_list
from netra.cases.views.staff import FILTER_ARGS, violation_choices

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(rows, *, name: str, file_format: str, csv_text=None):
    """A streamed CSV (``csv_text``, or written from ``rows``), or an XLSX from a temporary file:
    neither holds the rows in memory."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"netra-{name}-{stamp}.{file_format}"
    if file_format == "csv":
        text = csv_text if csv_text is not None else exports.csv_lines(rows)
        response = StreamingHttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(exports.xlsx_file(rows, name), as_attachment=True, filename=filename)
        response["Content-Type"] = XLSX
    response["Cache-Control"] = "private, no-store"
    return response


def _case_filters(form) -> dict:
    data = form.cleaned_data
    found = {name: data[name] for name in FILTER_ARGS if data.get(name)}
    if data.get("violation"):
        found["violation_code"] = data["violation"]
    return found


@login_required
@require_GET
def case_export(request, file_format: str):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    form = CaseFilterForm(
        request.GET, elections=election_list(active_only=False), violations=violation_choices()
    )
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain; charset=utf-8")
    filters = _case_filters(form)
    cases = case_list_for(request.user, **filters)
    count = cases.count()
    audit_filters = {k: str(v) for k, v in filters.items()}
    services.export_record(
        user=request.user, what="cases", file_format=file_format, filters=audit_filters, rows=count
    )
    csv_text = exports.case_csv(cases) if file_format == "csv" else None
    return download(exports.case_rows(cases), name="kasus", file_format=file_format, csv_text=csv_text)


@login_required
@require_GET
def stats_export(request, file_format: str):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    form = StatExportForm(request.GET, elections=election_list(active_only=False))
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain; charset=utf-8")
    by, region, election = form.cleaned_data["by"], form.cleaned_data["region"], form.cleaned_data["election"]
    found = selectors.case_stats_for(request.user, by=by, region=region, election=election)
    filters = {"by": by, "region": region, "election": election}
    services.export_record(
        user=request.user, what="stats", file_format=file_format, filters=filters, rows=len(found.rows)
    )
    return download(exports.stat_rows(found.rows), name=f"statistik-{by}", file_format=file_format)
