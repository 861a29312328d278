"""Fast row insertion for bulk generation: COPY on PostgreSQL, ``executemany`` on SQLite.

The ORM's ``bulk_create`` builds a model instance per row and one INSERT per batch; a million cases
with their terlapor, kajian and transitions are several million rows, which COPY writes many times
faster. Rows are plain dicts keyed by column (attname); missing columns take the field's default.
Primary keys are allocated by the caller (``ids_reserve``) so related rows can point at them, and
the sequence is moved past them afterwards (``ids_release``). Only services call this module.
"""

import json
from datetime import UTC

from django.db import connection
from django.db.models import Model

_EMPTY_JSON = {dict: "{}", list: "[]", type(None): "null"}


class TableWriter:
    """Buffers rows of one model and writes them in batches."""

    def __init__(self, model: type[Model], batch: int = 20000):
        self.model = model
        self.table = model._meta.db_table
        fields = model._meta.concrete_fields
        self.columns = [f.column for f in fields]
        self._attnames = [f.attname for f in fields]
        self._defaults = [f.get_default() for f in fields]
        self._json = {i for i, f in enumerate(fields) if f.get_internal_type() == "JSONField"}
        kinds = [f.get_internal_type() for f in fields]
        self._moments = [i for i, kind in enumerate(kinds) if kind == "DateTimeField"]
        self._days = [i for i, kind in enumerate(kinds) if kind == "DateField"]
        self._rows: list[tuple] = []
        self.batch = batch
        self.written = 0

    def add(self, row: dict) -> None:
        values = [
            row.get(name, default) for name, default in zip(self._attnames, self._defaults, strict=True)
        ]
        for i in self._json:
            values[i] = (
                json.dumps(values[i], ensure_ascii=False) if values[i] else _EMPTY_JSON[type(values[i])]
            )
        if connection.vendor == "sqlite":  # SQLite stores moments as naive UTC text, as Django does
            for i in self._moments:
                if values[i] is not None:
                    values[i] = values[i].astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            for i in self._days:
                if values[i] is not None:
                    values[i] = values[i].isoformat()
        self._rows.append(tuple(values))
        if len(self._rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        if connection.vendor == "postgresql":
            self._copy(self._rows)
        else:
            self._insert(self._rows)
        self.written += len(self._rows)
        self._rows = []

    def _copy(self, rows: list[tuple]) -> None:
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {connection.ops.quote_name(self.table)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _insert(self, rows: list[tuple]) -> None:
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        marks = ", ".join("%s" for _ in self.columns)
        sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({columns}) VALUES ({marks})"  # noqa: S608 - model identifiers only
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def table_lock(model: type[Model]) -> None:
    """Lock ``model``'s table against other writers until the transaction ends (readers go on;
    SQLite's write transaction is already exclusive)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def ids_reserve(model: type[Model]) -> int:
    """The first free primary key of ``model``'s table, locked against other writers until the
    transaction ends."""
    table_lock(model)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - model identifiers only
        return int(cursor.fetchone()[0]) + 1


def ids_release(model: type[Model]) -> None:
    """Move the table's id sequence past the ids written explicitly (SQLite's AUTOINCREMENT follows
    on its own)."""
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    highest = f"SELECT GREATEST(COALESCE(MAX(id), 0), 1) FROM {connection.ops.quote_name(table)}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({highest}))",
            [table],
        )
