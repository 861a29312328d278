"""The proof-of-work challenge past the public intake limit (netra.core.ratelimit, static pow.js) in
headless Chromium: the report form and the tracking page solve it in the browser and go through; a
browser without JavaScript gets the accessible message saying how long to wait, and keeps what was
typed."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

from netra.cases import services
from netra.cases.models import Case, Election
from tests.cases.helpers import photo, report_data
from tests.e2e.test_journeys import attach_photo, fill_anonymous_report, world  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BITS = 14  # real work for pow.js (about 16,000 hashes on average), quick enough for CI


@pytest.fixture
def limited(settings):
    """One request a day per address, then the challenge; the count starts from nothing."""
    settings.NETRA_PUBLIC_REPORT_RATE = settings.NETRA_TRACK_RATE = "1/d"
    settings.NETRA_CHALLENGE_BITS = BITS
    cache.clear()
    yield
    cache.clear()


def exhaust(path: str, data: dict) -> None:
    """Spend the address's one allowed request (the live server and this client share 127.0.0.1 and
    the cache)."""
    Client().post(path, data)


def solved_by_the_page(page) -> str:
    challenge = page.locator("[data-testid=challenge]")
    assert challenge.get_attribute("role") == "alert"
    # A locator assertion, not wait_for_function: the page's CSP forbids evaluating a string.
    expect(page.locator("[data-pow-nonce]")).not_to_have_value("", timeout=60_000)
    status = page.inner_text("[data-pow-status]")
    assert "Selesai" in status
    return page.input_value("[data-pow-nonce]")


def test_the_report_form_solves_the_challenge_and_is_received(browser, live_server, world, limited):  # noqa: F811
    exhaust("/kasus/lapor/", {"description": "spam"})
    before = Case.objects.count()
    context = browser.new_context()
    page = context.new_page()
    fill_anonymous_report(page, live_server.url)
    answer = None

    def remember(response):
        nonlocal answer
        if response.request.method == "POST" and response.url.endswith("/kasus/lapor/"):
            answer = response.status

    page.on("response", remember)
    page.click("button[type=submit]:has-text('Kirim laporan')")
    page.locator("[data-testid=challenge]").wait_for()
    assert answer == 429 and Case.objects.count() == before
    nonce = solved_by_the_page(page)
    assert nonce.isdigit()
    assert page.input_value("#id_place") == "Ruang guru SDN 001 Gunung Kijang"  # the form kept the input
    attach_photo(page)  # a browser never re-sends a file: the page says so and asks for it again
    page.click("button[type=submit]:has-text('Kirim laporan')")
    page.wait_for_url(f"{live_server.url}/kasus/lapor/terkirim/")
    code = page.inner_text("[data-testid=receipt-code]").strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){2}", code)
    assert Case.objects.count() == before + 1
    context.close()


def test_without_javascript_the_form_says_how_long_to_wait(browser, live_server, world, limited):  # noqa: F811
    exhaust("/kasus/lapor/", {"description": "spam"})
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/kasus/lapor/")
    page.fill("#id_description", "Camat mengajak kepala desa mendukung calon tertentu.")
    page.click("button[type=submit]:has-text('Kirim laporan')")
    notice = page.locator("[data-testid=challenge]")
    notice.wait_for()
    text = notice.inner_text()
    assert re.search(r"Tanpa JavaScript: tunggu \d+ detik, lalu kirim lagi", text), text
    assert notice.get_attribute("role") == "alert"
    assert page.input_value("#id_description") == "Camat mengajak kepala desa mendukung calon tertentu."
    assert page.input_value("[data-pow-nonce]") == ""  # nothing solved it
    context.close()


def test_the_tracking_page_solves_the_challenge_and_shows_the_status(browser, live_server, world, limited):  # noqa: F811
    data = report_data(Election.objects.get(), anonymous=True)
    case, code = services.laporan_submit_public(data=data, files=[photo()])
    exhaust("/kasus/lacak/", {"code": "XXXX"})
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/kasus/lacak/")
    page.fill("#id_code", code)
    page.click("button:has-text('Lihat status')")
    page.locator("[data-testid=challenge]").wait_for()
    assert page.locator("[data-testid=track-status]").count() == 0
    solved_by_the_page(page)
    assert page.input_value("#id_code") == code
    page.click("button:has-text('Lihat status')")
    page.locator("[data-testid=track-status]").wait_for()
    assert page.inner_text("[data-testid=track-status]").strip() == case.get_status_display()
    context.close()
