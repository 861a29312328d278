"""Move django-otp's plaintext TOTP devices into ``SealedTOTPDevice`` and empty the old table.

``django_otp.plugins.otp_totp`` is no longer installed (its model stores the secret in hex), so its
table, when an older database has one, is read with SQL. Each secret is wrapped by the newest master
key exactly as ``SealedTOTPDevice.secret_set`` does; the rows then leave the old table so no
plaintext secret remains. Sessions that passed the second factor with an old device end (their
device id no longer resolves) and sign in again; the authenticator apps keep working.
"""

from binascii import unhexlify

from django.db import migrations

OLD_TABLE = "otp_totp_totpdevice"
COLUMNS = ("user_id", "name", "confirmed", "key", "step", "t0", "digits", "tolerance", "drift", "last_t")


def move_devices(apps, schema_editor):
    from netra.core.crypto import data_key_wrap

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if OLD_TABLE not in connection.introspection.table_names(cursor):
            return
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {OLD_TABLE} ORDER BY id")  # noqa: S608
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    Sealed = apps.get_model("accounts", "SealedTOTPDevice")
    for row in rows:
        secret = unhexlify(row.pop("key").encode("ascii"))
        row["sealed_key"] = data_key_wrap(secret, context=f"netra:totp:{row['user_id']}")
        Sealed.objects.create(**row)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {OLD_TABLE}")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sealed_totp_devices"),
    ]

    operations = [
        migrations.RunPython(move_devices, migrations.RunPython.noop),
    ]
