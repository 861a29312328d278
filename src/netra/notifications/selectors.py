"""Readers for notifications data that reaches users: their own rows only (``scoping.restrict``)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import Http404

from netra.accounts.scoping import HANDLE, VIEW, restrict
from netra.notifications.models import (
    STAFF_KINDS,
    CalendarToken,
    Channel,
    Kind,
    MailSettings,
    Notification,
    Preference,
    StatusNotice,
)
from netra.notifications.services.common import default_choice, model

# The public notice board and the calendar feed (reached by its secret, not a login) need no user.
PUBLIC_READERS = (
    "notice_list_for_office",
    "notice_office_get",
    "notice_office_list",
    "notice_letter_get",
    "calendar_token_owner",
)
FEED_HORIZON = timedelta(days=120)
NOTICE_PAGE = 100


def notification_list_for(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's in-app notifications, newest first, with their case."""
    rows = restrict(Notification.objects.filter(channel=Channel.IN_APP), user, VIEW)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.select_related("case").order_by("-created_at", "-pk")


def notification_get_for(user, notification_id: int) -> Notification:
    found = notification_list_for(user).filter(pk=notification_id).first()
    if found is None:
        raise Http404("No such notification.")
    return found


def unread_count_for(user) -> int:
    return notification_list_for(user, unread_only=True).count()


@dataclass(frozen=True)
class KindChoice:
    kind: str
    label: str
    in_app: bool
    email: bool


def preferences_for(user) -> tuple[list[KindChoice], bool]:
    """Every staff kind with the user's channels (their choice or the default), and the digest mode."""
    chosen = {p.kind: p for p in restrict(Preference.objects.all(), user, VIEW)}
    rows = []
    for kind in STAFF_KINDS:
        default = default_choice(kind)
        pref = chosen.get(kind)
        rows.append(
            KindChoice(
                kind=kind,
                label=str(Kind(kind).label),
                in_app=pref.in_app if pref else default.in_app,
                email=pref.email if pref else default.email,
            )
        )
    digest = restrict(MailSettings.objects.filter(digest=True), user, VIEW).exists()
    return rows, digest


def calendar_token_list_for(user) -> QuerySet[CalendarToken]:
    return restrict(CalendarToken.objects.all(), user, VIEW)


def calendar_token_get_for(user, token_id: int) -> CalendarToken:
    token = calendar_token_list_for(user).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def calendar_token_owner(raw: str):
    """The active staff user a live feed token belongs to, or None (unknown or revoked)."""
    token = (
        CalendarToken.objects.select_related("user__office")
        .filter(token_hash=CalendarToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token is not None else None


def deadline_list_for(user, *, now: datetime):
    """The upcoming (and overdue, still open) deadlines of the cases the user's office handles."""
    cases = model("cases.Case").objects.filter(due_at__isnull=False, due_at__lte=now + FEED_HORIZON)
    return restrict(cases.exclude(step=""), user, HANDLE).order_by("due_at", "pk")


def notice_office_get(office_id: int):
    """A supervisory office whose notice board is public; 404 for any other id."""
    office_model = model("accounts.Office")
    office = office_model.objects.filter(pk=office_id, kind__in=office_model.SUPERVISORY).first()
    if office is None:
        raise Http404("No such office.")
    return office


def notice_office_list():
    """Every supervisory office (each has a public notice board), in the order of the region tree."""
    office_model = model("accounts.Office")
    return office_model.objects.filter(kind__in=office_model.SUPERVISORY).order_by("region_code", "name")


def notice_list_for_office(office) -> QuerySet[StatusNotice]:
    """The office's pemberitahuan status laporan, newest first (public: no identities in them)."""
    return StatusNotice.objects.filter(office=office).order_by("-published_at", "-pk")[:NOTICE_PAGE]


def calendar_feed_for(user, *, now: datetime, site_url: str) -> bytes:
    """The user's office deadlines as an iCalendar (RFC 5545) feed: one event per case step, at the
    deadline's moment in the province's time zone, with the citation of the rule that sets it."""
    from icalendar import Calendar, Event

    from netra.law.timezones import zoneinfo_for

    feed = Calendar()
    feed.add("prodid", "-//Netra//Batas waktu kantor//ID")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"Netra: {user.office.name}")
    for case in deadline_list_for(user, now=now):
        due = case.due_at.astimezone(zoneinfo_for(case.region_code or None))
        event = Event()
        event.add("uid", f"netra-case-{case.pk}-{case.step}-{int(case.due_at.timestamp())}@netra")
        event.add("dtstamp", now)
        event.add("dtstart", due)
        event.add(
            "summary", f"Batas waktu ({case.get_status_display()}): {case.register_number or case.title}"
        )
        event.add("description", f"{case.title}\n{case.due_citation}".strip())
        event.add("url", f"{site_url.rstrip('/')}/kasus/{case.pk}/")
        feed.add_component(event)
    feed.add_missing_timezones()  # a VTIMEZONE for every TZID used, as RFC 5545 requires
    return feed.to_ical()


def notice_letter_get(office, notice_id: int):
    """The issued letter (PDF) of one of the office's notices; 404 when there is none (yet)."""
    notice = StatusNotice.objects.select_related("letter").filter(office=office, pk=notice_id).first()
    if notice is None or notice.letter is None:
        raise Http404("No such notice letter.")
    return notice.letter
