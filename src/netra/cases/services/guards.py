"""What must be on file before a step may be taken (issue 15 point 3).

The planners in ``actions`` raise these as ValidationError; the case page lists the same messages
next to the action, so the UI only reflects what the services enforce.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from netra.cases.models import Attendance, Kajian, Kind
from netra.cases.services.lawbridge import local_date, report_window_of


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
        str(Kajian._meta.get_field(name).verbose_name) for name in names if not getattr(kajian, name)
    )


def registration_blockers(case, *, late_reason: str = "") -> dict[str, str]:
    """Field -> message for what stops registration: the written kajian awal with its conclusion
    and every syarat formil and materiel ticked; for a late laporan, a recorded reason."""
    kajian = case.kajian.filter(stage=Kajian.Stage.AWAL).order_by("-created_at", "-pk").first()
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


def decision_blockers(case) -> dict[str, str]:
    """Field -> message for what stops a decision: a clarification held or recorded as not attended,
    none still "Belum dilaksanakan", and a written kajian dugaan pelanggaran with its facts."""
    blockers = {}
    clarifications = list(case.clarifications.all())
    pending = [c for c in clarifications if c.attendance == Attendance.BELUM]
    if pending:
        names = ", ".join(f"{c.get_party_display()} {c.person_name}" for c in pending)
        blockers["clarification"] = _(
            "Klarifikasi belum dilaksanakan: %(names)s. Catat berita acaranya (hadir atau tidak hadir) "
            "sebelum memutus."
        ) % {"names": names}
    elif not clarifications:
        blockers["clarification"] = _(
            "Putusan memerlukan klarifikasi yang telah dilaksanakan atau dicatat tidak hadir."
        )
    if not case.kajian.filter(stage=Kajian.Stage.DUGAAN).exclude(facts="").exists():
        blockers["kajian"] = _(
            "Putusan memerlukan kajian dugaan pelanggaran tertulis dengan uraian singkat fakta."
        )
    return blockers


def step_guards(detail) -> dict:
    """For the case page: the daluwarsa finding (banner) and, per available action, what blocks it."""
    case, names = detail.case, {a.name for a in detail.actions}
    blockers = {}
    if "register" in names:
        found = registration_blockers(case, late_reason="-")  # the reason is typed in the form itself
        blockers["register"] = list(found.values())
    if "decide" in names:
        blockers["decide"] = list(decision_blockers(case).values())
    return {"late_report": late_report(case), "action_blockers": blockers}
