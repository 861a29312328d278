"""/api/v1/rules/: public catalogue, deadlines and referral endpoints with the CLI's JSON shapes."""

import pytest

pytestmark = pytest.mark.django_db

BASE = "/api/v1/rules"


def test_catalogue_list_and_search(client):
    everything = client.get(f"{BASE}/catalogue").json()
    assert len(everything) == 43
    assert {"code", "name", "sanction", "indicator", "phase", "subjects", "citations"} <= set(everything[0])
    hits = client.get(f"{BASE}/catalogue", {"q": "D-1"}).json()
    assert hits[0]["code"] == "D-1"
    filtered = client.get(f"{BASE}/catalogue", {"kind": "moral", "on": "2024-02-14"}).json()
    assert [item["code"] for item in filtered] == [f"KE-{n}" for n in range(1, 8)]


def test_catalogue_bad_instrument_is_400(client):
    response = client.get(f"{BASE}/catalogue", {"instrument": "uu-99"})
    assert response.status_code == 400 and "unknown instrument" in response.json()["detail"]


def test_catalogue_detail_and_404(client):
    d5 = client.get(f"{BASE}/catalogue/d-5").json()
    assert d5["code"] == "D-5" and d5["sanction"] == {**d5["sanction"], "kind": "ptdh", "level": None}
    missing = client.get(f"{BASE}/catalogue/X-1")
    assert missing.status_code == 404 and "X-1" in missing.json()["detail"]


def test_deadlines_have_the_cli_shape(client):
    data = client.get(
        f"{BASE}/deadlines",
        {"regime": "pemilu", "known": "2024-02-09", "registered": "2024-02-12", "province": "94"},
    ).json()
    assert (data["report_window_ends"], data["decision_due"], data["decision_due_extended"]) == (
        "2024-02-21",
        "2024-02-22",
        "2024-03-04",
    )
    assert data["zone"] == "WIT" and data["rules"][0]["due_at"].endswith("+09:00")


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"regime": "pilkada", "known": "2024-02-09"}, 400),
        ({"regime": "pemilu", "known": "2024-02-09", "province": "99"}, 400),
        ({"regime": "pemilu", "known": "2024-02-09", "received": "2024-02-01"}, 400),
        ({"regime": "pemilu", "known": "2024-02-31"}, 422),
        ({"regime": "pemilu"}, 422),
    ],
)
def test_deadlines_bad_input(client, params, status):
    assert client.get(f"{BASE}/deadlines", params).status_code == status


def test_refer_has_the_cli_shape(client):
    data = client.get(
        f"{BASE}/refer",
        {"subject": "PNS", "regime": "pemilihan", "forwarded": "2024-10-10", "violation": "D-12"},
    ).json()
    assert data["recipients"] == ["BKN", "gakkumdu"] and data["copies"] == ["PPK"]
    assert len(data["reasons"]) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"subject": "TNI", "regime": "pemilu", "forwarded": "2024-10-10"},
        {"subject": "PNS", "regime": "pemilu", "forwarded": "2024-10-10", "violation": "X-1"},
    ],
)
def test_refer_bad_input_is_400_with_the_reason(client, params):
    response = client.get(f"{BASE}/refer", params)
    assert response.status_code == 400 and response.json()["detail"]


@pytest.mark.parametrize("params", [{"indicator": "olahraga"}, {"kind": "denda"}, {"on": "2024-13-01"}])
def test_catalogue_rejects_unknown_filter_values(client, params):
    assert client.get(f"{BASE}/catalogue", params).status_code == 422


def test_api_vocabularies_match_the_law_package():
    from typing import get_args

    from netra.catalogue.api import Indicator, SanctionKind
    from netra.law import catalogue

    assert get_args(Indicator) == catalogue.INDICATORS and get_args(SanctionKind) == catalogue.SANCTION_KINDS
