"""Encrypt the identities stored before encryption at rest, each with its case's new data key.

Imports ``netra.core.crypto`` (the cipher helpers, no models) on purpose: the ciphertext must be
exactly what the application opens. Historical models come from ``apps`` as usual.
"""

import json

from django.db import migrations

FIELDS = (
    "name",
    "address",
    "phone",
    "email",
    "nik",
    "birth_place",
    "birth_date",
    "gender",
    "occupation",
    "nationality",
)


def _identity_json(reporter) -> bytes:
    values = {name: getattr(reporter, name) for name in FIELDS if getattr(reporter, name) not in (None, "")}
    if values.get("birth_date"):
        values["birth_date"] = values["birth_date"].isoformat()
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def seal_identities(apps, schema_editor):
    from netra.core.crypto import data_key_new, data_key_unwrap, data_key_wrap, seal

    Reporter, CaseKey = apps.get_model("cases", "Reporter"), apps.get_model("cases", "CaseKey")
    for reporter in Reporter.objects.filter(sealed="").order_by("pk").iterator():
        case_key = CaseKey.objects.filter(case_id=reporter.case_id).first()
        context = f"netra:case-key:{reporter.case_id}"
        if case_key is None:
            data_key = data_key_new()
            CaseKey.objects.create(case_id=reporter.case_id, wrapped=data_key_wrap(data_key, context=context))
        else:
            data_key = data_key_unwrap(case_key.wrapped, context=context)
        reporter.sealed = seal(
            data_key, _identity_json(reporter), context=f"netra:reporter:{reporter.case_id}"
        )
        reporter.save(update_fields=["sealed"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_keys_and_sealed_identities"),
    ]

    operations = [
        migrations.RunPython(seal_identities, migrations.RunPython.noop),
    ]
