"""The public page: agencies and regions, pledges and events with coverage, never a person's name;
a pledge's QR code leads to its verification page."""

import pytest

from netra.prevention import services
from tests.prevention.conftest import write_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(tmp_path, roster, make_pledge, make_event, recorder, world):
    pledge = make_pledge()
    path = write_list(tmp_path / "a.csv", [("Siti Rahmawati", "198001012005012001", "", "")])
    services.signatories_import(user=recorder("bintan"), pledge=pledge, path=path)
    make_event(audience=[world["agencies"]["bintan"]], speakers="Narasumber Rahasia")
    return pledge


def test_agency_and_region_pages_show_pledges_events_and_coverage_without_names(client, signed, world):
    for url in (
        f"/pencegahan/publik/instansi/{world['agencies']['bintan'].pk}/",
        "/pencegahan/publik/wilayah/21.01/",
    ):
        body = client.get(url, {"election": signed.election_id}).content.decode()
        assert signed.title in body and "Sosialisasi Netralitas ASN Kabupaten Bintan" in body
        assert "Siti Rahmawati" not in body and "Narasumber Rahasia" not in body
        assert 'data-testid="coverage-pledged">1<' in body


def test_search_finds_agencies_and_regions(client, signed):
    from netra.registry.models import Region

    Region.objects.filter(pk="21.01").update(search_name="bintan")
    body = client.get("/pencegahan/publik/", {"q": "Bintan"}).content.decode()
    assert "Pemerintah Kabupaten Bintan" in body and "/pencegahan/publik/wilayah/21.01/" in body


def test_verification_page_print_and_qr_code(client, signed):
    url = f"/pencegahan/publik/ikrar/{signed.public_token}/"
    page = client.get(url)
    assert page.status_code == 200 and signed.text.splitlines()[0] in page.content.decode()
    printed = client.get(url + "cetak/").content.decode()
    assert "qr.svg" in printed and url in printed
    qr = client.get(url + "qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert client.get("/pencegahan/publik/ikrar/tebakan/").status_code == 404


def test_the_qr_code_encodes_the_verification_url(signed):
    """Decoded with the QR library's own matrix: the payload is the absolute verification URL."""
    import qrcode

    from netra.prevention.selectors import qr_svg

    url = f"http://testserver/pencegahan/publik/ikrar/{signed.public_token}/"
    code = qrcode.QRCode(border=2)
    code.add_data(url)
    code.make()
    assert code.data_list[0].data.decode() == url
    assert "<svg" in qr_svg(url)


def test_public_api_pledge_by_token(client, signed):
    response = client.get(f"/api/v1/prevention/public/pledges/{signed.public_token}")
    assert response.status_code == 200
    payload = response.json()
    assert payload["title"] == signed.title and "signatories" not in payload
    assert payload["verify_url"].endswith(f"/ikrar/{signed.public_token}/")
