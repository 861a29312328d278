"""Election pages: who reads, who edits (404 otherwise), forms, import with a dry run, export, menu."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.accounts.models import Role
from netra.cases import services
from netra.cases.elections import scoring_config
from netra.cases.models import Election, ElectionSetting
from netra.text.election import parse_config

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"


@pytest.fixture
def pilkada(db):
    return Election.objects.create(
        name="Pilkada Serentak Uji",
        regime="pemilihan",
        penetapan_calon=dt.date(2024, 9, 22),
        voting_day=dt.date(2024, 11, 27),
    )


@pytest.fixture
def bintan_config(regions, pilkada):
    services.election_party_save(
        election=pilkada,
        region_code="21.01",
        values={"name": "Partai Pesisir", "abbreviations": ["PP"]},
        user=None,
    )
    services.election_candidate_save(
        election=pilkada,
        region_code="21.01",
        values={"number": 1, "names": ["Andi Saputra"], "parties": ["PP"], "colour": "#AA3300"},
        user=None,
    )
    return pilkada


def login(client, user):
    client.force_login(user)
    return client


def test_menu_links_to_elections_for_supervisory_offices_only(client, staff):
    page = login(client, staff["bintan"][Role.ANALIS]).get(reverse("cases:queue"))
    assert reverse("cases:election_list").encode() in page.content
    client.logout()
    page = login(client, staff["bkn"][Role.PIMPINAN]).get(reverse("cases:list"))
    assert reverse("cases:election_list").encode() not in page.content


def test_detail_shows_the_configuration_with_edit_controls_only_to_editors(client, staff, bintan_config):
    url = reverse("cases:election_detail", args=[bintan_config.pk])
    editor = login(client, staff["bintan"][Role.PIMPINAN]).get(url)
    assert editor.status_code == 200
    text = editor.content.decode()
    assert "Andi Saputra" in text and 'fill="#AA3300"' in text and "Tambah calon" in text
    client.logout()
    reader = login(client, staff["bintan"][Role.ANALIS]).get(url).content.decode()
    assert "Andi Saputra" in reader and "Tambah calon" not in reader
    client.logout()
    lingga = login(client, staff["lingga"][Role.PIMPINAN]).get(url).content.decode()
    assert "Andi Saputra" not in lingga  # another kabupaten's race is not listed
    client.logout()
    assert login(client, staff["bkn"][Role.PIMPINAN]).get(url).status_code == 404


def test_candidate_form_adds_and_refuses_in_indonesian(client, staff, bintan_config):
    login(client, staff["bintan"][Role.PENGAWAS])
    url = reverse("cases:election_candidate", args=[bintan_config.pk]) + "?wilayah=21.01"
    bad = client.post(url, {"wilayah": "21.01", "number": "2", "names": "Budi", "parties": "Partai Antah"})
    assert bad.status_code == 400
    assert "menyebut partai yang belum terdaftar: Partai Antah" in bad.content.decode()
    good = client.post(url, {"wilayah": "21.01", "number": "2", "names": "Budi Hartono\nCitra Dewi"})
    assert good.status_code == 302
    assert [c.number for c in scoring_config(bintan_config, "21.01").candidates] == [1, 2]


def test_edit_views_answer_404_outside_the_editors_area(client, staff, bintan_config):
    login(client, staff["lingga"][Role.PIMPINAN])
    url = reverse("cases:election_candidate", args=[bintan_config.pk]) + "?wilayah=21.01"
    assert client.get(url).status_code == 404
    assert client.post(url, {"wilayah": "21.01", "number": "3", "names": "X"}).status_code == 404
    delete = reverse("cases:election_candidate_delete", args=[bintan_config.pk])
    assert client.post(delete, {"wilayah": "21.01", "nomor": "1"}).status_code == 404
    client.logout()
    login(client, staff["bintan"][Role.STAF_PENANGANAN])
    assert client.get(url).status_code == 404
    assert client.get(reverse("cases:election_dates", args=[bintan_config.pk])).status_code == 404


def test_delete_through_htmx_redirects_back(client, staff, bintan_config):
    login(client, staff["bintan"][Role.PIMPINAN])
    url = reverse("cases:election_candidate_delete", args=[bintan_config.pk])
    response = client.post(url, {"wilayah": "21.01", "nomor": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].endswith("#wilayah-21.01")
    assert scoring_config(bintan_config, "21.01") is None


def test_import_dry_run_then_write_and_export(client, staff, regions):
    pemilu = Election.objects.create(
        name="Pemilu Uji",
        regime="pemilu",
        penetapan_calon=dt.date(2023, 11, 13),
        voting_day=dt.date(2024, 2, 14),
    )
    login(client, staff["ri"][Role.ADMIN])
    url = reverse("cases:election_import", args=[pemilu.pk])
    body = (DEVSET / "election_pilpres2024.toml").read_bytes()
    dry = client.post(
        url, {"file": SimpleUploadedFile("pilpres.toml", body), "dry_run": "on"}, HTTP_HX_REQUEST="true"
    )
    assert dry.status_code == 200 and "uji coba" in dry.content.decode()
    assert not ElectionSetting.objects.exists()
    written = client.post(url, {"file": SimpleUploadedFile("pilpres.toml", body)})
    assert written.status_code == 200 and "disimpan" in written.content.decode()
    exported = client.get(reverse("cases:election_export", args=[pemilu.pk, "json"]))
    data = parse_config(exported.content.decode(), "json")
    assert [c["number"] for c in data["candidates"]] == [1, 2, 3] and data["period"][
        "campaign_start"
    ] == dt.date(2023, 11, 28)


def test_import_lists_row_errors(client, staff, regions, pilkada):
    login(client, staff["kepri"][Role.PIMPINAN])
    text = '[[candidates]]\nnumber = 1\nnames = []\n[[candidates]]\nnumber = "dua"\nnames = ["B"]\n'
    response = client.post(
        reverse("cases:election_import", args=[pilkada.pk]),
        {"file": SimpleUploadedFile("kepri.toml", text.encode()), "region": "21"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Baris calon ke-1: Calon nomor 1 belum punya nama." in content
    assert "Baris calon ke-2: Nomor urut harus bilangan bulat positif, bukan dua." in content


def test_import_outside_the_office_area_is_refused(client, staff, regions, pilkada):
    login(client, staff["bintan"][Role.PIMPINAN])
    text = '[[candidates]]\nnumber = 1\nnames = ["A"]\n'
    response = client.post(
        reverse("cases:election_import", args=[pilkada.pk]),
        {"file": SimpleUploadedFile("x.toml", text.encode()), "region": "21.04"},
    )
    assert response.status_code == 400 and "tidak berwenang" in response.content.decode()
    assert not ElectionSetting.objects.exists()
