"""Statutory deadlines of ASN-neutrality case handling, each answer with its rule, citation and skips.

Convention: day 1 is the day after the triggering date; a deadline ends at the end of its last day in
the province's local time (WIB, WITA, WIT). Rules live in the data files (``[[deadline]]``); rules marked
``configurable`` (unverified facts) may be overridden through NETRA_LAW_OVERRIDES.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from netra.law import overrides, timezones
from netra.law.calendars import Calendar, CalendarDays, WorkingDays, add_days
from netra.law.referral import REGIMES, validate_regime
from netra.law.sources import Citation, LawError, citation_from, rules

STEPS = ("report_window", "temuan", "kajian_awal", "decision", "decision_extended", "ppk_followup")


@dataclass(frozen=True)
class Rule:
    id: str
    regimes: tuple[str, ...]
    step: str
    days: int
    unit: str
    trigger: str
    summary: str
    citations: tuple[Citation, ...]
    configurable: bool = False
    unverified: bool = False
    override_note: str | None = None

    @property
    def citation(self) -> str:
        return "; ".join(str(c) for c in self.citations)


def _rule_from(inst_short: str, raw: dict[str, Any]) -> Rule:
    return Rule(
        id=raw["id"],
        regimes=tuple(raw["regimes"]),
        step=raw["step"],
        days=raw["days"],
        unit=raw["unit"],
        trigger=raw["trigger"],
        summary=raw["summary"],
        citations=tuple(citation_from(c, inst_short) for c in raw["citations"]),
        configurable=bool(raw.get("configurable", False)),
        unverified=bool(raw.get("unverified", False)),
    )


def _apply(rule: Rule, override: overrides.DeadlineOverride | None) -> Rule:
    if override is None:
        return rule
    note = f"diubah oleh {override.source}" + (f": {override.note}" if override.note else "")
    return replace(
        rule,
        days=override.days or rule.days,
        unit=override.unit or rule.unit,
        unverified=True,
        override_note=note,
    )


def rule_for(*, regime: str, step: str) -> Rule:
    """The rule in force for a step of a regime, after local overrides of unverified facts."""
    validate_regime(regime)
    if step not in STEPS:
        raise LawError(f"langkah tidak dikenal: {step!r} (pilih: {', '.join(STEPS)})")
    current = overrides.current()
    for inst, raw in rules("deadline"):
        if raw["step"] == step and regime in raw["regimes"]:
            return _apply(_rule_from(inst.short, raw), current.deadlines.get(raw["id"]))
    raise LawError(f"tidak ada aturan tenggat {step!r} untuk rezim {regime!r}")


def all_rules() -> list[Rule]:
    return [rule_for(regime=regime, step=step) for regime in REGIMES for step in STEPS]


def calendar_for(unit: str) -> Calendar:
    return WorkingDays(overrides.current()) if unit == "hari_kerja" else CalendarDays()


@dataclass(frozen=True)
class Deadline:
    step: str
    regime: str
    start: date
    due: date
    due_at: datetime
    days: int
    unit: str
    rule_id: str
    citation: str
    skipped: list[tuple[date, str]]
    unverified: bool
    summary: str = ""
    trigger: str = ""
    zone: str = "WIB"
    citations: list[Citation] = field(default_factory=list)
    override_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "regime": self.regime,
            "rule_id": self.rule_id,
            "summary": self.summary,
            "trigger": self.trigger,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "due_at": self.due_at.isoformat(),
            "zone": self.zone,
            "days": self.days,
            "unit": self.unit,
            "citation": self.citation,
            "citations": [c.to_dict() for c in self.citations],
            "skipped": [{"date": d.isoformat(), "reason": r} for d, r in self.skipped],
            "unverified": self.unverified,
            "override_note": self.override_note,
        }


def _zone(province: str | None) -> str:
    return timezones.province_zone(province) if province else "WIB"


def due(*, regime: str, step: str, start: date, province: str | None = None) -> Deadline:
    """When a step's period that starts on ``start`` ends, with the rule applied and the days skipped."""
    if not isinstance(start, date) or isinstance(start, datetime):
        raise LawError(f"tanggal mulai harus berupa tanggal (YYYY-MM-DD), bukan {start!r}")
    rule = rule_for(regime=regime, step=step)
    zone = _zone(province)
    last, skipped = add_days(calendar_for(rule.unit), start, rule.days)
    return Deadline(
        step=step,
        regime=regime,
        start=start,
        due=last,
        due_at=datetime.combine(last, time.max, tzinfo=timezones.zoneinfo_for(province)),
        days=rule.days,
        unit=rule.unit,
        rule_id=rule.id,
        citation=rule.citation,
        skipped=skipped,
        unverified=rule.unverified or any(c.unverified for c in rule.citations),
        summary=rule.summary,
        trigger=rule.trigger,
        zone=zone,
        citations=list(rule.citations),
        override_note=rule.override_note,
    )


@dataclass(frozen=True)
class DeadlineReport:
    """The deadlines of one laporan: reporting window, kajian awal and decision (with extension)."""

    regime: str
    province: str | None
    known: date
    received: date | None
    registered: date | None
    report_window: Deadline
    kajian_awal: Deadline | None
    decision: Deadline | None
    decision_extended: Deadline | None
    notes: list[str]

    @property
    def rules(self) -> list[Deadline]:
        found = [self.report_window, self.kajian_awal, self.decision, self.decision_extended]
        return [d for d in found if d is not None]

    @property
    def received_within_window(self) -> bool | None:
        return None if self.received is None else self.received <= self.report_window.due

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_window_ends": self.report_window.due.isoformat(),
            "decision_due": _iso(self.decision),
            "decision_due_extended": _iso(self.decision_extended),
            "rules": [d.to_dict() for d in self.rules],
            "regime": self.regime,
            "province": self.province,
            "zone": self.report_window.zone,
            "known": self.known.isoformat(),
            "received": self.received.isoformat() if self.received else None,
            "registered": self.registered.isoformat() if self.registered else None,
            "kajian_awal_due": _iso(self.kajian_awal),
            "received_within_window": self.received_within_window,
            "unverified": any(d.unverified for d in self.rules),
            "notes": list(self.notes),
        }


def _iso(deadline: Deadline | None) -> str | None:
    return deadline.due.isoformat() if deadline else None


def _check_order(known: date, received: date | None, registered: date | None) -> None:
    if received is not None and received < known:
        raise LawError(f"laporan diterima ({received}) sebelum pelanggaran diketahui ({known})")
    earliest = received or known
    if registered is not None and registered < earliest:
        raise LawError(f"laporan diregistrasi ({registered}) sebelum diterima/diketahui ({earliest})")


def compute(
    *,
    regime: str,
    known: date,
    received: date | None = None,
    registered: date | None = None,
    province: str | None = None,
) -> DeadlineReport:
    """Every deadline of a laporan the given dates allow. Pemilu counts the decision from registration
    (UU 7/2017 Pasal 454(7)-(8)); Pemilihan from receipt (UU 1/2015 Pasal 134(5)-(6))."""
    validate_regime(regime)
    _check_order(known, received, registered)
    window = due(regime=regime, step="report_window", start=known, province=province)
    kajian = due(regime=regime, step="kajian_awal", start=received, province=province) if received else None
    decision_start = registered if regime == "pemilu" else received
    decision = extended = None
    if decision_start is not None:
        decision = due(regime=regime, step="decision", start=decision_start, province=province)
        extended = due(regime=regime, step="decision_extended", start=decision_start, province=province)
    return DeadlineReport(
        regime=regime,
        province=province,
        known=known,
        received=received,
        registered=registered,
        report_window=window,
        kajian_awal=kajian,
        decision=decision,
        decision_extended=extended,
        notes=_notes(regime, received, registered, window),
    )


def _notes(regime: str, received: date | None, registered: date | None, window: Deadline) -> list[str]:
    notes = []
    if regime == "pemilu" and registered is None:
        notes.append("batas putusan Pemilu dihitung sejak registrasi: berikan tanggal registrasi")
    if regime == "pemilihan" and received is None:
        notes.append("batas putusan Pemilihan dihitung sejak laporan diterima: berikan tanggal diterima")
    if regime == "pemilihan" and registered is not None:
        notes.append("tanggal registrasi tidak dipakai: Pemilihan menghitung putusan sejak laporan diterima")
    if received is not None and received > window.due:
        notes.append(
            f"laporan diterima {received.isoformat()}, setelah batas pelaporan {window.due.isoformat()}: "
            "daluwarsa, tidak memenuhi syarat formil"
        )
    return notes
