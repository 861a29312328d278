"""The standard perangkat daerah (PP 18/2016) under every regional government, and finding them."""

import pytest

from netra.cases.views.agencies import agency_by_exact_name, agency_matches
from netra.registry.models import Agency, Region
from netra.registry.services import agencies_import, agencies_seed, agency_units_seed_standard
from netra.registry.services.agencies import standard_unit_rows


@pytest.fixture
def governments(regions):
    agencies_seed()


def _unit(name: str) -> Agency:
    return Agency.objects.select_related("parent").get(name=name)


def test_each_government_gets_its_standard_units_named_after_it(governments):
    result = agency_units_seed_standard()
    dinas = _unit("Dinas Pendidikan Kabupaten Bandung")
    assert (dinas.parent.name, dinas.region_id, dinas.kind, dinas.unit_type) == (
        "Pemerintah Kabupaten Bandung",
        "32.04",
        "unit",
        "dinas",
    )
    assert dinas.standard_nomenclature
    assert _unit("Dinas Pendidikan Kota Bandung").parent.name == "Pemerintah Kota Bandung"
    province = _unit("Badan Kepegawaian Daerah Provinsi Jawa Barat").parent
    assert province.name == "Pemerintah Provinsi Jawa Barat"
    assert _unit("Inspektorat Kabupaten Sleman").unit_type == "inspektorat"
    rows = standard_unit_rows()
    provinces, kabkota = Region.objects.filter(level=1).count(), Region.objects.filter(level=2).count()
    kecamatan = Region.objects.filter(level=3).count()
    expected = provinces * sum("p" in r.levels for r in rows) + kabkota * sum("k" in r.levels for r in rows)
    assert result.created == expected + kecamatan
    assert Agency.objects.filter(standard_nomenclature=True).count() == result.created


def test_urusan_held_by_one_level_only_stay_at_that_level(governments):
    agency_units_seed_standard()
    assert Agency.objects.filter(name="Dinas Kehutanan Provinsi Jawa Barat").exists()
    assert not Agency.objects.filter(name__startswith="Dinas Kehutanan Kabupaten").exists()
    assert Agency.objects.filter(name="Dinas Kependudukan dan Pencatatan Sipil Kota Bandung").exists()
    provincial = Agency.objects.filter(name__startswith="Dinas Kependudukan", name__contains="Provinsi")
    assert not provincial.exists()


def test_kecamatan_and_distrik_are_units_of_their_kabupaten(governments):
    agency_units_seed_standard()
    camat = _unit("Kecamatan Cileunyi")
    assert (camat.parent.region_id, camat.region_id, camat.unit_type) == ("32.04", "32.04.05", "kecamatan")
    distrik = Region.objects.filter(level=3, kind="distrik").select_related("parent").first()
    unit = _unit(f"Distrik {distrik.name}")
    assert unit.parent.region_id == distrik.parent_id and unit.region_id == distrik.code


def test_seeding_again_adds_nothing_and_keeps_imported_units_as_they_are(governments, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(
        "nama,induk,jenis_unit,kode\nDinas Pendidikan Kabupaten Bandung,Pemkab Bandung,dinas,DISDIK-3204\n",
        encoding="utf-8",
    )
    agencies_import(path=units)
    first = agency_units_seed_standard()
    imported = _unit("Dinas Pendidikan Kabupaten Bandung")
    assert (imported.external_code, imported.standard_nomenclature) == ("DISDIK-3204", False)
    count = Agency.objects.count()
    assert agency_units_seed_standard().created == 0 and Agency.objects.count() == count
    assert first.created > 0


def test_the_agency_fields_own_example_is_found(governments):
    agency_units_seed_standard()
    example = "Dinas Pendidikan Kabupaten Bandung"
    assert agency_matches(example)[0].name == example
    assert agency_matches("dinas pendidikan kota bandung")[0].name == "Dinas Pendidikan Kota Bandung"
    assert agency_by_exact_name("dinas  pendidikan kabupaten bandung").name == example


def test_every_word_is_matched_in_the_database_not_in_a_truncated_scan(governments, monkeypatch):
    """Every government has a Dinas Pendidikan: the last one alphabetically is still found when the
    rows read for a query are few."""
    agency_units_seed_standard()
    last = Agency.objects.filter(name__startswith="Dinas Pendidikan ").order_by("name").last()
    monkeypatch.setattr("netra.cases.views.agencies.SCAN_LIMIT", 5)
    assert agency_matches(last.name)[0].name == last.name
