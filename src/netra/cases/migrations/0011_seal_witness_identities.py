"""Encrypt the witnesses stored in plaintext, each with its case's data key (created if the case has none).

Imports ``netra.core.crypto`` (the cipher helpers, no models) on purpose, like 0006: the ciphertext
must be exactly what ``netra.cases.sealing.witnesses_open`` opens.
"""

import json

from django.db import migrations

FIELDS = ("name", "address", "phone")


def _witness_json(witness) -> bytes:
    values = {name: getattr(witness, name) for name in FIELDS if getattr(witness, name) not in (None, "")}
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def seal_witnesses(apps, schema_editor):
    from netra.core.crypto import data_key_new, data_key_unwrap, data_key_wrap, seal

    Witness, CaseKey = apps.get_model("cases", "Witness"), apps.get_model("cases", "CaseKey")
    keys: dict[int, bytes] = {}
    for witness in Witness.objects.filter(sealed="").order_by("pk").iterator():
        case_id = witness.case_id
        if case_id not in keys:
            case_key = CaseKey.objects.filter(case_id=case_id).first()
            context = f"netra:case-key:{case_id}"
            if case_key is None:
                keys[case_id] = data_key_new()
                CaseKey.objects.create(case_id=case_id, wrapped=data_key_wrap(keys[case_id], context=context))
            else:
                keys[case_id] = data_key_unwrap(case_key.wrapped, context=context)
        witness.sealed = seal(keys[case_id], _witness_json(witness), context=f"netra:witness:{case_id}")
        witness.save(update_fields=["sealed"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_witness_sealed_identity"),
    ]

    operations = [
        migrations.RunPython(seal_witnesses, migrations.RunPython.noop),
    ]
