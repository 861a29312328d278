"""Stream rows out of CSV or XLSX files, mapping the header variants people use to our column names."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_HEADER_NOISE = re.compile(r"[^a-z0-9]+")
_DELIMITERS = ",;\t|"


class TabularError(ValueError):
    """The file cannot be read as a table, or misses a required column."""


@dataclass(frozen=True)
class RowError:
    """One problem in one row: what the officer must fix. ``row`` counts the header as row 1."""

    row: int
    column: str
    value: str
    reason: str


def header_key(text: str) -> str:
    """``"Kode Wilayah"``, ``"kode_wilayah"`` and ``"KODE-WILAYAH"`` all become ``"kodewilayah"``."""
    return _HEADER_NOISE.sub("", str(text or "").lower())


def read_rows(
    path: Path,
    columns: dict[str, tuple[str, ...]],
    *,
    required: tuple[str, ...] = (),
    encoding: str = "utf-8-sig",
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(row number, {column: text})`` for every non-empty data row, streaming.

    ``columns`` maps our column name to the header spellings accepted for it; unknown headers are
    ignored. Raises TabularError when a required column is missing.
    """
    path = Path(path)
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path, encoding)
    header = next(rows, None)
    if header is None:
        raise TabularError(f"{path.name} kosong (tidak ada baris judul)")
    positions = _column_positions(header, columns)
    missing = [name for name in required if name not in positions]
    if missing:
        found = ", ".join(map(str, header))
        raise TabularError(f"kolom wajib tidak ditemukan: {', '.join(missing)} (judul yang ada: {found})")
    for number, values in enumerate(rows, start=2):
        row = {name: _cell(values, i) for name, i in positions.items()}
        if any(row.values()):
            yield number, row


def count_data_rows(path: Path) -> int | None:
    """A cheap row count for progress bars (may be off by quoted line breaks), None if unknown."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_row_count(path)
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def _column_positions(header: list, columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    keys = [header_key(h) for h in header]
    positions = {}
    for name, variants in columns.items():
        for variant in (name, *variants):
            if header_key(variant) in keys:
                positions[name] = keys.index(header_key(variant))
                break
    return positions


def _cell(values: list, index: int) -> str:
    if index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # spreadsheets store codes typed as numbers as floats
    return str(value).strip()


def _csv_rows(path: Path, encoding: str) -> Iterator[list]:
    try:
        with path.open(encoding=encoding, newline="") as handle:
            sample = handle.read(64 * 1024)
            handle.seek(0)
            yield from csv.reader(handle, dialect=_dialect(sample))
    except UnicodeDecodeError as exc:
        raise TabularError(
            f"{path.name} bukan teks {encoding}: simpan ulang sebagai CSV UTF-8 ({exc})"
        ) from exc
    except OSError as exc:
        raise TabularError(f"tidak dapat membaca {path}: {exc}") from exc


def _dialect(sample: str):
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def _xlsx_rows(path: Path) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, xml, key errors) for a bad file
        raise TabularError(f"{path.name} bukan berkas XLSX yang dapat dibaca: {exc}") from exc
    try:
        for values in workbook.active.iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()


def _xlsx_row_count(path: Path) -> int | None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # the real read reports the problem
        return None
    try:
        rows = workbook.active.max_row
    finally:
        workbook.close()
    return rows - 1 if rows else None


def write_errors_csv(errors: list[RowError], path: Path) -> Path:
    """The row-by-row error report an officer opens next to the file they imported."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["baris", "kolom", "nilai", "alasan"])
        for error in errors:
            writer.writerow([error.row, error.column, error.value, error.reason])
    return path
