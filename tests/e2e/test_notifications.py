"""Issue 13 in the browser: an officer sees the deadline reminder in the bell and gets it by email
before the deadline; the reporter gets the registration email; the notice board shows the status.
Email goes to a local SMTP server (aiosmtpd), never a real one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from netra.cases import services as case_services
from netra.cases.models import Case, Election
from netra.cli import app
from netra.notifications.tasks import reminders_send
from tests.cases.helpers import photo, report_data
from tests.e2e.test_journeys import login, take, world, write_kajian  # noqa: F401
from tests.e2e.test_phone_and_a11y import axe_violations, sideways
from tests.notifications.conftest import decoded, smtp, smtp_server  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OFFICER_EMAIL = "pimpinan@bintan.example"
REPORTER_EMAIL = "siti.aminah@warga.example"


def _report_assigned_to(officer) -> Case:
    election = Election.objects.get(name="Pemilihan Serentak 2024 (uji)")
    data = report_data(election, reporter_email=REPORTER_EMAIL)
    case, _code = case_services.laporan_submit_public(data=data, files=[photo()])
    return case_services.case_assign(user=officer, case=case, assignee=officer)


def _check_phone_page(page, label: str) -> None:
    assert sideways(page) <= 0, label
    assert axe_violations(page) == [], label


def test_officer_reminder_and_reporter_registration_email(browser, live_server, world, smtp, settings):  # noqa: F811
    settings.MEDIA_ROOT = settings.DATA_DIR / "e2e-media"
    officer = world["users"]["bintan"]
    officer.email = OFFICER_EMAIL
    officer.save()
    case = _report_assigned_to(officer)
    # Two hours before the deadline: moved here so the reminder is due now (the law's date is days away).
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() + timedelta(hours=2))
    reminders_send.call()  # what the scheduler enqueues every minute inside `netra worker`

    reminders = [m for m in map(decoded, smtp.to(OFFICER_EMAIL)) if "Batas waktu" in m.splitlines()[0]]
    assert len(reminders) == 1 and case.title in reminders[0]

    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    base = live_server.url
    login(page, base, "pimpinan.bintan")
    page.wait_for_selector("[data-testid=bell-count]")
    assert int(page.inner_text("[data-testid=bell-count]")) >= 1
    page.click("[data-testid=bell]")
    page.wait_for_url(f"{base}/notifikasi/")
    kinds = page.locator("[data-testid=notification]").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert any(kind in ("deadline_today", "deadline_24h") for kind in kinds)
    _check_phone_page(page, "pemberitahuan")
    page.goto(f"{base}/notifikasi/pengaturan/")
    _check_phone_page(page, "pengaturan pemberitahuan")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/kasus/{case.pk}/")
    take(page, "start_kajian_awal")
    write_kajian(page, "awal", ticks=True)
    take(page, "register")
    result = CliRunner().invoke(app, ["worker", "--burst"])  # sends what the registration queued
    assert result.exit_code == 0, result.output

    case.refresh_from_db()
    mails = [decoded(text) for text in smtp.to(REPORTER_EMAIL)]
    assert len(mails) == 1
    assert case.receipt_display in mails[0] and case.register_number in mails[0]
    for identity in ("Siti Aminah", "Budi Santoso", officer.get_full_name(), officer.username):
        assert identity not in mails[0]

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/pengumuman/{case.office_id}/")
    assert case.register_number in page.inner_text("[data-testid=notices]")
    assert "Budi Santoso" not in page.inner_text("main")
    assert page.locator("[data-testid=notice-letter]").count() == 1  # the letter the burst issued
    _check_phone_page(page, "papan pengumuman")
    page.close()
