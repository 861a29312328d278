"""The statistics in a browser, on the demo data: the dashboard, a region clicked on the map (tile
grid without boundaries, choropleth with them) landing on its cases, an export download, and the
index page explaining Bintan's score."""

import csv
import io
import json

import pytest
from playwright.sync_api import expect

from netra.accounts.models import User
from netra.accounts.services_twofactor import twofactor_demo_code
from netra.analytics import services
from netra.cases.demo import DEMO_PASSWORD, demo_load
from netra.cases.models import Case
from netra.registry.services.geo import boundaries_import
from tests.e2e.test_phone_and_a11y import axe_violations, sideways

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(roster_size=300, log=lambda *_: None)


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("[data-testid=login-form] button[type=submit]")
    # The demo pre-enrols every account's authenticator (2FA is required of staff): the second step
    # takes the code `netra accounts demo-code` would print.
    page.wait_for_url("**/akun/masuk/kode/**")
    user = User.objects.get(username=username)
    page.fill("[data-testid=otp-form] input[name=code]", twofactor_demo_code(user=user) or "")
    page.click("[data-testid=otp-form] button[type=submit]")
    page.wait_for_url(f"{base}/kasus/antrean/")


def _listed(page) -> int:
    return int(page.inner_text("[data-testid=result-count]").split()[0].replace(".", ""))


def _square(code: str, x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]
    return {
        "type": "Feature",
        "properties": {"kode": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_dashboard_map_drill_down_export_and_index(browser, live_server, demo, tmp_path):
    base = live_server.url
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID", accept_downloads=True)
    _login(page, base, "kepri.pimpinan")

    # The dashboard: every figure with its table, fitting a phone, passing axe.
    page.goto(f"{base}/statistik/")
    kepri_cases = Case.objects.filter(region_code__startswith="21").count()
    assert page.inner_text("[data-testid=total-cases]") == str(kepri_cases)
    page.wait_for_selector("[data-testid=table-type]")  # each figure loads in its own request (htmx)
    page.wait_for_selector("[data-testid=deadlines]")
    expect(page.locator("[aria-busy=true]")).to_have_count(0)  # every lazy figure has arrived
    assert sideways(page) <= 0
    assert axe_violations(page) == []

    # No boundaries imported: a tile grid; Bintan's tile lands on Bintan's cases.
    assert page.locator("[data-testid=tile-grid]").is_visible()
    page.click("[data-testid=map-region][data-code='21.01']")
    page.wait_for_url("**/kasus/?region=21.01")
    assert _listed(page) == Case.objects.filter(region_code__startswith="21.01").count() > 0

    # With boundaries: the choropleth; a click on Lingga lands on Lingga's cases.
    geo = tmp_path / "kepri.geojson"
    geo.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [_square("21.01", 104.3, 0.8), _square("21.04", 104.5, -0.3)],
            }
        )
    )
    boundaries_import(path=geo)
    page.goto(f"{base}/statistik/peta/?region=21")
    assert page.locator("[data-testid=choropleth]").is_visible()
    assert sideways(page) <= 0 and axe_violations(page) == []
    page.click("[data-testid=map-region][data-code='21.04']")
    page.wait_for_url("**/kasus/?region=21.04")
    assert _listed(page) == Case.objects.filter(region_code__startswith="21.04").count() > 0

    # An export: the dashboard's CSV of cases holds as many rows as the province's list.
    page.goto(f"{base}/statistik/")
    with page.expect_download() as download:
        page.click("[data-testid=export-cases-csv]")
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert len(rows) - 1 == kepri_cases

    # The index page explains Bintan's score, input by input.
    services.index_refresh()
    page.goto(f"{base}/statistik/indeks/?region=21")
    page.click("text=Kabupaten Bintan")
    page.wait_for_url("**/statistik/indeks/21.01/**")
    assert page.locator("[data-testid=index-inputs]").is_visible()
    assert "tidak tersedia" in page.inner_text("[data-testid=index-inputs]")
    assert page.inner_text("[data-testid=index-class]").startswith("rawan")
    assert sideways(page) <= 0 and axe_violations(page) == []
