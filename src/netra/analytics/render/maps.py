"""Maps of any figure by region: a choropleth from imported boundaries (``netra geo import``), or a
tile grid built from the region list when no boundary is imported. Rendered as SVG/HTML on the
server, each region a link (to its cases, or one level down), printable without script.
"""

import json
import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from netra.analytics.render.charts import drill_url, shade

WIDTH = 800.0
RISK_CSS = {"rawan tinggi": "risk-high", "rawan sedang": "risk-medium", "rawan rendah": "risk-low"}


@dataclass
class Area:
    code: str
    name: str
    value: float
    label: str  # the figure as shown ("12", "54.3 · rawan sedang")
    css: str  # colour class: "shade-0".."shade-5" or "risk-high|medium|low|none"
    href: str
    geometry: dict | None = None  # simplified GeoJSON geometry, when imported


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def _bounds(areas: list[Area]) -> tuple[float, float, float, float]:
    points = [p for a in areas if a.geometry for ring in _rings(a.geometry) for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _path(geometry: dict, project) -> str:
    parts = []
    for ring in _rings(geometry):
        coords = " ".join("{:.1f},{:.1f}".format(*project(p)) for p in ring)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def choropleth(
    areas: list[Area], title: str, fills: dict[str, str] | None = None
) -> tuple[SafeString, float]:
    """SVG of the areas with a geometry (equirectangular, scaled by the mean latitude); its height.

    ``fills`` (colour class -> colour) writes each area's colour as an attribute, for renderers
    without the site's stylesheet (the PDF report)."""
    drawn = [a for a in areas if a.geometry]
    west, south, east, north = _bounds(drawn)
    stretch = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / max((east - west) * stretch, 1e-9)
    height = max(1.0, (north - south) * scale)

    def project(point):
        return ((point[0] - west) * stretch * scale, (north - point[1]) * scale)

    shapes = format_html_join(
        "",
        '<a href="{}" data-testid="map-region" data-code="{}" aria-label="{}: {}"><title>{}: {}</title>'
        '<path d="{}" class="map-area {}" fill="{}" stroke="#ffffff"></path></a>',
        (
            (
                a.href,
                a.code,
                a.name,
                a.label,
                a.name,
                a.label,
                _path(a.geometry or {}, project),
                a.css,
                (fills or {}).get(a.css, "currentColor" if fills is None else "#f1f3f6"),
            )
            for a in drawn
        ),
    )
    svg = format_html(
        '<svg class="map" viewBox="0 0 {} {}" role="group" aria-labelledby="map-title" '
        'data-testid="choropleth"><title id="map-title">{}</title>{}</svg>',
        int(WIDTH),
        round(height),
        title,
        shapes,
    )
    return svg, height


def tile_grid(areas: list[Area], title: str) -> SafeString:
    """The fallback without boundaries: one tile per region in code order, coloured alike."""
    tiles = format_html_join(
        "",
        '<li><a href="{}" class="tile {}" data-testid="map-region" data-code="{}">'
        '<span class="tile-name">{}</span><span class="tile-value">{}</span></a></li>',
        ((a.href, a.css, a.code, a.name, a.label) for a in areas),
    )
    return format_html('<ul class="tile-grid" aria-label="{}" data-testid="tile-grid">{}</ul>', title, tiles)


def geometry_of(text: str) -> dict | None:
    try:
        found = json.loads(text)
    except (TypeError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("type") in ("Polygon", "MultiPolygon") else None


def stat_values(rows, figure: str) -> dict[str, tuple[float, str, str]]:
    """code -> (value, label, colour class) from statistics rows by region."""
    top = max((getattr(r, figure) for r in rows), default=0)
    return {
        r.key: (getattr(r, figure), str(getattr(r, figure)), f"shade-{shade(getattr(r, figure), top)}")
        for r in rows
    }


def index_values(indexes) -> dict[str, tuple[float, str, str]]:
    """code -> (score, "54.3 · rawan sedang", risk class) from stored index rows."""
    return {
        i.region_code: (i.score, f"{i.score:.1f} · {i.klass}", RISK_CSS.get(i.klass, "risk-none"))
        for i in indexes
    }


def areas(regions, values: dict, geometries: dict, *, figure: str, election: int | None) -> list[Area]:
    """One area per region: its figure, colour, boundary (if any) and the link to its cases."""
    extra = {"election": str(election)} if election else {}
    missing = (0, "–", "risk-none") if figure == "index" else (0, "0", "shade-0")
    found = []
    for region in regions:
        value, label, css = values.get(region.code, missing)
        href = drill_url({"region": region.code, **extra})
        found.append(Area(region.code, region.name, value, label, css, href, geometries.get(region.code)))
    return found
