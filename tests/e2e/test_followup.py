"""Issue 13, follow-up compliance in headless Chromium: a PPK lets the service target pass, gets the
surat permintaan tindak lanjut and then the surat teguran (time is driven through the escalation
service's ``now``, as ``netra compliance escalate --now`` does), and BKN's compliance page counts the
recommendation as overdue. The pages fit a 390 px phone and pass axe."""

from datetime import timedelta

import pytest

from netra.accounts.models import Role
from netra.cases.services.followup import followup_escalate_due
from tests.cases.conftest import (  # noqa: F401 - the case tests' world, as fixtures
    PASSWORD,
    agencies,
    elections,
    make_user,
    media,
    offices,
    regions,
    staff,
    world,
)
from tests.cases.helpers import case_in
from tests.e2e.test_phone_and_a11y import axe_violations, sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _login(browser, base: str, user):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    page.goto(f"{base}/akun/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_url(f"{base}/kasus/antrean/")
    return page


def _letter_kinds(page) -> list[str]:
    return page.locator("[data-testid=issued-letters] tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.kind)"
    )


def _fits_and_passes_axe(page, label: str) -> None:
    assert sideways(page) <= 0, f"{label} scrolls sideways at 390 px"
    assert axe_violations(page) == [], label


def test_ppk_target_passes_then_request_then_reprimand_and_bkn_counts_it_overdue(
    browser,
    live_server,
    world,  # noqa: F811
):
    case = case_in(world, "rekomendasi_diteruskan")
    clock = case.recommendations.get().clock
    base = live_server.url
    ppk = _login(browser, base, world["staff"]["ppk_bintan"][Role.PIMPINAN])

    ppk.goto(f"{base}/kasus/{case.pk}/")
    followup = ppk.locator(f"[data-testid=followup-{clock.recommendation_id}]")
    assert "Belum ditindaklanjuti" in followup.locator("[data-testid=followup-state]").inner_text()
    assert _letter_kinds(ppk) == ["penerusan_rekomendasi"]
    # The PPK says the case is being processed; that does not stop the clock (no decision yet).
    followup.locator("select[name$=state]").select_option("dalam_proses")
    followup.locator("button[type=submit]").click()
    ppk.wait_for_load_state()
    assert "Dalam proses" in ppk.locator("[data-testid=followup-state]").inner_text()
    _fits_and_passes_axe(ppk, "case page (PPK)")

    # The service target passes: the permintaan tindak lanjut is issued to the PPK.
    followup_escalate_due(now=clock.due_at + timedelta(minutes=1))
    ppk.reload()
    assert _letter_kinds(ppk) == ["penerusan_rekomendasi", "permintaan_tindak_lanjut"]
    assert "permintaan tindak lanjut" in ppk.locator("[data-testid=followup-escalation]").inner_text()
    href = ppk.locator("tr[data-kind=permintaan_tindak_lanjut] a", has_text="PDF").get_attribute("href")
    download = ppk.request.get(f"{base}{href}")
    assert download.status == 200 and download.body().startswith(b"%PDF")

    # The second lapse: the teguran to the PPK and the request to BKN to block the data in SIASN.
    clock.refresh_from_db()
    followup_escalate_due(now=clock.next_due_at + timedelta(minutes=1))
    ppk.reload()
    assert _letter_kinds(ppk) == [
        "penerusan_rekomendasi",
        "permintaan_tindak_lanjut",
        "teguran",
        "permintaan_blokir",
    ]
    addressee = ppk.locator("tr[data-kind=teguran] td").nth(2).inner_text()
    assert "Pejabat Pembina Kepegawaian Pemerintah Kabupaten Bintan" in addressee

    bkn = _login(browser, base, world["staff"]["bkn"][Role.PIMPINAN])
    bkn.click("[data-testid=compliance-link]")
    bkn.wait_for_url(f"{base}/kasus/kepatuhan/")
    assert bkn.locator("[data-testid=compliance-overdue]").inner_text().strip() == "1"
    assert bkn.locator("[data-testid=compliance-escalations]").inner_text().strip() == "2"
    row = bkn.locator("[data-testid=compliance-table] tbody tr").first
    assert "Pemerintah Kabupaten Bintan" in row.inner_text()
    assert row.locator("[data-testid=agency-overdue]").inner_text().strip() == "1"
    _fits_and_passes_axe(bkn, "compliance page (BKN)")


def test_office_sets_its_target_and_wording_on_a_phone(browser, live_server, world):  # noqa: F811
    base = live_server.url
    head = _login(browser, base, world["staff"]["bintan"][Role.PIMPINAN])
    head.goto(f"{base}/kasus/kepatuhan/")
    head.fill("input[name=days]", "10")
    head.select_option("select[name=unit]", "hari_kerja")
    head.click("#target-title ~ form button[type=submit]")
    head.wait_for_url(f"{base}/kasus/kepatuhan/")
    assert "10 hari kerja" in head.locator("[data-testid=current-target]").inner_text()
    _fits_and_passes_axe(head, "compliance page (Bawaslu)")
    head.goto(f"{base}/kasus/templat-surat/teguran/")
    head.fill("textarea[name=opening]", "Nomor {rahasia}")
    head.click("form.card button[type=submit]")
    assert "rahasia" in head.locator("#field-opening").inner_text()
    head.fill("textarea[name=opening]", "Dengan hormat, {kantor} menyampaikan teguran.")
    head.click("form.card button[type=submit]")
    head.wait_for_url(f"{base}/kasus/templat-surat/teguran/")
    assert head.locator("textarea[name=opening]").input_value().startswith("Dengan hormat")
    _fits_and_passes_axe(head, "letter template page")
