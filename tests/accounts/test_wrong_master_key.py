"""A server started with the wrong master key answers the 2FA step (and any other page that opens a
sealed value) with a clear Indonesian 503 page, never a traceback; the failure is logged once and the
sign-in attempt is audited as a failed login."""

import logging
from base64 import b32decode

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp

from netra.accounts.services_twofactor import twofactor_demo_enrol
from netra.audit.models import Event
from netra.core.crypto import new_key_text
from netra.core.views import KEY_FAILURE_KEY
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
LOGIN, OTP = "/akun/masuk/", "/akun/masuk/kode/"


@pytest.fixture
def enrolled(settings, tmp_path):
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    user = make_user("ani", national_office(), "pimpinan")
    return user, b32decode(twofactor_demo_enrol(user=user))


def code_step(secret: bytes):
    client = Client(raise_request_exception=False)
    first = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert first.status_code == 302 and first["Location"].startswith(OTP)
    return client, client.post(OTP, {"code": f"{totp(secret):06d}", "next": "/akun/"})


def test_the_code_step_with_the_wrong_master_key_is_a_clear_503(settings, enrolled, caplog):
    _user, secret = enrolled
    settings.NETRA_MASTER_KEY = new_key_text()  # the server restarted with another key
    cache.delete(KEY_FAILURE_KEY)  # logged once an hour: start as a fresh server would
    caplog.set_level(logging.ERROR)
    for _attempt in range(2):
        client, answer = code_step(secret)
        page = answer.content.decode()
        assert answer.status_code == 503
        assert "Kunci enkripsi server tidak tersedia atau salah" in page
        assert "Traceback" not in page and "KeyUnavailable" not in page
        assert "_auth_user_id" not in client.session
    failures = Event.objects.filter(action="account.login_failed", data__step="key_unavailable")
    assert failures.count() == 2 and failures.first().data["username"] == "ani"
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1 and "master key" in logged[0].getMessage()


def test_with_the_right_key_back_the_code_step_signs_in(settings, enrolled):
    _user, secret = enrolled
    _client, answer = code_step(secret)
    assert answer.status_code == 302 and answer["Location"] == "/akun/"
