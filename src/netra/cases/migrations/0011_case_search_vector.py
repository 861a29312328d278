"""A stored search vector on PostgreSQL: ``cases_case.search_vector``, a generated column
``to_tsvector('simple', search_text)`` with a GIN index, replacing the expression index
``case_search_fts``. A search then reads each candidate's vector instead of parsing its text again,
which is what made a rare word inside a province or BKN's scope slow (docs/benchmarks.md). The
database keeps the column in step with ``search_text`` on every write (the services keep
``search_text``), so no code writes it; the model does not declare it (SQLite keeps its FTS5
table, ``netra.cases.fulltext``). Adding the column rewrites the table once (minutes at a million
cases, under an exclusive lock)."""

from django.db import migrations

FORWARD = [  # the old index first: the rewrite would otherwise rebuild it too
    "DROP INDEX IF EXISTS case_search_fts",
    "ALTER TABLE cases_case ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS case_search_vector ON cases_case USING gin (search_vector)",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS case_search_fts ON cases_case "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
    "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_case_recipient_flags")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
