"""Region terms in the stored search vector (PostgreSQL only): ``cases_case.search_vector`` becomes
``to_tsvector('simple', search_text)`` plus one lexeme per region holding the case, "@" and the
region's code ("21.01.04" -> "@21", "@21.01", "@21.01.04"). No word a person types can make such a
lexeme (search words are letters and digits only, ``services.search``), so a search finds the same
cases; a search inside a province or kabupaten adds its region's lexeme to the query, and the GIN
index then starts from that region's few postings instead of intersecting a common word's whole
posting list with the region (docs/benchmarks.md, third pass). ``netra.cases.fulltext`` builds the
query; ``accounts.scoping.case_region_scope`` says which region bounds a user's cases. The lexemes
are the code's first 1-4 parts (the Kemendagri tree: province, kabupaten/kota, kecamatan, desa;
``law.regioncode.lineage``), so "@" + a code of at most four parts is in a case's vector exactly when
the case lies in that region's subtree (a PostgreSQL test checks it against ``lineage``).

PostgreSQL 15 cannot change a generated column's expression, so the column is dropped (its index
with it) and added again: one table rewrite, minutes at a million cases under an exclusive lock. The
GIN index comes back in 0018."""

from django.db import migrations

_CODE = "region_code"
_PARTS = f"(CASE WHEN {_CODE} = '' THEN 0 ELSE length({_CODE}) - length(replace({_CODE}, '.', '')) + 1 END)"


def _prefix(depth: int) -> str:
    joined = " || '.' || ".join(f"split_part({_CODE}, '.', {n})" for n in range(1, depth + 1))
    return f"CASE WHEN {_PARTS} >= {depth} THEN '@' || {joined} END"


REGION_TERMS = (
    "array_to_tsvector(array_remove(ARRAY["
    + ", ".join(_prefix(depth) for depth in range(1, 5))
    + "]::text[], NULL))"
)
VECTOR = f"to_tsvector('simple'::regconfig, search_text) || {REGION_TERMS}"
OLD_VECTOR = "to_tsvector('simple'::regconfig, search_text)"
OLD_INDEX = "CREATE INDEX IF NOT EXISTS case_search_vector ON cases_case USING gin (search_vector)"


def _column(expression: str) -> list[str]:
    return [
        "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE cases_case ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_case_recipient_indexes")]

    # Backwards: 0016's column and its index (0018 made the index for this one).
    operations = [
        migrations.RunPython(_run(_column(VECTOR)), _run([*_column(OLD_VECTOR), OLD_INDEX]), elidable=False)
    ]
