"""The public notice board no longer shows an unregistered report's whole receipt code (the reporter's
key to tracking): existing notices get the masked reference (``****-****-9HRA``, the last four
symbols), as ``Case.receipt_masked`` words it. Their letters, issued with the whole code printed, are
detached from the public board (the PDF stays in the case's letter archive for staff): an issued
letter is never changed. A notice with a register number is left as it is."""

from django.db import migrations

SHOWN = 4


def _display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def mask_references(apps, schema_editor):
    StatusNotice = apps.get_model("notifications", "StatusNotice")
    for notice in StatusNotice.objects.select_related("case").order_by("pk").iterator():
        code = notice.case.receipt_code
        if not code or notice.reference != _display(code):
            continue
        masked = _display("*" * (len(code) - SHOWN) + code[-SHOWN:])
        StatusNotice.objects.filter(pk=notice.pk).update(reference=masked, letter=None)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_status_notice_letter"),
    ]

    operations = [
        migrations.RunPython(mask_references, migrations.RunPython.noop),
    ]
