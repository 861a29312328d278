"""What must be on file before a step may be taken (issue 15 point 3).

The planners in ``actions`` raise these as ValidationError; the case page lists the same messages
next to the action, so the UI only reflects what the services enforce.
"""

from dataclasses import dataclass
from datetime import date
from typing import cast

from django.db.models import Field
from django.utils.translation import gettext as _

from netra.cases.law import local_date, report_window_of
from netra.cases.models import Attendance, Kajian, Kind
from netra.cases.sealing import clarifications_open


@dataclass(frozen=True)
class LateReport:
    """A laporan received after its reporting window closed (netra.law's date and rule)."""

    due: date
    received: date
    citation: str
    summary: str
    unverified: bool


def late_report(case) -> LateReport | None:
    """The daluwarsa finding for a laporan received after its window; None if in time or unknown."""
    if case.kind != Kind.LAPORAN or case.election_id is None or case.known_on is None:
        return None
    received = local_date(case.received_at, case.region_code)
    window = report_window_of(
        regime=case.election.regime,
        known_on=case.known_on,
        received_on=received,
        region_code=case.region_code,
    )
    if window is None or received <= window.due:
        return None
    return LateReport(window.due, received, str(window.citation), window.summary, window.unverified)


def late_message(late: LateReport) -> str:
    return _(
        "Laporan daluwarsa: diterima %(received)s, padahal batas waktu pelaporan berakhir %(due)s "
        "(%(citation)s). Laporan hanya dapat diregistrasi dengan alasan yang dicatat, atau dinyatakan "
        "tidak diregistrasi karena daluwarsa."
    ) % {
        "received": late.received.strftime("%d-%m-%Y"),
        "due": late.due.strftime("%d-%m-%Y"),
        "citation": late.citation,
    }


def _labels(kajian: Kajian, names) -> str:
    return ", ".join(
        str(cast(Field, Kajian._meta.get_field(name)).verbose_name)
        for name in names
        if not getattr(kajian, name)
    )


def _latest(kajian, stage: str) -> Kajian | None:
    found = [k for k in kajian if k.stage == stage]
    return max(found, key=lambda k: (k.created_at, k.pk)) if found else None


def registration_blockers(case, *, late_reason: str = "", kajian=None) -> dict[str, str]:
    """Field -> message for what stops registration: the written kajian awal with its conclusion
    and every syarat formil and materiel ticked; for a late laporan, a recorded reason.
    ``kajian``: the case's kajian when already loaded (the case page)."""
    kajian = _latest(case.kajian.all() if kajian is None else kajian, Kajian.Stage.AWAL)
    if kajian is None or not kajian.conclusion.strip():
        return {
            "kajian": _(
                "Registrasi memerlukan kajian awal tertulis dengan kesimpulan. Tulis kajian awal dahulu."
            )
        }
    late = late_report(case)
    formil = [n for n in Kajian.FORMIL if case.kind == Kind.LAPORAN or n == "formil_terlapor"]
    if late is not None:
        formil.remove("formil_waktu")  # the recorded reason answers for the missed window
    blockers = {}
    missing = _labels(kajian, formil)
    if missing:
        blockers["formil"] = _("Syarat formil belum terpenuhi dalam kajian awal: %(items)s.") % {
            "items": missing
        }
    missing = _labels(kajian, Kajian.MATERIEL)
    if missing:
        blockers["materiel"] = _("Syarat materiel belum terpenuhi dalam kajian awal: %(items)s.") % {
            "items": missing
        }
    if late is not None and not late_reason.strip():
        blockers["reason"] = late_message(late)
    return blockers


def decision_blockers(case, *, kajian=None, clarifications=None) -> dict[str, str]:
    """Field -> message for what stops a decision: a clarification held or recorded as not attended,
    none still "Belum dilaksanakan", and a written kajian dugaan pelanggaran with its facts.
    ``kajian``/``clarifications``: the case's records when already loaded (the case page)."""
    blockers = {}
    clarifications = list(case.clarifications.all() if clarifications is None else clarifications)
    pending = [c for c in clarifications if c.attendance == Attendance.BELUM]
    if pending:
        # The deciding handler sees the invitees' names: open any the caller has not opened.
        clarifications_open([c for c in pending if not (c.person_name or c.texts_hidden)])
        names = ", ".join(f"{c.get_party_display()} {c.person_name}" for c in pending)
        blockers["clarification"] = _(
            "Klarifikasi belum dilaksanakan: %(names)s. Catat berita acaranya (hadir atau tidak hadir) "
            "sebelum memutus."
        ) % {"names": names}
    elif not clarifications:
        blockers["clarification"] = _(
            "Putusan memerlukan klarifikasi yang telah dilaksanakan atau dicatat tidak hadir."
        )
    kajian = case.kajian.all() if kajian is None else kajian
    if not any(k.stage == Kajian.Stage.DUGAAN and k.facts.strip() for k in kajian):
        blockers["kajian"] = _(
            "Putusan memerlukan kajian dugaan pelanggaran tertulis dengan uraian singkat fakta."
        )
    return blockers


def step_guards(detail) -> dict:
    """For the case page: the daluwarsa finding (banner) and, per available action, what blocks it."""
    case, names = detail.case, {a.name for a in detail.actions}
    blockers = {}
    if "register" in names:
        found = registration_blockers(case, late_reason="-", kajian=detail.kajian)  # reason: in the form
        blockers["register"] = list(found.values())
    if "decide" in names:
        found = decision_blockers(case, kajian=detail.kajian, clarifications=detail.clarifications)
        blockers["decide"] = list(found.values())
    return {"late_report": late_report(case), "action_blockers": blockers}
