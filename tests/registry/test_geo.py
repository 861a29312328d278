import json

import pytest
import shapely
from shapely.geometry import shape

from netra.registry.models import RegionBoundary
from netra.registry.services.geo import GeoImportError, boundaries_import
from tests.shared_data import shared_path


def _square(x, y, size=0.1):
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


BOW_TIE = {
    "type": "Polygon",
    "coordinates": [[[107.0, -7.0], [107.2, -6.8], [107.2, -7.0], [107.0, -6.8], [107.0, -7.0]]],
}


def _feature(code, geometry, **extra):
    return {"type": "Feature", "properties": {"kode": code, **extra}, "geometry": geometry}


@pytest.fixture
def geojson(tmp_path):
    features = [
        _feature("32.04", _square(107.5, -7.1)),
        _feature("3273", _square(107.6, -7.1)),
        _feature("32.17", BOW_TIE),
        _feature("92.01", _square(131.5, -1.1), nama="Kabupaten Sorong (kode lama)"),
        _feature("99.01", _square(100.0, 0.0), nama="Kabupaten Khayalan"),
        _feature("abc", _square(100.0, 0.0)),
        _feature("32.01", {"type": "Point", "coordinates": [106.8, -6.5]}),
    ]
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_import_stores_repairs_remaps_and_reports(regions, geojson):
    result = boundaries_import(path=geojson, tolerance=0.001)
    assert sorted(result.imported) == ["32.04", "32.17", "32.73", "96.01"]
    assert result.repaired == ["32.17"]
    assert result.remapped == {"92.01": "96.01"}
    assert result.unresolved == [("99.01", "Kabupaten Khayalan")]
    assert [number for number, _ in result.errors] == [6, 7]
    assert "Point" in result.errors[1][1]

    bow_tie = RegionBoundary.objects.get(region_id="32.17")
    repaired = shape(json.loads(bow_tie.geojson))
    assert repaired.is_valid and repaired.area == pytest.approx(0.02, rel=1e-6)
    square = RegionBoundary.objects.get(region_id="32.04")
    assert square.bbox == pytest.approx((107.5, -7.1, 107.6, -7.0))
    assert (square.centroid_lng, square.centroid_lat) == pytest.approx((107.55, -7.05))
    assert shape(json.loads(square.simplified)).is_valid


def test_reimport_replaces_rather_than_duplicates(regions, geojson):
    boundaries_import(path=geojson)
    boundaries_import(path=geojson)
    assert RegionBoundary.objects.count() == 4


def test_custom_code_property(regions, tmp_path):
    path = tmp_path / "b.geojson"
    path.write_text(
        json.dumps({"type": "Feature", "properties": {"KODE_KAB": "3204"}, "geometry": _square(1, 1)})
    )
    assert boundaries_import(path=path, code_property="KODE_KAB").imported == ["32.04"]


@pytest.mark.parametrize("content", ["not json", json.dumps({"type": "Point", "coordinates": [0, 0]})])
def test_unreadable_files_are_refused(regions, tmp_path, content):
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    with pytest.raises(GeoImportError):
        boundaries_import(path=path)
    assert not RegionBoundary.objects.exists()


@pytest.mark.slow
def test_shared_kabupaten_kota_boundaries(db):
    from netra.registry.services import regions_load

    path = shared_path("geo", "kabupaten_kota.geojson")
    regions_load(max_level=2)
    result = boundaries_import(path=path)
    assert len(result.imported) == 514
    assert result.unresolved == [] and result.errors == []
    simplified = [shape(json.loads(b.simplified)) for b in RegionBoundary.objects.all()]
    assert all(g.is_valid and not g.is_empty for g in simplified)
    assert sum(shapely.get_num_coordinates(simplified)) < sum(
        shapely.get_num_coordinates(shape(json.loads(b.geojson))) for b in RegionBoundary.objects.all()
    )
