"""Notifications that follow an act recorded by another app's service (assignment, intake, a
workflow step). Called inside that service's transaction: the rows commit or roll back with the act,
and the act's own audit event covers them (one event per act). Emails go out after the commit, from
the task queue (``notifications_deliver``)."""

from datetime import datetime

from netra.core.taskqueue import enqueue_on_commit
from netra.notifications.models import Kind, Notification, StatusNotice
from netra.notifications.services.common import (
    Preferences,
    notifications_create,
    recommendation_offices,
    reporter_address,
    users_of,
)

# Workflow actions whose outcome the law requires to be announced to the reporter and on the notice
# board (Perbawaslu 7/2022: registration or not, the decision, forwarding): action -> announced.
ANNOUNCED_ACTIONS = ("register", "reject", "forward", "decide", "forward_recommendation")
REPORTED_KINDS = ("laporan", "temuan")  # an informasi awal is anonymous and never registered


def _event_rows(kind: str, case, users, at: datetime, detail: str = "") -> list[Notification]:
    prefs = Preferences(u.pk for u in users)
    stamp = int(at.timestamp() * 1_000_000)
    rows = []
    for user in users:
        for channel in prefs.channels(user, kind):
            rows.append(
                Notification(
                    key=f"{kind}:{case.pk}:{stamp}:{user.pk}:{channel}",
                    kind=kind,
                    channel=channel,
                    recipient=user,
                    case=case,
                    step=case.step,
                    due=case.due_at,
                    detail=detail[:200],
                    created_at=at,
                    sent_at=at if channel == "in_app" else None,  # in the bell from now on
                    digest=channel == "email" and prefs.digest(user),
                )
            )
    return rows


def _store(rows: list[Notification]) -> list[Notification]:
    created = notifications_create(rows)
    if any(row.channel == "email" and not row.digest for row in created):
        from netra.notifications.tasks import notifications_deliver

        enqueue_on_commit(notifications_deliver)
    return created


def notify_case_assigned(*, case, assignee, at: datetime) -> list[Notification]:
    """The handler a pimpinan assigned is told (not when unassigned)."""
    if assignee is None or not assignee.is_active:
        return []
    return _store(_event_rows(Kind.CASE_ASSIGNED, case, [assignee], at))


def notify_case_received(*, case, at: datetime) -> list[Notification]:
    """A new report (or one forwarded in) reaches the handling office's pimpinan and staf penanganan."""
    return _store(_event_rows(Kind.NEW_REPORT, case, users_of([case.office_id]), at, case.kind))


def _handlers(case) -> list:
    users = users_of([case.office_id], ("pimpinan",))
    if case.assigned_to_id:
        users += [u for u in users_of([case.office_id]) if u.pk == case.assigned_to_id]
    return list({u.pk: u for u in users}.values())


def _reporter_notice(case, at: datetime) -> list[Notification]:
    if not reporter_address(case.pk):
        return []
    row = Notification(
        key=f"{Kind.REPORTER_STATUS}:{case.pk}:{case.status}",
        kind=Kind.REPORTER_STATUS,
        channel="email",
        case=case,
        detail=case.status,
        created_at=at,
    )
    return [row]


def _publish(case, at: datetime, office_id: int) -> None:
    """The pemberitahuan status laporan on the office's notice board (once per status). A pelimpahan
    is announced by the office the report was made to, not the one it goes to."""
    if StatusNotice.objects.filter(case_id=case.pk, status=case.status).exists():
        return
    StatusNotice.objects.create(
        case=case,
        office_id=office_id,
        status=case.status,
        reference=case.register_number or case.receipt_masked,
        violation_code=case.violation_code,
        published_at=at,
    )


def announces(*, action: str, case) -> bool:
    """Whether the step the case just took is announced (reporter email, notice board, letter)."""
    return action in ANNOUNCED_ACTIONS and case.kind in REPORTED_KINDS


def notify_case_transition(*, case, action: str, from_office_id: int, at: datetime) -> list[Notification]:
    """What a workflow step tells whom: the reporter and the notice board for the steps the law
    requires to be announced, the offices the case or its recommendation reaches, the handlers."""
    rows: list[Notification] = []
    if announces(action=action, case=case):
        _publish(case, at, from_office_id)
        rows += _reporter_notice(case, at)
    if action == "forward" and case.office_id != from_office_id:
        rows += _event_rows(Kind.NEW_REPORT, case, users_of([case.office_id]), at, case.kind)
    elif action == "forward_recommendation":
        offices = [o.pk for o in recommendation_offices(case)]
        rows += _event_rows(Kind.RECOMMENDATION_RECEIVED, case, users_of(offices), at)
    elif action == "record_followup":
        rows += _event_rows(Kind.SANCTION_RECORDED, case, _handlers(case), at)
    return _store(rows)
