"""Indonesian dates in text: "Senin, 30 September 2024", "Jumat (14/06/24)", "17/2/2023", "14 Feb 2024".

Numeric dates are day/month/year, as Indonesian writes them; two-digit years are 20yy. A date without a
year ("Rabu (13/11)") is still found, with ``iso`` None, so callers can tell it was there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = r"(?P<weekday>senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY_RE}\s*[,(]?\s*(?:tanggal\s+|tgl\.?\s+)?)?"
_WORDED = re.compile(
    rf"\b{_WEEKDAY_PREFIX}(?P<day>[0-3]?\d)\s+(?P<month>{_MONTH_RE})\b\.?(?:\s+(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"\b{_WEEKDAY_PREFIX}(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)"
    rf"(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\d/]|\.\d|-\d)(?:\s*\))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    weekday: int | None  # 0 = Senin, as written (may disagree with the date when the writer erred)

    @property
    def iso(self) -> str | None:
        """ISO date when day, month and year are all given."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month, self.day).isoformat()


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2024, month, day)  # 2024 is a leap year, so 29 Feb without a year passes
    except ValueError:
        return False
    return True


def _mention(text: str, match: re.Match[str], month: int) -> DateMention | None:
    day, year = int(match.group("day")), _year(match.group("year"))
    if not _valid(day, month, year):
        return None
    weekday = match.group("weekday")
    start, end = match.start(), match.end()
    if weekday is None:
        start = match.start("day")
    elif text[end - 1 : end] != ")" and "(" in text[match.start() : match.start("day")]:
        close = text.find(")", end, end + 2)  # keep "Jumat (14/06/24)" whole
        end = close + 1 if close != -1 else end
    return DateMention(
        start, end, text[start:end], day, month, year,
        WEEKDAYS[weekday.lower().replace("'", "")] if weekday else None,
    )  # fmt: skip


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text`` in order, worded or numeric, with its span."""
    found: list[DateMention] = []
    for match in _WORDED.finditer(text):
        mention = _mention(text, match, MONTHS[match.group("month").lower()])
        if mention:
            found.append(mention)
    taken = [(m.start, m.end) for m in found]
    for match in _NUMERIC.finditer(text):
        if match.group("sep") != "/" and match.group("year") is None:
            continue  # "1.5" or "3-4" is not a date
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        mention = _mention(text, match, int(match.group("month")))
        if mention:
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


def format_date(date: dt.date, style: str = "long", weekday: bool = False) -> str:
    """Write ``date`` as Indonesian news does: "30 September 2024", "30/9/2024", "(30/09/24)"."""
    names = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]  # fmt: skip
    days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    body = {
        "long": f"{date.day} {names[date.month - 1]} {date.year}",
        "short": f"{date.day} {names[date.month - 1][:3]} {date.year}",
        "numeric": f"{date.day}/{date.month}/{date.year}",
        "numeric_short": f"({date.day:02d}/{date.month:02d}/{date.year % 100:02d})",
    }[style]
    if not weekday:
        return body
    separator = " " if body.startswith("(") else ", "
    return f"{days[date.weekday()]}{separator}{body}"
