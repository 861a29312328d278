"""Legal references at their edges: the catalogue's title threshold exactly, the spellings a title is
compared in (Wali Kota, PNS, ASN, Undang-Undang), spans and texts, lower-case forms that are skipped
without ending the search (docs/testing.md)."""

import pytest

from netra.text.legal import LegalRef, find_legal_refs, normalise_legal_ref


def refs(text):
    return [r.ref for r in find_legal_refs(text)]


def titled_as(text):
    """The written reference and the catalogued act its title names when the year differs (or None):
    the year stays as written (news-labels.md) and a warning names the act."""
    (ref,) = find_legal_refs(text)
    return ref.ref, (ref.warning.split("its title is that of ")[1].split(":")[0] if ref.warning else None)


def test_a_title_at_exactly_three_quarters_of_the_catalogue_words_corrects_the_year():
    # UU 10/2016: perubahan kedua pemilihan gubernur bupati wali kota (7 words, 5 needed); "Wali Kota"
    # meets the catalogue's "walikota" only because both are compared as two words.
    text = "UU Nomor 10 Tahun 2015 tentang Pemilihan Gubernur, Bupati, dan Wali Kota."
    assert titled_as(text) == ("UU 10/2015", "UU 10/2016")


def test_a_title_below_the_threshold_keeps_the_written_year():
    assert titled_as("UU Nomor 10 Tahun 2015 tentang Pemilihan Gubernur dan Bupati.") == ("UU 10/2015", None)


def test_a_one_word_catalogue_title_needs_that_one_word():
    assert titled_as("UU Nomor 6 Tahun 2015 tentang Desa.") == ("UU 6/2015", "UU 6/2014")


def test_pns_in_a_title_is_read_as_pegawai_negeri_sipil():
    assert titled_as("PP Nomor 94 Tahun 2020 tentang Disiplin PNS.") == ("PP 94/2020", "PP 94/2021")


def test_asn_in_a_title_is_read_as_aparatur_sipil_negara():
    assert titled_as("UU Nomor 5 Tahun 2015 tentang ASN.") == ("UU 5/2015", "UU 5/2014")


def test_undang_undang_counts_as_one_title_word():
    # UU 1/2015 has ten title words (undang-undang is one of them): six written are not enough.
    text = "UU Nomor 1 Tahun 2014 tentang Penetapan Peraturan Pemerintah Pengganti UU Pemilihan Gubernur."
    assert titled_as(text) == ("UU 1/2014", None)


def test_a_lower_case_pp_is_skipped_and_the_search_goes_on():
    assert refs("pp 12 tahun 2020 dan UU Nomor 5 Tahun 2014") == ["UU 5/2014"]


def test_a_lower_case_skb_with_a_year_is_skipped():
    assert find_legal_refs("skb 2022") == []


def test_spans_and_texts_of_acts_and_skb():
    text = "Menurut UU No. 5/2014 dan SKB 5 menteri, ASN netral."
    assert find_legal_refs(text) == [
        LegalRef("UU 5/2014", 8, 21, "UU No. 5/2014"),
        LegalRef("SKB", 26, 39, "SKB 5 menteri"),
    ]


def test_an_skb_with_its_year_spans_the_year():
    (ref,) = find_legal_refs("SKB Nomor 2 Tahun 2022 tentang netralitas")
    assert (ref.ref, ref.start, ref.end, ref.text) == ("SKB 2022", 0, 22, "SKB Nomor 2 Tahun 2022")


@pytest.mark.parametrize("text", ["UU 5/2014 dan PP 94/2021", "tidak ada rujukan", ""])
def test_normalise_answers_only_for_exactly_one_reference(text):
    assert normalise_legal_ref(text) is None
