"""Import the civil-servant roster from CSV/XLSX: validate every row, upsert in batches, report errors.

Rows are keyed by NIP. PPNPN staff, who have no NIP, are keyed by their normalised name within the
agency (``uniq_pegawai_without_nip``). A row with any problem is rejected whole and reported; the
file can be fixed and imported again, since the import is idempotent.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone

from netra.names import InvalidNip, normalize_name, parse_nip
from netra.registry.agency_lookup import AgencyLookup, AgencyNotFound
from netra.registry.models import Pegawai
from netra.registry.resolve import RegionResolver
from netra.registry.services.counters import counter_bump
from netra.registry.tabular import RowError, read_rows

BATCH_SIZE = 2000
ROSTER_COLUMNS = {
    "nip": ("nip baru", "nip_baru", "no nip", "nomor induk pegawai", "ni pppk", "nip/ni pppk"),
    "nama": ("nama lengkap", "nama_lengkap", "nama pegawai", "name", "full_name", "full name"),
    "instansi": ("agency", "nama instansi", "instansi induk", "instansi_induk"),
    "unit": ("unit kerja", "unit_kerja", "satuan kerja", "satker", "opd", "unor"),
    "jabatan": ("position", "nama jabatan", "jabatan_nama"),
    "status": (
        "status kepegawaian",
        "status_kepegawaian",
        "status pegawai",
        "jenis pegawai",
        "jenis kepegawaian",
        "employment_type",
    ),
    "kode_wilayah": ("kode wilayah", "wilayah", "region", "region_code", "kode_lokasi", "lokasi kerja"),
}
_STATUS = {
    **dict.fromkeys(("pns", "cpns", "pegawai negeri sipil"), Pegawai.EmploymentType.PNS),
    **dict.fromkeys(
        ("pppk", "p3k", "pppk paruh waktu", "pegawai pemerintah dengan perjanjian kerja"),
        Pegawai.EmploymentType.PPPK,
    ),
    **dict.fromkeys(
        ("ppnpn", "honorer", "tenaga honorer", "non asn", "non-asn", "thl"), Pegawai.EmploymentType.PPNPN
    ),
}
_FIELDS = (
    "full_name",
    "name_normalized",
    "agency_id",
    "unit_id",
    "position",
    "employment_type",
    "region_id",
    "birth_date",
    "gender",
    "tmt_cpns",
)


_DATE_FIELDS = ("birth_date", "tmt_cpns")
_DATE_POSITIONS = [1 + _FIELDS.index(name) for name in _DATE_FIELDS]  # after "nip" in an INSERT row


@dataclass
class RosterImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rejected(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Candidate:
    row: int
    nip: str | None
    values: dict


def roster_import(
    *,
    path: Path,
    default_status: str | None = None,
    encoding: str = "utf-8-sig",
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> RosterImportReport:
    """Upsert every valid row of a roster file; every rejected row is in ``report.errors``."""
    started = time.perf_counter()
    report = RosterImportReport()
    required = ("nip", "nama", "instansi") + (() if default_status else ("status",))
    rows = read_rows(path, ROSTER_COLUMNS, required=required, encoding=encoding)
    validator = _RowValidator(AgencyLookup.load(), default_status)
    batch: list[_Candidate] = []
    for number, row in rows:
        report.rows += 1
        candidate = validator.check(number, row, report.errors)
        if candidate is not None:
            batch.append(candidate)
        if len(batch) >= batch_size:
            _flush(batch, report)
            batch = []
        if progress and report.rows % 500 == 0:
            progress(500)
    _flush(batch, report)
    if progress:
        progress(report.rows % 500)
    report.seconds = time.perf_counter() - started
    return report


class _RowValidator:
    """Turns a row into a candidate record or errors, caching lookups shared by many rows."""

    def __init__(self, lookup: AgencyLookup, default_status: str | None):
        self.lookup = lookup
        self.default_status = default_status
        self.seen: dict[object, int] = {}  # record key -> first row, to catch duplicates in the file
        self._agencies: dict[str, int | str] = {}
        self._units: dict[tuple[int, str], int | str] = {}
        self._regions = RegionResolver()

    def check(self, number: int, row: dict[str, str], errors: list[RowError]) -> _Candidate | None:
        found: list[RowError] = []

        def fail(column: str, reason: str) -> None:
            found.append(RowError(number, column, row.get(column, ""), reason))

        status = self._status(row, fail)
        nip_info = self._nip(row, status, fail)
        name = self._name(row, fail)
        agency_id = self._agency(row, fail)
        unit_id = self._unit(row, agency_id, fail) if agency_id else None
        region_id = self._region(row, unit_id or agency_id, fail)
        if not found:
            key = nip_info.nip if nip_info else (agency_id, name.canonical)
            if key in self.seen:
                fail("nip" if nip_info else "nama", f"duplikat baris {self.seen[key]} dalam berkas yang sama")
            self.seen.setdefault(key, number)
        if found:
            errors.extend(found)
            return None
        values = {
            "full_name": row["nama"][:200],
            "name_normalized": name.canonical[:200],
            "agency_id": agency_id,
            "unit_id": unit_id,
            "position": row.get("jabatan", "")[:200],
            "employment_type": status,
            "region_id": region_id,
            "birth_date": nip_info.birth_date if nip_info else None,
            "gender": nip_info.gender if nip_info else "",
            "tmt_cpns": nip_info.tmt_cpns if nip_info else None,
        }
        return _Candidate(number, nip_info.nip if nip_info else None, values)

    def _status(self, row, fail) -> str | None:
        text = row.get("status", "") or self.default_status or ""
        status = _STATUS.get(" ".join(text.lower().split()))
        if status is None:
            fail(
                "status",
                "status kepegawaian harus PNS, PPPK atau PPNPN" if text else "status kepegawaian kosong",
            )
        return status

    def _nip(self, row, status, fail):
        raw = row["nip"]
        if not raw:
            if status and status != Pegawai.EmploymentType.PPNPN:
                fail("nip", "NIP wajib untuk PNS dan PPPK (hanya PPNPN boleh tanpa NIP)")
            return None
        if "e+" in raw.lower():
            fail(
                "nip",
                "NIP tersimpan sebagai angka di Excel sehingga digitnya hilang; format kolom sebagai teks",
            )
            return None
        try:
            return parse_nip(raw, pppk=status == Pegawai.EmploymentType.PPPK)
        except InvalidNip as exc:
            fail("nip", str(exc))
            return None

    def _name(self, row, fail):
        if not row["nama"]:
            fail("nama", "nama kosong")
            return None
        name = normalize_name(row["nama"])
        if not name.canonical:
            fail("nama", "tidak ada nama orang setelah gelar dan sapaan dibuang")
        return name

    def _agency(self, row, fail) -> int | None:
        text = row["instansi"]
        if text not in self._agencies:
            self._agencies[text] = self._lookup(lambda: self.lookup.find_id(text))
        return self._result(self._agencies[text], "instansi", fail)

    def _unit(self, row, agency_id: int, fail) -> int | None:
        text = row.get("unit", "")
        if not text:
            return None
        key = (agency_id, text)
        if key not in self._units:
            self._units[key] = self._lookup(lambda: self.lookup.find_id(text, within=agency_id))
        return self._result(self._units[key], "unit", fail)

    @staticmethod
    def _lookup(find) -> int | str:
        try:
            return find()
        except AgencyNotFound as exc:
            return str(exc)

    @staticmethod
    def _result(value: int | str, column: str, fail) -> int | None:
        if isinstance(value, str):
            fail(column, value)
            return None
        return value

    def _region(self, row, agency_id: int | None, fail) -> str | None:
        text = row.get("kode_wilayah", "")
        if not text:
            return self._agency_region(agency_id)
        value = self._regions.resolve(text)
        if isinstance(value, Exception):
            fail("kode_wilayah", str(value))
            return None
        return value

    def _agency_region(self, agency_id: int | None) -> str | None:
        """Staff of a regional government (or its unit) without a kode_wilayah work in its region."""
        current = agency_id
        while current is not None:
            row = self.lookup.by_id[current]
            if row.region_id:
                return row.region_id
            current = row.parent_id
        return None


# Writing -----------------------------------------------------------------------------------------


def _flush(batch: list[_Candidate], report: RosterImportReport) -> None:
    if not batch:
        return
    existing = _existing(batch)
    now = timezone.now()
    to_create, to_update = [], []
    for candidate in batch:
        key = candidate.nip or (candidate.values["agency_id"], candidate.values["name_normalized"])
        current = existing.get(key)
        if current is None:
            to_create.append(candidate)
        elif current[1:] != tuple(candidate.values[f] for f in _FIELDS):
            to_update.append(Pegawai(pk=current[0], nip=candidate.nip, updated_at=now, **candidate.values))
        else:
            report.unchanged += 1
    with transaction.atomic():
        _insert(to_create, now)
        Pegawai.objects.bulk_update(to_update, [*_FIELDS, "updated_at"], batch_size=BATCH_SIZE)
        if to_create or to_update:
            counter_bump()
    report.created += len(to_create)
    report.updated += len(to_update)


def _insert(candidates: list[_Candidate], now) -> None:
    """One prepared INSERT run with executemany. bulk_create compiles SQL for every 76 rows on SQLite
    (its 999-parameter limit) and prepares each value through the field; that was most of the time."""
    if not candidates:
        return
    ops = connection.ops
    fields = [Pegawai._meta.get_field(name) for name in ("nip", *_FIELDS, "updated_at")]
    columns = ", ".join(ops.quote_name(cast(Field, f).column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = ops.quote_name(Pegawai._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - model identifiers only
    stamp = ops.adapt_datetimefield_value(now)
    params = []
    for candidate in candidates:
        values = candidate.values
        row = [candidate.nip, *(values[name] for name in _FIELDS), stamp]
        for i in _DATE_POSITIONS:
            row[i] = ops.adapt_datefield_value(row[i])
        params.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _existing(batch: list[_Candidate]) -> dict[object, tuple]:
    nips = [c.nip for c in batch if c.nip]
    found = {
        row[1]: (row[0], *row[2:])
        for row in Pegawai.objects.filter(nip__in=nips).values_list("id", "nip", *_FIELDS)
    }
    unnumbered = [c.values for c in batch if not c.nip]
    if unnumbered:
        rows = Pegawai.objects.filter(
            nip__isnull=True,
            agency_id__in={v["agency_id"] for v in unnumbered},
            name_normalized__in={v["name_normalized"] for v in unnumbered},
        ).values_list("id", *_FIELDS)
        for row in rows:
            found[(row[3], row[2])] = row  # (agency_id, name_normalized)
    return found
