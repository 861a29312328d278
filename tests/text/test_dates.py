"""Indonesian dates: the forms news uses, and round trips through every style."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.text.dates import find_dates, format_date


@pytest.mark.parametrize(
    ("text", "written", "iso"),
    [
        ("di Bukittinggi, Jumat (14/06/24).", "Jumat (14/06/24)", "2024-06-14"),
        ("Soreang, Senin, 30 September 2024.", "Senin, 30 September 2024", "2024-09-30"),
        ("di Natar pada 17/2/2023..", "17/2/2023", "2023-02-17"),
        ("Selasa (17/9/2024) lalu", "Selasa (17/9/2024)", "2024-09-17"),
        ("pada 14 Februari 2024", "14 Februari 2024", "2024-02-14"),
        ("Senin 30 Sep 2024, 15:34 WIB", "Senin 30 Sep 2024", "2024-09-30"),
        ("Kamis, 1 Okt. 2020", "Kamis, 1 Okt. 2020", "2020-10-01"),
        ("tanggal 27 Nopember 2024", "27 Nopember 2024", "2024-11-27"),
        ("Rabu 15 Maret 2023 di Hotel", "Rabu 15 Maret 2023", "2023-03-15"),
        ("tgl 5-8-2024", "5-8-2024", "2024-08-05"),
        ("Jum'at (2/8/2024)", "Jum'at (2/8/2024)", "2024-08-02"),
    ],
)
def test_find_dates(text, written, iso):
    (mention,) = find_dates(text)
    assert (mention.text, mention.iso) == (written, iso)
    assert text[mention.start : mention.end] == written


def test_a_date_without_a_year_has_no_iso():
    (mention,) = find_dates("Rabu (13/11) kemarin")
    assert (mention.day, mention.month, mention.year, mention.iso, mention.weekday) == (13, 11, None, None, 2)


@pytest.mark.parametrize(
    "text", ["31/2/2024", "1.5 juta", "3-4 orang", "UU 5/2014", "PP 42/2004", "umur 1,5"]
)
def test_not_dates(text):
    assert find_dates(text) == []


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["long", "short", "numeric"]),
    st.booleans(),
)
def test_round_trip(date, style, weekday):
    text = f"Kegiatan digelar {format_date(date, style, weekday)} di aula."
    (mention,) = find_dates(text)
    assert mention.iso == date.isoformat()
    assert mention.weekday == (date.weekday() if weekday else None)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_two_digit_years_round_trip(date):
    (mention,) = find_dates(f"Bukittinggi, {format_date(date, 'numeric_short', weekday=True)}.")
    assert mention.iso == date.isoformat()
    assert mention.text.endswith(")")
