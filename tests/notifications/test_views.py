"""The bell, the list, mark read, settings and the calendar feed through HTTP."""

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from netra.accounts.models import Role
from netra.cases import services as case_services
from netra.notifications.models import MailSettings, Notification, Preference


@pytest.fixture
def handler(world):
    return world["staff"]["bintan"][Role.STAF_PENANGANAN]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _assign(world, case, user):
    return case_services.case_assign(user=world["staff"]["bintan"][Role.PIMPINAN], case=case, assignee=user)


def test_the_bell_counts_unread_and_mark_read_clears_it(world, submit, handler):
    case = _assign(world, submit(), handler)
    client = _client(handler)
    unread = Notification.objects.filter(recipient=handler, channel="in_app", read_at__isnull=True).count()
    assert unread == 2  # the new report and the assignment

    bell = client.get(reverse("notifications:bell")).content.decode()
    assert 'data-testid="bell-count">2<' in bell
    assert "hx-trigger" in bell and "<script" not in bell

    page = client.get(reverse("notifications:list")).content.decode()
    assert case.title in page and page.count('data-testid="notification"') == 2

    row = Notification.objects.get(recipient=handler, kind="case_assigned")
    response = client.post(reverse("notifications:mark_read", args=[row.pk]))
    assert response.status_code == 302
    assert 'data-testid="bell-count">1<' in client.get(reverse("notifications:bell")).content.decode()

    client.post(reverse("notifications:mark_all_read"))
    assert "bell-count" not in client.get(reverse("notifications:bell")).content.decode()


def test_another_users_notification_answers_404(world, submit, handler):
    _assign(world, submit(), handler)
    row = Notification.objects.get(recipient=handler, kind="case_assigned")
    other = world["staff"]["bintan"][Role.PIMPINAN]
    response = _client(other).post(reverse("notifications:mark_read", args=[row.pk]))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_the_base_page_loads_the_bell_without_inline_script(world, handler):
    page = _client(handler).get(reverse("cases:queue")).content.decode()
    assert 'data-testid="bell"' in page and reverse("notifications:bell") in page
    assert "hx-on" not in page


def test_settings_store_channels_and_digest(world, submit, handler):
    client = _client(handler)
    assert client.get(reverse("notifications:settings")).status_code == 200
    form = {
        "new_report__in_app": "on",
        "case_assigned__in_app": "on",
        "case_assigned__email": "on",
        "digest": "on",
    }

    response = client.post(reverse("notifications:settings"), form)

    assert response.status_code == 302
    assert Preference.objects.get(user=handler, kind="new_report").email is False
    assert Preference.objects.get(user=handler, kind="deadline_today").in_app is False
    assert MailSettings.objects.get(user=handler).digest is True
    submit()  # a new report: in-app only now
    assert set(
        Notification.objects.filter(recipient=handler, kind="new_report").values_list("channel", flat=True)
    ) == {"in_app"}


def test_calendar_feed_parses_and_a_revoked_token_answers_404(world, submit, handler):
    case = submit()
    client = _client(handler)

    page = client.post(reverse("notifications:calendar_token_create")).content.decode()
    url = page.split('data-testid="calendar-url">')[1].split("<")[0]
    path = url.removeprefix("http://127.0.0.1:8000")
    feed = Client().get(path)  # no login: calendar apps send no cookie

    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    assert events[0]["dtstart"].dt == case.due_at.replace(microsecond=0)  # iCalendar has whole seconds
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    assert f"/kasus/{case.pk}/" in str(events[0]["url"])

    token = handler.__class__.objects.get(pk=handler.pk)  # the token row is listed on the page
    from netra.notifications.models import CalendarToken

    row = CalendarToken.objects.get(user=token)
    client.post(reverse("notifications:calendar_token_revoke", args=[row.pk]))
    assert Client().get(path).status_code == 404
    assert Client().get(path.replace(".ics", "x.ics")).status_code == 404


def test_the_feed_holds_only_the_office_cases(world, submit, handler):
    submit()
    lingga = world["staff"]["lingga"][Role.PIMPINAN]
    from netra.notifications.services import calendar_token_create

    token = calendar_token_create(user=lingga)
    feed = Calendar.from_ical(Client().get(reverse("notifications:calendar_feed", args=[token.raw])).content)
    assert list(feed.walk("VEVENT")) == []


def test_pages_need_a_login(client):
    for name in ("notifications:list", "notifications:bell", "notifications:settings"):
        assert client.get(reverse(name)).status_code == 302
