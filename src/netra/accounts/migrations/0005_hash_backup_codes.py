"""Replace the backup codes stored in plaintext (django-otp's static tokens) with their keyed hash.

The digest is exactly ``netra.accounts.services_twofactor.backup_code_digest`` (written out here so
the migration keeps its meaning if that code changes): HMAC-SHA256 keyed by ``SECRET_KEY``, over
"user id:code", first 10 bytes in lowercase base32 (16 characters, the token column's width). A
stored digest is 16 characters long and a plaintext code (8 characters) shorter, so a second run
changes nothing. The users' codes keep working; none is shown again.
"""

from base64 import b32encode

from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "netra.2fa.backup-code"
DIGEST_LENGTH = 16


def _digest(user_id: int, code: str) -> str:
    mac = salted_hmac(SALT, f"{user_id}:{code}", algorithm="sha256").digest()
    return b32encode(mac[:10]).decode("ascii").lower()


def hash_backup_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    plain = StaticToken.objects.select_related("device").order_by("pk")
    for token in plain.iterator():
        if len(token.token) == DIGEST_LENGTH:
            continue
        code = token.token.replace(" ", "").replace("-", "").lower()
        StaticToken.objects.filter(pk=token.pk).update(token=_digest(token.device.user_id, code))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_seal_existing_totp_secrets"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(hash_backup_codes, migrations.RunPython.noop),
    ]
