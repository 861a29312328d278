"""Deadline reminders: when each is due (local time, working days), who gets it, once only."""

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.cases import services as case_services
from netra.cli import app
from netra.law.calendars import WorkingDays
from netra.notifications.models import Notification
from netra.notifications.services import reminders_run
from netra.notifications.services.reminders import day_before_reminder_at, stage_at
from tests.cases.helpers import case_in
from tests.notifications.conftest import decoded

WIB, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura")
STAGES = [None, "deadline_24h", "deadline_today", "deadline_passed"]


def test_stages_follow_the_local_day_of_the_deadline():
    due = datetime(2024, 11, 20, 23, 59, 59, tzinfo=WIB)  # a Wednesday
    at = lambda *args: datetime(*args, tzinfo=WIB)  # noqa: E731
    assert stage_at(due_at=due, region_code="21.01", step="decision", now=at(2024, 11, 19, 23, 0)) is None
    assert (
        stage_at(due_at=due, region_code="21.01", step="decision", now=at(2024, 11, 20, 0, 0))
        == "deadline_today"
    )
    assert (
        stage_at(due_at=due, region_code="21.01", step="decision", now=at(2024, 11, 21, 0, 0))
        == "deadline_passed"
    )
    assert (
        stage_at(due_at=due, region_code="21.01", step="ppk_followup", now=at(2024, 11, 21))
        == "followup_overdue"
    )


def test_today_starts_at_midnight_of_the_province_not_of_jakarta():
    due = datetime(2024, 11, 20, 23, 59, 59, tzinfo=WIT)  # Papua: WIT, two hours ahead of WIB
    just_after_midnight_wit = datetime(2024, 11, 19, 22, 30, tzinfo=WIB)
    assert (
        stage_at(due_at=due, region_code="91.01", step="decision", now=just_after_midnight_wit)
        == "deadline_today"
    )
    assert (
        stage_at(due_at=due, region_code="21.01", step="decision", now=just_after_midnight_wit)
        != "deadline_today"
    )


def test_day_before_reminder_moves_off_a_weekend_to_the_last_working_day():
    monday_due = datetime(2024, 11, 25, 23, 59, 59, tzinfo=WIB)
    start = day_before_reminder_at(monday_due, "21.01")
    assert start == datetime(2024, 11, 22, 0, 0, tzinfo=WIB)  # Friday, not Sunday 23:59
    wednesday_due = datetime(2024, 11, 20, 23, 59, 59, tzinfo=WIB)
    assert day_before_reminder_at(wednesday_due, "21.01") == wednesday_due - timedelta(hours=24)


@settings(max_examples=150)
@given(day=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)), hour=st.integers(0, 23))
def test_day_before_reminder_is_on_a_working_day_and_never_after_24_hours_before(day, hour):
    due = datetime.combine(day, time(hour, 59, 59), tzinfo=WIB)
    start = day_before_reminder_at(due, "32.04")
    assert start <= due - timedelta(hours=24)
    assert start >= due - timedelta(days=15)
    assert WorkingDays().closed(start.astimezone(WIB).date()) is None


@settings(max_examples=150)
@given(
    due_offset=st.integers(0, 3 * 24 * 60),
    a=st.integers(-4 * 24 * 60, 2 * 24 * 60),
    b=st.integers(-4 * 24 * 60, 2 * 24 * 60),
)
def test_stages_only_move_forward_in_time(due_offset, a, b):
    due = datetime(2024, 11, 18, tzinfo=UTC) + timedelta(minutes=due_offset)
    early, late = sorted((a, b))
    stage = lambda minutes: STAGES.index(  # noqa: E731
        stage_at(due_at=due, region_code="64", step="decision", now=due + timedelta(minutes=minutes))
    )
    assert stage(early) <= stage(late)


@pytest.fixture
def handler(world):
    user = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    user.email = "penangan@bintan.example"
    user.save()
    return user


def _assigned_case(world, submit, handler):
    case = submit()
    pimpinan = world["staff"]["bintan"][Role.PIMPINAN]
    return case_services.case_assign(user=pimpinan, case=case, assignee=handler)


def _reminder_mails(inbox, address):
    return [decoded(text) for text in inbox.to(address) if "Batas waktu hari ini" in decoded(text)]


def test_the_assigned_handler_gets_the_reminder_in_app_and_by_email_once(world, submit, handler, smtp):
    case = _assigned_case(world, submit, handler)
    moment = case.due_at - timedelta(hours=1)

    first = reminders_run(now=moment)

    assert {(r.kind, r.recipient, r.channel, r.case_id, r.step) for r in first} == {
        ("deadline_today", handler.username, "in_app", case.pk, case.step),
        ("deadline_today", handler.username, "email", case.pk, case.step),
    }
    mails = _reminder_mails(smtp, handler.email)
    assert len(mails) == 1 and case.title in mails[0] and f"/kasus/{case.pk}/" in mails[0]
    assert Notification.objects.get(kind="deadline_today", channel="email").sent_at is not None

    assert reminders_run(now=moment) == []
    assert len(_reminder_mails(smtp, handler.email)) == 1
    assert Notification.objects.filter(kind="deadline_today").count() == 2


def test_an_unassigned_case_reminds_the_office_pimpinan_and_staf_penanganan(world, submit):
    case = submit()
    created = reminders_run(now=case.due_at + timedelta(seconds=1), send=False)
    bintan = world["staff"]["bintan"]
    expected = {bintan[Role.PIMPINAN].username, bintan[Role.STAF_PENANGANAN].username}
    assert {r.recipient for r in created} == expected
    assert {r.kind for r in created} == {"deadline_passed"}
    assert {r.channel for r in created} == {"in_app"}  # no email address on these accounts


def test_a_dry_run_lists_without_writing(world, submit, handler, smtp):
    case = _assigned_case(world, submit, handler)
    before = Notification.objects.count()
    planned = reminders_run(now=case.due_at - timedelta(hours=1), dry_run=True)
    assert len(planned) == 2
    assert Notification.objects.count() == before
    assert _reminder_mails(smtp, handler.email) == []


def test_the_ppk_follow_up_overdue_reaches_the_recipient_and_the_sender(world):
    case = case_in(world, "rekomendasi_diteruskan")
    assert case.step == "ppk_followup" and case.due_at is not None
    created = reminders_run(now=case.due_at + timedelta(minutes=1), send=False)
    kinds = {r.kind for r in created}
    recipients = {r.recipient for r in created}
    assert kinds == {"followup_overdue"}
    assert world["staff"]["bintan"][Role.PIMPINAN].username in recipients
    assert world["staff"]["bkn"][Role.STAF_PENANGANAN].username in recipients
    assert world["staff"]["lingga"][Role.PIMPINAN].username not in recipients


def test_the_cli_prints_the_issue_shape_and_a_second_run_sends_nothing(world, submit, handler, smtp):
    case = _assigned_case(world, submit, handler)
    moment = (case.due_at - timedelta(hours=1)).isoformat()
    runner = CliRunner()

    first = runner.invoke(app, ["reminders", "run", "--now", moment, "--json"])
    second = runner.invoke(app, ["reminders", "run", "--now", moment, "--json"])

    assert first.exit_code == 0, first.output
    rows = json.loads(first.output)
    assert {tuple(sorted(row)) for row in rows} == {
        ("case_id", "channel", "due", "kind", "recipient", "step")
    }
    assert {row["channel"] for row in rows} == {"in_app", "email"}
    assert datetime.fromisoformat(rows[0]["due"]) == case.due_at
    assert json.loads(second.output) == []
    assert len(_reminder_mails(smtp, handler.email)) == 1


def test_the_cli_refuses_a_bad_moment():
    result = CliRunner().invoke(app, ["reminders", "run", "--now", "kemarin", "--json"])
    assert result.exit_code == 2
    assert "ISO 8601" in result.output
