"""The clarifications' plaintext name and berita acara columns go, now that 0018 has sealed them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_seal_clarification_texts"),
    ]

    operations = [
        migrations.RemoveField(model_name="clarification", name="person_name"),
        migrations.RemoveField(model_name="clarification", name="record"),
    ]
