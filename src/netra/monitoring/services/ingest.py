"""Ingest: rows from a file, a partner's push or a news feed become pending ``Item`` rows.

One entry point, ``items_add(source=, rows=, kind=)``: every row is cleaned and checked on its own
(a bad row is a ``RowError`` with the row number, the column and a reason in Bahasa Indonesia, never an
exception), identical content is recognised by ``content_hash`` (so a file uploaded twice, a push
retried, or two workers racing add each item once: the unique constraint is the final arbiter), the
new items are bulk-inserted, one audit event records the call, and pipeline work is scheduled for the
new items once the transaction commits.

Files (``ingest_file``): JSON Lines (one object a line), CSV (comma or semicolon, UTF-8 with or
without BOM) and XLSX (first sheet, header in row 1). Columns are mapped to Netra's fields by
``Source.column_mapping`` ({field: column}; dotted paths reach into JSON objects, ``user.name``) and,
for fields it leaves out, by the default column names in ``DEFAULT_COLUMNS``. Row numbers are the
file's: the line for JSON Lines, the spreadsheet row (header = 1) for CSV and XLSX.

The election of an item: the ``election`` argument; else the source's election; else the active
election whose region contains the source office's region (a national election contains every
region) and whose period covers the item's ``posted_at`` (or its arrival when the row has no time);
the most specific region wins, then the nearest voting day. The period runs from the penetapan calon
(else the campaign start, else ``ELECTION_LEAD`` before voting day) to ``ELECTION_TAIL`` after
voting day. No match leaves the item without an election (the pipeline then scores nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import event_record
from netra.core.inputs import BIDI_CONTROLS
from netra.law import regioncode
from netra.monitoring.models import Item, Source
from netra.monitoring.services.bulk import rows_insert

FIELDS = (
    "platform",
    "author_handle",
    "author_name",
    "author_bio",
    "text",
    "title",
    "url",
    "posted_at",
    "reactions",
    "shares",
    "media_description",
    "external_id",
    "raw",
)

# Default column names (lower case, compared case-insensitively) for each field, first match wins.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "platform": ("platform", "network", "source_platform", "platforma"),
    "author_handle": ("author_handle", "handle", "username", "screen_name", "akun", "user"),
    "author_name": ("author_name", "name", "display_name", "author", "nama", "nama_akun"),
    "author_bio": ("author_bio", "bio", "description", "user_description", "profil"),
    "text": ("text", "content", "message", "body", "caption", "teks", "isi"),
    "title": ("title", "judul", "headline"),
    "url": ("url", "link", "permalink", "tautan"),
    "posted_at": ("posted_at", "created_at", "timestamp", "date", "published", "waktu", "tanggal"),
    "reactions": ("reactions", "likes", "like_count", "favorite_count", "suka"),
    "shares": ("shares", "retweets", "retweet_count", "share_count", "bagikan"),
    "media_description": ("media_description", "media", "alt_text", "deskripsi_media"),
    "external_id": ("external_id", "id", "post_id", "tweet_id"),
    "raw": ("raw",),
}

# Longest value kept per field; longer identity fields are row errors, longer descriptions are cut.
MAX_LENGTH = {
    "platform": 40,
    "author_handle": 200,
    "author_name": 300,
    "author_bio": 2_000,
    "text": 50_000,
    "title": 500,
    "url": 1_000,
    "media_description": 5_000,
    "external_id": 200,
}
TRUNCATED = ("author_bio", "media_description")
MULTILINE = ("text", "author_bio", "media_description")
COUNT_MAX = 2_147_483_647  # PositiveIntegerField
RAW_MAX = 20_000  # characters of the JSON of ``raw``
LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)  # naive times in exports are Indonesian local time (WIB)
ELECTION_LEAD = dt.timedelta(days=180)
ELECTION_TAIL = dt.timedelta(days=30)
INSERT_BATCH = 1_000
FORMATS = ("jsonl", "csv", "xlsx")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class IngestResult:
    received: int = 0
    new: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The CLI's and the API's answer (without the ids)."""
        return {
            "received": self.received,
            "new": self.new,
            "duplicates": self.duplicates,
            "errors": [error.to_dict() for error in self.errors],
        }


class IngestFileError(ValueError):
    """The file as a whole cannot be read (unknown format, not a spreadsheet); message in Indonesian."""


# Cleaning ---------------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0]+")
# What the character loop below removes or changes: the control characters (Unicode category Cc is
# exactly U+0000-U+001F and U+007F-U+009F), lone surrogates (category Cs: a JSON "\ud800" escape is
# no character and cannot be encoded, hashed or stored) and the bidi overrides. Text without any
# (nearly every row) takes the fast path, with the same result.
_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")


def clean_text(value: str, *, multiline: bool) -> str:
    """The value without what ``netra.core.inputs.text_problem`` refuses: NUL and other control
    characters (line breaks kept in multi-line fields, turned into spaces elsewhere), lone surrogates
    and bidi overrides; NFC-normalised and stripped."""
    if not value:
        return ""
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if _NEEDS_CLEANING.search(value) is None:
        return (value if multiline else _SPACES.sub(" ", value)).strip()
    out = []
    for ch in value:
        if ch in BIDI_CONTROLS or "\ud800" <= ch <= "\udfff":
            continue
        if unicodedata.category(ch) == "Cc":
            if ch in "\n\r\t":
                out.append(ch if multiline else " ")
            continue
        out.append(ch)
    cleaned = "".join(out)
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n") if multiline else _SPACES.sub(" ", cleaned)
    return cleaned.strip()


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_posted_at(value: Any) -> dt.datetime | None:
    """An aware datetime from a datetime, an ISO 8601 string or a Unix time; naive = WIB. Raises
    ValueError when the value is not a time."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        moment = dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d{9,10}(\.\d+)?", text):
            moment = dt.datetime.fromtimestamp(float(text), tz=dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    if not dt.datetime(1990, 1, 1, tzinfo=dt.UTC) <= moment <= dt.datetime(2200, 1, 1, tzinfo=dt.UTC):
        raise ValueError("out of range")
    return moment


def _count(value: Any) -> int:
    """A reaction or share count: an integer, or digits with thousands separators ("1.234")."""
    if value in (None, ""):
        return 0
    if isinstance(value, bool):
        raise ValueError("bool")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("fraction")
        number = int(value)
    else:
        text = str(value).strip().replace(".", "").replace(",", "").replace(" ", "")
        if not text.isdigit():
            raise ValueError("not a number")
        number = int(text)
    if not 0 <= number <= COUNT_MAX:
        raise ValueError("range")
    return number


def normalise_url(url: str) -> str:
    """Scheme and host lower case, no fragment, no trailing slash: the URL's identity."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def content_hash(*, platform: str, url: str, author: str, text: str) -> str:
    """SHA-256 of the normalised identity of an item: platform, URL, author and text (case-folded,
    whitespace collapsed), so re-exports that differ only in layout are the same item."""
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    body = " ".join(text.casefold().split())
    parts = [platform.strip().lower(), normalise_url(url) if url else "", author.strip().lower(), body]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def clean_row(row: Mapping[str, Any], number: int) -> tuple[dict[str, Any] | None, list[RowError]]:
    """The row as Item field values, or None and its errors."""
    if not isinstance(row, Mapping):
        return None, [RowError(number, "", _("Baris bukan objek/rekaman dengan kolom."))]
    errors: list[RowError] = []
    values: dict[str, Any] = {}
    for name, limit in MAX_LENGTH.items():
        raw_value = row.get(name)
        if isinstance(raw_value, dict | list):
            errors.append(RowError(number, name, _("Nilai harus berupa teks, bukan objek atau daftar.")))
            continue
        value = clean_text(_as_text(raw_value), multiline=name in MULTILINE)
        if len(value) > limit:
            if name in TRUNCATED:
                value = value[:limit]
            else:
                errors.append(
                    RowError(
                        number,
                        name,
                        _("Terlalu panjang: %(length)s karakter, paling banyak %(limit)s.")
                        % {"length": len(value), "limit": limit},
                    )
                )
                continue
        values[name] = value
    if not values.get("text") and "text" not in {error.column for error in errors}:
        errors.append(RowError(number, "text", _("Teks kosong: setiap baris wajib memiliki teks.")))
    values["platform"] = values.get("platform", "").lower()
    values["author_handle"] = values.get("author_handle", "").lstrip("@").lower()
    url = values.get("url", "")
    if url:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
            errors.append(
                RowError(number, "url", _("Alamat tidak sah: harus diawali http:// atau https://."))
            )
    try:
        values["posted_at"] = parse_posted_at(row.get("posted_at"))
    except (ValueError, TypeError, OverflowError, OSError):
        errors.append(
            RowError(
                number,
                "posted_at",
                _("Waktu unggah tidak dikenali (gunakan ISO 8601, mis. 2024-01-31T08:00:00+07:00)."),
            )
        )
    for name in ("reactions", "shares"):
        try:
            values[name] = _count(row.get(name))
        except (ValueError, TypeError):
            errors.append(RowError(number, name, _("Harus bilangan bulat 0 atau lebih.")))
    raw = row.get("raw") or {}
    if not raw and isinstance(raw, Mapping):
        values["raw"] = {}
    elif not isinstance(raw, Mapping):
        errors.append(RowError(number, "raw", _("Data asli (raw) harus berupa objek JSON.")))
    else:
        try:
            encoded = json.dumps(raw, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            encoded = ""
            errors.append(RowError(number, "raw", _("Data asli (raw) tidak dapat disimpan sebagai JSON.")))
        try:
            encoded.encode()
        except UnicodeEncodeError:  # a lone surrogate: not storable text
            encoded = ""
            errors.append(RowError(number, "raw", _("Data asli (raw) tidak dapat disimpan sebagai JSON.")))
        if len(encoded) > RAW_MAX or "\\u0000" in encoded:
            errors.append(RowError(number, "raw", _("Data asli (raw) terlalu besar atau mengandung NUL.")))
        values["raw"] = json.loads(encoded) if encoded else {}
    if errors:
        return None, errors
    return values, []


# Elections ------------------------------------------------------------------------------------


def _election_window(election) -> tuple[dt.datetime, dt.datetime]:
    start_day = election.penetapan_calon or election.campaign_start or (election.voting_day - ELECTION_LEAD)
    end_day = election.voting_day + ELECTION_TAIL
    start = dt.datetime.combine(start_day, dt.time(), tzinfo=LOCAL_TZ)
    end = dt.datetime.combine(end_day, dt.time.max, tzinfo=LOCAL_TZ)
    return start, end


class ElectionChooser:
    """The rule of the module docstring, over the active elections loaded once per call."""

    def __init__(self, region_code: str) -> None:
        from netra.cases.models import Election

        candidates = []
        for election in Election.objects.filter(is_active=True):
            code = election.region_id or regioncode.NATIONAL
            if regioncode.within(region_code, code):
                candidates.append((election, code, *_election_window(election)))
        # Most specific region first, then the nearest voting day (resolved per moment below).
        candidates.sort(key=lambda entry: -len(entry[1]))
        self.candidates = candidates

    def choose(self, moment: dt.datetime) -> Any:
        covering = [entry for entry in self.candidates if entry[2] <= moment <= entry[3]]
        if not covering:
            return None
        longest = len(covering[0][1])
        best = [entry for entry in covering if len(entry[1]) == longest]
        moment_day = moment.astimezone(LOCAL_TZ).date()
        best.sort(key=lambda entry: (abs((entry[0].voting_day - moment_day).days), entry[0].pk))
        return best[0][0]


# The entry point ------------------------------------------------------------------------------


def items_add(
    *,
    source: Source,
    rows: Iterable[Mapping[str, Any]],
    kind: str,
    election=None,
    user=None,
) -> IngestResult:
    """Add ``rows`` (mappings with the keys of ``FIELDS``) to ``source`` as items of ``kind``
    ("post" or "news"). Rows are numbered from 1. See the module docstring."""
    return ingest_numbered(
        source=source,
        rows=((number, row) for number, row in enumerate(rows, start=1)),
        kind=kind,
        election=election,
        user=user,
    )


def ingest_numbered(
    *,
    source: Source,
    rows: Iterable[tuple[int, Mapping[str, Any] | RowError]],
    kind: str,
    election=None,
    user=None,
    dry_run: bool = False,
    via: str = "",
) -> IngestResult:
    """``items_add`` over rows already numbered (a file's), where a row may be a reading error.
    With ``dry_run`` nothing is written: the result says what an ingest would do."""
    if kind not in Item.Kind.values:
        raise ValueError(f"unknown item kind {kind!r}")
    result = IngestResult()
    now = timezone.now()
    chooser = None if (election or source.election_id) else ElectionChooser(source.office.region_code)
    fixed_election_id = election.pk if election is not None else source.election_id
    pending: dict[str, dict[str, Any]] = {}  # content hash -> the new row's column values
    for number, row in rows:
        result.received += 1
        if isinstance(row, RowError):
            result.errors.append(row)
            continue
        values, errors = clean_row(row, number)
        if values is None:
            result.errors.extend(errors)
            continue
        digest = content_hash(
            platform=values["platform"],
            url=values["url"],
            author=values["author_handle"] or values["author_name"],
            text=values["text"],
        )
        if digest in pending:
            result.duplicates += 1
            continue
        election_id = fixed_election_id
        if chooser is not None:
            chosen = chooser.choose(values["posted_at"] or now)
            election_id = chosen.pk if chosen is not None else None
        values.update(
            source_id=source.pk,
            kind=kind,
            content_hash=digest,
            received_at=now,
            next_attempt_at=now,  # the pipeline takes pending items oldest first
            election_id=election_id,
            is_demo=source.is_demo,
        )
        pending[digest] = values
    _insert(source, pending, result, now=now, user=user, dry_run=dry_run, via=via)
    return result


def _existing(hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(hashes), INSERT_BATCH):
        chunk = hashes[start : start + INSERT_BATCH]
        found.update(Item.objects.filter(content_hash__in=chunk).values_list("content_hash", flat=True))
    return found


def _insert_rows(source, pending: dict[str, dict[str, Any]], *, now) -> list[int]:
    """Insert the rows whose hash is not stored yet; returns the ids of the rows this call inserted.
    A concurrent ingest may insert the same hash at the same time: the unique constraint keeps one
    row and the loser counts it as a duplicate."""
    rows = list(pending.values())
    if connection.vendor == "postgresql":
        # One INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING RETURNING id per 1 000
        # rows: no existence query, no model objects, and RETURNING names exactly what we inserted.
        ours: list[int] = []
        for start in range(0, len(rows), INSERT_BATCH):
            ours += rows_insert(Item, rows[start : start + INSERT_BATCH], conflict="content_hash")
        return ours
    existing = _existing(list(pending))
    fresh = [Item(**row) for digest, row in pending.items() if digest not in existing]
    Item.objects.bulk_create(fresh, batch_size=INSERT_BATCH, ignore_conflicts=True)
    ours = []
    fresh_hashes = [item.content_hash for item in fresh]
    for start in range(0, len(fresh_hashes), INSERT_BATCH):
        chunk = fresh_hashes[start : start + INSERT_BATCH]
        # The rows this call inserted carry its arrival time exactly (a racing call's differ).
        ours.extend(
            Item.objects.filter(content_hash__in=chunk, source=source, received_at=now).values_list(
                "pk", flat=True
            )
        )
    return ours


def _insert(
    source, pending: dict[str, dict[str, Any]], result: IngestResult, *, now, user, dry_run, via
) -> None:
    if dry_run:
        existing = _existing(list(pending))
        result.new = len(pending) - len(existing)
        result.duplicates += len(existing)
        return
    with transaction.atomic():
        ours = sorted(_insert_rows(source, pending, now=now))
        result.item_ids = ours
        result.new = len(ours)
        result.duplicates += len(pending) - len(ours)
        event_record(
            actor=user.get_username() if user is not None and user.is_authenticated else "system",
            action="monitoring.items_add",
            obj_type="monitoring.source",
            obj_id=source.pk,
            data={
                "via": via or "items_add",
                "received": result.received,
                "new": result.new,
                "duplicates": result.duplicates,
                "errors": len(result.errors),
            },
            office_code=source.office.region_code,
        )
        if ours:
            from netra.monitoring.tasks import pipeline_schedule

            pipeline_schedule(len(ours))


# Files ----------------------------------------------------------------------------------------


def detect_format(filename: str, declared: str | None = None) -> str:
    if declared:
        if declared not in FORMATS:
            raise IngestFileError(_("Format berkas tidak dikenal: gunakan jsonl, csv atau xlsx."))
        return declared
    lower = filename.lower()
    for suffix, name in (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "jsonl"),
        (".csv", "csv"),
        (".xlsx", "xlsx"),
    ):
        if lower.endswith(suffix):
            return name
    raise IngestFileError(_("Format berkas tidak dikenali dari namanya: sebutkan jsonl, csv atau xlsx."))


def _lookup(record: Mapping[str, Any], column: str) -> Any:
    """A column's value; a dotted path walks into nested JSON objects ("user.screen_name")."""
    if column in record:
        return record[column]
    lowered = {str(key).lower(): value for key, value in record.items()}
    if column.lower() in lowered:
        return lowered[column.lower()]
    value: Any = record
    for part in column.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def map_record(record: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """A file's record as Netra's fields: the source's mapping first, then the default columns."""
    lowered = {str(key).strip().lower(): value for key, value in record.items()}
    out: dict[str, Any] = {}
    for name in FIELDS:
        if mapping.get(name):
            out[name] = _lookup(record, mapping[name])
            continue
        for column in DEFAULT_COLUMNS[name]:
            if column in lowered and lowered[column] not in (None, ""):
                out[name] = lowered[column]
                break
    return out


def read_rows(data: bytes, fmt: str, mapping: Mapping[str, str] | None = None) -> Iterator[tuple[int, Any]]:
    """(row number, record mapped to Netra's fields) or (row number, RowError) for each data row."""
    mapping = mapping or {}
    if fmt == "jsonl":
        yield from _read_jsonl(data, mapping)
    elif fmt == "csv":
        yield from _read_csv(data, mapping)
    elif fmt == "xlsx":
        yield from _read_xlsx(data, mapping)
    else:
        raise IngestFileError(_("Format berkas tidak dikenal: gunakan jsonl, csv atau xlsx."))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestFileError(_("Berkas bukan teks UTF-8.")) from error


def _read_jsonl(data: bytes, mapping: Mapping[str, str]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(_decode(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            yield number, RowError(number, "", _("Baris bukan JSON yang sah."))
            continue
        if not isinstance(record, dict):
            yield number, RowError(number, "", _("Baris JSON harus berupa objek."))
            continue
        yield number, map_record(record, mapping)


def _read_csv(data: bytes, mapping: Mapping[str, str]) -> Iterator[tuple[int, Any]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise IngestFileError(_("Baris judul CSV tidak dapat dibaca.")) from error
    columns = [column.strip() for column in header]
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            number = reader.line_num
            yield number, RowError(number, "", _("Baris CSV rusak (tanda kutip tidak tertutup?)."))
            continue
        number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            yield number, RowError(number, "", _("Baris memiliki lebih banyak kolom daripada judulnya."))
            continue
        yield number, map_record(dict(zip(columns, cells, strict=False)), mapping)


def _read_xlsx(data: bytes, mapping: Mapping[str, str]) -> Iterator[tuple[int, Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise IngestFileError(_("Berkas bukan lembar kerja XLSX yang dapat dibaca.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            header = next(rows)
        except StopIteration:
            return
        columns = [_as_text(cell).strip() for cell in header]
        for number, cells in enumerate(rows, start=2):
            if not any(cell not in (None, "") for cell in cells):
                continue
            yield number, map_record(dict(zip(columns, cells, strict=False)), mapping)
    finally:
        workbook.close()


def ingest_file(
    *,
    source: Source,
    data: bytes,
    filename: str = "",
    fmt: str | None = None,
    kind: str = Item.Kind.POST,
    election=None,
    user=None,
    dry_run: bool = False,
) -> IngestResult:
    """Read a JSON Lines, CSV or XLSX export and ingest its rows (see the module docstring). Raises
    ``IngestFileError`` only when the file as a whole is unreadable."""
    chosen = detect_format(filename, fmt)
    rows = list(read_rows(data, chosen, source.column_mapping or {}))
    return ingest_numbered(
        source=source,
        rows=rows,
        kind=kind,
        election=election,
        user=user,
        dry_run=dry_run,
        via=f"file:{chosen}",
    )
