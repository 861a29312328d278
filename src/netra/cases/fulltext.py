"""Full-text search of ``Case.search_text`` on both engines, with the same results.

``Case.objects.filter(search_text__words="kepala dinas")``: cases whose search text holds every
word. PostgreSQL answers from the stored generated column ``search_vector`` (``to_tsvector('simple',
search_text)``, kept by the database on every write) and its GIN index ``case_search_vector``
(migration 0011; the model does not declare the column, so SQLite needs no equivalent); SQLite
from the FTS5 table ``cases_case_fts`` kept in step with ``cases_case`` by triggers (created by
the migration and re-checked after every ``migrate``, because SQLite rebuilds a table for some
schema changes and drops its triggers then). ``search_text`` holds only lower-case ASCII words and
digits (``services.search``), which both tokenizers cut identically; whole words match, not parts
of words.

``search_text__words=Within("kepala dinas", region="21.01")``: the same, for a query whose rows are
already bounded to that region's subtree (the caller's scope filter stays: this is a hint). On
PostgreSQL the stored vector also holds a lexeme per region holding the case ("@21", "@21.01", ...,
migration 0017), and the query adds the region's, so the GIN index starts from the region's few
postings rather than a common word's whole list (docs/benchmarks.md, third pass). Search words are
letters and digits only, so no query text can match a region lexeme. SQLite ignores the region.
"""

import re
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db.models import Lookup

from netra.law import regioncode

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
PG_INDEX = "case_search_vector"
PG_VECTOR = "search_vector"  # cases_case's stored tsvector (PostgreSQL only)
REGION_MARK = "@"  # a region lexeme in the stored vector: "@" and the code (migration 0017)
_REGION_LEXEME_DEPTH = regioncode.DESA  # the vector holds the code's first 1-4 parts
_TERM_CODE = re.compile(r"[0-9A-Za-z.]+")  # what may go between the quotes of a tsquery lexeme


@dataclass(frozen=True)
class Within:
    """Words to find among rows the caller bounds to ``region``'s subtree ("" : no bound)."""

    text: str
    region: str = regioncode.NATIONAL


def region_lexeme(code: str) -> str | None:
    """The stored vector's lexeme for region ``code`` (None when it holds none: the whole country,
    a code deeper than a desa, or an unexpected shape)."""
    if code == regioncode.NATIONAL or regioncode.level(code) > _REGION_LEXEME_DEPTH:
        return None
    return REGION_MARK + code if _TERM_CODE.fullmatch(code) else None


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
    prepare_rhs = False  # a str or a Within, read by get_db_prep_lookup

    def get_db_prep_lookup(self, value, connection):
        from netra.cases.services.search import MAX_QUERY_WORDS, search_words

        text = value.text if isinstance(value, Within) else str(value)
        words = search_words(text)[:MAX_QUERY_WORDS]
        if connection.vendor == "postgresql":
            return "%s", [" & ".join(words)]
        return "%s", [" ".join(f'"{word}"' for word in words)]

    def _region_lexeme(self, words: str) -> str | None:
        """The region's lexeme for a query of two words or more (``words``: the tsquery text).

        One word: the planner knows its frequency (the column's statistics) and picks well between
        walking the list order, reading the region's rows, or the word's postings, and the lexeme
        would only make it count the region twice (as the lexeme and as the scope filter: a
        province's 5,500 matches of "kampanye" estimated at 56, read through nested loops, 54 -> 101
        ms at 1 M). Two or more: the planner multiplies the words' frequencies, which for words that
        come together ("whatsapp pemenangan", "kepala desa") is far too low, then intersects their
        whole posting lists with the region (114 ms in a province); the lexeme lets GIN start from
        the region's postings instead (36 ms)."""
        if not isinstance(self.rhs, Within) or " & " not in words:
            return None
        return region_lexeme(self.rhs.region)

    def _stored_vector(self) -> bool:
        target = getattr(self.lhs, "target", None)
        model = getattr(target, "model", None)
        return (
            getattr(self.lhs, "alias", None) is not None
            and target is not None
            and target.column == "search_text"
            and model is not None
            and model._meta.db_table == "cases_case"
        )

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if not rhs_params or not rhs_params[0]:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            vector = f"to_tsvector('simple'::regconfig, {lhs})"
            query = f"to_tsquery('simple'::regconfig, {rhs})"
            if self._stored_vector():  # the case table's own search_text: its stored vector
                vector = f"{compiler.quote_name_unless_alias(self.lhs.alias)}.{PG_VECTOR}"
                lhs_params = []
                lexeme = self._region_lexeme(str(rhs_params[0]))
                if lexeme is not None:  # the region's lexeme too: GIN starts from its postings
                    query = f"({query} && %s::tsquery)"
                    rhs_params = [*rhs_params, f"'{lexeme}'"]
            return f"{vector} @@ {query}", [*lhs_params, *rhs_params]
        table = compiler.quote_name_unless_alias(self.lhs.alias)
        sql = f'{table}."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {rhs})'  # noqa: S608
        return sql, rhs_params
