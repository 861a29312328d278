"""The journeys of issue 5 in headless Chromium against a live server.

A citizen files an anonymous report with a photo and follows it by receipt code; the Bintan
kabupaten office turns it into a temuan, registers, clarifies, decides and forwards it; the province
sees it; the sibling kabupaten (Lingga) gets 404. Screenshots of the main pages go to
docs/screenshots/ when NETRA_SCREENSHOTS=1.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from netra.accounts.models import Office, Role, User
from netra.cases.models import Case, Election, Status
from netra.registry.models import Region
from tests.cases.helpers import JPEG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Pengawas-Netral-2024!"
REGIONS = [
    ("21", "Kepulauan Riau", 1, "provinsi", None),
    ("21.01", "Kabupaten Bintan", 2, "kabupaten", "21"),
    ("21.01.04", "Gunung Kijang", 3, "kecamatan", "21.01"),
    ("21.01.06", "Bintan Timur", 3, "kecamatan", "21.01"),
    ("21.04", "Kabupaten Lingga", 2, "kabupaten", "21"),
    ("21.04.01", "Singkep", 3, "kecamatan", "21.04"),
]


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions = {}
    for code, name, level, kind, parent in REGIONS:
        regions[code] = Region.objects.create(
            code=code, name=name, level=level, kind=kind, parent=regions.get(parent), timezone="WIB"
        )
    kind = Office.Kind
    ri = Office.objects.create(kind=kind.BAWASLU_RI, name="Bawaslu RI", region_code="")
    kepri = Office.objects.create(
        kind=kind.BAWASLU_PROVINSI,
        name="Bawaslu Provinsi Kepulauan Riau",
        region=regions["21"],
        region_code="21",
        parent=ri,
    )
    offices = {
        "kepri": kepri,
        "bintan": Office.objects.create(
            kind=kind.BAWASLU_KABKOTA,
            name="Bawaslu Kabupaten Bintan",
            region=regions["21.01"],
            region_code="21.01",
            parent=kepri,
        ),
        "lingga": Office.objects.create(
            kind=kind.BAWASLU_KABKOTA,
            name="Bawaslu Kabupaten Lingga",
            region=regions["21.04"],
            region_code="21.04",
            parent=kepri,
        ),
    }
    users = {}
    for key, office in offices.items():
        user = User(
            username=f"pimpinan.{key}",
            first_name="Pimpinan",
            last_name=office.name.split()[-1],
            office=office,
            role=Role.PIMPINAN,
        )
        user.set_password(PASSWORD)
        user.save()
        users[key] = user
    today = timezone.localdate()
    Election.objects.create(
        name="Pemilihan Serentak 2024 (uji)",
        regime="pemilihan",
        voting_day=today + timedelta(days=30),
        campaign_start=today - timedelta(days=30),
    )
    return {"offices": offices, "users": users}


class Shots:
    def __init__(self, directory):
        self.directory = directory

    def __call__(self, page, name: str) -> None:
        page.evaluate("window.scrollTo(0, 0)")  # sticky panels are drawn where the viewport is
        path = self.directory / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


@pytest.fixture
def shot(screenshot_dir):
    return Shots(screenshot_dir)


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_url(f"{base}/kasus/antrean/")


def file_anonymous_report(page, base: str, shot) -> str:
    fill_anonymous_report(page, base)
    panel = page.locator("[data-testid=check-panel]")
    panel.locator("[data-testid=anonymous-warning]").wait_for()
    page.wait_for_function(
        "!document.querySelector('[data-testid=missing-list]') || "
        "!document.querySelector('[data-testid=missing-list]').innerText.includes('Bukti')"
    )
    assert "Masih dalam batas waktu" in panel.inner_text()
    shot(page, "report-form")
    page.click("button[type=submit]:has-text('Kirim laporan')")
    page.wait_for_url(f"{base}/kasus/lapor/terkirim/")
    code = page.inner_text("[data-testid=receipt-code]").strip()
    assert "informasi awal" in page.content()
    shot(page, "receipt")
    return code


def fill_anonymous_report(page, base: str) -> None:
    """The public form filled in as a citizen would, with a photo; not yet sent."""
    page.goto(f"{base}/kasus/lapor/")
    page.check("input[name=identity][value=anonim]")
    page.fill("#id_terlapor_name", "Budi Santoso")
    page.fill("#id_terlapor_agency_name", "Dinas Pendidikan Kabupaten Bintan")
    page.fill("#id_terlapor_position", "Kepala SDN 001 Gunung Kijang")
    page.select_option("#id_election", str(Election.objects.get(name="Pemilihan Serentak 2024 (uji)").pk))
    page.fill("#id_title", "Kepala sekolah mengajak guru memilih pasangan calon")
    page.fill(
        "#id_description",
        "Dalam rapat dinas Senin pagi kepala sekolah mengajak semua guru memilih "
        "pasangan calon nomor 2 dan membagikan stiker.",
    )
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.fill("#id_occurred_on", yesterday)
    page.fill("#id_known_on", yesterday)
    page.fill("#id_place", "Ruang guru SDN 001 Gunung Kijang")
    page.select_option("#id_region_province", "21")
    page.wait_for_selector("#id_region_kabkota")
    page.select_option("#id_region_kabkota", "21.01")
    page.wait_for_selector("#id_region_kecamatan")
    page.select_option("#id_region_kecamatan", "21.01.04")
    attach_photo(page)


def attach_photo(page) -> None:
    page.set_input_files(
        "#id_evidence_files", files=[{"name": "foto-rapat.jpg", "mimeType": "image/jpeg", "buffer": JPEG}]
    )


def track(page, base: str, code: str) -> str:
    page.goto(f"{base}/kasus/lacak/")
    page.fill("#id_code", code)
    page.click("button:has-text('Lihat status')")
    return page.inner_text("[data-testid=track-status]")


def take(page, action: str, **fields) -> None:
    """Open an action on the case page, fill its fields and submit it."""
    box = page.locator(f"details[data-action={action}]")
    box.locator("summary").click()
    for name, value in fields.items():
        selector = f"[name='{action}-{name}']"
        if box.locator(selector).first.evaluate("e => e.tagName") == "SELECT":
            box.locator(selector).select_option(value)
        elif box.locator(selector).first.get_attribute("type") == "radio":
            box.locator(f"{selector}[value='{value}']").check()
        else:
            box.locator(selector).fill(value)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.inner_text("main")


def record(page, kind: str, fields: dict) -> None:
    box = page.locator(f"details[data-record={kind}]")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for selector, value in fields.items():
        box.locator(selector).fill(value)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.inner_text("main")


REQUIREMENTS = (
    "formil_pelapor",
    "formil_terlapor",
    "formil_waktu",
    "materiel_waktu_tempat",
    "materiel_uraian",
    "materiel_bukti",
)


def write_kajian(page, stage: str, *, ticks: bool = False, facts: str = "") -> None:
    """The kajian form on the case page: the awal with its syarat ticked, the dugaan with its facts."""
    box = page.locator("details[data-record=kajian]")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.locator("[name=kajian-stage]").select_option(stage)
    if ticks:
        for name in REQUIREMENTS:
            if box.locator(f"[name=kajian-{name}]").count():
                box.locator(f"[name=kajian-{name}]").check()
    if facts:
        box.locator("[name=kajian-facts]").fill(facts)
    box.locator("[name=kajian-analysis]").fill("Analisis atas bukti dan keterangan.")
    box.locator("[name=kajian-conclusion]").fill("Kesimpulan kajian.")
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.inner_text("main")


def handle_as_kabupaten(page, base: str, shot) -> Case:
    login(page, base, "pimpinan.bintan")
    page.click("text=Kepala sekolah mengajak guru memilih pasangan calon")
    take(page, "make_temuan", reason="Ditelusuri: rapat dinas benar terjadi, dua guru membenarkan.")
    temuan = Case.objects.get(kind="temuan")
    page.goto(f"{base}/kasus/{temuan.pk}/")
    take(page, "start_kajian_awal")
    write_kajian(page, "awal", ticks=True)
    take(page, "register")
    take(page, "start_klarifikasi")
    when = (timezone.localtime() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    page.locator("details[data-record=clarification] summary").click()
    page.select_option("[name=clar-party]", "terlapor")
    record(
        page,
        "clarification",
        {
            "[name=clar-person_name]": "Budi Santoso",
            "[name=clar-scheduled_at]": when,
            "[name=clar-place]": "Kantor Bawaslu Kabupaten Bintan",
        },
    )
    record(
        page,
        "clarification_record",
        {"[name=rec-held_at]": when, "[name=rec-record]": "Terlapor mengakui ajakan dalam rapat."},
    )
    take(page, "start_kajian")
    write_kajian(page, "dugaan", facts="Dalam rapat dinas terlapor mengajak guru memilih pasangan calon.")
    take(
        page,
        "decide",
        outcome="terbukti",
        violation_code="D-8",
        reason="Terlapor mengadakan kegiatan yang mengarah pada keberpihakan kepada pasangan calon.",
    )
    take(page, "forward_recommendation", letter_number="012/PP.01.02/K.KR-01/XI/2024")
    assert page.inner_text("[data-testid=case-status]") == "Rekomendasi diteruskan"
    shot(page, "case-page")
    page.goto(f"{base}/kasus/antrean/")
    shot(page, "queue")
    return temuan


def test_report_to_recommendation_across_offices(browser, live_server, world, shot):
    base = live_server.url
    citizen = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    citizen.goto(base + "/")
    shot(citizen, "home")
    code = file_anonymous_report(citizen, base, shot)
    assert track(citizen, base, code) == "Informasi awal"
    tip = Case.objects.get(kind="informasi_awal")
    assert tip.evidence.get().original_name == "foto-rapat.jpg"

    officer = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    temuan = handle_as_kabupaten(officer, base, shot)
    temuan.refresh_from_db()
    assert temuan.status == Status.REKOMENDASI_DITERUSKAN and temuan.register_number
    assert temuan.evidence.get().sha256 == tip.evidence.get().sha256

    assert track(citizen, base, code.replace("-", "").lower()) == "Dijadikan temuan"
    shot(citizen, "tracking")

    province = browser.new_page(locale="id-ID")
    login(province, base, "pimpinan.kepri")
    province.goto(f"{base}/kasus/")
    province.click(f"text={temuan.title}")
    assert province.inner_text("[data-testid=handling-office]") == "Bawaslu Kabupaten Bintan"
    assert province.locator("[data-testid=no-actions]").count() == 1

    sibling = browser.new_page(locale="id-ID")
    login(sibling, base, "pimpinan.lingga")
    assert sibling.goto(f"{base}/kasus/{temuan.pk}/").status == 404
    sibling.goto(f"{base}/kasus/")
    assert temuan.title not in sibling.inner_text("main")
    for page in (citizen, officer, province, sibling):
        page.close()


def test_language_switch_to_english_and_back(browser, live_server, world):
    page = browser.new_page(locale="id-ID")
    page.goto(live_server.url + "/kasus/lapor/")
    page.click(".lang-switch button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert "Report" in page.inner_text("h1")
    page.click(".lang-switch button[value=id]")
    page.wait_for_selector("html[lang=id]")
    assert "Laporkan" in page.inner_text("h1")
    page.close()
