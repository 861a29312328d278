"""The case app's single doorway into the pure ``netra.law`` package: deadlines, the catalogue, the
sanction menu, and who a recommendation goes to. Reads nothing from the database and writes nothing:
the services call it with a case already loaded."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netra.cases.models import SubjectType
from netra.law import regioncode
from netra.law.deadlines import Facts as LawFacts
from netra.law.deadlines import StepAnswer
from netra.law.timezones import zoneinfo_for


def _province(region_code: str) -> str | None:
    return regioncode.province(region_code) or None


def local_date(moment: datetime, region_code: str) -> date:
    """The calendar date of ``moment`` in the region's legal time zone (WIB/WITA/WIT)."""
    return moment.astimezone(zoneinfo_for(region_code)).date()


def deadline(*, regime: str, step: str, start: date, region_code: str):
    """netra.law.deadlines.due for a case's region (the province picks time zone and holidays)."""
    from netra.law import deadlines

    return deadlines.due(regime=regime, step=step, start=start, province=_province(region_code))


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


def report_window_of(*, regime: str, known_on: date, received_on: date, region_code: str):
    """netra.law's reporting window for a laporan (``compute(...).report_window``); None when the
    dates contradict each other (received before the violation was known)."""
    from netra.law import deadlines
    from netra.law.sources import LawError

    try:
        found = deadlines.compute(
            regime=regime, known=known_on, received=received_on, province=_province(region_code)
        )
    except LawError:
        return None
    return found.report_window


def sanction_menu(*, violation_code: str | None, subject: str):
    """netra.law.sanctions.menu: the options of the law for this violation and employment status."""
    from netra.law import sanctions

    return sanctions.menu(violation_code=violation_code or None, subject=subject)


# Recipient labels that mean "the employee's personnel authority" (PPK, or the kepala daerah who is
# the PPK of regional staff and the employer of PPNPN) as opposed to BKN, KASN or Gakkumdu.
_PPK_MARKERS = ("PPK", "KEPALA_DAERAH", "KEPALA DAERAH", "BUPATI", "WALIKOTA", "WALI KOTA", "GUBERNUR")


def _mentions(labels, markers) -> bool:
    return any(marker in str(label).upper() for label in labels for marker in markers)


def route_for(case, terlapor, forwarded) -> Routing:
    if case.election_id is None:
        raise ValidationError(
            {"election": _("Kasus tidak terkait pemilihan; penerima tidak dapat ditentukan.")}
        )
    if terlapor.subject_type == SubjectType.LAINNYA:
        raise ValidationError(
            {
                "terlapor": _(
                    "Status kepegawaian terlapor %(name)s belum ditentukan (PNS, PPPK, PPNPN, kepala desa, "
                    "perangkat desa); lengkapi dulu agar penerima rekomendasi dapat ditentukan."
                )
                % {"name": terlapor.name}
            }
        )
    return route(
        subject=terlapor.subject_type,
        regime=case.election.regime,
        forwarded=forwarded,
        violation=case.violation_code or None,
    )


def recommendation_fields(routing: Routing) -> dict:
    everyone = [*routing.recipients, *routing.copies]
    return {
        "recipients": routing.recipients,
        "copies": routing.copies,
        "reasons": routing.reasons,
        "to_bkn": _mentions(everyone, ("BKN",)),
        "to_ppk": _mentions(everyone, _PPK_MARKERS),
    }


def followup_target_due(*, regime: str, start: date, region_code: str, days: int | None, unit: str | None):
    """The PPK follow-up service target (netra.law's ``ppk_followup`` rule, or the office's own count
    of days when it set one) for a recommendation forwarded or escalated on ``start``."""
    from netra.law import deadlines

    return deadlines.due(
        regime=regime,
        step="ppk_followup",
        start=start,
        province=_province(region_code),
        days=days,
        unit=unit,
    )
