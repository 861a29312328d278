"""Backup codes (django-otp static tokens) are stored only as a keyed hash: a database reader cannot
use them; each still works once; a rotated ``SECRET_KEY`` (kept in ``SECRET_KEY_FALLBACKS``) keeps
them working; codes an older database stored in plaintext are hashed by migration ``accounts.0005``."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from netra.accounts.services_twofactor import twofactor_demo_enrol
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
SETUP, LOGIN, OTP = "/akun/2fa/aktifkan/", "/akun/masuk/", "/akun/masuk/kode/"


@pytest.fixture(autouse=True)
def no_backoff(settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # wrong codes here would otherwise delay the next one


@pytest.fixture
def staff():
    return make_user("ani", national_office(), "pimpinan")


def enable(staff) -> list[str]:
    from django_otp.oath import totp

    from netra.accounts.models import SealedTOTPDevice

    client = Client()
    client.force_login(staff)
    client.get(SETUP)
    device = SealedTOTPDevice.objects.get(user=staff)
    done = client.post(SETUP, {"code": f"{totp(device.bin_key):06d}"})
    return done.context["codes"]


def every_static_row() -> str:
    text = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM otp_static_statictoken")
        text += [" ".join(map(str, row)) for row in cursor.fetchall()]
    return "\n".join(text)


def signs_in(code: str) -> bool:
    client = Client()
    first = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert first.status_code == 302 and first["Location"].startswith(OTP)
    return client.post(OTP, {"code": code, "next": "/akun/"}).status_code == 302


def test_no_backup_code_is_in_the_database(staff):
    codes = enable(staff)
    rows = every_static_row()
    assert rows.count("\n") == 9  # ten tokens stored
    for code in codes:
        assert code not in rows and code.upper() not in rows


def test_a_stored_value_typed_as_a_code_does_not_sign_in(staff):
    enable(staff)
    stored = StaticToken.objects.filter(device__user=staff).values_list("token", flat=True).first()
    assert not signs_in(stored)


def test_each_code_works_once_even_after_the_secret_key_rotates(settings, staff):
    codes = enable(staff)
    assert signs_in(codes[0])
    assert not signs_in(codes[0])
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert signs_in(codes[1])
    assert not signs_in(codes[1])
    assert StaticToken.objects.filter(device__user=staff).count() == 8


def test_plaintext_codes_of_an_older_database_are_hashed_and_still_work(staff):
    twofactor_demo_enrol(user=staff)
    device = StaticDevice.objects.create(user=staff, name="Kode cadangan", confirmed=True)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in ("abcdefgh", "bcdefghi"))
    migration = importlib.import_module("netra.accounts.migrations.0005_hash_backup_codes")
    migration.hash_backup_codes(apps, None)
    migration.hash_backup_codes(apps, None)  # a second run changes nothing
    rows = every_static_row()
    assert "abcdefgh" not in rows and "bcdefghi" not in rows
    assert signs_in("ABCD-EFGH")
    assert not signs_in("abcdefgh")
    assert signs_in("bcdefghi")


def test_the_migration_runs_on_an_empty_table():
    migration = importlib.import_module("netra.accounts.migrations.0005_hash_backup_codes")
    migration.hash_backup_codes(apps, None)
    assert not StaticToken.objects.exists()
