"""The printable periodic report of the user's office, as PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from netra.analytics import selectors, services
from netra.analytics.forms import ReportForm
from netra.analytics.render.report import render_report_pdf


@login_required
@require_GET
def periodic_report(request):
    form = ReportForm(request.GET or None)
    if not (form.is_bound and form.is_valid()):
        return render(
            request, "analytics/report_form.html", {"form": form}, status=400 if form.is_bound else 200
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    report = selectors.periodic_report_for(request.user, start=start, end=end)
    body = render_report_pdf(report)
    filters = {"start": start.isoformat(), "end": end.isoformat()}
    services.export_record(
        user=request.user, what="report", file_format="pdf", filters=filters, rows=report.total.cases
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-netralitas-{start:%Y%m%d}-{end:%Y%m%d}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
