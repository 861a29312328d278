"""The deadline of the step a case is in, as ``netra.law`` answers it, stored on the case so lists sort
and filter cheaply. This module only gathers the facts (local calendar dates); every start date and
every count is the law package's (netra.law.deadlines.answer)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import translation

from netra.cases import workflow
from netra.cases.law import LawFacts, local_date, step_answer
from netra.cases.models import Status
from netra.law import regioncode

_NOTE_MAX, _CITATION_MAX = 400, 200


@dataclass(frozen=True)
class StepDeadline:
    step: str = ""
    due_at: datetime | None = None
    citation: str = ""
    rule_id: str = ""
    kind: str = ""  # "legal" | "service_target" | "" (no deadline)
    note: str = ""  # the interpretations it rests on, or why there is no deadline
    unverified: bool = False


def _day(case, moment: datetime | None) -> date | None:
    return local_date(moment, case.region_code) if moment else None


def _found_at(case) -> datetime:
    """A temuan is found when the supervisor observed it; an informasi awal when it came in."""
    observation = getattr(case, "observation", None) if case.pk else None
    return observation.observed_at if observation is not None else case.received_at


def _forwarded_at(case, entered_at: datetime) -> datetime | None:
    """The recommendation's forwarding (a file handed over from KASN reached its new addressee on the
    hand-over day); while the forwarding transition runs, its own moment."""
    if case.status not in (Status.REKOMENDASI_DITERUSKAN, Status.TINDAK_LANJUT):
        return None
    last = case.recommendations.order_by("-forwarded_at").first() if case.pk else None
    if last is None:
        return entered_at
    return last.handed_over_at or last.forwarded_at


def case_facts(case, entered_at: datetime) -> LawFacts:
    """The facts of ``case`` netra.law counts from, as dates in the case's legal time zone."""
    return LawFacts(
        regime=case.election.regime,
        province=regioncode.province(case.region_code) or None,
        known=case.known_on,
        found=_day(case, _found_at(case)),
        received=_day(case, case.received_at),
        registered=_day(case, case.registered_at),
        forwarded=_day(case, _forwarded_at(case, entered_at)),
    )


def step_deadline(case, entered_at: datetime) -> StepDeadline:
    """The deadline for ``case`` in its (new) status, or the reason it has none."""
    step = workflow.step_for(case)
    if step is None or case.election_id is None:
        with translation.override("id"):  # stored as the msgid; templates translate it on display
            return StepDeadline(note=str(workflow.no_deadline_reason(case)))
    found = step_answer(step=step, facts=case_facts(case, entered_at))
    deadline = found.deadline
    if deadline is None:
        return StepDeadline(step=step, note=found.reason[:_NOTE_MAX])
    return StepDeadline(
        step=step,
        due_at=deadline.due_at,
        citation=deadline.citation[:_CITATION_MAX],
        rule_id=deadline.rule_id,
        kind=deadline.kind,
        note=deadline.interpretation_note[:_NOTE_MAX],
        unverified=not deadline.verified,
    )


def deadline_fields(case, entered_at: datetime) -> dict:
    """Model field values for ``case.step``, ``due_at``, ``due_citation`` and the rest of the answer."""
    found = step_deadline(case, entered_at)
    return {
        "step": found.step,
        "due_at": found.due_at,
        "due_citation": found.citation,
        "due_rule": found.rule_id,
        "due_kind": found.kind,
        "due_note": found.note,
        "due_unverified": found.unverified,
    }
