"""Whom each case's recommendations are addressed to, kept on the case (services.recipients). Three
migrations, because PostgreSQL refuses CREATE INDEX in a transaction that has just updated the table
(the deferred foreign-key trigger events are still pending): the columns (0010), the backfill from the
recommendations already stored (0011), the partial indexes in the list and queue orders that serve
BKN's and the PPKs' scopes (0012, docs/benchmarks.md)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_office_letterhead"),
        ("cases", "0009_merge_20261206_2312"),
        ("registry", "0004_agency_standard_nomenclature"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="recommended_to_bkn",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="case",
            name="recommended_to_ppk",
            field=models.BooleanField(default=False),
        ),
    ]
