"""Issue 12's triage journey in headless Chromium: a Bawaslu Bintan officer opens "Pemantauan", sees
the flagged posts of the territory (not Lingga's), opens one with its cues marked, makes it a temuan
in one step and finds the new case in the case queue with the item as evidence."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from netra.accounts.models import Role
from netra.accounts.services import user_create
from netra.monitoring.models import Item, Source
from netra.registry.models import Agency, Pegawai
from netra.registry.services.counters import counter_bump
from tests.e2e.test_journeys import PASSWORD, login, world  # noqa: F401
from tests.e2e.test_phone_and_a11y import axe_violations, sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST = "Ayo dukung paslon nomor 2 di Pilkada Bintan, semua guru wajib hadir kampanye Sabtu ini!"


def _item(source, n: int, **fields) -> Item:
    now = timezone.now()
    values = {
        "kind": Item.Kind.POST,
        "content_hash": hashlib.sha256(f"e2e-{n}".encode()).hexdigest(),
        "platform": "facebook",
        "author_handle": f"akun.{n}",
        "author_name": f"Akun {n}",
        "text": "Selamat pagi Bintan, cuaca cerah hari ini.",
        "posted_at": now - timedelta(hours=5),
        "received_at": now - timedelta(hours=4),
        "state": Item.State.DONE,
        "processed_at": now,
        "office": source.office,
        "region_id": "21.01.04",
        "region_code": "21.01.04",
        "priority": 1.0,
        "score": 0.05,
    }
    values.update(fields)
    return Item.objects.create(source=source, **values)


@pytest.fixture
def monitoring_world(world):  # noqa: F811 - the journeys' world (Kepri offices, an election)
    pemkab = Agency.objects.create(name="Pemerintah Kabupaten Bintan", kind="pemkab", region_id="21.01")
    siti = Pegawai.objects.create(
        full_name="Siti Rahmawati",
        name_normalized="siti rahmawati",
        nip="198001012005012001",
        agency=pemkab,
        region_id="21.01.04",
        employment_type="PNS",
        position="Guru",
    )
    counter_bump()
    officer = user_create(
        username="pengawas.bintan",
        password=PASSWORD,
        office=world["offices"]["bintan"],
        role=Role.PENGAWAS,
        full_name="Pengawas Bintan",
        actor="test",
    )
    bintan = Source.objects.create(
        name="Ekspor Facebook Bintan", kind="upload", office=world["offices"]["bintan"]
    )
    lingga = Source.objects.create(name="Ekspor Lingga", kind="upload", office=world["offices"]["lingga"])
    flagged = _item(
        bintan,
        1,
        author_handle="siti.rahma",
        author_name="Siti Rahmawati",
        author_bio="Guru SD di Gunung Kijang",
        text=POST,
        url="http://127.0.0.1:9/siti.rahma/posts/1",  # a private address: kept as a link
        score=0.91,
        priority=95.0,
        violation_code="D-6",
        indicator="partisan",
        reason="paslon nomor 2",
        cues=[
            {"start": 4, "end": 10, "field": "text", "kind": "support"},
            {"start": 11, "end": 25, "field": "text", "kind": "candidate"},
        ],
        author_matches=[
            {
                "pegawai_id": siti.pk,
                "name": siti.full_name,
                "nip": siti.nip,
                "agency": pemkab.pk,
                "score": 0.97,
                "namesakes": 1,
            }
        ],
    )
    _item(bintan, 2)
    _item(
        lingga,
        3,
        text="Unggahan dari Lingga yang bukan urusan Bintan.",
        region_id="21.04",
        region_code="21.04",
        office=world["offices"]["lingga"],
        priority=99.0,
    )
    return {"user": officer, "flagged": flagged, "siti": siti}


def test_officer_turns_a_flagged_post_into_a_temuan(browser, live_server, monitoring_world):
    base, flagged = live_server.url, monitoring_world["flagged"]
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    login(page, base, "pengawas.bintan")
    page.click("[data-testid=nav-monitoring]")
    page.wait_for_selector("[data-testid=monitoring-queue]")
    rows = page.locator("[data-testid=queue-item]")
    assert rows.count() == 2  # Bintan's two items, not Lingga's
    first = rows.nth(0).inner_text()
    assert "@siti.rahma" in first and "D-6" in first and "Siti Rahmawati" in first
    assert sideways(page) <= 0 and axe_violations(page) == []

    page.select_option("#id_watched", "ya")  # htmx: the table is replaced, the URL follows
    page.wait_for_selector("[data-testid=queue-item]", state="detached")
    assert "watched=ya" in page.url
    page.select_option("#id_watched", "")
    page.wait_for_selector("[data-testid=queue-item]")
    assert page.locator("[data-testid=queue-item]").count() == 2

    page.click("[data-testid=queue-item] >> nth=0 >> a")
    page.wait_for_selector("[data-testid=item-text]")
    marks = page.locator("[data-testid=item-text] mark")
    assert [marks.nth(i).inner_text() for i in range(marks.count())] == ["dukung", "paslon nomor 2"]
    assert "Siti Rahmawati" in page.inner_text("[data-testid=roster-candidates]")
    assert sideways(page) <= 0 and axe_violations(page) == []

    page.click("[data-testid=make-temuan]")
    page.wait_for_selector("[data-testid=monitoring-origin]")
    case_url = page.url
    assert "Berasal dari pemantauan" in page.inner_text("[data-testid=monitoring-origin]")
    evidence = page.inner_text("[data-testid=evidence-list]")
    assert f"butir-pemantauan-{flagged.pk}.json" in evidence and flagged.url in evidence
    assert "Siti Rahmawati" in page.inner_text("main")
    assert axe_violations(page) == []

    page.click("nav.mainnav >> text=Antrean saya")
    page.wait_for_selector("[data-testid=case-table]")
    link = page.locator("[data-testid=case-table] a", has_text="@siti.rahma")
    assert link.count() == 1
    link.click()
    assert page.url == case_url

    page.click("[data-testid=monitoring-origin] a")
    assert "Dijadikan temuan" in page.inner_text("[data-testid=item-triage]")
    page.close()


def test_watched_accounts_page_fits_a_phone_and_passes_axe(browser, live_server, monitoring_world):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    login(page, live_server.url, "pengawas.bintan")
    page.goto(f"{live_server.url}/pemantauan/akun/")
    page.fill("#id_handle", "@siti.rahma")
    page.fill("#id_roster_q", "Siti")
    page.wait_for_selector("#id_pegawai option:nth-child(2)", state="attached")
    page.select_option("#id_pegawai", str(monitoring_world["siti"].pk))
    page.click("text=Tambah akun >> nth=-1")
    page.wait_for_selector("[data-testid=watched-accounts] >> text=@siti.rahma")
    assert sideways(page) <= 0 and axe_violations(page) == []
    page.close()
