"""Encrypt the archived invitations (undangan klarifikasi) addressed to a pelapor or saksi, which name a
person only the handlers may see: PDF and DOCX sealed with the case's data key (created if the case has
none), and the addressee column reduced to the party.

Imports ``netra.core.crypto`` (the cipher helpers, no models) on purpose, like 0011 and 0018: the
ciphertext must be exactly what ``netra.cases.sealing.letter_bytes`` opens. A letter already sealed is
left alone, so a second run changes nothing; an empty database has nothing to do.
"""

from django.db import migrations

PARTIES = {"pelapor": "Pelapor", "saksi": "Saksi"}


def _data_key(CaseKey, keys: dict, case_id: int) -> bytes:
    from netra.core.crypto import data_key_new, data_key_unwrap, data_key_wrap

    if case_id not in keys:
        context = f"netra:case-key:{case_id}"
        case_key = CaseKey.objects.filter(case_id=case_id).first()
        if case_key is None:
            keys[case_id] = data_key_new()
            CaseKey.objects.create(case_id=case_id, wrapped=data_key_wrap(keys[case_id], context=context))
        else:
            keys[case_id] = data_key_unwrap(case_key.wrapped, context=context)
    return keys[case_id]


def seal_invitations(apps, schema_editor):
    from netra.core.crypto import seal

    IssuedLetter, CaseKey = apps.get_model("cases", "IssuedLetter"), apps.get_model("cases", "CaseKey")
    keys: dict[int, bytes] = {}
    rows = IssuedLetter.objects.filter(
        kind="undangan_klarifikasi", sealed=False, clarification__party__in=list(PARTIES)
    ).select_related("clarification")
    for letter in rows.order_by("pk").iterator():
        key, case_id = _data_key(CaseKey, keys, letter.case_id), letter.case_id
        IssuedLetter.objects.filter(pk=letter.pk).update(
            pdf=seal(key, bytes(letter.pdf), context=f"netra:letter-pdf:{case_id}").encode("ascii"),
            docx=seal(key, bytes(letter.docx), context=f"netra:letter-docx:{case_id}").encode("ascii"),
            addressee=PARTIES[letter.clarification.party],
            sealed=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0021_issued_letter_sealed"),
    ]

    operations = [
        migrations.RunPython(seal_invitations, migrations.RunPython.noop),
    ]
