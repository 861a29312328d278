"""The GIN index on the stored search vector again, after 0017 re-created the column (a separate
migration: at a million cases the rewrite and the index build each take minutes, and a failed index
build then does not roll the rewrite back)."""

from django.db import migrations

INDEX = "CREATE INDEX IF NOT EXISTS case_search_vector ON cases_case USING gin (search_vector)"
# The re-created column has no statistics until autovacuum comes by: the planner would take a common
# word for a rare one (500 rows estimated, 39,966 found at 100 k cases) and sort every match.
ANALYZE = "ANALYZE cases_case"


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_case_search_region_terms")]

    operations = [
        migrations.RunPython(
            _run([INDEX, ANALYZE]), _run(["DROP INDEX IF EXISTS case_search_vector"]), elidable=False
        )
    ]
