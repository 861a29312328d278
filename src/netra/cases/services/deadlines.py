"""The statutory deadline of the step a case is in, stored on the case so lists sort and filter cheaply."""

from dataclasses import dataclass
from datetime import datetime

from netra.cases import workflow
from netra.cases.services.lawbridge import deadline, local_date


@dataclass(frozen=True)
class StepDeadline:
    step: str = ""
    due_at: datetime | None = None
    citation: str = ""


def _step_start(case, step: str, entered_at: datetime) -> datetime:
    if step in ("decision", "decision_extended") and case.registered_at:
        return case.registered_at
    if step == "temuan" and case.kind == "temuan" and hasattr(case, "observation"):
        return case.observation.observed_at
    return entered_at


def step_deadline(case, entered_at: datetime) -> StepDeadline:
    """The deadline for ``case`` in its (new) status, counted from when the step began."""
    step = workflow.step_for(case)
    if step is None or case.election_id is None:
        return StepDeadline()
    if step == case.step and case.due_at is not None:
        return StepDeadline(step, case.due_at, case.due_citation)  # same step continues
    start = local_date(_step_start(case, step, entered_at), case.region_code)
    due = deadline(regime=case.election.regime, step=step, start=start, region_code=case.region_code)
    return StepDeadline(step, due.due_at, str(due.citation)[:200])


def deadline_fields(case, entered_at: datetime) -> dict:
    """Model field values for ``case.step``, ``due_at`` and ``due_citation``."""
    found = step_deadline(case, entered_at)
    return {"step": found.step, "due_at": found.due_at, "due_citation": found.citation}
