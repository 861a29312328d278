"""Statutory deadlines of ASN-neutrality case handling, each answer with its rule, citation and skips.

Netra's one place for legal dates: the workflow passes the facts of a case (``Facts``) and stores what
``answer`` returns; each rule's data says which fact starts it (``start_from``). Conventions (each an
interpretation the answer names, see netra.law.interpretations): day 1 is the day after the triggering
date; a deadline ends at the end of its last day in the province's local time (WIB, WITA, WIT), or when
the counter closes under the other reading. Rules live in the data files (``[[deadline]]``); rules
marked ``configurable`` (unverified facts) may be overridden through NETRA_LAW_OVERRIDES.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from netra.law import interpretations, overrides, timezones
from netra.law.calendars import Calendar, CalendarDays, WorkingDays, add_days
from netra.law.interpretations import Interpretation
from netra.law.referral import REGIMES, validate_regime
from netra.law.sources import Citation, LawError, citation_from, rules

STEPS = (
    "report_window",
    "temuan",
    "kajian_awal",
    "decision",
    "decision_extended",
    "recommendation",
    "ppk_followup",
)
# The facts a rule may start from, as the officer knows them.
FACTS: dict[str, str] = {
    "known": "tanggal diketahui",
    "found": "tanggal ditemukan",
    "received": "tanggal laporan diterima",
    "registered": "tanggal registrasi",
    "forwarded": "tanggal rekomendasi diteruskan",
}
KINDS = ("legal", "service_target")
# Perbawaslu 9/2024 Pasal 5 ayat (2) huruf a: counters serve Mon-Thu until 16.00, Fri until 16.30 local.
COUNTER_CLOSES = time(16, 0)
COUNTER_CLOSES_FRIDAY = time(16, 30)
_FRIDAY = 4


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
    start_from: str = "received"
    kind: str = "legal"
    interpretations: tuple[Interpretation, ...] = ()
    configurable: bool = False
    unverified: bool = False
    override_note: str | None = None
    gazette: str | None = None  # where the instrument's official text was promulgated

    @property
    def citation(self) -> str:
        return "; ".join(str(c) for c in self.citations)

    @property
    def confidence(self) -> str:
        """The mark of the rule's primary (first) citation: V, S, 1 or M."""
        return self.citations[0].confidence if self.citations else "M"


def _rule_from(inst_short: str, raw: dict[str, Any], gazette: str | None = None) -> Rule:
    start_from, kind = raw.get("start_from"), raw.get("kind", "legal")
    if start_from not in FACTS:
        raise LawError(f"aturan {raw['id']}: start_from harus salah satu dari {', '.join(FACTS)}")
    if kind not in KINDS:
        raise LawError(f"aturan {raw['id']}: kind harus salah satu dari {', '.join(KINDS)}")
    return Rule(
        id=raw["id"],
        regimes=tuple(raw["regimes"]),
        step=raw["step"],
        days=raw["days"],
        unit=raw["unit"],
        trigger=raw["trigger"],
        summary=raw["summary"],
        citations=tuple(citation_from(c, inst_short) for c in raw["citations"]),
        start_from=start_from,
        kind=kind,
        interpretations=interpretations.rule_readings(list(raw.get("interpretations", [])), raw["id"]),
        configurable=bool(raw.get("configurable", False)),
        unverified=bool(raw.get("unverified", False)),
        gazette=gazette,
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
            return _apply(_rule_from(inst.short, raw, inst.gazette), current.deadlines.get(raw["id"]))
    raise LawError(f"tidak ada aturan tenggat {step!r} untuk rezim {regime!r}")


def all_rules() -> list[Rule]:
    return [rule_for(regime=regime, step=step) for regime in REGIMES for step in STEPS]


def calendar_for(unit: str, current: overrides.Overrides) -> Calendar:
    """Working days under the overrides in force (decrees, readings), or plain calendar days."""
    return WorkingDays(current) if unit == "hari_kerja" else CalendarDays()


def readings(rule: Rule, current: overrides.Overrides) -> list[Interpretation]:
    """Every interpretation the answer under ``rule`` rests on: the rule's own, then the conventions."""
    found = [*rule.interpretations, interpretations.get("day_one_after_trigger")]
    if rule.unit == "hari_kerja":
        cuti = "cuti_bersama_kerja" if current.cuti_bersama_working else "cuti_bersama_libur"
        found.append(interpretations.get(cuti))
    closing = "ends_at_counter_closing" if current.counter_closing else "ends_2359"
    found.append(interpretations.get(closing))
    return found


def closing_time(day: date, current: overrides.Overrides) -> time:
    """When a deadline ending on ``day`` ends: 23:59:59.999999, or when the counter closes (the other
    reading), except on days the counters serve 1x24 hours."""
    if not current.counter_closing or current.open_all_day(day):
        return time.max
    return COUNTER_CLOSES_FRIDAY if day.weekday() == _FRIDAY else COUNTER_CLOSES


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
    confidence: str = "M"
    kind: str = "legal"
    start_from: str = "received"
    interpretations: list[Interpretation] = field(default_factory=list)
    gazette: str | None = None

    @property
    def legal(self) -> bool:
        """False for the office's service target, which no law sets."""
        return self.kind == "legal"

    @property
    def interpretation_note(self) -> str:
        return interpretations.line(self.interpretations)

    @property
    def verified(self) -> bool:
        """Only a legal deadline on checked sources that needs no interpretation is verified."""
        return self.legal and not self.unverified and not self.interpretations

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
            "confidence": self.confidence,
            "kind": self.kind,
            "legal": self.legal,
            "start_from": self.start_from,
            "verified": self.verified,
            "interpretation": bool(self.interpretations),
            "interpretations": [i.to_dict() for i in self.interpretations],
            "interpretation_note": self.interpretation_note,
            "gazette": self.gazette,
        }


def _zone(province: str | None) -> str:
    return timezones.province_zone(province) if province else "WIB"


def due(
    *,
    regime: str,
    step: str,
    start: date,
    province: str | None = None,
    days: int | None = None,
    unit: str | None = None,
) -> Deadline:
    """When a step's period that starts on ``start`` ends, with the rule applied and the days skipped.

    ``days``/``unit`` replace the count of a ``configurable`` rule only (an office's own service
    target, e.g. for the PPK follow-up); a statutory period cannot be changed that way.
    """
    if not isinstance(start, date) or isinstance(start, datetime):
        raise LawError(f"tanggal mulai harus berupa tanggal (YYYY-MM-DD), bukan {start!r}")
    rule = rule_for(regime=regime, step=step)
    if days is not None:
        if not rule.configurable:
            raise LawError(f"aturan {rule.id} tidak dapat diubah per kantor")
        if days < 1 or unit not in (None, "hari", "hari_kerja"):
            raise LawError(f"target layanan tidak sah: {days} {unit}")
        rule = replace(rule, days=days, unit=unit or rule.unit, override_note="target layanan kantor")
    zone = _zone(province)
    current = overrides.current()
    last, skipped = add_days(calendar_for(rule.unit, current), start, rule.days)
    return Deadline(
        step=step,
        regime=regime,
        start=start,
        due=last,
        due_at=datetime.combine(last, closing_time(last, current), tzinfo=timezones.zoneinfo_for(province)),
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
        confidence=rule.confidence,
        kind=rule.kind,
        start_from=rule.start_from,
        interpretations=readings(rule, current),
        gazette=rule.gazette,
    )


@dataclass(frozen=True)
class Facts:
    """What the officer knows about a case, as local calendar dates; the law picks the start of a step."""

    regime: str
    province: str | None = None
    known: date | None = None
    found: date | None = None
    received: date | None = None
    registered: date | None = None
    forwarded: date | None = None

    def start_of(self, rule: Rule) -> date | None:
        value: date | None = getattr(self, rule.start_from)
        return value


@dataclass(frozen=True)
class StepAnswer:
    """The deadline of one step for the facts given, or why there is none yet."""

    step: str
    deadline: Deadline | None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "reason": self.reason,
        }


def answer(*, step: str, facts: Facts) -> StepAnswer:
    """The one answer to "when does this step end?": the rule of the step picks its starting fact
    (e.g. Pemilu decisions count from registration, Pemilihan decisions from receipt)."""
    rule = rule_for(regime=facts.regime, step=step)
    start = facts.start_of(rule)
    if start is None:
        reason = f"{FACTS[rule.start_from]} belum ada; tenggat dihitung sejak {rule.trigger}"
        return StepAnswer(step=step, deadline=None, reason=reason)
    deadline = due(regime=facts.regime, step=step, start=start, province=facts.province)
    return StepAnswer(step=step, deadline=deadline)


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
    temuan: Deadline | None = None
    ppk_followup: Deadline | None = None
    found: date | None = None
    forwarded: date | None = None

    @property
    def rules(self) -> list[Deadline]:
        found = [
            self.report_window,
            self.temuan,
            self.kajian_awal,
            self.decision,
            self.decision_extended,
            self.ppk_followup,
        ]
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
            "found": self.found.isoformat() if self.found else None,
            "forwarded": self.forwarded.isoformat() if self.forwarded else None,
            "kajian_awal_due": _iso(self.kajian_awal),
            "received_within_window": self.received_within_window,
            "unverified": any(d.unverified for d in self.rules),
            "verified": all(d.verified for d in self.rules),
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
    found: date | None = None,
    forwarded: date | None = None,
) -> DeadlineReport:
    """Every deadline of a laporan the given dates allow, each from ``answer``. Pemilu counts the
    decision from registration (UU 7/2017 Pasal 454(7)-(8)); Pemilihan from receipt (UU 1/2015 Pasal
    134(5)-(6)); the rule data says so."""
    validate_regime(regime)
    _check_order(known, received, registered)
    facts = Facts(
        regime=regime,
        province=province,
        known=known,
        found=found,
        received=received,
        registered=registered,
        forwarded=forwarded,
    )
    window = answer(step="report_window", facts=facts).deadline
    if window is None:  # only when ``known`` is missing, which the signature forbids
        raise LawError("tanggal diketahui wajib diisi")
    decision = answer(step="decision", facts=facts).deadline
    return DeadlineReport(
        regime=regime,
        province=province,
        known=known,
        received=received,
        registered=registered,
        report_window=window,
        kajian_awal=answer(step="kajian_awal", facts=facts).deadline,
        decision=decision,
        decision_extended=answer(step="decision_extended", facts=facts).deadline,
        notes=_notes(facts, window),
        temuan=answer(step="temuan", facts=facts).deadline,
        ppk_followup=answer(step="ppk_followup", facts=facts).deadline,
        found=found,
        forwarded=forwarded,
    )


_REGIME_NAMES = {"pemilu": "Pemilu", "pemilihan": "Pemilihan"}


def _notes(facts: Facts, window: Deadline) -> list[str]:
    notes = []
    name = _REGIME_NAMES[facts.regime]
    rule = rule_for(regime=facts.regime, step="decision")
    if facts.start_of(rule) is None:
        notes.append(f"batas putusan {name} dihitung sejak {rule.trigger}: berikan {FACTS[rule.start_from]}")
    if rule.start_from != "registered" and facts.registered is not None:
        notes.append(f"tanggal registrasi tidak dipakai: {name} menghitung putusan sejak {rule.trigger}")
    if facts.received is not None and facts.received > window.due:
        notes.append(
            f"laporan diterima {facts.received.isoformat()}, setelah batas pelaporan "
            f"{window.due.isoformat()}: daluwarsa, tidak memenuhi syarat formil"
        )
    return notes
