import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netra.registry.models import Region, RegionAlias
from netra.registry.normalize import parse_region_code
from netra.registry.selectors import AmbiguousRegion, region_candidates, region_resolve
from netra.registry.services import regions_load
from netra.registry.services.regions import abbreviation_rows, code_change_rows
from tests.registry.conftest import TEST_PROVINCES


def test_load_builds_tree_with_levels_kinds_parents_and_zones(regions):
    from lokal import wilayah

    kabkota = [w for p in TEST_PROVINCES for w in wilayah.list_wilayah(p)]
    kecamatan = [w for k in kabkota for w in wilayah.list_wilayah(k.code)]
    assert regions.created == Region.objects.count() == len(TEST_PROVINCES) + len(kabkota) + len(kecamatan)
    bandung = Region.objects.get(code="32.04")
    assert (bandung.name, bandung.level, bandung.kind, bandung.parent_id, bandung.timezone) == (
        "Kabupaten Bandung",
        2,
        "kabupaten",
        "32",
        "WIB",
    )
    assert Region.objects.get(code="32.73").kind == "kota"
    assert Region.objects.get(code="96.71").timezone == "WIT"
    assert Region.objects.filter(code__startswith="96.01.", level=3, kind="distrik").exists()
    assert not Region.objects.filter(level=4).exists()
    assert not Region.objects.filter(code__startswith="11").exists()


def test_second_load_writes_nothing(regions):
    again = regions_load(max_level=3, provinces=TEST_PROVINCES)
    assert (again.created, again.updated, again.aliases_created, again.aliases_removed) == (0, 0, 0, 0)
    assert again.unchanged == regions.created


def test_load_repairs_a_changed_row(regions):
    Region.objects.filter(code="32.04").update(name="Salah", timezone="WIT")
    again = regions_load(max_level=3, provinces=TEST_PROVINCES)
    assert again.updated == 1
    assert Region.objects.get(code="32.04").name == "Kabupaten Bandung"


def test_load_rejects_an_impossible_level(db):
    with pytest.raises(ValueError):
        regions_load(max_level=5)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("32.04", "32.04"),
        ("3204", "32.04"),
        ("32.73.01", "32.73.01"),
        ("Kab. Bandung", "32.04"),
        ("KABUPATEN BANDUNG", "32.04"),
        ("Pemkab Bandung", "32.04"),
        ("Pemerintah Kota Bandung", "32.73"),
        ("Pemkot Bandung", "32.73"),
        ("Kota Bandung", "32.73"),
        ("Jabar", "32"),
        ("Pemprov Jabar", "32"),
        ("Prov. Jawa Barat", "32"),
        ("Jawa Barat", "32"),
        ("DIY", "34"),
        ("KBB", "32.17"),
        ("Kec. Coblong", "32.73.02"),
        ("PBD", "96"),
    ],
)
def test_resolve_codes_names_and_aliases(regions, text, code):
    assert region_resolve(text).code == code


@pytest.mark.parametrize(("old", "new"), [("92.01", "96.01"), ("9204", "96.02"), ("92.71", "96.71")])
def test_old_papua_barat_codes_resolve_to_papua_barat_daya(regions, old, new):
    assert region_resolve(old).code == new
    assert RegionAlias.objects.filter(normalized=old.replace("9204", "92.04"), kind="old_code").exists()


def test_ambiguous_name_returns_candidates(regions):
    with pytest.raises(AmbiguousRegion) as caught:
        region_resolve("Bandung")
    assert [r.code for r in caught.value.candidates] == ["32.04", "32.73"]
    assert [r.code for r in region_candidates("Jogja")] == ["34", "34.71"]
    with pytest.raises(AmbiguousRegion):
        region_resolve("Bandung", level=2)


def test_level_filter_disambiguates(regions):
    assert region_resolve("Jogja", level=1).code == "34"


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "99.99", "3.204", "32.04.01.20011", "Kec. Atlantis"])
def test_unknown_text_resolves_to_none(regions, text):
    assert region_resolve(text) is None


def test_resolve_by_code_is_one_query(regions):
    with CaptureQueriesContext(connection) as queries:
        region_resolve("32.04")
    assert len(queries) == 1


def test_parse_region_code_shapes():
    assert parse_region_code("3204012001") == "32.04.01.2001"
    assert parse_region_code("32.04.01.2001") == "32.04.01.2001"
    assert parse_region_code("320") is None
    assert parse_region_code("32.0401") is None


def test_alias_data_files_name_the_regions_they_claim():
    from lokal import wilayah

    rows = abbreviation_rows()
    assert len(rows) > 100
    for code, _alias in rows:
        assert wilayah.get_wilayah(code) is not None, code
    for old, new in code_change_rows():
        assert wilayah.get_wilayah(old) is None
        assert wilayah.get_wilayah(new).name.startswith(("Kabupaten", "Kota"))


@pytest.mark.slow
def test_full_tree_loads_with_the_published_counts(db):
    result = regions_load()
    counts = {level: Region.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 38, 2: 514, 3: 7285, 4: 83762}
    assert result.created == 91599
    assert region_resolve("Lamsel").code == "18.01"
    assert region_resolve("Kepri").code == "21"


def test_every_loaded_province_and_kabkota_resolves_by_code_name_and_government_form(regions):
    for region in Region.objects.filter(level__lte=2):
        assert region_resolve(region.code) == region
        assert region in region_candidates(region.name)
        if region.level == 1:
            assert region_resolve(f"Pemprov {region.name}") == region
        elif not region.code.startswith("31."):
            word = "Pemkot" if region.kind == "kota" else "Pemkab"
            bare = region.name.split(" ", 1)[1]
            assert region_resolve(f"{word} {bare}") == region, region.name


def test_region_search_for_pickers(regions):
    from netra.registry.selectors import region_search

    assert [r.code for r in region_search("bandung")][:3] == ["32.04", "32.73", "32.17"]
    assert region_search("bandung")[0].parent.name == "Jawa Barat"
    assert [r.code for r in region_search("jab")] == ["32"]
    assert [r.code for r in region_search("9201")] == ["96.01"]
    cileunyi = region_search("cileunyi")
    assert [r.code for r in cileunyi] == ["32.04.05"] and cileunyi[0].parent.code == "32.04"
    assert region_search("b") == [] and region_search("") == []
    assert len(region_search("ka", limit=5)) == 5
