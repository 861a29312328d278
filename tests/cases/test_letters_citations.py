"""The legal basis a letter prints: formal citations of netra.law, without Netra's own marks."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from netra.cases.letters.citations import citable, formal, formal_list, instrument_title
from netra.law import catalogue, referral
from netra.law.sources import Citation


def test_article_first_then_the_full_title():
    citation = Citation(
        "PP 94/2021",
        article="Pasal 5",
        letter="n",
        point="7",
        confidence="S",
        url="https://example.test/berita",
        note="catatan internal",
    )
    assert formal(citation) == (
        "Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021 tentang "
        "Disiplin Pegawai Negeri Sipil"
    )


def test_abbreviations_without_a_data_file_are_spelled_out():
    assert instrument_title("PP 49/2018") == "Peraturan Pemerintah Nomor 49 Tahun 2018"
    assert instrument_title("UU 20/2023") == "Undang-Undang Nomor 20 Tahun 2023"
    assert instrument_title("SE MenPANRB 4/2024") == (
        "Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 4 Tahun 2024"
    )
    assert formal(Citation("PP 49/2018", article="Pasal 52", paragraph="2", confidence="V")) == (
        "Pasal 52 ayat (2) Peraturan Pemerintah Nomor 49 Tahun 2018"
    )


def test_only_regulations_netra_has_a_source_for_are_cited():
    assert not citable(Citation("PP 94/2021", article="Pasal 5", confidence="M"))  # unverified
    assert not citable(Citation("Pernyataan Ketua Bawaslu", confidence="S", note="KASN berhenti"))
    assert not citable(Citation("Praktik Bawaslu/BKN 2024", confidence="S", note="praktik"))
    assert citable(Citation("SE MenPANRB 4/2024", confidence="S", note="dokumen KASN"))
    assert citable(Citation("Perpres 92/2024", article="Pasal 3-4", confidence="S"))


def test_the_ppk_copy_prints_no_internal_note():
    found = referral.refer(subject="PNS", regime="pemilihan", forwarded=date(2024, 11, 3), violation="D-1")
    basis = formal_list(c for route in found.routes for c in route.citations)
    assert basis == (
        "Pasal 3-4 Peraturan Presiden Nomor 92 Tahun 2024 tentang Badan Kepegawaian Negara",
        "Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 4 Tahun 2024",
    )
    text = " ".join(basis)
    assert "bawaan Netra" not in text and "Praktik" not in text and "Tembusan" not in text


def test_every_catalogue_citation_prints_clean():
    for violation in catalogue.all_types():
        for line in formal_list(violation.citations):
            assert "[" not in line and "http" not in line and line == line.strip()


_parts = st.text(alphabet=st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=8)


@given(
    instrument=st.sampled_from(["PP 94/2021", "UU 5/2014", "SKB 2022", "Perpres 92/2024", "X 1/2000"]),
    article=st.none() | _parts.map(lambda s: "Pasal " + s),
    paragraph=st.none() | _parts,
    letter=st.none() | _parts,
    point=st.none() | _parts,
    confidence=st.sampled_from("VS1M"),
)
def test_formal_citations_never_carry_marks_urls_or_notes(
    instrument, article, paragraph, letter, point, confidence
):
    citation = Citation(
        instrument,
        article,
        paragraph,
        letter,
        point,
        url="https://x.test/a",
        confidence=confidence,
        note="catatan internal",
    )
    text = formal(citation)
    assert f"[{confidence}]" not in text and "https" not in text and "catatan" not in text
    assert text.endswith(instrument_title(instrument))
    if article:
        assert text.startswith(article)
    assert citable(citation) == (confidence != "M" and bool(article or instrument != "X 1/2000"))
