"""Rows of a list or a statistic as CSV or XLSX, streamed: memory stays flat whatever the row count.

CSV is produced line by line from a server-side cursor (``iterator``); XLSX through openpyxl's
write-only workbook, which spills rows to a temporary file instead of holding cells in memory.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.db.models import QuerySet
from openpyxl import Workbook

from netra.core.db import copy_csv

CHUNK = 5000
CASE_COLUMNS = (
    ("id", "pk"),
    ("nomor_registrasi", "register_number"),
    ("jenis", "kind"),
    ("status", "status"),
    ("kode_wilayah", "region_code"),
    ("wilayah", "region__name"),
    ("kantor", "office__name"),
    ("pemilihan", "election__name"),
    ("jenis_pelanggaran", "violation_code"),
    ("diterima", "received_at"),
    ("batas_waktu", "due_at"),
    ("judul", "title"),
)
STAT_COLUMNS = ("key", "label", "cases", "proven", "recommended", "sanctioned")


def case_rows(cases: QuerySet, chunk: int = CHUNK) -> Iterator[tuple]:
    """The header, then one tuple per case, read ``chunk`` rows at a time (a server-side cursor on
    PostgreSQL, fetchmany on SQLite): memory holds one chunk, whatever the row count."""
    yield tuple(name for name, _field in CASE_COLUMNS)
    fields = [field for _name, field in CASE_COLUMNS]
    plain = cases.select_related(None).prefetch_related(None)
    for row in plain.values_list(*fields).iterator(chunk_size=chunk):
        yield tuple(_cell(value) for value in row)


def case_csv(cases: QuerySet) -> Iterator[str]:
    """The cases as CSV text: on PostgreSQL streamed by the server (COPY), elsewhere row by row.
    Timestamps are UTC in the engine's ISO 8601 form."""
    header = csv_lines([tuple(name for name, _field in CASE_COLUMNS)])
    plain = cases.select_related(None).prefetch_related(None)
    copied = copy_csv(plain.values_list(*(field for _name, field in CASE_COLUMNS)))
    if copied is None:
        yield from csv_lines(case_rows(cases))
        return
    yield from header
    yield from copied


def stat_rows(rows: Iterable[Any]) -> Iterator[tuple]:
    yield STAT_COLUMNS
    for row in rows:
        yield tuple(getattr(row, column) for column in STAT_COLUMNS)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="seconds")
    return value


class _Line:
    """A file-like object whose write returns the line: csv.writer without a buffer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[tuple]) -> Iterator[str]:
    """CSV text, one line at a time; the first line carries a BOM so spreadsheets read UTF-8."""
    writer = csv.writer(_Line())
    first = True
    for row in rows:
        line = writer.writerow(row)
        yield ("\ufeff" + line) if first else line
        first = False


def xlsx_file(rows: Iterable[tuple], title: str = "data") -> IO[bytes]:
    """An XLSX workbook in a temporary file (rewound), written in openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row)
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    workbook.save(out)
    out.seek(0)
    return out
