"""Bearer tokens and session access to /api/v1/accounts/."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from netra.accounts.models import ApiToken, User
from netra.accounts.services import token_create, token_revoke
from netra.audit.models import Event
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
ME = "/api/v1/accounts/me"


@pytest.fixture
def staff():
    return make_user("ani", national_office(), "pimpinan", full_name="Ani Wulandari")


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_valid_token_authenticates_and_describes_the_user(client, staff):
    _, raw = token_create(user=staff, name="skrip")
    response = client.get(ME, **bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "ani" and body["role"] == "pimpinan"
    assert body["office"]["name"] == "Bawaslu Republik Indonesia"
    assert body["jurisdiction"] == {"region_code": "", "national": True, "description": "Seluruh Indonesia"}


def test_token_is_stored_hashed_with_its_prefix(staff):
    token, raw = token_create(user=staff, name="skrip")
    assert token.token_hash != raw and len(token.token_hash) == 64
    assert raw.startswith(token.prefix) and len(token.prefix) == 8
    assert not ApiToken.objects.filter(token_hash=raw).exists()
    assert Event.objects.filter(action="token.create", object_id=str(token.pk)).exists()


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Bearer ", "Token abc", "Basic YTpi"])
def test_wrong_or_malformed_tokens_are_rejected(client, staff, header):
    token_create(user=staff, name="skrip")
    assert client.get(ME, HTTP_AUTHORIZATION=header).status_code == 401


def test_no_credentials_are_rejected(client):
    assert client.get(ME).status_code == 401


def test_revoked_token_is_rejected(client, staff):
    token, raw = token_create(user=staff, name="skrip")
    token_revoke(user=staff, token=token)
    assert client.get(ME, **bearer(raw)).status_code == 401
    assert Event.objects.filter(action="token.revoke").count() == 1


def test_inactive_user_is_rejected(client, staff):
    _, raw = token_create(user=staff, name="skrip")
    User.objects.filter(pk=staff.pk).update(is_active=False)
    assert client.get(ME, **bearer(raw)).status_code == 401


def test_user_without_office_is_rejected(client, staff):
    _, raw = token_create(user=staff, name="skrip")
    User.objects.filter(pk=staff.pk).update(office=None)
    assert client.get(ME, **bearer(raw)).status_code == 401


def test_token_create_refuses_users_without_office_and_empty_names(staff):
    homeless = User.objects.create_user("tanpa", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        token_create(user=homeless, name="x")
    with pytest.raises(ValidationError):
        token_create(user=staff, name="   ")
    assert ApiToken.objects.count() == 0


def test_last_used_is_written_at_most_once_a_minute(client, staff):
    token, raw = token_create(user=staff, name="skrip")
    client.get(ME, **bearer(raw))
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    client.get(ME, **bearer(raw))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(ME, **bearer(raw))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(seconds=1)


def test_only_the_owner_can_revoke(staff):
    other = make_user("budi", staff.office)
    token, _ = token_create(user=staff, name="skrip")
    with pytest.raises(PermissionDenied):
        token_revoke(user=other, token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_session_user_can_manage_own_tokens_with_csrf(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.get(ME).status_code == 200
    without_csrf = client.post("/api/v1/accounts/tokens", {"name": "x"}, content_type="application/json")
    assert without_csrf.status_code == 403
    csrf = "k" * 32  # a CSRF secret the browser would hold in its cookie
    client.cookies["csrftoken"] = csrf
    created = client.post(
        "/api/v1/accounts/tokens", {"name": "laptop"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert created.status_code == 201
    raw = created.json()["token"]
    listed = client.get("/api/v1/accounts/tokens").json()
    assert [t["name"] for t in listed] == ["laptop"] and "token" not in listed[0]
    revoked = client.post(f"/api/v1/accounts/tokens/{listed[0]['id']}/revoke", HTTP_X_CSRFTOKEN=csrf)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert Client().get(ME, **bearer(raw)).status_code == 401


def test_session_user_without_office_is_rejected(client):
    homeless = User.objects.create_user("tanpa", password=PASSWORD)
    client.force_login(homeless)
    assert client.get(ME).status_code == 401


def test_tokens_of_others_are_invisible_and_unrevocable(client, staff):
    other = make_user("budi", staff.office)
    theirs, _ = token_create(user=other, name="milik budi")
    _, raw = token_create(user=staff, name="skrip")
    assert [t["name"] for t in client.get("/api/v1/accounts/tokens", **bearer(raw)).json()] == ["skrip"]
    response = client.post(f"/api/v1/accounts/tokens/{theirs.pk}/revoke", **bearer(raw))
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_token_create_through_api_rejects_blank_name(client, staff):
    _, raw = token_create(user=staff, name="skrip")
    response = client.post(
        "/api/v1/accounts/tokens", {"name": " "}, content_type="application/json", **bearer(raw)
    )
    assert response.status_code == 422
    assert ApiToken.objects.count() == 1


def test_now_is_after_creation(staff):
    token, _ = token_create(user=staff, name="skrip")
    assert token.created_at <= timezone.now()


def test_wrong_bearer_token_on_post_answers_401_not_csrf(client, staff):
    response = client.post(
        "/api/v1/accounts/tokens",
        {"name": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer nope",
    )
    assert response.status_code == 401
    assert not ApiToken.objects.exists()
