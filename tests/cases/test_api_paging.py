"""The API list and queue page by opaque cursor (X-Next-Cursor, Link rel="next"); ``offset`` still works
but answers ``Deprecation: true``; a foreign cursor is a 400 in the API's error shape; OpenAPI says so."""

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.accounts.services import token_create
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases"


def _client(user) -> Client:
    _token, raw = token_create(user=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def five(world):
    return [case_in(world, "diterima") for _ in range(5)]


def test_the_cursor_walks_every_case_once(world, five):
    client = _client(world["staff"]["bintan"][Role.PIMPINAN])
    seen, response = [], client.get(f"{BASE}/", {"limit": 2})
    while True:
        assert response.status_code == 200
        seen += [row["id"] for row in response.json()]
        if "X-Next-Cursor" not in response:
            break
        assert response["Link"].endswith('>; rel="next"') and "cursor=" in response["Link"]
        response = client.get(f"{BASE}/", {"limit": 2, "cursor": response["X-Next-Cursor"]})
    assert seen == sorted((c.pk for c in five), reverse=True)


def test_the_queue_pages_by_cursor_too(world, five):
    client = _client(world["staff"]["bintan"][Role.PIMPINAN])
    first = client.get(f"{BASE}/queue", {"limit": 3})
    rest = client.get(f"{BASE}/queue", {"limit": 3, "cursor": first["X-Next-Cursor"]})
    ids = [row["id"] for row in first.json() + rest.json()]
    assert sorted(ids) == sorted(c.pk for c in five) and "X-Next-Cursor" not in rest


def test_offset_still_works_but_is_deprecated(world, five):
    client = _client(world["staff"]["bintan"][Role.PIMPINAN])
    response = client.get(f"{BASE}/", {"limit": 2, "offset": 2})
    assert response["Deprecation"] == "true"
    assert [row["id"] for row in response.json()] == sorted((c.pk for c in five), reverse=True)[2:4]


def test_a_foreign_cursor_is_refused_in_the_error_shape(world, five):
    response = _client(world["staff"]["bintan"][Role.PIMPINAN]).get(f"{BASE}/", {"cursor": "bukan-kursor"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and "cursor" in body["errors"]


def test_the_openapi_documents_cursor_and_deprecated_offset():
    spec = Client().get("/api/v1/openapi.json").json()
    operation = spec["paths"][f"{BASE}/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert "cursor" in parameters and parameters["offset"]["deprecated"] is True
    assert set(operation["responses"]["200"]["headers"]) == {"X-Next-Cursor", "Link"}
