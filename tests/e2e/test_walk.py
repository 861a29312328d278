"""The Done-when walk of issue 15 in headless Chromium, for both regimes: report -> kajian awal ->
registration -> clarification -> kajian -> decision -> recommendation letter -> sanction.

Receipt and registration fall on different days: the report is filed through the public form and
its receipt is then moved two days back (as if it had waited), so the decision deadline the case
page shows after registration must be netra.law's answer for those facts: Pemilu counts from
registration (UU 7/2017 Pasal 454(7)), Pemilihan from receipt (UU 1/2015 Pasal 134(5)).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from netra.accounts.models import Office, Role, User
from netra.cases.law import local_date
from netra.cases.models import Case, Election, Status
from netra.law import deadlines
from tests.cases.helpers import JPEG
from tests.e2e.test_journeys import PASSWORD, login, record, take, write_kajian
from tests.e2e.test_journeys import world as world  # the fixture: offices and users of the journeys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ELECTIONS = {"pemilu": "Pemilu 2029 (uji)", "pemilihan": "Pemilihan Serentak 2024 (uji)"}


@pytest.fixture
def walk_world(world):
    """The journeys' world plus a national Pemilu and a BKN officer who records the sanction."""
    today = timezone.localdate()
    Election.objects.create(name=ELECTIONS["pemilu"], regime="pemilu", voting_day=today + timedelta(days=60))
    bkn = Office.objects.create(kind=Office.Kind.BKN, name="Badan Kepegawaian Negara", region_code="")
    user = User(
        username="pimpinan.bkn", first_name="Pimpinan", last_name="BKN", office=bkn, role=Role.PIMPINAN
    )
    user.set_password(PASSWORD)
    user.save()
    return world


def file_named_report(page, base: str, regime: str, title: str) -> None:
    page.goto(f"{base}/kasus/lapor/")
    page.check("input[name=identity][value=identitas]")
    page.fill("#id_reporter_name", "Siti Aminah")
    page.fill("#id_reporter_address", "Jl. Raya Kijang No. 5, Bintan")
    page.fill("#id_terlapor_name", "Budi Santoso")
    page.fill("#id_terlapor_agency_name", "Dinas Pendidikan Kabupaten Bintan")
    page.fill("#id_terlapor_position", "Kepala SDN 001 Gunung Kijang")
    page.select_option("#id_election", str(Election.objects.get(name=ELECTIONS[regime]).pk))
    page.fill("#id_title", title)
    page.fill(
        "#id_description", "Dalam rapat dinas kepala sekolah mengajak semua guru memilih pasangan calon."
    )
    three_days_ago = (timezone.localdate() - timedelta(days=3)).isoformat()
    page.fill("#id_occurred_on", three_days_ago)
    page.fill("#id_known_on", three_days_ago)
    page.fill("#id_place", "Ruang guru SDN 001 Gunung Kijang")
    page.select_option("#id_region_province", "21")
    page.wait_for_selector("#id_region_kabkota")
    page.select_option("#id_region_kabkota", "21.01")
    page.wait_for_selector("#id_region_kecamatan")
    page.select_option("#id_region_kecamatan", "21.01.04")
    page.set_input_files(
        "#id_evidence_files", files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": JPEG}]
    )
    page.click("button[type=submit]:has-text('Kirim laporan')")
    page.wait_for_url(f"{base}/kasus/lapor/terkirim/")


def received_two_days_ago(title: str) -> Case:
    case = Case.objects.get(title=title)
    Case.objects.filter(pk=case.pk).update(received_at=case.received_at - timedelta(days=2))
    return Case.objects.get(pk=case.pk)


def shown_deadline(page) -> str:
    return page.locator("[data-testid=deadline-box] time").get_attribute("datetime")[:10]


@pytest.mark.parametrize("regime", ["pemilu", "pemilihan"])
def test_the_walk_with_receipt_and_registration_on_different_days(browser, live_server, walk_world, regime):
    base, title = live_server.url, f"Ajakan memilih dalam rapat dinas ({regime})"
    citizen = browser.new_page(locale="id-ID")
    file_named_report(citizen, base, regime, title)
    case = received_two_days_ago(title)
    assert case.kind == "laporan"

    officer = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    login(officer, base, "pimpinan.bintan")
    officer.goto(f"{base}/kasus/{case.pk}/")
    take(officer, "start_kajian_awal")
    assert officer.locator("[data-testid=blockers-register]").count() == 1  # the guard, reflected
    write_kajian(officer, "awal", ticks=True)
    take(officer, "register")
    case = Case.objects.get(pk=case.pk)
    received = local_date(case.received_at, case.region_code)
    registered = local_date(case.registered_at, case.region_code)
    assert received < registered
    law = deadlines.compute(
        regime=regime, known=case.known_on, received=received, registered=registered, province="21"
    )
    assert shown_deadline(officer) == law.decision.due.isoformat()

    take(officer, "start_klarifikasi")
    when = (timezone.localtime() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    officer.locator("details[data-record=clarification] summary").click()
    officer.select_option("[name=clar-party]", "terlapor")
    record(
        officer,
        "clarification",
        {
            "[name=clar-person_name]": "Budi Santoso",
            "[name=clar-scheduled_at]": when,
            "[name=clar-place]": "Kantor",
        },
    )
    box = officer.locator("details[data-record=clarification_record]")
    box.locator("summary").click()
    attendance = "hadir" if regime == "pemilu" else "tidak_hadir"
    box.locator(f"[name=rec-attendance][value={attendance}]").check()
    record(
        officer, "clarification_record", {"[name=rec-held_at]": when, "[name=rec-record]": "Berita acara."}
    )
    take(officer, "start_kajian")
    write_kajian(officer, "dugaan", facts="Terlapor mengajak guru memilih pasangan calon dalam rapat dinas.")
    take(officer, "decide", outcome="terbukti", violation_code="D-8", reason="Unsur terpenuhi.")
    take(officer, "forward_recommendation", letter_number=f"012/PP.01.02/{regime}/2026")
    assert officer.inner_text("[data-testid=case-status]") == "Rekomendasi diteruskan"
    pdf = officer.locator("[data-testid=letter-links] a").first.get_attribute("href")
    letter = officer.request.get(base + pdf)
    assert letter.status == 200 and letter.body()[:4] == b"%PDF"

    bkn = browser.new_page(locale="id-ID")
    login(bkn, base, "pimpinan.bkn")
    bkn.goto(f"{base}/kasus/{case.pk}/")
    take(
        bkn,
        "record_followup",
        sanction_code="pp94-berat-b",
        imposed_by="Bupati Bintan",
        imposed_on=timezone.localdate().isoformat(),
        letter_number="800/1/BKPSDM/2026",
    )
    assert bkn.inner_text("[data-testid=case-status]") == "Sanksi dijatuhkan"
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.TINDAK_LANJUT and not case.sanction_lighter
    for page in (citizen, officer, bkn):
        page.close()
