"""The prevention API: events, pledges, list imports with row errors, coverage, violation rates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netra.accounts.services import token_create

pytestmark = pytest.mark.django_db
API = "/api/v1/prevention"


def _client(user) -> Client:
    _row, raw = token_create(user=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _pledge_payload(world, templates, **overrides) -> dict:
    return {
        "kind": "ikrar",
        "title": "Ikrar API",
        "agency_id": world["agencies"]["bintan"].pk,
        "election_id": world["elections"]["pilkada"].pk,
        "made_on": "2024-09-30",
        "region": "21.01",
        "method": "read_aloud",
        "template_id": templates["ikrar"].pk,
        **overrides,
    }


def test_create_pledge_import_signatories_and_read_coverage(roster, templates, world, recorder):
    client = _client(recorder("bintan"))
    created = client.post(
        f"{API}/pledges", _pledge_payload(world, templates), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    pledge = created.json()
    assert pledge["template"] == "ikrar-netralitas-asn v1" and "Pemerintah Kabupaten Bintan" in pledge["text"]
    csv = b"nama,nip\nSiti Rahmawati,198001012005012001\n,1\n"
    bad = client.post(f"{API}/pledges/{pledge['id']}/signatories", {"file": SimpleUploadedFile("a.csv", csv)})
    assert bad.status_code == 400
    assert bad.json()["errors"][0] == {"row": 3, "column": "nama", "value": "", "reason": "wajib diisi"}
    good = client.post(
        f"{API}/pledges/{pledge['id']}/signatories",
        {"file": SimpleUploadedFile("a.csv", b"nama,nip\nSiti Rahmawati,198001012005012001\n")},
    )
    assert good.status_code == 200 and good.json()["counts"] == {"nip": 1}
    coverage = client.get(
        f"{API}/coverage", {"region": "21.01", "election": world["elections"]["pilkada"].pk}
    )
    body = coverage.json()
    assert body["region"] == "21.01" and body["workforce"] == 5 and body["pledged"] == 1
    assert body["agencies"][0]["last_pledge"] == "2024-09-30"
    listed = client.get(f"{API}/pledges").json()
    assert [p["listed"] for p in listed] == [1]


def test_create_event_and_errors(roster, world, recorder):
    client = _client(recorder("bintan"))
    payload = {
        "kind": "rakor",
        "title": "Rakor netralitas",
        "organiser_kind": "bawaslu",
        "organiser_name": "Bawaslu Kabupaten Bintan",
        "participation": "organised",
        "held_on": "2024-08-01",
        "region": "21.01",
        "audience_agency_ids": [world["agencies"]["bintan"].pk],
        "target_groups": ["ASN", "kepala_desa"],
    }
    created = client.post(f"{API}/events", payload, content_type="application/json")
    assert created.status_code == 201 and created.json()["target_groups"] == ["ASN", "kepala_desa"]
    unknown = client.post(
        f"{API}/events", {**payload, "target_groups": ["x"]}, content_type="application/json"
    )
    assert unknown.status_code == 400 and "target_groups" in unknown.json()["errors"]
    outside = client.post(f"{API}/events", {**payload, "region": "21.04"}, content_type="application/json")
    assert outside.status_code == 403
    event_id = created.json()["id"]
    assert _client(recorder("lingga")).get(f"{API}/events/{event_id}").status_code == 404
    assert client.get(f"{API}/events/{event_id}").json()["title"] == "Rakor netralitas"


def test_anonymous_gets_401_and_violation_rates_shape(world, recorder):
    assert Client().get(f"{API}/coverage").status_code == 401
    rates = _client(recorder("bintan")).get(f"{API}/violation-rates", {"region": "21"})
    assert rates.status_code == 200 and isinstance(rates.json(), list)
