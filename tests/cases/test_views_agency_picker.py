"""The agency picker of the report and temuan forms: the terlapor's instansi chosen from the registry."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import Role
from netra.cases.models import Case, Terlapor
from netra.registry.models import Agency
from tests.cases.helpers import JPEG, photo
from tests.cases.test_views_public import form_data
from tests.cases.test_views_staff import temuan_data
from tests.e2e import conftest as e2e

pytestmark = pytest.mark.django_db


def options(client, text, chosen=""):
    return client.get(
        reverse("cases:agency_options"), {"terlapor_agency_name": text, "terlapor_agency": chosen}
    )


def test_fragment_is_public_and_lists_matching_agencies_as_choices(client, world):
    response = options(client, "bintan")
    assert response.status_code == 200  # no login: agencies are public reference data
    page = response.content.decode()
    dinas, pemkab = world["agencies"]["dinas_bintan"], world["agencies"]["bintan"]
    assert f'name="terlapor_agency" value="{dinas.pk}"' in page
    assert f'name="terlapor_agency" value="{pemkab.pk}"' in page
    assert "Pemerintah Kabupaten Lingga" not in page
    assert 'name="terlapor_agency" value="" checked' in page  # nothing chosen yet
    assert "<a " not in page  # choices, not links to the registry pages


def test_fragment_matches_every_word_across_the_unit_and_its_parent(client, world):
    ministry = Agency.objects.create(name="Kementerian Pendidikan Dasar dan Menengah", kind="kementerian")
    page = options(client, "pendidikan  BINTAN").content.decode()
    assert f'value="{world["agencies"]["dinas_bintan"].pk}"' in page
    assert f'value="{ministry.pk}"' not in page  # "pendidikan" alone is not enough
    assert f'value="{ministry.pk}"' in options(client, "kementerian pendidikan").content.decode()


def test_fragment_puts_exact_name_first_and_keeps_the_chosen_agency(client, world):
    lingga, dinas = world["agencies"]["lingga"], world["agencies"]["dinas_bintan"]
    Agency.objects.create(name="Bidang SD Dinas Pendidikan Kabupaten Bintan", kind="unit", parent=dinas)
    page = options(client, "dinas pendidikan kabupaten bintan", chosen=str(lingga.pk)).content.decode()
    assert f'value="{lingga.pk}" checked' in page  # still offered though it does not match the text
    assert page.index(f'value="{dinas.pk}"') < page.index("Bidang SD Dinas Pendidikan")  # exact name first


def test_fragment_says_when_nothing_matches_and_waits_for_two_letters(client, world):
    assert 'data-testid="agency-none"' in options(client, "kementerian antah").content.decode()
    short = options(client, "b").content.decode()
    assert 'name="terlapor_agency"' not in short and 'data-testid="agency-none"' not in short


def test_report_form_offers_the_picker_under_the_free_text(client, world):
    page = client.get(reverse("cases:report")).content.decode()
    assert 'name="terlapor_agency_name"' in page
    assert reverse("cases:agency_options") in page and 'id="agency-options"' in page


def test_choosing_an_agency_stores_it_and_the_case_page_names_it(client, world):
    dinas = world["agencies"]["dinas_bintan"]
    data = form_data(
        world["elections"]["pilkada"],
        evidence_files=photo(),
        terlapor_agency_name="Disdik Bintan",
        terlapor_agency=str(dinas.pk),
    )
    assert client.post(reverse("cases:report"), data).status_code == 302
    terlapor = Terlapor.objects.get()
    assert (terlapor.agency, terlapor.agency_name) == (dinas, "Disdik Bintan")
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    page = client.get(reverse("cases:detail", args=[terlapor.case_id])).content.decode()
    assert f'<span data-testid="terlapor-agency">{dinas.name}</span>' in page
    assert "Disdik Bintan" in page  # what the reporter wrote stays visible


def test_chosen_agency_shows_on_the_case_page_without_typed_name(client, world):
    lingga = world["agencies"]["lingga"]
    data = form_data(
        world["elections"]["pilkada"],
        evidence_files=photo(),
        terlapor_agency_name="",
        terlapor_agency=str(lingga.pk),
    )
    assert client.post(reverse("cases:report"), data).status_code == 302
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    page = client.get(reverse("cases:detail", args=[Case.objects.get().pk])).content.decode()
    assert '<span data-testid="terlapor-agency">Pemerintah Kabupaten Lingga</span>' in page


@pytest.mark.parametrize("bad_id", ["999999", "abc", "0", "9" * 25])
def test_unknown_agency_id_is_a_clear_error_and_keeps_the_other_input(client, world, bad_id):
    data = form_data(
        world["elections"]["pilkada"],
        evidence_files=photo(),
        terlapor_agency_name="Dinas Kesehatan Bintan",
        terlapor_agency=bad_id,
    )
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Instansi tidak ditemukan." in page
    # The summary links to a control that takes focus: nothing is listed for this name, so the name.
    assert 'href="#id_terlapor_agency_name"' in page
    assert 'value="Dinas Kesehatan Bintan"' in page and 'value="Budi Santoso"' in page
    assert "Kepala sekolah mengajak guru memilih paslon" in page
    assert not Case.objects.exists()


def test_exact_typed_name_is_resolved_without_javascript(client, world):
    data = form_data(
        world["elections"]["pilkada"],
        evidence_files=photo(),
        terlapor_agency_name="  dinas pendidikan  kabupaten bintan ",
    )
    assert client.post(reverse("cases:report"), data).status_code == 302
    assert Terlapor.objects.get().agency == world["agencies"]["dinas_bintan"]


def test_name_shared_by_several_agencies_is_kept_as_text_only(client, world):
    for parent in (world["agencies"]["bintan"], world["agencies"]["lingga"]):
        Agency.objects.create(name="Dinas Kesehatan", kind="unit", parent=parent)
    data = form_data(
        world["elections"]["pilkada"], evidence_files=photo(), terlapor_agency_name="Dinas Kesehatan"
    )
    assert client.post(reverse("cases:report"), data).status_code == 302
    terlapor = Terlapor.objects.get()
    assert (terlapor.agency, terlapor.agency_name) == (None, "Dinas Kesehatan")


def test_search_button_without_javascript_shows_the_choices_and_keeps_input(client, world):
    data = form_data(world["elections"]["pilkada"], terlapor_agency_name="pemerintah kabupaten", _refresh="1")
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="terlapor_agency" value="{world["agencies"]["lingga"].pk}"' in page
    assert 'value="Budi Santoso"' in page and not Case.objects.exists()


def test_temuan_stores_the_chosen_agency(client, world):
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    dinas = world["agencies"]["dinas_bintan"]
    data = temuan_data(world["elections"]["pilkada"], terlapor_agency=str(dinas.pk))
    response = client.post(reverse("cases:temuan_new"), data)
    assert response.status_code == 302
    assert Terlapor.objects.get().agency == dinas
    page = client.get(reverse("cases:temuan_new")).content.decode()
    assert 'id="agency-options"' in page


def test_temuan_with_unknown_agency_keeps_the_form(client, world):
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    data = temuan_data(world["elections"]["pilkada"], terlapor_agency="999999")
    response = client.post(reverse("cases:temuan_new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Instansi tidak ditemukan." in page and 'value="Dewi Lestari"' in page
    assert not Case.objects.exists()


def _report_in_chromium(url: str, agency_id: int) -> None:
    """Type part of the agency's name, check the choice htmx offers, complete and send the report.

    Runs in its own thread with its own Playwright: the browser journeys may hold a session-wide one
    in the main thread, and Playwright's sync API allows one per thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS)
        page = browser.new_page(locale="id-ID")
        page.goto(url)
        page.fill("#id_reporter_name", "Siti Aminah")
        page.fill("#id_reporter_address", "Jl. Raya Kijang No. 5, Bintan")
        page.fill("#id_terlapor_name", "Budi Santoso")
        page.locator("#id_terlapor_agency_name").press_sequentially("pendidikan bint", delay=20)
        page.check(f"#agency-options input[value='{agency_id}']")  # waits for the htmx fragment
        pilkada = page.locator("#id_election option", has_text="Pilkada Uji").get_attribute("value")
        page.select_option("#id_election", pilkada)  # labelled with where it is held
        page.fill("#id_title", "Kepala sekolah mengajak guru memilih paslon")
        page.fill("#id_description", "Dalam rapat dinas kepala sekolah mengajak guru memilih pasangan calon.")
        day = (timezone.localdate() - timedelta(days=1)).isoformat()
        page.fill("#id_occurred_on", day)
        page.fill("#id_known_on", day)
        page.fill("#id_place", "SDN 001 Gunung Kijang")
        page.select_option("#id_region_province", "21")
        page.wait_for_selector("#id_region_kabkota")
        page.select_option("#id_region_kabkota", "21.01")
        page.set_input_files(
            "#id_evidence_files", files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": JPEG}]
        )
        assert page.is_checked(f"#agency-options input[value='{agency_id}']")  # the live check kept it
        page.click("button[type=submit]:has-text('Kirim laporan')")
        page.wait_for_url(url.replace(reverse("cases:report"), reverse("cases:report_done")))
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_offers_agencies_while_typing_and_submits_the_choice(live_server, world):
    if not e2e.CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {e2e.CHROMIUM} (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    dinas = world["agencies"]["dinas_bintan"]
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_report_in_chromium, f"{live_server.url}{reverse('cases:report')}", dinas.pk).result()
    terlapor = Terlapor.objects.get()
    assert (terlapor.agency, terlapor.agency_name) == (dinas, "pendidikan bint")
