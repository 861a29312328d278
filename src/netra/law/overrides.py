"""Local overrides of unverified facts and of the working-day calendar.

``NETRA_LAW_OVERRIDES`` may point at a TOML file (format in docs/law.md)::

    [deadline."pemilihan.kajian_awal"]
    days = 3
    note = "Dikonfirmasi dari naskah Perbawaslu 9/2024 Pasal ..."

    [referral.ppk]                 # drop the unverified copy to the PPK
    enabled = false

    [[non_working_day]]
    date = 2024-12-31
    reason = "Cuti bersama tambahan"
    decree = "Keputusan Bersama ..."

    [reading]                      # the other reading of two counting conventions
    cuti_bersama = "hari_kerja"    # default "libur": cuti bersama days are not counted
    counter_closing = true         # deadlines end when the counter closes (16.00, Fri 16.30), not 23:59
    [[reading.open_24h]]           # days the counters serve 1x24 hours (Perbawaslu 9/2024 Pasal 5)
    start = 2024-11-24
    end = 2024-11-27
    reason = "masa tenang, pemungutan dan penghitungan suara"

Only rules marked ``configurable`` in the data files may be overridden: a verified statute changes by a
new data file, not by local configuration. The shipped decree table (data/calendar/decrees.toml) is
always applied; the local file adds to it.
"""

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from netra.law.sources import LawError, rules

ENV_VAR = "NETRA_LAW_OVERRIDES"
UNITS = ("hari_kerja", "hari_kalender")
_DEADLINE_KEYS = {"days", "unit", "note"}
_DAY_KEYS = {"date", "reason", "decree", "url"}
_READING_KEYS = {"cuti_bersama", "counter_closing", "open_24h"}
CUTI_BERSAMA_READINGS = ("libur", "hari_kerja")


@dataclass(frozen=True)
class DeadlineOverride:
    days: int | None
    unit: str | None
    note: str | None
    source: str


@dataclass(frozen=True)
class Overrides:
    deadlines: dict[str, DeadlineOverride] = field(default_factory=dict)
    disabled_referrals: frozenset[str] = frozenset()
    non_working: dict[date, str] = field(default_factory=dict)
    working: dict[date, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    cuti_bersama_working: bool = False
    counter_closing: bool = False
    open_24h: tuple[tuple[date, date, str], ...] = ()

    def open_all_day(self, day: date) -> bool:
        """Whether the counters serve 1x24 hours on ``day`` (so a deadline runs to 23:59)."""
        return any(start <= day <= end for start, end, _reason in self.open_24h)


def _calendar_days(raw: list[dict[str, Any]], where: str) -> dict[date, str]:
    days = {}
    for row in raw:
        unknown = set(row) - _DAY_KEYS
        if unknown or not {"date", "reason", "decree"} <= set(row) or not isinstance(row["date"], date):
            raise LawError(f"{where}: each day needs date (YYYY-MM-DD), reason and decree; got {row!r}")
        days[row["date"]] = f"{row['reason']} ({row['decree']})"
    return days


def _deadline_override(rule_id: str, raw: dict[str, Any], where: str) -> DeadlineOverride:
    configurable = {r["id"]: r.get("configurable", False) for _, r in rules("deadline")}
    if rule_id not in configurable:
        known = ", ".join(sorted(configurable))
        raise LawError(f"{where}: unknown deadline rule {rule_id!r} (known: {known})")
    if not configurable[rule_id]:
        raise LawError(f"{where}: rule {rule_id!r} rests on a verified source and cannot be overridden")
    if set(raw) - _DEADLINE_KEYS:
        raise LawError(f"{where}: unknown keys {sorted(set(raw) - _DEADLINE_KEYS)} for {rule_id}")
    days, unit = raw.get("days"), raw.get("unit")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        raise LawError(f"{where}: days for {rule_id} must be a whole number of at least 1, got {days!r}")
    if unit is not None and unit not in UNITS:
        raise LawError(f"{where}: unit for {rule_id} must be one of {', '.join(UNITS)}, got {unit!r}")
    return DeadlineOverride(days=days, unit=unit, note=raw.get("note"), source=where)


def _referral_enabled(rule_id: str, raw: dict[str, Any], where: str) -> bool:
    configurable = {r["id"]: r.get("configurable", False) for _, r in rules("referral")}
    if rule_id not in configurable:
        known = ", ".join(sorted(configurable))
        raise LawError(f"{where}: unknown referral rule {rule_id!r} (known: {known})")
    if not configurable[rule_id]:
        raise LawError(f"{where}: referral {rule_id!r} rests on a verified source and cannot be overridden")
    if set(raw) - {"enabled", "note"} or not isinstance(raw.get("enabled"), bool):
        raise LawError(f"{where}: referral {rule_id} takes enabled = true|false (and an optional note)")
    return bool(raw["enabled"])


def _open_24h(raw: Any, where: str) -> tuple[tuple[date, date, str], ...]:
    periods = []
    for row in raw if isinstance(raw, list) else [raw]:
        if (
            not isinstance(row, dict)
            or set(row) != {"start", "end", "reason"}
            or not all(isinstance(row[k], date) for k in ("start", "end"))
            or row["end"] < row["start"]
        ):
            raise LawError(f"{where}: each reading.open_24h needs start <= end (YYYY-MM-DD) and reason")
        periods.append((row["start"], row["end"], str(row["reason"])))
    return tuple(periods)


def _reading(raw: dict[str, Any], where: str) -> dict[str, Any]:
    if set(raw) - _READING_KEYS:
        raise LawError(f"{where}: unknown reading keys {sorted(set(raw) - _READING_KEYS)}")
    cuti = raw.get("cuti_bersama", "libur")
    if cuti not in CUTI_BERSAMA_READINGS:
        raise LawError(f"{where}: reading.cuti_bersama must be one of {', '.join(CUTI_BERSAMA_READINGS)}")
    closing = raw.get("counter_closing", False)
    if not isinstance(closing, bool):
        raise LawError(f"{where}: reading.counter_closing takes true or false")
    return {
        "cuti_bersama_working": cuti == "hari_kerja",
        "counter_closing": closing,
        "open_24h": _open_24h(raw.get("open_24h", []), where),
    }


def _parse(data: dict[str, Any], where: str) -> Overrides:
    unknown = set(data) - {"deadline", "referral", "non_working_day", "working_day", "reading"}
    if unknown:
        raise LawError(f"{where}: unknown sections {sorted(unknown)}")
    referrals = data.get("referral", {})
    return Overrides(
        deadlines={k: _deadline_override(k, v, where) for k, v in data.get("deadline", {}).items()},
        disabled_referrals=frozenset(k for k, v in referrals.items() if not _referral_enabled(k, v, where)),
        non_working=_calendar_days(data.get("non_working_day", []), where),
        working=_calendar_days(data.get("working_day", []), where),
        sources=(where,),
        **_reading(data.get("reading", {}), where),
    )


@cache
def _shipped() -> Overrides:
    table = resources.files("netra.law").joinpath("data", "calendar", "decrees.toml")
    text = table.read_text(encoding="utf-8")
    return _parse(tomllib.loads(text), "netra/law/data/calendar/decrees.toml")


@cache
def _local(path: str, mtime: float) -> Overrides:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LawError(f"{ENV_VAR}={path}: cannot read the override file: {exc}") from None
    return _parse(data, path)


def current() -> Overrides:
    """The shipped decree table merged with the file named by NETRA_LAW_OVERRIDES (read on each call)."""
    shipped = _shipped()
    path = os.environ.get(ENV_VAR, "").strip()
    if not path:
        return shipped
    try:
        mtime = os.stat(path).st_mtime
    except OSError as exc:
        raise LawError(f"{ENV_VAR}={path}: {exc.strerror}") from None
    local = _local(path, mtime)
    return Overrides(
        deadlines=local.deadlines,
        disabled_referrals=local.disabled_referrals,
        non_working={**shipped.non_working, **local.non_working},
        working={**shipped.working, **local.working},
        sources=shipped.sources + local.sources,
        cuti_bersama_working=local.cuti_bersama_working,
        counter_closing=local.counter_closing,
        open_24h=local.open_24h,
    )
