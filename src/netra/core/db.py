"""Database-engine specifics, in one module (docs/architecture.md: SQLite and PostgreSQL parity)."""

import codecs
from collections.abc import Iterator

from django.db import connections
from django.db.models import QuerySet


def copy_csv(queryset: QuerySet) -> Iterator[str] | None:
    """PostgreSQL: the rows of ``queryset`` (a ``values_list``) as CSV text straight from the server
    (``COPY (...) TO STDOUT``), chunk by chunk, without a Python object per row (about ten times the
    rows per second of iterating the queryset, docs/benchmarks.md). None on other engines: the caller
    writes the rows itself."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.sql_with_params()
    return _copy_chunks(connection, f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params)


def _copy_chunks(connection, statement: str, params) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()  # a chunk may end inside a character
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        for chunk in copy:
            yield decoder.decode(bytes(chunk))
    if tail := decoder.decode(b"", final=True):
        yield tail
