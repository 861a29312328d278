"""Witnesses' identities are encrypted like the reporter's: the columns that hold the ciphertext and
the erasure time (the plaintext columns go in 0012, after 0011 sealed what they held)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_merge_20261206_2312"),
    ]

    operations = [
        migrations.AddField(
            model_name="witness",
            name="sealed",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="witness",
            name="erased_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
