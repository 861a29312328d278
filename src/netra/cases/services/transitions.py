"""Moving a case through the workflow (netra.cases.workflow), one audited step at a time.

``case_transition`` checks the action against the state machine (status, kind, role, office),
lets the action's handler validate its parameters and plan the change, then applies it with a
compare-and-swap on the old status: if someone moved the case meanwhile nothing is written and
``CaseConflict`` is raised. The side records (decision, recommendation, follow-up ...), the
Transition row and the audit event commit in the same transaction.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.cases import workflow
from netra.cases.deadlines import deadline_fields
from netra.cases.models import Case, Transition
from netra.cases.services import actions
from netra.cases.services.actions import Plan
from netra.cases.services.common import CaseConflict, TransitionNotAllowed, audit, now
from netra.cases.services.search import search_text_refresh
from netra.cases.signals import cases_changed_send
from netra.core.taskqueue import enqueue_on_commit
from netra.notifications.services import announces, notify_case_transition

HANDLERS: dict[str, Callable[..., Plan]] = {
    "start_kajian_awal": actions.plan_simple,
    "register": actions.plan_register,
    "reject": actions.plan_reject,
    "forward": actions.plan_forward,
    "start_klarifikasi": actions.plan_simple,
    "start_kajian": actions.plan_simple,
    "decide": actions.plan_decide,
    "forward_recommendation": actions.plan_forward_recommendation,
    "record_followup": actions.plan_record_followup,
    "close": actions.plan_close,
    "make_temuan": actions.plan_make_temuan,
    "archive": actions.plan_close,
}


def _action(name: str) -> workflow.Action:
    spec = workflow.ACTIONS.get(name)
    if spec is None:
        raise ValidationError({"action": _("Tindakan tidak dikenal: %(name)s") % {"name": name}})
    return spec


def _check(user, case, spec: workflow.Action, reason: str) -> None:
    if not workflow.may(user, case, spec):
        raise TransitionNotAllowed(
            _("Tindakan “%(action)s” tidak dapat dilakukan oleh Anda pada status “%(status)s”.")
            % {"action": spec.label, "status": case.get_status_display()}
        )
    if spec.needs_reason and not reason.strip():
        raise ValidationError({"reason": _("Alasan wajib diisi untuk tindakan ini.")})


def _swap(case: Case, plan: Plan, at) -> Case:
    """Apply the plan only if the case is still where we read it (compare-and-swap)."""
    old_status, old_office = case.status, case.office_id
    updated = Case.objects.get(pk=case.pk)
    for name, value in plan.fields.items():
        setattr(updated, name, value)
    updated.status = plan.to_status
    values = {**plan.fields, "status": plan.to_status, "updated_at": at, **deadline_fields(updated, at)}
    changed = Case.objects.filter(pk=case.pk, status=old_status, office_id=old_office).update(**values)
    if changed != 1:
        raise CaseConflict(
            _("Kasus ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.")
        )
    updated.refresh_from_db()
    return updated


def _step_kept(case: Case, at) -> dict:
    """Whether the step the case leaves ended within its stored deadline (deadline compliance
    statistics count these; the audit event keeps the plan's data only)."""
    if case.due_at is None:
        return {}
    return {"step": case.step, "step_due_at": case.due_at.isoformat(), "step_on_time": at <= case.due_at}


def case_transition(*, user, case: Case, action: str, reason: str = "", **params) -> Case:
    """Take ``action`` on ``case`` as ``user``; returns the case as it is afterwards.

    Raises TransitionNotAllowed (not valid now for this user), ValidationError (bad parameters,
    field -> message) or CaseConflict (the case changed meanwhile; nothing was written).
    """
    spec = _action(action)
    _check(user, case, spec, reason)
    reason = reason.strip()
    with transaction.atomic():
        at = now()
        plan = HANDLERS[action](user=user, case=case, reason=reason, at=at, action=action, **params)
        from_status, from_office = case.status, case.office
        updated = _swap(case, plan, at)
        if plan.after is not None:
            plan.after(updated)
        search_text_refresh(updated)
        Transition.objects.create(
            case=updated,
            action=action,
            from_status=from_status,
            to_status=plan.to_status,
            actor=user,
            office=from_office,
            at=at,
            reason=reason,
            data={**plan.data, **_step_kept(case, at)},
        )
        notify_case_transition(case=updated, action=action, from_office_id=from_office.pk, at=at)
        regions, offices = [case.region_code, updated.region_code], [from_office.pk, updated.office_id]
        cases_changed_send(region_codes=regions, office_ids=offices)
        if announces(action=action, case=updated):
            from netra.cases.tasks import status_notice_letter

            enqueue_on_commit(status_notice_letter, updated.pk, updated.status)
        audit(
            user=user,
            action=f"case.{action}",
            obj=updated,
            data={"from": from_status, "to": plan.to_status, "reason": reason, **plan.data},
        )
    return updated
