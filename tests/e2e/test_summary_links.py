"""Issue 16 point 10: after a failed submit the error summary takes focus, and every one of its links
leads to a control that takes focus, the agency picker's hidden registry id included (its link goes to
the checked radio when the picker lists agencies, else to the agency name it is found by)."""

import pytest

from netra.registry.models import Agency, Region
from tests.e2e.test_journeys import world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FOCUSABLE = ("INPUT", "SELECT", "TEXTAREA", "BUTTON")


def _submit_with_agency_id(page, base: str, agency_name: str, agency_id: str) -> None:
    """The report form sent with an agency id the registry cannot have (a stale or forged choice)."""
    page.goto(f"{base}/kasus/lapor/")
    page.fill("#id_terlapor_agency_name", agency_name)
    page.evaluate(
        """([id]) => {
          const form = document.querySelector('#id_terlapor_agency_name').form;
          form.querySelectorAll('input[name=terlapor_agency]').forEach(e => e.remove());
          const stale = Object.assign(document.createElement('input'),
                                      {type: 'hidden', name: 'terlapor_agency', value: id});
          form.appendChild(stale);
        }""",
        [agency_id],
    )
    page.click("button[type=submit]:has-text('Kirim laporan')")
    page.wait_for_selector("#form-errors")


def _summary_targets(page) -> dict[str, str]:
    """Link text -> the tag of the element its fragment names."""
    return page.eval_on_selector_all(
        "#form-errors a",
        "links => Object.fromEntries(links.map(a => [a.textContent.trim(),"
        " (document.getElementById(a.hash.slice(1)) || {tagName: 'MISSING ' + a.hash}).tagName]))",
    )


def _follow(page, label: str) -> str:
    page.click(f"#form-errors a:has-text('{label}')")
    return page.evaluate("document.activeElement.id")


def test_agency_error_links_to_the_checked_choice_when_the_picker_lists_agencies(
    browser,
    live_server,
    world,  # noqa: F811
):
    Agency.objects.create(
        name="Dinas Pendidikan Kabupaten Bintan", kind="unit", region=Region.objects.get(code="21.01")
    )
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    _submit_with_agency_id(page, live_server.url, "Dinas Pendidikan Kabupaten Bintan", "0")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    targets = _summary_targets(page)
    assert "Instansi dalam daftar" in targets
    assert all(tag in FOCUSABLE for tag in targets.values()), targets
    assert _follow(page, "Instansi dalam daftar") == "agency-choice-none"
    described = page.get_attribute("#agency-choice-none", "aria-describedby")
    assert described == "agency-picker-error" and page.inner_text("#agency-picker-error").strip()
    page.close()


def test_agency_error_links_to_the_agency_name_when_nothing_is_listed(browser, live_server, world):  # noqa: F811
    page = browser.new_page(locale="id-ID")
    _submit_with_agency_id(page, live_server.url, "Instansi yang tidak ada di registri", "0")
    targets = _summary_targets(page)
    assert all(tag in FOCUSABLE for tag in targets.values()), targets
    assert _follow(page, "Instansi dalam daftar") == "id_terlapor_agency_name"
    page.close()
