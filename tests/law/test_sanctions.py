"""The sanction options of the law per violation and employment status, and the lighter-than check."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.law import catalogue, sanctions
from netra.law.sanctions import OTHER, RANK, assess, menu
from netra.law.sources import LawError

SUBJECTS = ("PNS", "PPPK", "PPNPN", "kepala_desa", "perangkat_desa", "lainnya")


def texts(found) -> list[str]:
    return [o.text for o in found.options]


def test_pp94_pasal_8_has_three_options_per_level_in_the_words_of_the_text():
    by_level = {level: [o.text for o in sanctions.PP94 if o.sanction_class == level] for level in RANK}
    ringan = ["teguran lisan", "teguran tertulis", "pernyataan tidak puas secara tertulis"]
    assert by_level["ringan"] == ringan
    assert by_level["sedang"] == [
        f"pemotongan tunjangan kinerja sebesar 25% selama {n} bulan" for n in (6, 9, 12)
    ]
    assert by_level["berat"] == [
        "penurunan jabatan setingkat lebih rendah selama 12 bulan",
        "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
        "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
    ]
    assert all(o.basis.startswith("PP 94/2021 Pasal 8") for o in sanctions.PP94)


def test_d6_is_berat_and_a_sedang_sanction_is_lighter():
    found = assess(violation_code="D-6", subject="PNS", code="pp94-sedang-a")
    assert found.expected_class == "berat"
    assert found.lighter is True
    assert assess(violation_code="D-6", subject="PNS", code="pp94-berat-b").lighter is False


def test_d3_is_sedang_so_berat_is_not_lighter_and_ringan_is():
    assert assess(violation_code="D-3", subject="PNS", code="pp94-berat-a").lighter is False
    assert assess(violation_code="D-3", subject="PNS", code="pp94-ringan-b").lighter is True


def test_d5_party_membership_expects_ptdh():
    found = menu(violation_code="D-5", subject="PNS")
    assert found.expected_class == "ptdh"
    assert "pemberhentian tidak dengan hormat sebagai PNS" in texts(found)
    assert assess(violation_code="D-5", subject="PNS", code="uu5-ptdh").lighter is False
    assert assess(violation_code="D-5", subject="PNS", code="pp94-berat-c").lighter is True


def test_kode_etik_offers_the_moral_sanctions_of_pp42_only():
    found = menu(violation_code="KE-4", subject="PNS")
    assert found.expected_class == "moral"
    assert texts(found) == [
        "sanksi moral: pernyataan secara tertutup",
        "sanksi moral: pernyataan secara terbuka",
        "lainnya (tulis sanksinya)",
    ]
    assert assess(violation_code="KE-4", subject="PNS", code="pp42-tertutup").lighter is False
    with pytest.raises(LawError):
        assess(violation_code="KE-4", subject="PNS", code="pp94-berat-a")


def test_pppk_ends_in_termination_of_the_contract_not_pns_dismissal():
    found = menu(violation_code="D-6", subject="PPPK")
    assert "pemutusan hubungan perjanjian kerja" in texts(found)
    assert not any("sebagai PNS" in t for t in texts(found))


def test_village_heads_get_the_steps_of_uu_desa_and_no_catalogue_class():
    found = menu(violation_code="D-8", subject="kepala_desa")
    assert found.expected_class is None
    assert texts(found)[:2] == ["teguran lisan", "teguran tertulis"]
    assert {o.basis for o in found.options if o.code != OTHER} == {
        "UU 6/2014 Pasal 30 ayat (1)",
        "UU 6/2014 Pasal 30 ayat (2)",
    }
    perangkat = menu(violation_code="D-8", subject="perangkat_desa")
    assert perangkat.options[0].basis.startswith("UU 6/2014 Pasal 52")


def test_satgas_row_and_undecided_violation_have_no_class_to_be_lighter_than():
    assert menu(violation_code="D-13", subject="PNS").expected_class is None
    assert menu(violation_code="", subject="PNS").expected_class is None
    assert assess(violation_code="D-13", subject="PNS", code="pp94-ringan-a").lighter is False


def test_free_text_is_flagged_where_the_catalogue_sets_a_class():
    assert assess(violation_code="D-6", subject="PNS", code=OTHER).lighter is True
    assert assess(violation_code="D-6", subject="PPNPN", code=OTHER).lighter is False


@given(
    code=st.sampled_from([vt.code for vt in catalogue.all_types()]),
    subject=st.sampled_from(SUBJECTS),
)
def test_every_menu_ends_with_lainnya_and_only_ranked_options_below_the_class_are_lighter(code, subject):
    found = menu(violation_code=code, subject=subject)
    assert found.options[-1].code == OTHER
    assert len({o.code for o in found.options}) == len(found.options)
    for option in found.options[:-1]:
        expected = RANK.get(found.expected_class or "")
        lighter = expected is not None and option.rank is not None and option.rank < expected
        assert found.is_lighter(option) is lighter
        assert option.basis and option.confidence in ("V", "S", "1", "M")
