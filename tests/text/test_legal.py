"""Legal references: the written forms, normalised."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.text.legal import find_legal_refs, normalise_legal_ref


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Undang-Undang Nomor 5 Tahun 2014", "UU 5/2014"),
        ("Undang-undang (UU) Nomor 7 Tahun 2017", "UU 7/2017"),
        ("UU No. 5/2014", "UU 5/2014"),
        ("UU no 5 tahun 2014", "UU 5/2014"),
        ("PP 42 tahun 2004", "PP 42/2004"),
        ("Peraturan Pemerintah Nomor 94 Tahun 2021", "PP 94/2021"),
        ("Peraturan Pemerintah (PP) No. 53 Tahun 2010", "PP 53/2010"),
        ("SKB 5 menteri", "SKB"),
        ("Surat Keputusan Bersama (SKB) 5 Menteri", "SKB"),
        ("SKB Nomor 2 Tahun 2022", "SKB 2022"),
        ("SKB tahun 2022", "SKB 2022"),
        ("Peraturan Bawaslu (Perbawaslu) Nomor 7 Tahun 2022", "Perbawaslu 7/2022"),
        ("Perbawaslu No 6 Tahun 2018", "Perbawaslu 6/2018"),
        ("Peraturan Kepolisian Nomor 1 Tahun 2024", "Perpol 1/2024"),
        ("Perpol 1/2024", "Perpol 1/2024"),
        ("Perppu Nomor 1 Tahun 2014", "Perppu 1/2014"),
        ("Peraturan BKN Nomor 1 Tahun 2023", "Peraturan BKN 1/2023"),
        ("PP 94", "PP 94/2021"),  # the catalogue knows only one PP 94
        ("UU ASN Nomor 20 Tahun 2023", "UU 20/2023"),
        ("UU Pemilu No 7/2017", "UU 7/2017"),
        ("PP Disiplin PNS Nomor 94 Tahun 2021", "PP 94/2021"),
    ],
)
def test_normalise(text, ref):
    assert normalise_legal_ref(text) == ref


def test_a_mistyped_year_is_kept_as_written_with_a_warning():
    text = "Peraturan Pemerintah Nomor 42 tahun 2024 tentang Pembinaan Jiwa Korps dan Kode Etik PNS."
    (ref,) = find_legal_refs(text)
    assert ref.ref == "PP 42/2024"
    assert ref.text == "Peraturan Pemerintah Nomor 42 tahun 2024"
    assert "PP 42/2004" in ref.warning


def test_a_right_year_has_no_warning():
    (ref,) = find_legal_refs("PP Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS")
    assert (ref.ref, ref.warning) == ("PP 42/2004", None)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Peraturan Pemeritah No. 42 Tahun 2004", "PP 42/2004"),  # misspelt kinds, as real articles have them
        ("Peraturan Pemerintahan Nomor 53 tahun 2010", "PP 53/2010"),
        ("undangan undang nomor 7 tahun 2017", "UU 7/2017"),
        ("Peraturan Menteri PANRB Nomor 6 Tahun 2022", "Permenpan 6/2022"),
        ("Permenpan Nomor 6 Tahun 2022", "Permenpan 6/2022"),
        ("Surat Keputusan Bersama Menpan RB No. 05 / 2020", "SKB 2020"),
        ("Peraturan Presiden Nomor 12 Tahun 2021", "Perpres 12/2021"),
    ],
)
def test_real_article_forms(text, ref):
    assert normalise_legal_ref(text) == ref


def test_a_learning_centre_named_skb_is_not_the_joint_decree():
    assert find_legal_refs("di gedung SKB Karang Baru, Jumat") == []


def test_a_title_does_not_override_an_unrelated_act():
    (ref,) = find_legal_refs("UU Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara")
    assert ref.ref == "UU 20/2023"


def test_several_refs_in_order():
    text = "UU Nomor 10 Tahun 2016 tentang Perubahan Kedua atas UU Nomor 1 Tahun 2015 dan SKB 2022."
    assert [r.ref for r in find_legal_refs(text)] == ["UU 10/2016", "UU 1/2015", "SKB 2022"]


@pytest.mark.parametrize(
    "text", ["Pasal 2 huruf f UU ASN", "pp 12 tahun 2020", "skb", "PP Nomor 77", "UUD 1945"]
)
def test_not_refs(text):
    assert find_legal_refs(text) == []


_KIND_FORMS = {
    "UU": ["UU", "Undang-Undang", "Undang-undang", "Undang Undang"],
    "PP": ["PP", "Peraturan Pemerintah"],
    "Perbawaslu": ["Perbawaslu", "Peraturan Bawaslu"],
    "Perpol": ["Perpol", "Peraturan Kepolisian"],
    "Perpres": ["Perpres", "Peraturan Presiden"],
}
_NUMBER_FORMS = [
    "{k} Nomor {n} Tahun {y}",
    "{k} No. {n}/{y}",
    "{k} {n}/{y}",
    "{k} no {n} tahun {y}",
    "{k} Nomor {n}/{y}",
]


@given(
    st.sampled_from(sorted(_KIND_FORMS)),
    st.data(),
    st.integers(min_value=1, max_value=200),
    st.integers(min_value=1950, max_value=2030),
    st.sampled_from(_NUMBER_FORMS),
)
def test_generated_refs(kind, data, number, year, form):
    written = form.format(k=data.draw(st.sampled_from(_KIND_FORMS[kind])), n=number, y=year)
    (ref,) = find_legal_refs(f"sesuai {written} tentang hal lain.")
    assert ref.ref == f"{kind} {number}/{year}"
    assert ref.text == written
