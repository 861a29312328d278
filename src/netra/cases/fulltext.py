"""Full-text search of ``Case.search_text`` on both engines, with the same results.

``Case.objects.filter(search_text__words="kepala dinas")``: cases whose search text holds every
word. PostgreSQL answers from a GIN index on ``to_tsvector('simple', search_text)`` (migration
0005); SQLite from the FTS5 table ``cases_case_fts`` kept in step with ``cases_case`` by triggers
(created by the migration and re-checked after every ``migrate``, because SQLite rebuilds a table
for some schema changes and drops its triggers then). ``search_text`` holds only lower-case ASCII
words and digits (``services.search``), which both tokenizers cut identically; whole words match,
not parts of words.
"""

from django.db import connection as default_connection
from django.db.models import Lookup

FTS_TABLE = "cases_case_fts"
_SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cases_case_fts USING fts5("
    "search_text, content='cases_case', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_insert AFTER INSERT ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_delete AFTER DELETE ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_update AFTER UPDATE OF search_text ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')",
]
_TRIGGERS = (f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update")
PG_INDEX = "case_search_fts"


def sqlite_fts_ensure(connection=default_connection) -> bool:
    """Create the FTS5 table and triggers where missing, and rebuild the index then; True if it did."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
            [f"{FTS_TABLE}%"],
        )
        present = {row[0] for row in cursor.fetchall()}
        if FTS_TABLE in present and present.issuperset(_TRIGGERS):
            return False
        for statement in _SQLITE_SETUP:
            cursor.execute(statement)
    return True


class Words(Lookup):
    """``search_text__words="a b"``: rows whose text holds every word (as ``search_words`` cuts them)."""

    lookup_name = "words"

    def get_db_prep_lookup(self, value, connection):
        from netra.cases.services.search import MAX_QUERY_WORDS, search_words

        words = search_words(str(value))[:MAX_QUERY_WORDS]
        if connection.vendor == "postgresql":
            return "%s", [" & ".join(words)]
        return "%s", [" ".join(f'"{word}"' for word in words)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if not rhs_params or not rhs_params[0]:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            sql = f"to_tsvector('simple'::regconfig, {lhs}) @@ to_tsquery('simple'::regconfig, {rhs})"
            return sql, [*lhs_params, *rhs_params]
        table = compiler.quote_name_unless_alias(self.lhs.alias)
        sql = f'{table}."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {rhs})'  # noqa: S608
        return sql, rhs_params
