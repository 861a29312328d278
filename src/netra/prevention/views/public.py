"""The public page: look up an agency or a region, see its pledges and events and their coverage,
verify a pledge by its QR code. No person's name is ever shown here."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from netra.prevention import selectors
from netra.prevention.views.common import chosen_election
from netra.registry.selectors import agency_get, agency_list, region_get, region_search

SEARCH_LIMIT = 20


@require_GET
def public_index(request):
    q = request.GET.get("q", "").strip()
    context = {
        "q": q,
        "regions": region_search(q, limit=SEARCH_LIMIT) if q else [],
        "agencies": list(agency_list(q=q, top_level=True)[:SEARCH_LIMIT]) if q else [],
        "recent": selectors.public_pledge_list()[:10],
    }
    return render(request, "prevention/public_index.html", context)


def _public_context(cov, pledges, events, election) -> dict:
    return {"cov": cov, "pledges": pledges[:50], "events": events[:50], "election": election}


@require_GET
def public_agency(request, agency_id: int):
    agency = agency_get(agency_id)
    if agency is None:
        raise Http404
    election = chosen_election(request)
    cov = selectors.agency_coverage(agency, election.pk if election else None)
    pledges = selectors.public_pledge_list(agency_id=agency.pk)
    events = selectors.public_event_list(agency_id=agency.pk)
    context = {"agency": agency, **_public_context(cov, pledges, events, election)}
    return render(request, "prevention/public_scope.html", context)


@require_GET
def public_region(request, code: str):
    region = region_get(code)
    if region is None:
        raise Http404
    election = chosen_election(request)
    cov = selectors.region_coverage(code, election.pk if election else None, region.name)
    pledges = selectors.public_pledge_list(region_code=code)
    events = selectors.public_event_list(region_code=code)
    context = {"region": region, **_public_context(cov, pledges, events, election)}
    return render(request, "prevention/public_scope.html", context)


def _verify_url(request, pledge) -> str:
    return request.build_absolute_uri(reverse("prevention:public_pledge", args=[pledge.public_token]))


@require_GET
def public_pledge(request, token: str):
    """Where a pledge's QR code leads: the pledge as recorded, and its agency's coverage."""
    pledge = selectors.public_pledge_get(token)
    cov = selectors.agency_coverage(pledge.agency, pledge.election_id)
    context = {"pledge": pledge, "cov": cov, "verify_url": _verify_url(request, pledge)}
    return render(request, "prevention/public_pledge.html", context)


@require_GET
def public_pledge_print(request, token: str):
    """The pledge's printable document, with the QR code of its verification URL."""
    pledge = selectors.public_pledge_get(token)
    return render(
        request,
        "prevention/pledge_print.html",
        {"pledge": pledge, "verify_url": _verify_url(request, pledge)},
    )


@require_GET
def public_pledge_qr(request, token: str):
    pledge = selectors.public_pledge_get(token)
    response = HttpResponse(selectors.qr_svg(_verify_url(request, pledge)), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
