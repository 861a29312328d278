"""Issue 14's journey in headless Chromium: a new officer records a socialisation with its attendance
file and a pledge with its signatories file, sees the coverage of the agency and the region, sees on a
case that the terlapor signed, and a citizen finds the pledge on the public page by its QR code URL."""

import pytest

from netra.accounts.models import Role
from netra.accounts.services import user_create
from netra.cases import services as case_services
from netra.cases.models import Election
from netra.prevention.services import pledge_templates_ensure
from netra.registry.models import Agency, Pegawai
from netra.registry.services.counters import counter_bump
from tests.cases.helpers import JPEG
from tests.e2e.test_journeys import PASSWORD, world  # noqa: F401
from tests.e2e.test_phone_and_a11y import axe_violations, sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STAFF = [
    ("Siti Rahmawati", "198001012005012001"),
    ("Dewi Lestari", "199001012015032005"),
    ("Budi Santoso", "198203042006041002"),
    ("Rudi Hartono", "198707072011011006"),
]


@pytest.fixture
def prevention_world(world):  # noqa: F811 - the journeys' world (Kepri offices, an election)
    pemkab = Agency.objects.create(name="Pemerintah Kabupaten Bintan", kind="pemkab", region_id="21.01")
    people = [
        Pegawai.objects.create(
            full_name=name,
            name_normalized=name.lower(),
            nip=nip,
            agency=pemkab,
            region_id="21.01.04",
            employment_type="PNS",
        )
        for name, nip in STAFF
    ]
    counter_bump()
    pledge_templates_ensure()
    newcomer = user_create(
        username="baru.bintan",
        password=PASSWORD,
        office=world["offices"]["bintan"],
        role=Role.PENGAWAS,
        full_name="Pengawas Baru",
        actor="test",
    )
    election = Election.objects.get()
    data = {
        "election": election.pk,
        "region": "21.01.04",
        "description": "ASN mengajak memilih pasangan calon di rapat.",
        "reporter_name": "Warga",
        "reporter_address": "Kijang",
        "terlapor_name": "Siti Rahmawati",
        "terlapor_subject_type": "PNS",
        "terlapor_agency_name": "Pemerintah Kabupaten Bintan",
        "occurred_on": election.campaign_start,
        "known_on": election.campaign_start,
    }
    case, _code = case_services.laporan_submit_public(data=data, files=[])
    case.terlapor.update(pegawai=people[0])
    return {"user": newcomer, "case": case, "election": election, "agency": pemkab}


def _list(tmp_path, name: str, rows: list[tuple[str, str]]):
    path = tmp_path / name
    path.write_text(
        "nama,nip,instansi\n" + "".join(f"{n},{nip},Pemkab Bintan\n" for n, nip in rows), encoding="utf-8"
    )
    return str(path)


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_url(f"{base}/kasus/antrean/")


def _record_event(page, base, tmp_path, election) -> None:
    page.click("nav.mainnav >> text=Pencegahan")
    page.click("[data-testid=event-new]")
    page.select_option("#id_kind", "sosialisasi")
    page.fill("#id_title", "Sosialisasi Netralitas ASN Pemkab Bintan")
    page.select_option("#id_participation", "organised")
    page.select_option("#id_organiser_kind", "bawaslu")
    page.fill("#id_organiser_name", "Bawaslu Kabupaten Bintan")
    page.fill("#id_held_on", "2024-09-10")
    page.fill("#id_region", "21.01")
    page.select_option("#id_election", str(election.pk))
    material = tmp_path / "materi.jpg"
    material.write_bytes(JPEG)
    page.set_input_files("#id_documents", str(material))
    page.click("[data-testid=event-form] button[type=submit]")
    page.wait_for_selector("[data-testid=event-title]")
    assert "SHA-256" in page.inner_text("[data-testid=documents]")
    bad = _list(tmp_path, "salah.csv", [("Siti Rahmawati", "123")])
    page.set_input_files("[data-testid=import-form] input[type=file]", bad)
    page.click("[data-testid=import-form] button[type=submit]")
    assert "nip" in page.inner_text("[data-testid=import-errors]")
    good = _list(tmp_path, "hadir.csv", [(n, nip) for n, nip in STAFF[1:3]])
    page.set_input_files("[data-testid=import-form] input[type=file]", good)
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-done]")
    assert page.locator("[data-testid=match-status]").count() == 2


def _record_pledge(page, tmp_path, election) -> str:
    page.click("nav.mainnav >> text=Pencegahan")
    page.click("[data-testid=pledge-new]")
    page.select_option("#id_kind", "ikrar")
    page.fill("#id_title", "Ikrar Netralitas ASN Pemkab Bintan")
    page.fill("#id_agency", "Pemerintah Kabupaten Bintan")
    page.select_option("#id_election", str(election.pk))
    page.fill("#id_made_on", "2024-09-30")
    page.fill("#id_region", "21.01")
    page.select_option("#id_method", "signed_all")
    page.select_option("#id_template", index=1)
    page.click("[data-testid=pledge-form] button[type=submit]")
    page.wait_for_selector("[data-testid=pledge-title]")
    signed = _list(tmp_path, "ttd.csv", [(n, nip) for n, nip in STAFF[:3]])
    page.set_input_files("[data-testid=import-form] input[type=file]", signed)
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-done]")
    return page.url


def test_officer_records_event_and_pledge_sees_coverage_and_case_and_public_finds_it(
    browser, live_server, prevention_world, tmp_path
):
    base, election = live_server.url, prevention_world["election"]
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    _login(page, base, "baru.bintan")
    _record_event(page, base, tmp_path, election)
    _record_pledge(page, tmp_path, election)

    page.click("[data-testid=agency-coverage-link]")
    assert page.inner_text("[data-testid=coverage-workforce]") == "4"
    assert page.inner_text("[data-testid=coverage-pledged]") == "3"
    assert page.inner_text("[data-testid=coverage-socialised]") == "2"
    assert sideways(page) <= 0 and axe_violations(page) == []

    page.goto(f"{base}/pencegahan/cakupan/?region=21.01&election={election.pk}")
    assert page.inner_text("[data-testid=coverage-pledged-share]") == "75%"
    page.goto(f"{base}/registri/wilayah/21.01/")
    assert "3 menandatangani ikrar" in page.inner_text("[data-testid=region-prevention-card]")

    page.goto(f"{base}/kasus/{prevention_world['case'].pk}/")
    mark = page.inner_text("[data-testid=terlapor-prevention]")
    assert "Menandatangani" in mark and "Ikrar Netralitas ASN Pemkab Bintan" in mark and "2024" in mark

    page.click("nav.mainnav >> text=Pencegahan")
    page.click("[data-testid=pledge-table] a")
    page.click("[data-testid=pledge-print-link]")
    assert page.locator("[data-testid=pledge-qr]").evaluate("img => img.naturalWidth") > 0
    verify_url = page.inner_text("[data-testid=pledge-verify-url]")

    citizen = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    citizen.goto(verify_url)
    assert citizen.is_visible("[data-testid=pledge-verified]")
    assert citizen.inner_text("[data-testid=public-pledge-agency]") == "Pemerintah Kabupaten Bintan"
    body = citizen.inner_text("main")
    assert "Siti Rahmawati" not in body and "Dewi Lestari" not in body
    assert sideways(citizen) <= 0 and axe_violations(citizen) == []
    citizen.goto(f"{base}/pencegahan/publik/?q=Bintan")
    citizen.click("[data-testid=public-agencies] a")
    assert "Ikrar Netralitas ASN Pemkab Bintan" in citizen.inner_text("[data-testid=public-pledges]")
    assert axe_violations(citizen) == []
    citizen.close()
    page.close()


PAGES = [
    "/pencegahan/",
    "/pencegahan/kegiatan/",
    "/pencegahan/kegiatan/baru/",
    "/pencegahan/ikrar/",
    "/pencegahan/ikrar/baru/",
    "/pencegahan/cakupan/?region=21",
    "/pencegahan/publik/?q=Bintan",
    "/pencegahan/publik/wilayah/21.01/",
]


def test_prevention_pages_fit_a_phone_and_pass_axe(browser, live_server, prevention_world):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    _login(page, live_server.url, "baru.bintan")
    problems = []
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        if (extra := sideways(page)) > 0:
            problems.append(f"{path}: {extra} px too wide")
        if found := axe_violations(page):
            problems.append(f"{path}: axe {found}")
    page.close()
    assert problems == []
