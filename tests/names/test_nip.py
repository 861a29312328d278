from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.names import InvalidNip, NipInfo, is_valid_nip, parse_nip
from netra.names.nip import format_nip


@st.composite
def valid_nips(draw):
    birth = draw(st.dates(min_value=date(1955, 1, 1), max_value=date(2006, 12, 31)))
    tmt_year = draw(st.integers(min_value=birth.year + 18, max_value=max(birth.year + 18, 2025)))
    tmt_month = draw(st.integers(min_value=1, max_value=12))
    gender = draw(st.sampled_from("12"))
    serial = draw(st.integers(min_value=1, max_value=999))
    nip = f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}{serial:03d}"
    return nip, NipInfo(
        nip, birth, date(tmt_year, tmt_month, 1), "L" if gender == "1" else "P", f"{serial:03d}"
    )


def test_parses_the_written_form_with_spaces():
    info = parse_nip("19800101 200501 1 001")
    assert info == NipInfo("198001012005011001", date(1980, 1, 1), date(2005, 1, 1), "L", "001")


def test_accepts_dots_and_female_gender():
    info = parse_nip("19850315.201003.2.014")
    assert (info.gender, info.birth_date, info.tmt_cpns, info.serial) == (
        "P",
        date(1985, 3, 15),
        date(2010, 3, 1),
        "014",
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("19800101200501100", "NIP harus 18 digit (ada 17)"),
        ("1980010120050110011", "NIP harus 18 digit (ada 19)"),
        ("", "NIP kosong"),
        ("1980010120050l1001", "NIP hanya boleh berisi angka (ada karakter 'l')"),
        ("198013012005011001", "bulan lahir harus 01-12 (ada 13)"),
        ("198002302005011001", "tanggal lahir 30-02-1980 tidak ada"),
        ("198001012005131001", "bulan TMT CPNS harus 01-12 (ada 13)"),
        ("198001012005003001", "bulan TMT CPNS harus 01-12 (ada 00)"),
        ("198001011979011001", "TMT CPNS 01/1979 tidak setelah tanggal lahir 01-01-1980"),
        ("198001012005013001", "digit jenis kelamin (ke-15) harus 1 atau 2 (ada 3)"),
    ],
)
def test_rejections_say_what_is_wrong(raw, message):
    with pytest.raises(InvalidNip) as err:
        parse_nip(raw)
    assert str(err.value) == message
    assert not is_valid_nip(raw)


@given(valid_nips())
def test_round_trip_from_generated_valid_nips(case):
    nip, expected = case
    assert parse_nip(nip) == expected
    assert parse_nip(format_nip(nip)) == expected
    assert format_nip(nip).replace(" ", "") == nip


@given(valid_nips(), st.integers(min_value=0, max_value=13), st.integers(min_value=0, max_value=9))
def test_single_digit_corruption_of_dates_is_detected_or_still_valid(case, position, digit):
    nip, _ = case
    corrupted = nip[:position] + str(digit) + nip[position + 1 :]
    try:
        info = parse_nip(corrupted)
    except InvalidNip:
        return
    # Still valid: then every field must be the real calendar reading of the corrupted digits.
    assert info.birth_date == date(int(corrupted[:4]), int(corrupted[4:6]), int(corrupted[6:8]))
    assert info.tmt_cpns == date(int(corrupted[8:12]), int(corrupted[12:14]), 1)
    assert info.tmt_cpns > info.birth_date


@st.composite
def valid_ni_pppk(draw):
    birth = draw(st.dates(min_value=date(1965, 1, 1), max_value=date(2004, 12, 31)))
    year = draw(st.integers(min_value=max(2019, birth.year + 1), max_value=2025))
    code = draw(st.integers(min_value=1, max_value=99))
    gender = draw(st.sampled_from("12"))
    serial = draw(st.integers(min_value=1, max_value=999))
    return f"{birth:%Y%m%d}{year}{code:02d}{gender}{serial:03d}", birth, year, f"{code:02d}"


@given(valid_ni_pppk())
def test_an_ni_pppk_parses_with_its_own_layout(case):
    nip, birth, year, code = case
    info = parse_nip(nip, pppk=True)
    assert (info.kind, info.birth_date, info.pppk_year, info.pppk_code, info.tmt_cpns) == (
        "PPPK",
        birth,
        year,
        code,
        None,
    )
    assert info.gender == ("L" if nip[14] == "1" else "P") and info.serial == nip[15:]


def test_the_usual_ni_pppk_is_not_a_pns_nip():
    assert parse_nip("19900101 202321 2 001", pppk=True).pppk_year == 2023
    with pytest.raises(InvalidNip, match="bulan TMT CPNS harus 01-12"):
        parse_nip("19900101 202321 2 001")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("199001012015211001", "tahun pengangkatan PPPK 2015 tidak masuk akal"),
        ("199001012023001001", "tidak boleh 00"),
        ("199001012023213001", "digit jenis kelamin"),
        ("202001012020211001", "tidak setelah tahun lahir"),
    ],
)
def test_an_invalid_ni_pppk_says_why(raw, message):
    with pytest.raises(InvalidNip, match=message):
        parse_nip(raw, pppk=True)
    assert not is_valid_nip(raw, pppk=True)
