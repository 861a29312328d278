"""Encrypt the clarifications' invitee names and berita acara stored in plaintext, each with its case's
data key (created if the case has none), then blank the plaintext columns (dropped by 0019).

Imports ``netra.core.crypto`` (the cipher helpers, no models) on purpose, like 0011: the ciphertext
must be exactly what ``netra.cases.sealing.clarifications_open`` opens. Nothing to do on an empty
database; a row already sealed is left alone, so a second run changes nothing.
"""

import json

from django.db import migrations


def _texts_json(item) -> bytes:
    values = {k: v for k, v in (("name", item.person_name), ("record", item.record)) if v}
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def seal_clarifications(apps, schema_editor):
    from netra.core.crypto import data_key_new, data_key_unwrap, data_key_wrap, seal

    Clarification, CaseKey = apps.get_model("cases", "Clarification"), apps.get_model("cases", "CaseKey")
    keys: dict[int, bytes] = {}
    for item in Clarification.objects.filter(sealed="").order_by("pk").iterator():
        if not (item.person_name or item.record):
            continue
        case_id = item.case_id
        if case_id not in keys:
            case_key = CaseKey.objects.filter(case_id=case_id).first()
            context = f"netra:case-key:{case_id}"
            if case_key is None:
                keys[case_id] = data_key_new()
                CaseKey.objects.create(case_id=case_id, wrapped=data_key_wrap(keys[case_id], context=context))
            else:
                keys[case_id] = data_key_unwrap(case_key.wrapped, context=context)
        sealed = seal(keys[case_id], _texts_json(item), context=f"netra:clarification:{case_id}")
        Clarification.objects.filter(pk=item.pk).update(sealed=sealed, person_name="", record="")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0017_clarification_sealed_texts"),
    ]

    operations = [
        migrations.RunPython(seal_clarifications, migrations.RunPython.noop),
    ]
