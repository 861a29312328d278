"""Password login, logout, and the lockout after repeated failures."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"


@pytest.fixture
def staff():
    return make_user("ani", national_office(), "pimpinan")


def test_login_page_is_in_indonesian(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Masuk petugas" in response.content.decode()


def test_correct_password_logs_in_and_next_is_followed(client, staff):
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert response.status_code == 302 and response["Location"] == "/akun/"
    assert client.get("/akun/").context["user"].username == "ani"


def test_wrong_password_shows_an_error_and_does_not_log_in(client, staff):
    response = client.post(LOGIN, {"username": "ani", "password": "salah"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert response.context["form"].errors


def test_logout_needs_post(client, staff):
    client.force_login(staff)
    assert client.get("/akun/keluar/").status_code == 405
    assert client.post("/akun/keluar/").status_code == 302
    assert client.get("/akun/").status_code == 302  # back to the login page


def test_sixth_attempt_is_locked_out_with_a_clear_message(client, staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "ani", "password": "salah"})
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Akun dikunci sementara" in body and "15 menit" in body
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="ani").failures_since_start >= 5


def test_four_failures_do_not_lock_out(client, staff):
    for _ in range(4):
        client.post(LOGIN, {"username": "ani", "password": "salah"})
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_locked_account_does_not_lock_others_elsewhere(client, staff):
    make_user("budi", staff.office)
    for _ in range(6):
        client.post(LOGIN, {"username": "ani", "password": "salah"})
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert (
        elsewhere.post(LOGIN, {"username": "budi", "password": PASSWORD, "next": "/akun/"}).status_code == 302
    )


def test_one_guess_on_each_of_many_accounts_from_one_address_is_locked(client, staff):
    for name in ("budi", "citra", "dedi", "eka", "fajar"):
        make_user(name, staff.office)
        client.post(LOGIN, {"username": name, "password": "salah"})
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD})
    assert response.status_code == 429 and "alamat jaringan ini" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_guesses_on_one_account_from_many_addresses_lock_the_account(staff):
    for number in range(5):
        Client(REMOTE_ADDR=f"10.9.0.{number}").post(LOGIN, {"username": "ani", "password": "salah"})
    response = Client(REMOTE_ADDR="10.9.1.1").post(LOGIN, {"username": "ani", "password": PASSWORD})
    assert response.status_code == 429 and "Akun dikunci sementara" in response.content.decode()


def test_profile_needs_login(client):
    response = client.get("/akun/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_admin_login_goes_through_netra_login(client, staff):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/admin/"
    client.force_login(staff)  # signed in, but not admin staff
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_admin_staff_reach_the_admin_after_netra_login(client, staff):
    from netra.accounts.models import User

    User.objects.filter(pk=staff.pk).update(is_staff=True, is_superuser=True)
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
