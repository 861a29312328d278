"""2FA required of every staff role by default, the demo's pre-enrolled accounts, the staff idle
timeout, and the security headers (CSP without unsafe-inline/eval, HSTS over HTTPS, HttpOnly CSRF)."""

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from netra.accounts.middleware import IDLE_KEY
from netra.accounts.models import Role
from netra.accounts.models import SealedTOTPDevice as TOTPDevice
from netra.accounts.services_twofactor import twofactor_demo_code, twofactor_demo_enrol
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
SETUP, LOGIN, OTP = "/akun/2fa/aktifkan/", "/akun/masuk/", "/akun/masuk/kode/"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "netra"


@pytest.fixture
def required(settings):
    settings.NETRA_REQUIRE_2FA = True
    settings.NETRA_REQUIRE_2FA_ROLES = []


@pytest.mark.parametrize("role", Role.values)
def test_every_staff_role_is_sent_to_enrol_and_refused_by_the_api(required, client, role):
    user = make_user(f"u-{role}", national_office(), role)
    client.force_login(user)
    answer = client.get("/kasus/antrean/")
    assert answer.status_code == 302 and answer["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    assert client.get("/api/v1/accounts/me").status_code == 401


def test_switched_off_only_the_listed_roles_must_enrol(settings, client):
    settings.NETRA_REQUIRE_2FA, settings.NETRA_REQUIRE_2FA_ROLES = False, ["pimpinan"]
    client.force_login(make_user("analis1", national_office(), "analis"))
    assert client.get("/akun/").status_code == 200


def test_a_demo_account_signs_in_with_the_printed_code(required):
    user = make_user("bintan.pimpinan", national_office(), "pimpinan")
    secret = twofactor_demo_enrol(user=user)
    assert re.fullmatch(r"[A-Z2-7]+=*", secret) and twofactor_demo_enrol(user=user) == secret  # idempotent
    client = Client()
    first = client.post(LOGIN, {"username": "bintan.pimpinan", "password": PASSWORD})
    assert first.status_code == 302 and first["Location"].startswith(OTP)
    assert "_auth_user_id" not in client.session  # the password alone opens nothing
    second = client.post(OTP, {"code": twofactor_demo_code(user=user)})
    assert second.status_code == 302
    assert client.get("/api/v1/accounts/me").json()["username"] == "bintan.pimpinan"


def test_the_code_command_refuses_real_accounts():
    user = make_user("ani", national_office(), "pimpinan")
    TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=True)
    assert twofactor_demo_code(user=user) is None


def test_an_idle_staff_session_ends(settings):
    settings.NETRA_STAFF_IDLE_MINUTES = 30
    client = Client()
    client.force_login(make_user("ani", national_office(), "pimpinan"))
    assert client.get("/akun/").status_code == 200
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 31 * 60
    session.save()
    answer = client.get("/akun/")
    assert answer.status_code == 302 and answer["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/accounts/me").status_code == 401


def test_an_active_session_stays(settings):
    settings.NETRA_STAFF_IDLE_MINUTES = 30
    client = Client()
    client.force_login(make_user("ani", national_office(), "pimpinan"))
    client.get("/akun/")
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/akun/").status_code == 200


def test_csp_has_no_unsafe_inline_or_eval():
    policy = Client().get("/kasus/lapor/")["Content-Security-Policy"]
    script = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    style = next(p for p in policy.split(";") if p.strip().startswith("style-src"))
    for directive in (script, style):
        assert "'unsafe-inline'" not in directive and "'unsafe-eval'" not in directive
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_htmx_is_told_not_to_eval_or_inject_styles():
    page = Client().get("/kasus/lapor/").content.decode()
    assert (
        '<meta name="htmx-config" content=\'{"allowEval": false, "includeIndicatorStyles": false}\'>' in page
    )


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*nonce=)(?![^>]*application/json)[^>]*>"), "inline <script>"),
    (re.compile(r"\sstyle\s*="), "style= attribute"),
    (re.compile(r"<style(?![^>]*nonce=)"), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "on*= handler"),
    (re.compile(r"\shx-on"), "hx-on attribute"),
]


def test_no_template_carries_inline_script_style_or_handlers():
    found = []
    for path in sorted(TEMPLATES.glob("**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(TEMPLATES)}: {what}" for pattern, what in INLINE if pattern.search(text)
        ]
    assert found == []


def test_the_csrf_cookie_is_httponly_and_htmx_still_sends_the_token():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/kasus/lapor/")
    assert page.cookies["csrftoken"]["httponly"] is True
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page.content.decode()).group(1)
    checked = client.post("/kasus/lapor/periksa/", {"description": "x"}, HTTP_X_CSRFTOKEN=token)
    assert checked.status_code == 200
    assert client.post("/kasus/lapor/periksa/", {"description": "x"}).status_code == 403


def _settings_under(env: dict) -> str:
    code = (
        "import netra.settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env={**env, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    ).stdout.strip()


def test_hsts_and_secure_cookies_follow_https(tmp_path):
    base = {"NETRA_DATA_DIR": str(tmp_path)}
    assert _settings_under(base) == "0 False False"
    assert _settings_under({**base, "NETRA_HTTPS": "true"}) == "31536000 True True"
    assert _settings_under({**base, "NETRA_SECURE_COOKIES": "true"}) == "31536000 True True"


def test_hsts_header_is_sent_over_https(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    answer = Client().get("/", secure=True)
    assert answer["Strict-Transport-Security"] == "max-age=31536000"
