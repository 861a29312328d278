import pytest
from django.urls import reverse

from netra.registry.models import Pegawai
from tests.registry.factories import national_officer, officer


def test_region_browser_is_public(client, regions):
    page = client.get(reverse("registry:regions"))
    assert page.status_code == 200
    assert "Jawa Barat" in page.text
    detail = client.get(reverse("registry:region", args=["32.04"]))
    assert detail.status_code == 200
    assert "Kabupaten Bandung" in detail.text and "Cileunyi" in detail.text and "WIB" in detail.text
    assert client.get(reverse("registry:region", args=["99.99"])).status_code == 404


def test_region_picker_fragments(client, regions):
    found = client.get(reverse("registry:region_search"), {"q": "Kab. Bandung"})
    assert found.status_code == 200 and 'data-code="32.04"' in found.text
    assert "public" in found["Cache-Control"]
    assert 'data-code="96.01"' in client.get(reverse("registry:region_search"), {"q": "9201"}).text
    alias = client.get(reverse("registry:region_search"), {"q": "jab"})
    assert 'data-code="32"' in alias.text
    options = client.get(reverse("registry:region_children", args=["32.04"]))
    assert '<option value="32.04.05">Cileunyi</option>' in options.text


def test_agency_list_and_fragment_are_public(client, regions):
    from netra.registry.services import agencies_seed

    agencies_seed()
    page = client.get(reverse("registry:agencies"), {"q": "Bandung"})
    assert page.status_code == 200 and "Pemerintah Kabupaten Bandung" in page.text
    fragment = client.get(reverse("registry:agency_search"), {"q": "BKN"})
    assert "Badan Kepegawaian Negara" in fragment.text


def test_roster_page_needs_an_officer(client, roster, django_user_model):
    url = reverse("registry:pegawai")
    assert client.get(url, {"nama": "Joko"}).status_code == 302  # to the login page
    client.force_login(
        django_user_model.objects.create_user(username="citizen", password="x-Very-long-pass-1")
    )
    assert client.get(url, {"nama": "Joko"}).status_code == 403


def test_roster_page_is_scoped_to_the_officer(client, roster):
    client.force_login(officer("bdg", "32.04"))
    page = client.get(reverse("registry:pegawai"), {"nama": "Djoko Santoso"})
    assert page.status_code == 200
    assert "Drs. H. Moch. Djoko Santoso M.Si." in page.text
    assert "Pemerintah Kabupaten Sorong" not in page.text
    listing = client.get(reverse("registry:pegawai"), {"wilayah": "32"})
    assert "Joko Susilo" in listing.text and "Sri Wahyuni" not in listing.text
    sorong = Pegawai.objects.get(nip="198101012005011004")
    assert client.get(reverse("registry:pegawai_detail", args=[sorong.pk])).status_code == 404
    own = Pegawai.objects.get(nip="198203042006041002")
    assert client.get(reverse("registry:pegawai_detail", args=[own.pk])).status_code == 200


@pytest.mark.parametrize("params", [{}, {"jabatan": "camat"}])
def test_empty_search_asks_for_a_criterion(client, roster, params):
    client.force_login(national_officer())
    page = client.get(reverse("registry:pegawai"), params)
    assert page.status_code == 200
    assert ("Isi nama" in page.text) == bool(params)


def test_roster_search_flags_names_shared_in_the_officer_scope(client, roster, tmp_path):
    from netra.registry.services import roster_import
    from tests.registry.conftest import HEADER

    path = tmp_path / "namesake.csv"
    path.write_text(
        HEADER + "\n198702022012011001,Djoko Santoso,Pemkab Bandung,,Guru,PNS,32.04.05\n", encoding="utf-8"
    )
    roster_import(path=path)
    client.force_login(national_officer())
    page = client.get(reverse("registry:pegawai"), {"nama": "Djoko Santoso"}).text
    assert page.count('data-testid="namesakes"') == 2 and "2 pegawai bernama sama" in page
    client.force_login(officer("bdg", "32.04"))
    assert 'data-testid="namesakes"' not in client.get(reverse("registry:pegawai"), {"nama": "Djoko"}).text
