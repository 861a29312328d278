"""Sentence spans: abbreviations and initials do not end a sentence; line breaks do."""

from hypothesis import given
from hypothesis import strategies as st

from netra.text.sentences import split_lines, split_sentences


def test_split_sentences():
    text = (
        "Bawaslu Kab. Bintan menemukan 2 ASN. Ketua Drs. H. Ahmad hadir! Apa? Ya.\n"
        "Baris tanpa titik\nSesuai UU No. 5 Tahun 2014 di Gedung Moch. Toha."
    )
    assert [s.text(text) for s in split_sentences(text)] == [
        "Bawaslu Kab. Bintan menemukan 2 ASN.",
        "Ketua Drs. H. Ahmad hadir!",
        "Apa?",
        "Ya.",
        "Baris tanpa titik",
        "Sesuai UU No. 5 Tahun 2014 di Gedung Moch. Toha.",
    ]


def test_quotes_and_decimals():
    text = '"ASN harus netral." Katanya, angka 2.5 persen naik. Lalu selesai'
    assert [s.text(text) for s in split_sentences(text)] == [
        '"ASN harus netral."',
        "Katanya, angka 2.5 persen naik.",
        "Lalu selesai",
    ]


def test_spans_are_trimmed_and_skip_blank_lines():
    text = "  satu \n\n dua  "
    assert [(s.start, s.end, s.text(text)) for s in split_lines(text)] == [(2, 6, "satu"), (10, 13, "dua")]
    assert split_sentences("   \n ") == []


_WORDS = ["bawaslu", "asn", "netral", "Kab.", "No.", "5", "2,5", "di", "Drs.", "kota", "menemukan", "dua"]


@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map(lambda ws: "Kalimat " + " ".join(ws)),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([".", "!", "?"]),
)
def test_sentences_round_trip(sentences, end):
    text = " ".join(s + end for s in sentences)
    assert [span.text(text) for span in split_sentences(text)] == [s + end for s in sentences]
