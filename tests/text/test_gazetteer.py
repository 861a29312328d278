"""Region names: every kabupaten/kota and province found by name, same-named regions told apart."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lokal import wilayah

from netra.text.gazetteer import find_regions, region_by_code
from netra.text.institutions import find_institutions


def _codes(text):
    return [m.code for m in find_regions(text)]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Bawaslu Kota Bandung", ["32.73"]),
        ("Bawaslu Kabupaten Bandung", ["32.04"]),
        ("Pemkab Bandung", ["32.04"]),
        ("Pemerintah Kabupaten (Pemkab) Bandung", ["32.04"]),
        ("Kab. Bogor dan Kota Bogor", ["32.01", "32.71"]),
        ("Pemkot Malang", ["35.73"]),
        ("Bupati Semarang", ["33.22"]),
        ("Wali Kota Bekasi", ["32.75"]),
        ("Kota Banjar", ["32.79"]),
        ("Kabupaten Banjar", ["63.03"]),
        ("Bawaslu Kepri", ["21"]),
        ("ASN Lamsel", ["18.01"]),
        ("ASN se-Jatim dan Sulsel", ["35", "73"]),
        ("NTB, NTT, DKI, DIY, Babel", ["52", "53", "31", "34", "19"]),
        ("Bawaslu Provinsi Kepulauan Riau", ["21"]),
        ("Tanjungpinang", ["21.72"]),
        ("Kabupaten Lima Puluh Kota", ["13.07"]),
    ],
)
def test_typed_and_abbreviated(text, codes):
    assert _codes(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # A bare name takes the type written elsewhere in the text.
        ("Pemkab Bandung menggelar apel. ASN Bandung hadir.", ["32.04", "32.04"]),
        ("Pemkot Bandung menggelar apel. ASN Bandung hadir.", ["32.73", "32.73"]),
        # ... or the province named elsewhere: Banjar in Kalimantan Selatan is the kabupaten.
        ("Bawaslu Kalimantan Selatan memantau Banjar.", ["63", "63.03"]),
        ("Bawaslu Jawa Barat memantau Banjar.", ["32", "32.79"]),
        # With no context a bare city name is the kota.
        ("Di Malang, apel digelar.", ["35.73"]),
    ],
)
def test_bare_names_resolved_by_context(text, codes):
    assert _codes(text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "Kepala BKN Bima Haria Wibisana hadir.",  # a person named Bima, not Kabupaten Bima
        "batu dan kapur",  # lower-case words are not names
        "Kecamatan yang hadir",
    ],
)
def test_not_regions(text):
    assert find_regions(text) == []


def test_kecamatan_needs_a_marker_and_a_parent_in_context():
    assert _codes("ASN Kabupaten Bandung di Kecamatan Soreang") == ["32.04", "32.04.37"]
    assert _codes("di Soreang") == []


def test_mention_spans_include_the_marker():
    text = "Rapat di Kab. Bintan, Kepri."
    first, second = find_regions(text)
    assert (first.text, first.level, first.name) == ("Kab. Bintan", "kabupaten", "Bintan")
    assert text[first.start : first.end] == "Kab. Bintan"
    assert (second.code, second.text) == ("21", "Kepri")


def test_every_alias_resolves():
    assert region_by_code("21").name == "Kepulauan Riau"
    assert _codes("Kukar, Tangsel, Sidrap, Pangkep, OKI") == ["64.02", "36.74", "73.14", "73.10", "16.02"]


_KAB_KOTA = [w for p in wilayah.list_wilayah() for w in wilayah.list_wilayah(p.code)]


def test_every_kabupaten_and_kota_found_by_its_official_name():
    missed = []
    for region in _KAB_KOTA:
        name = region.name.replace("Kota Administrasi", "Kota").replace("Kabupaten Administrasi", "Kabupaten")
        if _codes(f"Bawaslu {name} menggelar rapat.") != [region.code]:
            missed.append(region.name)
    assert len(_KAB_KOTA) == 514
    assert missed == []


@given(st.sampled_from(_KAB_KOTA), st.sampled_from(["Kab.", "Kabupaten", "Pemkab", "Bupati"]))
def test_kabupaten_markers(region, marker):
    if region.type != "kabupaten":
        return
    core = region.name.removeprefix("Kabupaten ").removeprefix("Administrasi ")
    (mention,) = find_regions(f"ASN {marker} {core} diminta netral.")
    assert mention.code == region.code


@pytest.mark.parametrize("province", wilayah.list_wilayah(), ids=lambda p: p.code)
def test_every_province_found(province):
    (mention,) = find_regions(f"ASN di Provinsi {province.name} diminta netral.")
    assert (mention.code, mention.level) == (province.code, "provinsi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bawaslu Kabupaten Bintan", ("bawaslu", "kabupaten", "21.01")),
        ("Bawaslu RI", ("bawaslu", "nasional", None)),
        ("Panwaslu Kecamatan", ("bawaslu", "kecamatan", None)),
        ("KASN", ("kasn", "nasional", None)),
        ("Badan Kepegawaian Daerah Provinsi Kepulauan Riau", ("bkd", "provinsi", "21")),
        ("BKPSDM Kabupaten Serang", ("bkpsdm", "kabupaten", "36.04")),
        ("KPU Kota Bogor", ("kpu", "kota", "32.71")),
        ("Pemkab Bandung", ("pemkab", "kabupaten", "32.04")),
        ("Kepala OPD", ("opd", None, None)),
    ],
)
def test_institutions(text, expected):
    (found,) = find_institutions(text)
    assert (found.kind, found.level, found.region_code) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Puncak acara ditandai pembacaan ikrar.", []),
        ("Bawaslu Kabupaten Puncak menggelar apel. Puncak acara ditandai ikrar.", ["94.05"]),
        ("ASN di Batu diminta netral. Batu bara naik.", ["35.79"]),
        ("ASN dari Sabang sampai Merauke diminta netral.", []),
        ("Kabupaten\xa0Lampung\xa0Selatan", ["18.01"]),
    ],
)
def test_common_words_and_idioms(text, codes):
    assert _codes(text) == codes


def test_package_exports_the_reusable_finders():
    import netra.text

    assert netra.text.find_regions is find_regions
    assert [m.code for m in netra.text.find_regions("Bawaslu Lamsel")] == ["18.01"]
    with pytest.raises(AttributeError):
        netra.text.not_there  # noqa: B018


def test_every_kabupaten_and_kota_with_every_marker():
    markers = {
        "kabupaten": ["Kab.", "Kabupaten", "Pemkab", "Bupati"],
        "kota": ["Kota", "Pemkot", "Wali Kota"],
    }
    missed = []
    for region in _KAB_KOTA:
        core = region.name.split(" ", 1)[1].removeprefix("Administrasi ")
        for marker in markers[region.type]:
            if _codes(f"ASN {marker} {core} diminta netral.") != [region.code]:
                missed.append(f"{marker} {core}")
    assert missed == []


def test_camat_of_a_city_names_the_city():
    assert _codes("Camat Bukittinggi dan Camat Kecamatan Soreang, Kabupaten Bandung") == [
        "13.75",
        "32.04.37",
        "32.04",
    ]
