"""The NIP and NI PPPK rules at their edges: every limit on both sides, every message in full, and the
valid numbers answered as valid (mutation testing showed these were never pinned; docs/testing.md)."""

from datetime import date

import pytest

from netra.names import InvalidNip, NipInfo, is_valid_nip, parse_nip
from netra.names.nip import PPPK_FIRST_YEAR, clean_nip, format_nip

NEXT_YEAR = date.today().year + 1


def rejection(raw: str, *, pppk: bool = False) -> str:
    with pytest.raises(InvalidNip) as err:
        parse_nip(raw, pppk=pppk)
    assert not is_valid_nip(raw, pppk=pppk)
    return str(err.value)


@pytest.mark.parametrize(
    ("raw", "pppk"),
    [("19800101 200501 1 001", False), ("19850315.201003.2.014", False), ("19900101 202321 2 001", True)],
)
def test_a_valid_number_is_valid(raw, pppk):
    assert is_valid_nip(raw, pppk=pppk) is True


def test_a_pns_nip_says_it_is_one_and_carries_no_pppk_fields():
    info = parse_nip("19800101 200501 1 001")
    assert (info.kind, info.pppk_year, info.pppk_code) == ("PNS", None, None)


def test_an_ni_pppk_keeps_every_field():
    assert parse_nip("19900101 202321 2 001", pppk=True) == NipInfo(
        "199001012023212001", date(1990, 1, 1), None, "P", "001", "PPPK", 2023, "21"
    )


# -- birth year: 1900 up to this year ----------------------------------------------------------------
def test_the_first_and_last_birth_years_are_accepted():
    assert parse_nip("190001011920011001").birth_date == date(1900, 1, 1)
    this_year = date.today().year
    assert parse_nip(f"{this_year}0101{NEXT_YEAR}011001").birth_date == date(this_year, 1, 1)


@pytest.mark.parametrize("year", [1899, NEXT_YEAR])
def test_a_birth_year_outside_them_is_refused(year):
    assert rejection(f"{year}0101{NEXT_YEAR}011001") == f"tahun lahir {year} tidak masuk akal"


@pytest.mark.parametrize(("month", "valid"), [("00", False), ("01", True), ("12", True), ("13", False)])
def test_birth_months_run_from_01_to_12(month, valid):
    raw = f"1980{month}01200501 1001".replace(" ", "")
    if valid:
        assert parse_nip(raw).birth_date.month == int(month)
    else:
        assert rejection(raw) == f"bulan lahir harus 01-12 (ada {month})"


# -- TMT CPNS: 1900 up to next year, after the birth date --------------------------------------------
def test_the_first_and_last_tmt_years_are_accepted():
    assert parse_nip("190001011900021001").tmt_cpns == date(1900, 2, 1)
    assert parse_nip(f"19800101{NEXT_YEAR}121001").tmt_cpns == date(NEXT_YEAR, 12, 1)


@pytest.mark.parametrize("year", [1899, NEXT_YEAR + 1])
def test_a_tmt_year_outside_them_is_refused(year):
    assert rejection(f"19000101{year}011001") == f"tahun TMT CPNS {year} tidak masuk akal"


def test_a_tmt_on_the_birth_date_is_not_after_it():
    assert rejection("198001011980011001") == "TMT CPNS 01/1980 tidak setelah tanggal lahir 01-01-1980"


def test_a_tmt_in_the_month_after_birth_is_after_it():
    assert parse_nip("198001311980021001").tmt_cpns == date(1980, 2, 1)


# -- NI PPPK: appointed from 2019 to next year, after the birth year, code not 00 --------------------
def test_the_first_and_last_pppk_years_are_accepted():
    assert parse_nip(f"19900101{PPPK_FIRST_YEAR}211001", pppk=True).pppk_year == 2019
    assert parse_nip(f"19900101{NEXT_YEAR}011001", pppk=True).pppk_code == "01"


@pytest.mark.parametrize("year", [PPPK_FIRST_YEAR - 1, NEXT_YEAR + 1])
def test_a_pppk_year_outside_them_is_refused(year):
    assert rejection(f"19900101{year}211001", pppk=True) == (
        f"tahun pengangkatan PPPK {year} tidak masuk akal (PPPK ada sejak 2019)"
    )


def test_a_pppk_appointed_in_the_birth_year_is_refused_and_the_next_year_accepted():
    assert rejection("201901012019211001", pppk=True) == (
        "tahun pengangkatan PPPK 2019 tidak setelah tahun lahir 2019"
    )
    assert parse_nip("201901012020211001", pppk=True).pppk_year == 2020


def test_the_pppk_code_may_not_be_00():
    assert rejection("199001012023001001", pppk=True) == (
        "dua digit setelah tahun pengangkatan PPPK tidak boleh 00"
    )


def test_a_pppk_gender_digit_is_checked_after_the_appointment():
    assert rejection("199001012023213001", pppk=True) == "digit jenis kelamin (ke-15) harus 1 atau 2 (ada 3)"
    assert rejection("199001012015213001", pppk=True).startswith("tahun pengangkatan PPPK 2015")


@pytest.mark.parametrize(("digit", "gender"), [("1", "L"), ("2", "P")])
def test_gender_digits(digit, gender):
    assert parse_nip(f"19800101200501{digit}001").gender == gender
    assert parse_nip(f"19900101202321{digit}001", pppk=True).gender == gender


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_other_gender_digits_are_refused(digit):
    assert rejection(f"19800101200501{digit}001") == (
        f"digit jenis kelamin (ke-15) harus 1 atau 2 (ada {digit})"
    )


# -- cleaning and writing -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    [
        "19800101 200501 1 001",
        " 19800101-200501-1-001 ",
        "19800101_200501_1_001",
        "19800101/200501/1/001",
        "19800101.200501.1.001",
        "19800101 \t 200501 . 1 - 001",
    ],
)
def test_separators_people_write_are_dropped(raw):
    assert clean_nip(raw) == "198001012005011001"


def test_a_nip_that_is_not_text_is_refused_by_type():
    with pytest.raises(InvalidNip) as err:
        clean_nip(198001012005011001)
    assert str(err.value) == "NIP harus berupa teks, bukan int"


def test_only_separators_is_empty():
    with pytest.raises(InvalidNip, match=r"^NIP kosong$"):
        clean_nip(" . - ")


def test_bad_characters_are_listed_once_each_in_order():
    with pytest.raises(InvalidNip) as err:
        clean_nip("19b0a101200501b001")
    assert str(err.value) == "NIP hanya boleh berisi angka (ada karakter 'ab')"


def test_the_length_message_counts_the_digits():
    assert rejection("1980") == "NIP harus 18 digit (ada 4)"


def test_the_written_form_groups_birth_tmt_gender_and_serial():
    assert format_nip("198001012005011001") == "19800101 200501 1 001"
    assert format_nip(" 19800101-200501-1-001") == "19800101 200501 1 001"


def test_a_nip_is_a_pns_nip_unless_told_otherwise():
    assert is_valid_nip("19800101 200501 1 001") is True
    assert is_valid_nip("19900101 202321 2 001") is False  # month 21: only an NI PPPK


@pytest.mark.parametrize("letter", ["A", "O", ":", "l"])
def test_a_letter_that_looks_like_a_digit_is_refused(letter):
    with pytest.raises(InvalidNip) as err:
        clean_nip(f"19800101 200501 1 0{letter}1")
    assert str(err.value) == f"NIP hanya boleh berisi angka (ada karakter {letter!r})"
