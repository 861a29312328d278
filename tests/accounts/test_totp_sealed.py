"""TOTP secrets are stored only encrypted (wrapped by the master key, bound to their user); signing in
with a code still works, a key rotation re-wraps them, and devices of an older database (django-otp's
plaintext table) are moved into sealed devices by migration ``accounts.0004``."""

import importlib
from base64 import b32decode
from binascii import hexlify

import pytest
from django.db import connection
from django.test import Client
from django_otp.oath import totp
from typer.testing import CliRunner

from netra.accounts.models import SealedTOTPDevice
from netra.accounts.services_twofactor import device_secret, twofactor_demo_enrol
from netra.audit.models import Event
from netra.cli import app
from netra.core.crypto import KeyUnavailable, master_ring, new_key_text
from tests.accounts.helpers import PASSWORD, make_user, national_office

pytestmark = pytest.mark.django_db
runner = CliRunner()
LOGIN, OTP = "/akun/masuk/", "/akun/masuk/kode/"


@pytest.fixture
def key_file(settings, tmp_path):
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    return settings.NETRA_MASTER_KEY_FILE


@pytest.fixture
def enrolled(key_file):
    user = make_user("ani", national_office(), "pimpinan")
    secret = b32decode(twofactor_demo_enrol(user=user))
    return user, secret


def every_totp_row() -> str:
    """Every row of every table holding TOTP devices, as text (whatever model stores them)."""
    text = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if "totp" in table.lower():
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a name from the catalogue)
                text += [" ".join(map(str, row)) for row in cursor.fetchall()]
    return "\n".join(text)


def code(secret: bytes, drift: int = 0) -> str:
    return f"{totp(secret, drift=drift):06d}"


def sign_in(secret: bytes, drift: int = 0) -> Client:
    client = Client()
    first = client.post(LOGIN, {"username": "ani", "password": PASSWORD, "next": "/akun/"})
    assert first.status_code == 302 and first["Location"].startswith(OTP)
    second = client.post(OTP, {"code": code(secret, drift), "next": "/akun/"})
    assert second.status_code == 302 and second["Location"] == "/akun/", second.content[:300]
    return client


def test_the_secret_is_nowhere_in_the_database_in_clear(enrolled):
    _user, secret = enrolled
    rows = every_totp_row()
    assert rows  # the device is stored
    for clear in (hexlify(secret).decode(), hexlify(secret).decode().upper(), device_secret_text(secret)):
        assert clear not in rows
    assert SealedTOTPDevice.objects.get().sealed_key.startswith(master_ring()[0].key_id + ":")


def device_secret_text(secret: bytes) -> str:
    from base64 import b32encode

    return b32encode(secret).decode()


def test_signing_in_with_a_code_still_works(enrolled):
    _user, secret = enrolled
    client = sign_in(secret)
    assert client.get("/api/v1/accounts/me").json()["username"] == "ani"


def test_a_secret_copied_to_another_user_does_not_open(enrolled):
    user, _secret = enrolled
    other = make_user("budi", user.office, "staf_penanganan")
    twofactor_demo_enrol(user=other)
    SealedTOTPDevice.objects.filter(user=other).update(
        sealed_key=SealedTOTPDevice.objects.get(user=user).sealed_key
    )
    with pytest.raises(KeyUnavailable):
        assert SealedTOTPDevice.objects.get(user=other).bin_key


def test_without_the_master_key_the_secret_does_not_open(settings, enrolled):
    settings.NETRA_MASTER_KEY = new_key_text()
    with pytest.raises(KeyUnavailable):
        assert SealedTOTPDevice.objects.get().bin_key


def test_rotation_rewraps_the_secret_and_codes_keep_working(enrolled):
    user, secret = enrolled
    old_id = master_ring()[0].key_id
    result = runner.invoke(app, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "1 of 1 TOTP secrets" in result.output
    ring = master_ring()
    assert len(ring) == 1 and ring[0].key_id != old_id
    device = SealedTOTPDevice.objects.get(user=user)
    assert device.sealed_key.startswith(ring[0].key_id + ":") and device.bin_key == secret
    assert device_secret(device) == device_secret_text(secret)
    event = Event.objects.get(action="keys.rewrap")
    assert (event.data["totp_rewrapped"], event.data["totp_secrets"]) == (1, 1)
    sign_in(secret)
    status = runner.invoke(app, ["keys", "status", "--json"])
    assert f'"totp_secrets": {{"{ring[0].key_id}": 1}}' in status.output


@pytest.mark.django_db(transaction=True)
def test_plaintext_devices_of_an_older_database_are_moved_and_sealed(key_file):
    user = make_user("ani", national_office(), "pimpinan")
    secret = bytes(range(1, 21))
    with connection.cursor() as cursor:  # django-otp's own table, as an older Netra had it
        cursor.execute(
            "CREATE TABLE otp_totp_totpdevice (id integer PRIMARY KEY, user_id integer, name varchar(64),"
            " confirmed boolean, key varchar(80), step smallint, t0 bigint, digits smallint,"
            " tolerance smallint, drift smallint, last_t bigint)"
        )
        cursor.execute(
            "INSERT INTO otp_totp_totpdevice"
            " VALUES (1, %s, 'Aplikasi autentikator', %s, %s, 30, 0, 6, 1, 0, -1)",
            [user.pk, True, hexlify(secret).decode()],
        )
    try:
        migration = importlib.import_module("netra.accounts.migrations.0004_seal_existing_totp_secrets")
        from django.apps import apps

        with connection.schema_editor() as editor:
            migration.move_devices(apps, editor)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM otp_totp_totpdevice")
            assert cursor.fetchone()[0] == 0
        device = SealedTOTPDevice.objects.get(user=user)
        assert device.confirmed and device.bin_key == secret
        assert hexlify(secret).decode() not in every_totp_row()
        sign_in(secret)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE otp_totp_totpdevice")
