"""The partner push API: token-scoped, idempotent, bounded, rate-limited, documented."""

import json

import pytest
from django.test import Client

from netra.accounts.models import Role
from netra.accounts.services_tokens import token_create
from netra.monitoring.models import Item, Source

URL = "/api/v1/monitoring/items"


@pytest.fixture(autouse=True)
def _no_push_limit(settings):
    settings.NETRA_MONITOR_PUSH_RATE = settings.NETRA_MONITOR_PUSH_GLOBAL_RATE = "0/m"


def bearer(user):
    _token, raw = token_create(user=user, name="mitra")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def push(headers, body):
    return Client().post(URL, data=json.dumps(body), content_type="application/json", **headers)


def items(*texts):
    return [{"platform": "x", "author_handle": f"a{i}", "text": text} for i, text in enumerate(texts)]


@pytest.mark.django_db
def test_push_adds_items_to_the_offices_default_source_idempotently(world, make_user):
    user = make_user(world["offices"]["bintan"], Role.ANALIS)
    headers = bearer(user)
    body = {"items": [*items("satu dua tiga", "empat lima"), {"text": "", "url": "ftp://x"}]}
    first = push(headers, body)
    assert first.status_code == 200, first.content
    answer = first.json()
    assert (answer["received"], answer["new"], answer["duplicates"]) == (3, 2, 0)
    assert {(e["row"], e["column"]) for e in answer["errors"]} == {(3, "text"), (3, "url")}
    source = Source.objects.get()
    assert (source.kind, source.name, source.office) == ("push", "API mitra", world["offices"]["bintan"])
    again = push(headers, body).json()
    assert (again["new"], again["duplicates"]) == (0, 2)
    assert Item.objects.filter(source=source).count() == 2


@pytest.mark.django_db
def test_push_names_an_election(world, make_user, elections):
    headers = bearer(make_user(world["offices"]["bintan"], Role.ANALIS))
    pemilu = elections["pemilu"]
    assert push(headers, {"election": pemilu.pk, "items": items("satu dua tiga")}).json()["new"] == 1
    assert Item.objects.get().election == pemilu


@pytest.mark.django_db
def test_push_scope(world, make_user):
    offices = world["offices"]
    bintan = make_user(offices["bintan"], Role.STAF_PENANGANAN)
    lingga_source = Source.objects.create(name="Mitra Lingga", kind="push", office=offices["lingga"])
    Source.objects.create(name="Unggahan", kind="upload", office=offices["bintan"])
    headers = bearer(bintan)
    # Another office's source is unknown to this token, whatever its name.
    assert push(headers, {"source": "Mitra Lingga", "items": items("a b c")}).status_code == 404
    assert push(headers, {"source": "Unggahan", "items": items("a b c")}).status_code == 403
    assert push(headers, {"election": 999_999, "items": items("a b c")}).status_code == 404
    assert not Item.objects.exists() and lingga_source.items.count() == 0
    # BKN and PPK staff push nothing; neither does a request without a valid token.
    assert push(bearer(make_user(offices["bkn"], Role.ADMIN)), {"items": items("x")}).status_code == 403
    assert push({}, {"items": items("x")}).status_code == 401
    assert push({"HTTP_AUTHORIZATION": "Bearer salah"}, {"items": items("x")}).status_code == 401


@pytest.mark.django_db
def test_push_bounds(world, make_user, settings):
    headers = bearer(make_user(world["offices"]["bintan"], Role.ANALIS))
    settings.NETRA_MONITOR_PUSH_MAX_ITEMS = 3
    too_many = push(headers, {"items": items("a", "b", "c", "d")})
    assert too_many.status_code == 413 and "paling banyak 3" in too_many.json()["detail"]
    assert push(headers, {"items": [{"text": "x" * 50_001}]}).status_code == 422
    assert push(headers, {"kind": "video", "items": []}).status_code == 422
    settings.NETRA_MONITOR_PUSH_RATE = "2/m"
    codes = [push(headers, {"items": items(f"teks {n}")}).status_code for n in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_push_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/monitoring/items"]["post"]
    assert {"200", "401", "403", "413", "422", "429"} <= set(map(str, operation["responses"]))
