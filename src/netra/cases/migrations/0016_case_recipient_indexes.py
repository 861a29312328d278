"""Partial indexes in the list order (received_at, id) and the queue order (status, due_at,
received_at, id) for the cases addressed to BKN and to a PPK (accounts.scoping reads the flags;
docs/benchmarks.md). ``IF NOT EXISTS``: an earlier version of 0010 created them already on some
databases."""

from django.db import migrations, models

INDEXES = {
    "case_bkn_received": ("received_at, id", "recommended_to_bkn"),
    "case_bkn_due": ("status, due_at, received_at, id", "recommended_to_bkn"),
    "case_ppk_received": ("received_at, id", "recommended_to_ppk"),
    "case_ppk_due": ("status, due_at, received_at, id", "recommended_to_ppk"),
}


def _sql(name: str) -> str:
    columns, flag = INDEXES[name]
    return f"CREATE INDEX IF NOT EXISTS {name} ON cases_case ({columns}) WHERE {flag}"


def _index(name: str) -> models.Index:
    columns, flag = INDEXES[name]
    return models.Index(fields=columns.split(", "), condition=models.Q(**{flag: True}), name=name)


class Migration(migrations.Migration):
    dependencies = [("cases", "0015_case_recipient_flags_backfill")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(_sql(name), f"DROP INDEX IF EXISTS {name}") for name in INDEXES
            ],
            state_operations=[migrations.AddIndex(model_name="case", index=_index(name)) for name in INDEXES],
        )
    ]
