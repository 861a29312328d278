"""Coverage pages (officers) and their CSV/XLSX export; a small coverage card for the region page."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netra.prevention import selectors
from netra.prevention.forms import CoverageForm
from netra.prevention.views.common import chosen_election, officer_required
from netra.registry.selectors import agency_get, region_get

EXPORT_HEADER = (
    "agency_id",
    "agency",
    "workforce",
    "socialised",
    "pledged",
    "socialised_share",
    "pledged_share",
    "last_pledge",
)


def _export_rows(cov) -> list[tuple]:
    return [
        (
            a.agency_id,
            a.agency,
            a.workforce,
            a.socialised,
            a.pledged,
            a.socialised_share,
            a.pledged_share,
            a.last_pledge,
        )
        for a in cov.agencies
    ]


def _export(cov, fmt: str, filename: str) -> HttpResponse:
    """The coverage table as CSV or XLSX (per agency or unit, with the shares)."""
    rows = _export_rows(cov)
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(EXPORT_HEADER)
        for row in rows:
            sheet.append([value.isoformat() if hasattr(value, "isoformat") else value for value in row])
        buffer = io.BytesIO()
        book.save(buffer)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(buffer.getvalue(), content_type=content_type)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(EXPORT_HEADER)
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt if fmt == "xlsx" else "csv"}"'
    return response


@officer_required
@require_GET
def region_coverage(request):
    form = CoverageForm(request.GET or None)
    region = form.cleaned_data["region"] if form.is_valid() else None
    asked = form.cleaned_data.get("election") if form.is_valid() else None
    election = asked or selectors.election_for_coverage()
    code = region.code if region else ""
    name = region.name if region else _("Seluruh Indonesia")
    election_id = election.pk if election else None
    cov = selectors.region_coverage(code, election_id, name)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export(cov, request.GET["format"], f"cakupan-{code or 'nasional'}")
    context = {
        "form": form,
        "cov": cov,
        "region": region,
        "election": election,
        "timeline": selectors.coverage_timeline(election_id=election_id, region_code=code),
        "rates": selectors.violation_rates_for(request.user, code, election_id),
        "query": request.GET.urlencode(),
    }
    # A region that names no region (junk, too long) is refused with the form's message: 400, not the
    # national figures as if the question had been answered.
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "prevention/coverage_region.html", context, status=status)


@officer_required
@require_GET
def agency_coverage(request, agency_id: int):
    agency = agency_get(agency_id)
    if agency is None:
        raise Http404
    election = chosen_election(request)
    election_id = election.pk if election else None
    cov = selectors.agency_coverage(agency, election_id)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export(cov, request.GET["format"], f"cakupan-instansi-{agency.pk}")
    context = {
        "cov": cov,
        "agency": agency,
        "election": election,
        "timeline": selectors.coverage_timeline(election_id=election_id, agency_id=agency.pk),
        "pledges": selectors.pledge_list_for(request.user, agency_id=agency.pk, election_id=election_id),
        "query": request.GET.urlencode(),
    }
    return render(request, "prevention/coverage_agency.html", context)


@require_GET
def region_card(request, code: str):
    """htmx fragment for the region page: the region's coverage for the current election (aggregates)."""
    region = region_get(code)
    if region is None:
        raise Http404
    election = chosen_election(request)
    cov = selectors.region_coverage(code, election.pk if election else None, region.name)
    return render(
        request, "prevention/_region_card.html", {"cov": cov, "region": region, "election": election}
    )
