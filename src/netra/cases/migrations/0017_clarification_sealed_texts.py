"""Clarifications' invitee names and berita acara are encrypted like witnesses: the columns that hold
the ciphertext and the erasure time (the plaintext columns go in 0019, after 0018 sealed them)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_case_recipient_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="clarification",
            name="sealed",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="clarification",
            name="erased_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
