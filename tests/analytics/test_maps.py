"""Maps: a tile grid without boundaries, a choropleth from imported GeoJSON; each region a link to
its cases, and the table one level down."""

import json
import re

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.registry.services.geo import boundaries_import
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db


def _square(code: str, x: float, y: float) -> dict:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {
        "type": "Feature",
        "properties": {"kode": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


@pytest.fixture
def client(world, make_case):
    make_case("21.01.04")
    make_case("21.01.06")
    make_case("21.04.01")
    client = Client()
    client.force_login(world["staff"]["kepri"][Role.ANALIS])
    return client


def test_without_boundaries_the_map_is_a_tile_grid_of_links(client):
    page = client.get("/statistik/peta/", {"region": "21"}).content.decode()
    assert 'data-testid="tile-grid"' in page and "choropleth" not in page
    links = dict(
        re.findall(r'href="([^"]+)" class="tile [^"]+" data-testid="map-region" data-code="([^"]+)"', page)
    )
    assert {code: href for href, code in links.items()} == {
        "21.01": "/kasus/?region=21.01",
        "21.04": "/kasus/?region=21.04",
    }
    assert "/statistik/peta/?figure=cases&amp;region=21.01" in page  # one level down


def map_paths(page: str) -> int:
    """The regions the choropleth draws (the page has other SVG icons)."""
    start = page.index('data-testid="choropleth"')
    return page[start : page.index("</svg>", start)].count("<path ")


def test_with_boundaries_the_map_draws_each_region(client, tmp_path):
    path = tmp_path / "kepri.geojson"
    features = [_square("21.01", 104.0, 0.5), _square("21.04", 104.5, -0.5)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert boundaries_import(path=path).imported == ["21.01", "21.04"]
    page = client.get("/statistik/peta/", {"region": "21"}).content.decode()
    assert 'data-testid="choropleth"' in page
    assert map_paths(page) == 2 and "shade-5" in page  # Bintan has the most cases
    assert 'href="/kasus/?region=21.04"' in page


def test_the_map_refuses_desa_level_and_shows_the_index(client):
    assert client.get("/statistik/peta/", {"region": "21.01.04"}).status_code == 400
    page = client.get("/statistik/peta/", {"figure": "index"})
    assert page.status_code == 200 and "belum dihitung" in page.content.decode()


def test_the_shared_provinces_import_and_draw(world, make_case, tmp_path):
    geo = shared_path("geo", "provinsi.geojson")
    from netra.registry.models import Region

    for code, name in (("11", "Aceh"), ("12", "Sumatera Utara")):
        Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": 1, "kind": "provinsi", "timezone": "WIB"}
        )
    result = boundaries_import(path=geo)
    assert {"11", "21", "32"} <= set(result.imported)
    client = Client()
    client.force_login(world["staff"]["ri"][Role.PIMPINAN])
    page = client.get("/statistik/peta/").content.decode()
    assert map_paths(page) >= 4 and len(page) < 400_000  # simplified for the page's scale


@pytest.mark.parametrize(
    ("code", "at_level"), [("21", 1), ("21.01", 2), ("21.01.04", 3), ("21.01.04.2001", 4)]
)
def test_code_length_is_the_length_of_a_code_at_that_level(code, at_level):
    from netra.law import regioncode

    assert regioncode.code_length(at_level) == len(code)
    assert regioncode.ancestor_at("21.01.04.2001", at_level) == code
