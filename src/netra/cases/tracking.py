"""What the public tracking page shows of a case: status and dates, nobody's identity.

``selectors.case_track`` finds the case by its receipt code; this module only words it.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from netra.cases import workflow
from netra.cases.law import local_date
from netra.cases.models import Case, Status
from netra.cases.receipts import receipt_code_display


@dataclass(frozen=True)
class TrackStep:
    status: str
    label: str
    on: date


@dataclass(frozen=True)
class TrackView:
    receipt_code: str
    kind_label: str
    status: str
    status_label: str
    received_on: date
    updated_on: date
    office_name: str
    register_number: str
    next_step: str
    due_on: date | None
    outcome_label: str
    steps: list[TrackStep] = field(default_factory=list)
    note: str = ""


def _outcome(case: Case) -> str:
    decision = getattr(case, "decision", None)  # selected with the case
    if decision is not None:
        return decision.get_outcome_display()
    if case.status == Status.TIDAK_DIREGISTRASI:
        return case.get_non_registration_reason_display()
    return ""


def _note(case: Case) -> str:
    if case.status == Status.INFORMASI_AWAL:
        return _(
            "Laporan tanpa nama dan alamat pelapor tidak dapat diregistrasi sebagai laporan; "
            "pengawas menggunakannya sebagai informasi awal untuk pengawasan."
        )
    if case.status == Status.DIJADIKAN_TEMUAN:
        return _("Pengawas menindaklanjuti informasi ini sebagai temuan.")
    return ""


def track_view(case: Case) -> TrackView:
    """The public view of ``case`` (loaded with its office, decision and transitions)."""
    day = lambda moment: local_date(moment, case.region_code)  # noqa: E731
    steps = [TrackStep(t.to_status, t.get_to_status_display(), day(t.at)) for t in case.transitions.all()]
    next_step = "" if case.is_closed else str(workflow.NEXT_STEP.get(case.status, ""))
    return TrackView(
        receipt_code=receipt_code_display(case.receipt_code),
        kind_label=case.get_kind_display(),
        status=case.status,
        status_label=case.get_status_display(),
        received_on=day(case.received_at),
        updated_on=day(case.updated_at),
        office_name=case.office.name,
        register_number=case.register_number or "",
        next_step=next_step,
        due_on=day(case.due_at) if case.due_at and not case.is_closed else None,
        outcome_label=_outcome(case),
        steps=steps,
        note=_note(case),
    )
