from netra.accounts.services_tokens import token_create
from netra.registry.models import Pegawai
from netra.registry.services import agencies_seed
from tests.registry.factories import national_officer, officer

API = "/api/v1/registry"


def _bearer(user) -> dict:
    _token, raw = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_region_endpoints_are_public(client, regions):
    provinces = client.get(f"{API}/regions").json()
    assert [p["code"] for p in provinces] == ["32", "34", "92", "96"]
    children = client.get(f"{API}/regions", {"parent": "96"}).json()
    assert {
        "code": "96.71",
        "name": "Kota Sorong",
        "level": 2,
        "kind": "kota",
        "parent_code": "96",
        "timezone": "WIT",
    } in children
    detail = client.get(f"{API}/regions/32.04.05").json()
    assert [r["code"] for r in detail["path"]] == ["32", "32.04"]
    assert detail["boundary"] is None
    assert client.get(f"{API}/regions/99").status_code == 404


def test_resolve_endpoint_reports_ambiguity(client, regions):
    assert client.get(f"{API}/regions/resolve", {"q": "92.01"}).json()["region"]["code"] == "96.01"
    ambiguous = client.get(f"{API}/regions/resolve", {"q": "Bandung"}).json()
    assert ambiguous["region"] is None
    assert [c["code"] for c in ambiguous["candidates"]] == ["32.04", "32.73"]
    assert client.get(f"{API}/regions/resolve", {"q": "Atlantis"}).json()["candidates"] == []
    assert client.get(f"{API}/regions/search", {"q": "lamsel"}).json() == []  # Lampung not loaded
    assert client.get(f"{API}/regions/search", {"q": "KBB"}).json()[0]["code"] == "32.17"


def test_agency_endpoints_are_public_and_paginated(client, regions):
    agencies_seed()
    page = client.get(f"{API}/agencies", {"q": "bandung", "limit": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 1  # Kabupaten, Kota, Bandung Barat
    by_region = client.get(f"{API}/agencies", {"region": "96"}).json()
    assert by_region["count"] == 7  # the province and its six kab/kota
    bkn = client.get(f"{API}/agencies", {"q": "BKN"}).json()["items"][0]
    assert client.get(f"{API}/agencies/{bkn['id']}").json()["short_name"] == "BKN"


def test_roster_endpoints_refuse_anonymous_callers(client, roster):
    anyone = Pegawai.objects.first()
    for url in (f"{API}/pegawai", f"{API}/pegawai/match?name=Joko", f"{API}/pegawai/{anyone.pk}"):
        assert client.get(url).status_code == 401


def test_match_endpoint_with_token_is_scoped(client, roster):
    headers = _bearer(officer("bdg", "32.04"))
    matches = client.get(f"{API}/pegawai/match", {"name": "Djoko Santoso", "limit": 5}, **headers).json()
    assert matches and {m["pegawai"]["region_code"][:5] for m in matches} == {"32.04"}
    assert all(m["reasons"] and m["score"] > 0 and m["namesakes"] >= 1 for m in matches)
    everything = client.get(f"{API}/pegawai/match", {"name": "Djoko Santoso"}, **_bearer(national_officer()))
    assert "96.01" in {m["pegawai"]["region_code"] for m in everything.json()}


def test_list_and_detail_with_session(client, roster):
    client.force_login(officer("bdg", "32.04"))
    listing = client.get(f"{API}/pegawai").json()
    assert listing["count"] == 2
    sorong = Pegawai.objects.get(nip="198101012005011004")
    assert client.get(f"{API}/pegawai/{sorong.pk}").status_code == 404
    own = Pegawai.objects.get(nip="198001012005011001")
    body = client.get(f"{API}/pegawai/{own.pk}").json()
    assert (body["gender"], body["birth_date"], body["agency"]["short_name"]) == (
        "L",
        "1980-01-01",
        "Pemkab Bandung",
    )
