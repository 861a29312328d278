"""The witnesses' plaintext columns go, now that 0011 has sealed every witness."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_seal_witness_identities"),
    ]

    operations = [
        migrations.RemoveField(model_name="witness", name="address"),
        migrations.RemoveField(model_name="witness", name="name"),
        migrations.RemoveField(model_name="witness", name="phone"),
    ]
