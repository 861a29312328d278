"""Indonesian numbers: words and digits, table tests and round trips from generated integers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lokal.terbilang import terbilang

from netra.text.numbers import find_numbers, number_to_words, parse_number, parse_number_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("enam", 6),
        ("dua belas", 12),
        ("sebelas", 11),
        ("sepuluh", 10),
        ("seratus dua puluh", 120),
        ("seribu dua ratus tiga puluh empat", 1234),
        ("dua ratus ribu", 200_000),
        ("tujuh belas juta", 17_000_000),
        ("satu juta dua ribu", 1_002_000),
        ("1.010", 1010),
        ("12.500", 12_500),
        ("2,5", 2.5),
        ("1,5 juta", 1_500_000),
        ("3 ribu", 3000),
        ("nol", 0),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["dua dua", "puluh", "dua puluh seratus", "ratus", "", "ASN", "1.01"])
def test_not_one_number(text):
    assert parse_number(text) is None


def test_find_numbers_in_a_sentence():
    text = "Sebanyak 2 (dua) orang ASN, seorang PPNPN dan dua belas kepala desa; anggaran Rp1.500.000."
    found = [(m.value, m.text) for m in find_numbers(text)]
    assert found == [(2, "2 (dua)"), (1, "seorang"), (12, "dua belas"), (1_500_000, "1.500.000")]


def test_dates_and_refs_are_not_numbers():
    assert find_numbers("17/2/2023 dan UU 5/2014") == []


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_words_round_trip(value):
    assert parse_number_words(number_to_words(value)) == value


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_reads_an_independent_speller(value):
    assert parse_number_words(terbilang(value)) == value


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators_round_trip(value):
    written = f"{value:,}".replace(",", ".")
    (mention,) = find_numbers(f"tercatat {written} laporan")
    assert mention.value == value


@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=999_999))
def test_two_numbers_side_by_side_stay_apart(first, second):
    text = f"{number_to_words(first)}, {number_to_words(second)}"
    assert [m.value for m in find_numbers(text)] == [first, second]


def test_number_to_words_rejects_out_of_range():
    with pytest.raises(ValueError, match="supports"):
        number_to_words(-1)
