"""The case app's single doorway into the pure ``netra.law`` package (deadlines, catalogue, referral)."""

from dataclasses import dataclass
from datetime import date, datetime

from netra.law.deadlines import Facts as LawFacts
from netra.law.deadlines import StepAnswer
from netra.law.timezones import zoneinfo_for


def local_date(moment: datetime, region_code: str) -> date:
    """The calendar date of ``moment`` in the region's legal time zone (WIB/WITA/WIT)."""
    return moment.astimezone(zoneinfo_for(region_code)).date()


def deadline(*, regime: str, step: str, start: date, region_code: str):
    """netra.law.deadlines.due for a case's region (the province picks time zone and holidays)."""
    from netra.law import deadlines

    return deadlines.due(regime=regime, step=step, start=start, province=region_code[:2] or None)


def step_answer(*, step: str, facts: LawFacts) -> StepAnswer:
    """netra.law.deadlines.answer: the step's deadline for the case's facts, or why it has none."""
    from netra.law import deadlines

    return deadlines.answer(step=step, facts=facts)


def violation_exists(code: str) -> bool:
    from netra.law import catalogue

    try:
        return catalogue.get(code) is not None
    except (KeyError, LookupError, ValueError):
        return False


def violation_types() -> list:
    from netra.law import catalogue

    return list(catalogue.all_types())


@dataclass(frozen=True)
class Routing:
    recipients: list[str]
    copies: list[str]
    reasons: list[str]


def _labels(items) -> list[str]:
    return [str(getattr(item, "key", None) or getattr(item, "name", None) or item) for item in items]


def route(*, subject: str, regime: str, forwarded: date, violation: str | None) -> Routing:
    """Who receives the forwarding about one terlapor (KASN before 24 Aug 2024, BKN after, ...)."""
    from netra.law import referral

    result = referral.refer(subject=subject, regime=regime, forwarded=forwarded, violation=violation or None)
    return Routing(_labels(result.recipients), _labels(result.copies), [str(r) for r in result.reasons])


def violation_for_letter(code: str) -> tuple[str, list[str]] | None:
    """The catalogue's name of a violation type and its citations (as the catalogue words them)."""
    from netra.law import catalogue

    try:
        vt = catalogue.get(code)
    except (KeyError, LookupError, ValueError):
        return None
    return vt.name_id, [c.label() for c in vt.citations]


def report_window_of(*, regime: str, known_on: date, received_on: date, region_code: str):
    """netra.law's reporting window for a laporan (``compute(...).report_window``); None when the
    dates contradict each other (received before the violation was known)."""
    from netra.law import deadlines
    from netra.law.sources import LawError

    try:
        found = deadlines.compute(
            regime=regime, known=known_on, received=received_on, province=region_code[:2] or None
        )
    except LawError:
        return None
    return found.report_window


def sanction_menu(*, violation_code: str | None, subject: str):
    """netra.law.sanctions.menu: the options of the law for this violation and employment status."""
    from netra.law import sanctions

    return sanctions.menu(violation_code=violation_code or None, subject=subject)


def sanction_assess(*, violation_code: str | None, subject: str, code: str):
    """netra.law.sanctions.assess: the option chosen, the catalogue's class and whether it is lighter."""
    from netra.law import sanctions

    return sanctions.assess(violation_code=violation_code or None, subject=subject, code=code)


def region_zone(region_code: str):
    """The region's legal time zone (WIB/WITA/WIT) as a tzinfo."""
    return zoneinfo_for(region_code)


def step_start_fact(*, regime: str, step: str) -> str:
    """Which fact of a case (``received``, ``registered``...) the step's period counts from."""
    from netra.law import deadlines

    return deadlines.rule_for(regime=regime, step=step).start_from
