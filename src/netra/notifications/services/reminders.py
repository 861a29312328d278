"""Deadline reminders: which are due at a moment, created once each, emailed by the delivery service.

A case stores netra.law's answer for the step it is in (``step``, ``due_at``); the province's legal
time zone comes from its region code (netra.law.timezones). Three reminders per step and recipient:

* ``deadline_24h``: from 24 hours before the deadline; when that moment falls on a day off (weekend,
  national holiday, cuti bersama) from the start of the last working day before it, so the officer
  is told while at work;
* ``deadline_today``: from local midnight of the day the deadline ends;
* ``deadline_passed``: once the deadline has passed (for the PPK follow-up step, whose date is the
  office's service target, ``followup_overdue``).

Only the latest stage due is created: a case first seen after its deadline gets "passed", not all
three. Each row's key is unique per kind + step + recipient + due + channel, so running twice at the
same moment (or after a worker restart) creates and sends nothing new.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction

from netra.audit.services import event_record
from netra.law import overrides
from netra.law.calendars import WorkingDays
from netra.law.timezones import zoneinfo_for
from netra.notifications.models import Channel, Kind, Notification
from netra.notifications.services.common import (
    HANDLER_ROLES,
    Preferences,
    model,
    notifications_create,
    recommendation_offices,
    reminder_key,
    users_of,
)

FOLLOWUP_STEP = "ppk_followup"  # netra.law's step for the PPK's follow-up (a service target)
LOOKAHEAD = timedelta(days=14)  # a 24-hour reminder moved back over the longest run of days off


@dataclass(frozen=True)
class Reminder:
    kind: str
    recipient: str
    case_id: int
    step: str
    due: datetime
    channel: str

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "recipient": self.recipient,
            "case_id": self.case_id,
            "step": self.step,
            "due": self.due.isoformat(),
            "channel": self.channel,
        }


def day_before_reminder_at(due_at: datetime, region_code: str) -> datetime:
    """When the "in 24 hours" reminder starts: 24 hours before, or the start of the last working day
    before that moment when it falls on a day off (local time of the province)."""
    zone = zoneinfo_for(region_code or None)
    moment = (due_at - timedelta(hours=24)).astimezone(zone)
    calendar = WorkingDays(overrides.current())
    day = moment.date()
    if calendar.closed(day) is None:
        return moment
    while calendar.closed(day) is not None:
        day -= timedelta(days=1)
    return datetime.combine(day, time.min, tzinfo=zone)


def stage_at(*, due_at: datetime, region_code: str, step: str, now: datetime) -> str | None:
    """The reminder due for a deadline at ``now``, or None (too early)."""
    if now > due_at:
        return Kind.FOLLOWUP_OVERDUE if step == FOLLOWUP_STEP else Kind.DEADLINE_PASSED
    zone = zoneinfo_for(region_code or None)
    if now >= datetime.combine(due_at.astimezone(zone).date(), time.min, tzinfo=zone):
        return Kind.DEADLINE_TODAY
    if now >= day_before_reminder_at(due_at, region_code):
        return Kind.DEADLINE_24H
    return None


class _Staff:
    """The handlers of each office, read once per run (many cases share an office)."""

    def __init__(self) -> None:
        self._offices: dict[tuple[int, tuple[str, ...]], list] = {}

    def of(self, office_id: int, roles: tuple[str, ...] = HANDLER_ROLES) -> list:
        if (office_id, roles) not in self._offices:
            self._offices[(office_id, roles)] = users_of([office_id], roles)
        return self._offices[(office_id, roles)]


def _recipients(case, kind: str, staff: _Staff) -> list:
    """Who is reminded: the assigned handler (or, unassigned, the office's pimpinan and staf
    penanganan); for the PPK follow-up the offices it is addressed to, and when it is overdue also
    the pimpinan of the office that sent the recommendation."""
    if case.step == FOLLOWUP_STEP:
        users = [u for office in recommendation_offices(case) for u in staff.of(office.pk)]
        if kind == Kind.FOLLOWUP_OVERDUE:
            users += staff.of(case.office_id, ("pimpinan",))
        return list({u.pk: u for u in users}.values())
    if case.assigned_to is not None and case.assigned_to.is_active:
        return [case.assigned_to]
    return staff.of(case.office_id)


def _open_cases(now: datetime):
    """Cases in a step with a deadline soon enough to remind about (closed cases have no step)."""
    return (
        model("cases.Case")
        .objects.filter(due_at__isnull=False, due_at__lte=now + LOOKAHEAD)
        .exclude(step="")
        .select_related("assigned_to")
        .order_by("due_at", "pk")
    )


def _row(case, kind: str, user, channel: str, now: datetime, digest: bool) -> Notification:
    key = reminder_key(
        kind=kind, case_id=case.pk, step=case.step, recipient_id=user.pk, due=case.due_at, channel=channel
    )
    return Notification(
        key=key,
        kind=kind,
        channel=channel,
        recipient=user,
        case=case,
        step=case.step,
        due=case.due_at,
        created_at=now,
        sent_at=now if channel == Channel.IN_APP else None,  # in the bell from now on
        digest=digest,
    )


def _rows(now: datetime) -> list[Notification]:
    """Every reminder due at ``now`` (existing or not): a few queries per run, not per case."""
    staff = _Staff()
    due = []
    for case in _open_cases(now):
        kind = stage_at(due_at=case.due_at, region_code=case.region_code, step=case.step, now=now)
        if kind is not None:
            due.append((case, kind, _recipients(case, kind, staff)))
    prefs = Preferences({u.pk for _case, _kind, users in due for u in users})
    return [
        _row(case, kind, user, channel, now, channel == Channel.EMAIL and prefs.digest(user))
        for case, kind, users in due
        for user in users
        for channel in prefs.channels(user, kind)
    ]


def _as_reminder(row: Notification) -> Reminder:
    return Reminder(
        kind=row.kind,
        recipient=row.recipient.get_username() if row.recipient else "",
        case_id=row.case_id or 0,
        step=row.step,
        due=row.due or row.created_at,
        channel=row.channel,
    )


def reminders_plan(*, now: datetime) -> list[Notification]:
    """Every reminder due at ``now`` that was not created before (nothing is written)."""
    rows = _rows(now)
    existing = set(Notification.objects.filter(key__in=[r.key for r in rows]).values_list("key", flat=True))
    return [row for row in rows if row.key not in existing]


def reminders_create(*, now: datetime, dry_run: bool = False) -> list[Reminder]:
    """Create the reminders due at ``now`` (one audit event for the run); with ``dry_run`` only list
    them. Returns what was (or would be) created, in the CLI's shape."""
    if dry_run:
        return [_as_reminder(row) for row in reminders_plan(now=now)]
    with transaction.atomic():
        created = notifications_create(reminders_plan(now=now))
        if created:
            event_record(
                actor="system",
                action="notifications.reminders",
                obj_type="notifications.reminderrun",
                obj_id=now.isoformat(),
                data={"created": len(created), "cases": sorted({row.case_id for row in created})},
            )
    return [_as_reminder(row) for row in created]
