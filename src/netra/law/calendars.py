"""Day counting. Pemilu counts hari kerja (Mon-Fri minus national holidays, cuti bersama and decreed
days off); Pemilihan counts hari kalender. Day 1 is the day after the triggering date."""

import threading
from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol

from holidays.constants import GOVERNMENT, PUBLIC
from holidays.countries.indonesia import Indonesia

from netra.law.overrides import Overrides

_WEEKEND = {5: "Sabtu", 6: "Minggu"}
_LOCK = threading.Lock()


CUTI_BERSAMA = "cuti bersama"


@lru_cache(maxsize=64)
def _holidays_in(year: int) -> dict[date, str]:
    """Indonesian holidays of one year with the reason a working day is lost, in Indonesian."""
    with _LOCK:
        public = Indonesia(years=year, categories=(PUBLIC,), language="id")
        cuti = Indonesia(years=year, categories=(GOVERNMENT,), language="id")
    found = {day: f"{CUTI_BERSAMA}: {name}" for day, name in cuti.items()}
    found.update({day: f"libur nasional: {name}" for day, name in public.items()})
    return found


class Calendar(Protocol):
    unit: str

    def closed(self, day: date) -> str | None:
        """Why ``day`` is not counted, or None when it counts."""


class CalendarDays:
    unit = "hari_kalender"

    def closed(self, day: date) -> str | None:
        return None


class WorkingDays:
    """Mon-Fri minus `holidays.Indonesia(categories=(PUBLIC, GOVERNMENT))` and decreed changes."""

    unit = "hari_kerja"

    def __init__(self, overrides: Overrides | None = None) -> None:
        self.overrides = overrides or Overrides()

    def closed(self, day: date) -> str | None:
        if day in self.overrides.working:  # a decree that makes the day a working day wins
            return None
        reasons = []
        if day.weekday() in _WEEKEND:
            reasons.append(_WEEKEND[day.weekday()])
        if day in self.overrides.non_working:
            reasons.append(f"keputusan: {self.overrides.non_working[day]}")
        elif (holiday := _holidays_in(day.year).get(day)) and not self._counts_as_working(holiday):
            reasons.append(holiday)
        return "; ".join(reasons) or None

    def _counts_as_working(self, holiday: str) -> bool:
        """Cuti bersama is a working day under the other reading (NETRA_LAW_OVERRIDES [reading])."""
        return self.overrides.cuti_bersama_working and holiday.startswith(CUTI_BERSAMA)


def add_days(calendar: Calendar, start: date, days: int) -> tuple[date, list[tuple[date, str]]]:
    """The last day of a period of ``days`` counted days after ``start``, and the days skipped."""
    if days < 1:
        raise ValueError(f"a period needs at least one day, got {days}")
    day, counted, skipped = start, 0, []
    while counted < days:
        day += timedelta(days=1)
        reason = calendar.closed(day)
        if reason is None:
            counted += 1
        else:
            skipped.append((day, reason))
    return day, skipped
