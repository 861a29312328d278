"""Issue 12 point 6 in headless Chromium: a Bintan officer opens *Pemilihan* from the menu, adds a
party and a pair for the Pilbup Bintan, sees a refusal in Bahasa Indonesia, checks a file with a dry
run (htmx) and imports it; the page passes axe (WCAG 2.1 AA) and does not scroll sideways on a phone."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from netra.cases.elections import scoring_config
from netra.cases.models import Election
from tests.e2e.test_journeys import login, world  # noqa: F401
from tests.e2e.test_phone_and_a11y import axe_violations, sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BINTAN_FILE = """
region_code = "21.01"
level = "bupati"
[[parties]]
name = "Partai Pesisir Raya"
abbreviations = ["PPR"]
[[candidates]]
number = 1
names = ["Fauzan Hakim", "Lestari Ningsih"]
parties = ["PPR"]
[[candidates]]
number = 2
names = ["Rizaldi Effendi"]
"""


def test_officer_configures_the_pilbup_from_the_menu(browser, live_server, world, tmp_path):  # noqa: F811
    election = Election.objects.get(name="Pemilihan Serentak 2024 (uji)")
    Election.objects.filter(pk=election.pk).update(penetapan_calon=dt.date.today() - dt.timedelta(days=40))
    base = live_server.url
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    login(page, base, "pimpinan.bintan")
    page.click("nav.mainnav >> text=Pemilihan")
    page.click(f"text={election.name}")
    assert "belum punya konfigurasi calon" in page.content()

    page.fill("#new-area-code", "21.01")
    page.click("text=Tambah calon di wilayah ini")
    page.fill("#id_number", "1")
    page.fill("#id_names", "Fauzan Hakim\nLestari Ningsih")
    page.fill("#id_parties", "Partai Antah")
    page.click("[data-testid=election-form] button[type=submit]")
    assert "menyebut partai yang belum terdaftar: Partai Antah" in page.content()
    page.fill("#id_parties", "")
    page.fill("#id_colour", "#2E8B57")
    page.click("[data-testid=election-form] button[type=submit]")
    area = page.locator("[data-testid=election-area][data-region='21.01']")
    assert "Fauzan Hakim; Lestari Ningsih" in area.inner_text()
    assert axe_violations(page) == []
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => !e.closest('.table-wrap') && "
        "e.getBoundingClientRect().right > "
        "window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ':' + "
        "Math.round(e.getBoundingClientRect().right))"
    )
    assert sideways(page) == 0, wide

    upload = Path(tmp_path) / "bintan.toml"
    upload.write_text(BINTAN_FILE, encoding="utf-8")
    page.set_input_files("#id_file", str(upload))
    page.click("text=Periksa dan impor")  # dry run is ticked by default
    page.wait_for_selector("[data-testid=import-outcome]")
    assert "uji coba" in page.inner_text("[data-testid=import-outcome]")
    assert [c.number for c in scoring_config(election, "21.01").candidates] == [1]
    page.set_input_files("#id_file", str(upload))
    page.uncheck("#id_dry_run")
    page.click("text=Periksa dan impor")
    # The dry run's outcome says "belum disimpan" too: wait until it is replaced by the import's.
    expect(page.locator("[data-testid=import-outcome]")).not_to_contain_text("uji coba")
    config = scoring_config(election, "21.01.04")
    assert [c.number for c in config.candidates] == [1, 2] and config.candidate(1).parties == ("PPR",)
    page.close()
