"""Registry pages: public region browser and agency list, picker fragments, officer-only roster search."""

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from netra.accounts.api_auth import is_staff_member
from netra.registry import selectors
from netra.registry.forms import PegawaiSearchForm
from netra.registry.matching import pegawai_match
from netra.registry.models import Agency

PAGE_SIZE = 50
PUBLIC_CACHE = cache_control(public=True, max_age=3600)  # reference data changes with a decree, not hourly


def officer_required(view):
    """Logged-in staff attached to an office; anyone else is sent to log in or refused."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
def index(request):
    return render(request, "registry/index.html", {"officer": is_staff_member(request.user)})


@require_GET
def region_browser(request, code: str | None = None):
    region = selectors.region_get(code) if code else None
    if code and region is None:
        raise Http404
    context = {
        "region": region,
        "ancestors": selectors.region_ancestors(region) if region else [],
        "children": selectors.region_list(parent=code),
        "boundary": selectors.region_boundary(code) if code else None,
    }
    return render(request, "registry/region_browser.html", context)


@require_GET
@PUBLIC_CACHE
def region_search_fragment(request):
    """htmx autocomplete: ``/registri/wilayah/cari?q=bandung`` -> a list of regions to pick from."""
    regions = selectors.region_search(request.GET.get("q", ""))
    return render(request, "registry/_region_results.html", {"regions": regions})


@require_GET
@PUBLIC_CACHE
def region_children_fragment(request, code: str):
    """htmx cascading select: the children of a region as <option> elements."""
    children = selectors.region_list(parent=code)
    return render(request, "registry/_region_options.html", {"regions": children})


@require_GET
def agency_list(request):
    q, kind = request.GET.get("q", ""), request.GET.get("jenis", "")
    agencies = selectors.agency_list(q=q, kind=kind, region=request.GET.get("wilayah", ""))
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {"page": page, "q": q, "kind": kind, "kinds": Agency.Kind.choices}
    return render(request, "registry/agency_list.html", context)


@require_GET
@PUBLIC_CACHE
def agency_search_fragment(request):
    """htmx autocomplete for agencies, optionally within a region: ``?q=dinas&wilayah=32.04``."""
    q = request.GET.get("q", "")
    agencies = selectors.agency_list(q=q, region=request.GET.get("wilayah", ""))[:20] if len(q) >= 2 else []
    return render(request, "registry/_agency_results.html", {"agencies": agencies})


@require_GET
@officer_required
def pegawai_search(request):
    form = PegawaiSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "matches": None, "page": None}
    if form.is_valid():
        data = form.cleaned_data
        if data["nama"]:
            context["matches"] = pegawai_match(
                request.user,
                data["nama"],
                nip=data["nip"] or None,
                agency_id=data["instansi"],
                region_code=data["wilayah"] or None,
                position=data["jabatan"] or None,
                limit=20,
            )
        else:
            rows = selectors.pegawai_list_for(
                request.user, nip=data["nip"], agency_id=data["instansi"], region_code=data["wilayah"]
            )
            context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "registry/pegawai_search.html", context)


@require_GET
@officer_required
def pegawai_detail(request, pegawai_id: int):
    pegawai = selectors.pegawai_get_for(request.user, pegawai_id)
    if pegawai is None:
        raise Http404
    return render(request, "registry/pegawai_detail.html", {"pegawai": pegawai})
