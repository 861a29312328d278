"""2FA with a real TOTP code computed from the device's key."""

import pytest
from django.test import override_settings
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticToken

from netra.accounts.models import SealedTOTPDevice as TOTPDevice
from netra.audit.models import Event
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
SETUP, DISABLE, LOGIN, OTP = "/akun/2fa/aktifkan/", "/akun/2fa/matikan/", "/akun/masuk/", "/akun/masuk/kode/"


def code_for(device: TOTPDevice) -> str:
    """The device's next acceptable code: the current step, or the one after the last step spent.

    Counted from the spent step rather than the clock: a confirmation that crossed a 30-second
    boundary leaves the device one step of drift behind, and "now + 1" would then be out of reach.
    """
    device.refresh_from_db()
    now = TOTP(device.bin_key, step=device.step, t0=device.t0, drift=device.drift).t()
    value = hotp(device.bin_key, max(now, device.last_t + 1), digits=device.digits)
    return f"{value:0{device.digits}d}"


@pytest.fixture
def staff():
    return make_user("ani", national_office(), "pimpinan")


def enable(client, staff) -> list[str]:
    client.force_login(staff)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    assert page.context["secret"] in page.content.decode()
    done = client.post(SETUP, {"code": code_for(device)})
    assert done.status_code == 200
    return done.context["codes"]


def test_turning_on_shows_backup_codes_once_and_confirms_the_device(client, staff):
    codes = enable(client, staff)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert Event.objects.filter(action="user.2fa_enable", object_id=str(staff.pk)).exists()
    assert client.get(SETUP).status_code == 302  # already on: nothing to show again


def test_a_new_secret_is_audited_once_and_reused_on_the_next_visit(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=staff).count() == 1
    setups = Event.objects.filter(action="user.2fa_setup", object_id=str(staff.pk))
    assert setups.count() == 1


def test_wrong_code_does_not_confirm(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not TOTPDevice.objects.get(user=staff).confirmed


def test_login_asks_for_the_code_when_2fa_is_on(client, staff):
    enable(client, staff)
    client.logout()
    response = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert response.status_code == 302 and response["Location"].startswith(OTP)
    assert "_auth_user_id" not in client.session
    wrong = client.post(OTP, {"code": "123456", "next": "/akun/"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    device = TOTPDevice.objects.get(user=staff)
    device.throttling_failure_count = 0  # the wrong code above started django-otp's back-off
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(OTP, {"code": code_for(device), "next": "/akun/"})
    assert ok.status_code == 302 and ok["Location"] == "/akun/"
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/akun/").status_code == 200
    assert client.get("/api/v1/accounts/me").status_code == 200  # a verified session works in the API


def test_a_backup_code_works_once(client, staff):
    codes = enable(client, staff)
    client.logout()
    client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert client.post(OTP, {"code": codes[0].upper(), "next": "/akun/"}).status_code == 302
    client.logout()
    client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert client.post(OTP, {"code": codes[0], "next": "/akun/"}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_too_many_wrong_codes_send_the_user_back_to_the_password(client, staff):
    enable(client, staff)
    client.logout()
    client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    for _ in range(5):
        response = client.post(OTP, {"code": "11111111", "next": "/akun/"})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert client.get(OTP, {"next": "/akun/"}).status_code == 302


def test_otp_step_without_password_step_redirects_to_login(client, staff):
    response = client.get(OTP, {"next": "/akun/"})
    assert response.status_code == 302 and response["Location"] == LOGIN


def test_session_without_the_second_factor_is_ended(client, staff):
    enable(client, staff)
    client.logout()
    client.force_login(staff)  # a password-only session, as if opened before 2FA was turned on
    response = client.get("/akun/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/accounts/me").status_code == 401


def test_turning_off_needs_a_current_code(client, staff):
    enable(client, staff)
    device = TOTPDevice.objects.get(user=staff)
    assert client.post(DISABLE, {"code": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(user=staff).exists()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    # The current step's code was spent on confirming; the next one is within the allowed tolerance.
    response = client.post(DISABLE, {"code": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    assert Event.objects.filter(action="user.2fa_disable").exists()


@override_settings(NETRA_REQUIRE_2FA_ROLES=["pimpinan"])
def test_required_roles_are_sent_to_setup(client, staff):
    client.force_login(staff)
    response = client.get("/akun/")
    assert response.status_code == 302 and response["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    assert client.get("/api/v1/accounts/me").status_code == 401


@override_settings(NETRA_REQUIRE_2FA_ROLES=["pimpinan"])
def test_other_roles_are_not_forced(client, staff):
    analis = make_user("dewi", staff.office, "analis")
    client.force_login(analis)
    assert client.get("/akun/").status_code == 200
