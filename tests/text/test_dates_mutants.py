"""Dates in text at their edges: leap days with and without a year, brackets around a worded date,
dates that overlap, the order found, and every written form of format_date (docs/testing.md)."""

import datetime as dt

import pytest

from netra.text.dates import find_dates, format_date

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def found(text):
    return [(m.text, m.day, m.month, m.year, m.weekday) for m in find_dates(text)]


def test_29_february_without_a_year_is_a_date():
    assert found("Kamis (29/2)") == [("Kamis (29/2)", 29, 2, None, 3)]
    assert found("pada 29 Februari lalu") == [("29 Februari", 29, 2, None, None)]


def test_29_february_of_a_common_year_is_not():
    assert found("29/2/2023 dan 29 Februari 2023") == []
    assert found("29/2/2024") == [("29/2/2024", 29, 2, 2024, None)]


def test_a_worded_date_in_brackets_after_its_weekday_keeps_the_bracket():
    assert found("Senin (30 September 2024) pagi") == [("Senin (30 September 2024)", 30, 9, 2024, 0)]


def test_an_unclosed_bracket_is_not_followed():
    assert found("Senin (30 September 2024 pagi") == [("Senin (30 September 2024", 30, 9, 2024, 0)]


def test_a_closing_bracket_that_is_not_the_dates_own_stays_outside():
    assert found("(rapat Senin, 30 September 2024) batal") == [("Senin, 30 September 2024", 30, 9, 2024, 0)]


def test_the_weekday_with_an_apostrophe():
    assert found("Jum'at, 14 Juni 2024") == [("Jum'at, 14 Juni 2024", 14, 6, 2024, 4)]


def test_a_decimal_before_a_date_does_not_stop_the_search():
    assert found("naik 1.5 persen dan 3-4 kali pada 14/6") == [("14/6", 14, 6, None, None)]


def test_a_numeric_date_after_a_worded_one_is_found():
    assert found("30 September 2024 dan 14/6/2024") == [
        ("30 September 2024", 30, 9, 2024, None),
        ("14/6/2024", 14, 6, 2024, None),
    ]


def test_a_numeric_match_inside_a_worded_date_does_not_stop_the_search():
    assert found("2/3 Maret 2024 dan 14/6/2024") == [
        ("3 Maret 2024", 3, 3, 2024, None),
        ("14/6/2024", 14, 6, 2024, None),
    ]


def test_dates_come_in_the_order_written():
    assert [m.text for m in find_dates("14/6/2024 lalu 30 September 2024, lalu 1/7/2024")] == [
        "14/6/2024",
        "30 September 2024",
        "1/7/2024",
    ]


def test_iso_needs_a_year():
    (with_year,) = find_dates("17/2/2023")
    (without,) = find_dates("Rabu (13/11)")
    assert (with_year.iso, without.iso) == ("2023-02-17", None)


# -- format_date --------------------------------------------------------------------------------------
def test_the_default_is_the_long_form_without_a_weekday():
    assert format_date(dt.date(2024, 9, 30)) == "30 September 2024"


@pytest.mark.parametrize(
    ("style", "plain", "with_weekday"),
    [
        ("long", "30 September 2024", "Senin, 30 September 2024"),
        ("short", "30 Sep 2024", "Senin, 30 Sep 2024"),
        ("numeric", "30/9/2024", "Senin, 30/9/2024"),
        ("numeric_short", "(30/09/24)", "Senin (30/09/24)"),
    ],
)
def test_every_style(style, plain, with_weekday):
    day = dt.date(2024, 9, 30)
    assert format_date(day, style) == plain
    assert format_date(day, style, weekday=True) == with_weekday


def test_numeric_short_pads_day_month_and_year():
    assert format_date(dt.date(2005, 1, 2), "numeric_short") == "(02/01/05)"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name(month):
    name = MONTHS[month - 1]
    assert format_date(dt.date(2024, month, 1)) == f"1 {name} 2024"
    assert format_date(dt.date(2024, month, 1), "short") == f"1 {name[:3]} 2024"


@pytest.mark.parametrize("offset", range(7))
def test_every_weekday_name(offset):
    day = dt.date(2024, 9, 30) + dt.timedelta(days=offset)  # a Monday, then the week
    assert format_date(day, "numeric", weekday=True) == f"{DAYS[offset]}, {day.day}/{day.month}/2024"


def test_an_unknown_style_is_refused():
    with pytest.raises(KeyError):
        format_date(dt.date(2024, 9, 30), "iso")
