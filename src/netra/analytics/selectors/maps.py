"""What a map shows: the regions one level below a region, a figure for each, and their simplified
boundaries (when imported with ``netra geo import``). Figures come from the scoped statistics."""

from urllib.parse import urlencode

import shapely
from django.core.cache import cache
from django.db.models import Count, Max
from django.urls import reverse
from shapely.geometry import mapping, shape

from netra.analytics.render.maps import geometry_of
from netra.analytics.selectors.stats import MEASURES
from netra.law import regioncode
from netra.registry.models import Region, RegionBoundary

# Regions and their boundaries are reference data anyone may read.
PUBLIC_READERS = ("map_regions", "map_boundaries")
FIGURES = (*MEASURES, "index")
MAP_PIXELS = 800  # the SVG's width: boundaries are simplified to about one pixel of it
_CACHE_SECONDS = 3600


def map_parent(code: str) -> str:
    """The deepest region a map can show the children of: ``code`` itself, or its kabupaten/kota
    when it is a kecamatan or desa (maps stop at kecamatan)."""
    return regioncode.ancestor_at(code, regioncode.KABUPATEN_KOTA) or code


def region_above(code: str) -> str:
    """The region one level up ("" above a province): the map's "up" link."""
    return regioncode.parent(code) or ""


def has_map_below(code: str) -> bool:
    return regioncode.level(code) < regioncode.KECAMATAN


def province_of(code: str) -> str:
    return regioncode.province(code)


def map_regions(parent: str) -> list[Region]:
    """Provinces ("" parent), or the kabupaten/kota or kecamatan of a region (never desa)."""
    if regioncode.level(parent) > regioncode.KABUPATEN_KOTA:
        return []
    qs = Region.objects.filter(parent_id=parent) if parent else Region.objects.filter(level=1)
    return list(qs.order_by("code"))


def _simplified(rows: list[tuple[str, str]]) -> dict[str, dict]:
    shapes = {code: shape(found) for code, text in rows if (found := geometry_of(text))}
    if not shapes:
        return {}
    west, south, east, north = shapely.total_bounds(list(shapes.values()))
    tolerance = max(east - west, north - south) / MAP_PIXELS
    result = {}
    for code, geometry in shapes.items():
        parts = [p for p in shapely.get_parts(geometry.simplify(tolerance)) if p.area > tolerance * tolerance]
        if parts:
            result[code] = mapping(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    return result


def map_boundaries(codes: list[str]) -> dict[str, dict]:
    """Code -> geometry simplified for this map's scale, cached until a boundary is re-imported."""
    qs = RegionBoundary.objects.filter(region_id__in=codes)
    stamp = qs.aggregate(n=Count("pk"), at=Max("updated_at"))
    if not stamp["n"]:
        return {}
    key = f"netra-map:{region_above(codes[0])}:{stamp['n']}:{stamp['at']:%s%f}"
    found = cache.get(key)
    if found is None:
        found = _simplified(list(qs.values_list("region_id", "simplified")))
        cache.set(key, found, _CACHE_SECONDS)
    return found


def map_url(*, figure: str, parent: str, election: int | None) -> str:
    """The map one level down: the drill-down from a region's row."""
    query = {"figure": figure, "region": parent, **({"election": election} if election else {})}
    return f"{reverse('analytics:map')}?{urlencode(query)}"
