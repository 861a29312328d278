"""Import region boundaries from GeoJSON keyed by Kemendagri code: repair, simplify, store."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from django.db import transaction
from shapely.geometry import shape

from netra.registry.models import Region, RegionAlias, RegionBoundary
from netra.registry.normalize import parse_region_code

DEFAULT_TOLERANCE = 0.001  # degrees, about 110 m: invisible at the zoom levels of a national map
_PRECISION = 1e-5  # stored coordinates keep five decimals (about 1 m)
_POLYGONAL = ("Polygon", "MultiPolygon")


class GeoImportError(ValueError):
    """The file is not GeoJSON that can be imported at all (not JSON, no features)."""


@dataclass
class GeoImportResult:
    imported: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    remapped: dict[str, str] = field(default_factory=dict)  # old code in the file -> current code
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (code, name) not in the tree
    errors: list[tuple[int, str]] = field(default_factory=list)  # (feature number, reason)


@dataclass
class _Shape:
    code: str
    geometry: Any  # a shapely geometry (shapely ships no types)
    source: str


def boundaries_import(
    *, path: Path, code_property: str = "kode", tolerance: float = DEFAULT_TOLERANCE
) -> GeoImportResult:
    """Store a boundary for every feature whose code resolves; report every feature that does not."""
    if tolerance < 0:
        raise GeoImportError("toleransi penyederhanaan tidak boleh negatif")
    features = _read_features(path)
    result = GeoImportResult()
    shapes = [s for n, f in enumerate(features, 1) if (s := _feature_shape(n, f, code_property, result))]
    shapes = _latest_per_code(shapes, result)
    simplified = _simplify(shapes, tolerance)
    with transaction.atomic():
        RegionBoundary.objects.filter(region_id__in=[s.code for s in shapes]).delete()
        RegionBoundary.objects.bulk_create(
            [_boundary(s, simple, path.name) for s, simple in zip(shapes, simplified, strict=True)]
        )
    result.imported = [s.code for s in shapes]
    return result


def _read_features(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoImportError(f"tidak dapat membaca GeoJSON {path}: {exc}") from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return list(data.get("features") or [])
    if isinstance(data, dict) and data.get("type") == "Feature":
        return [data]
    raise GeoImportError(f"{path} bukan GeoJSON Feature atau FeatureCollection")


def _feature_shape(number: int, feature: dict, code_property: str, result: GeoImportResult) -> _Shape | None:
    properties = feature.get("properties") or {}
    raw_code = str(properties.get(code_property, "")).strip()
    code = parse_region_code(raw_code)
    if code is None:
        result.errors.append((number, f"properti {code_property!r} bukan kode wilayah: {raw_code!r}"))
        return None
    current = _current_code(code, result)
    if current is None:
        result.unresolved.append((code, str(properties.get("nama") or properties.get("name") or "")))
        return None
    geometry = _geometry(number, feature.get("geometry"), current, result)
    return _Shape(code=current, geometry=geometry, source=raw_code) if geometry is not None else None


def _current_code(code: str, result: GeoImportResult) -> str | None:
    if Region.objects.filter(code=code).exists():
        return code
    alias = RegionAlias.objects.filter(normalized=code, kind="old_code").first()
    if alias is None:
        return None
    result.remapped[code] = alias.region_id
    return alias.region_id


def _geometry(number: int, raw: dict | None, code: str, result: GeoImportResult):
    try:
        geometry = shape(raw) if raw else None
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        result.errors.append((number, f"geometri {code} tidak dapat dibaca: {exc}"))
        return None
    if geometry is None or geometry.is_empty or geometry.geom_type not in _POLYGONAL:
        kind = geometry.geom_type if geometry is not None else "kosong"
        result.errors.append((number, f"geometri {code} harus Polygon/MultiPolygon (ada {kind})"))
        return None
    if not geometry.is_valid:
        geometry = _polygonal_part(shapely.make_valid(geometry))
        result.repaired.append(code)
    return geometry


def _polygonal_part(geometry):
    """make_valid may return a collection with stray lines or points; a boundary keeps its areas."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in _POLYGONAL]
    polygons = [q for p in parts for q in shapely.get_parts(p)]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _latest_per_code(shapes: list[_Shape], result: GeoImportResult) -> list[_Shape]:
    by_code: dict[str, _Shape] = {}
    for s in shapes:
        if s.code in by_code:
            result.errors.append((0, f"kode {s.code} muncul lebih dari sekali; bentuk terakhir dipakai"))
        by_code[s.code] = s
    return list(by_code.values())


def _simplify(shapes: list[_Shape], tolerance: float) -> list:
    """Simplify as one coverage so neighbours keep a shared border; fall back per shape if needed."""
    geometries = [s.geometry for s in shapes]
    if not geometries or tolerance == 0:
        return geometries
    try:
        simplified = list(shapely.coverage_simplify(geometries, tolerance))
    except shapely.errors.GEOSException:
        simplified = [None] * len(geometries)
    return [
        simple
        if simple is not None and simple.is_valid and not simple.is_empty
        else original.simplify(tolerance, preserve_topology=True)
        for simple, original in zip(simplified, geometries, strict=True)
    ]


def _boundary(s: _Shape, simplified, source: str) -> RegionBoundary:
    west, south, east, north = s.geometry.bounds
    centroid = s.geometry.centroid
    return RegionBoundary(
        region_id=s.code,
        geojson=shapely.to_geojson(s.geometry),
        simplified=shapely.to_geojson(shapely.set_precision(simplified, _PRECISION)),
        centroid_lat=centroid.y,
        centroid_lng=centroid.x,
        bbox_west=west,
        bbox_south=south,
        bbox_east=east,
        bbox_north=north,
        source=source,
    )
