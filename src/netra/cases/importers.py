"""Import historical cases from CSV/XLSX: every row validated first, then all or nothing.

Each row is one case with one terlapor, in the status it reached. Rows are checked completely
(columns, dates, election, region and competent office, the decision, recommendation and sanction
that status implies) and every problem is reported by row and column. Only a file without errors
is written, in a single transaction; ``dry_run`` validates without writing.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.offices import office_for_region
from netra.accounts.scoping import SUPERVISE, can
from netra.cases.law import violation_exists
from netra.cases.models import (
    Case,
    Decision,
    Election,
    Kind,
    NonRegistrationReason,
    Status,
    SubjectType,
)
from netra.cases.report_input import ReportInput, report_input_parse, text_problem
from netra.cases.services.imports import (
    RECOMMENDED,
    ImportRow,
    _aware,
    cases_import_rows,
)
from netra.registry.models import Region
from netra.registry.tabular import RowError, TabularError, read_rows

COLUMNS = {
    "jenis": ("kind",),
    "pemilihan": ("election",),
    "wilayah": ("kode_wilayah", "region"),
    "tanggal_diterima": ("diterima", "received"),
    "uraian": ("uraian_kejadian", "description"),
    "status": (),
    "judul": ("title",),
    "tempat": ("tempat_kejadian", "place"),
    "tanggal_kejadian": ("occurred_on",),
    "tanggal_diketahui": ("known_on",),
    "nomor_registrasi": ("register_number",),
    "tanggal_registrasi": ("registered_on",),
    "alasan_tidak_registrasi": ("non_registration_reason",),
    "pelapor_nama": ("nama_pelapor",),
    "pelapor_alamat": ("alamat_pelapor",),
    "terlapor_nama": ("nama_terlapor",),
    "terlapor_nip": ("nip",),
    "terlapor_instansi": ("instansi",),
    "terlapor_jabatan": ("jabatan",),
    "terlapor_status": ("status_kepegawaian",),
    "putusan": ("outcome",),
    "jenis_pelanggaran": ("violation_code",),
    "rekomendasi_nomor": ("nomor_rekomendasi",),
    "rekomendasi_tanggal": ("tanggal_rekomendasi",),
    "sanksi": ("sanction",),
    "sanksi_oleh": ("dijatuhkan_oleh",),
    "sanksi_tanggal": ("tanggal_sanksi",),
    "sanksi_nomor": ("nomor_sk_sanksi",),
}
REQUIRED = ("jenis", "pemilihan", "wilayah", "tanggal_diterima", "uraian", "status")
REGISTERED = {
    Status.DIREGISTRASI,
    Status.KLARIFIKASI,
    Status.KAJIAN,
    Status.DIPUTUS,
    Status.REKOMENDASI_DITERUSKAN,
    Status.TINDAK_LANJUT,
}
PROVEN = {Status.DIPUTUS, Status.REKOMENDASI_DITERUSKAN, Status.TINDAK_LANJUT}
IMPORTABLE = set(Status.values) - {Status.DIJADIKAN_TEMUAN, Status.DITERUSKAN}
# The shared intake validation's error keys -> this file's columns, so each error names its cell.
INPUT_COLUMNS = {
    "election": "pemilihan",
    "region": "wilayah",
    "description": "uraian",
    "place": "tempat",
    "title": "judul",
    "occurred_on": "tanggal_kejadian",
    "known_on": "tanggal_diketahui",
    "received_on": "tanggal_diterima",
    "reporter_name": "pelapor_nama",
    "reporter_address": "pelapor_alamat",
    "terlapor.0.name": "terlapor_nama",
    "terlapor.0.nip": "terlapor_nip",
    "terlapor.0.agency_name": "terlapor_instansi",
    "terlapor.0.position": "terlapor_jabatan",
    "terlapor.0.subject_type": "terlapor_status",
}
MULTILINE_COLUMNS = {"uraian", "pelapor_alamat"}


@dataclass
class ImportResult:
    rows: int
    errors: list[RowError]
    created: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class _Row:
    """Collects the problems of one row while reading its cells."""

    def __init__(self, number: int, values: dict):
        self.number, self.values = number, values
        self.errors: list[RowError] = []

    def error(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.number, column, self.values.get(column, ""), reason))

    def has_error(self, column: str) -> bool:
        return any(error.column == column for error in self.errors)

    def text(self, column: str, required: bool = False) -> str:
        value = self.values.get(column, "").strip()
        if required and not value:
            self.error(column, _("wajib diisi"))
        return value

    def date(self, column: str, required: bool = False) -> date | None:
        value = self.text(column, required)
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            self.error(column, _("tanggal harus berformat TTTT-BB-HH"))
            return None


def _election(row: _Row, elections: dict) -> Election | None:
    name = row.text("pemilihan", True)
    if name and name.casefold() not in elections:
        row.error("pemilihan", _("pemilihan tidak dikenal; buat dulu atau periksa ejaannya"))
    return elections.get(name.casefold())


def _region_and_office(row: _Row, user):
    code = row.text("wilayah", True)
    if problem := text_problem(code):  # never sent to the database (PostgreSQL refuses NUL)
        row.error("wilayah", problem)
        return None, None
    region = Region.objects.filter(pk=code).first() if code else None
    if code and region is None:
        row.error("wilayah", _("kode wilayah tidak dikenal"))
        return None, None
    if region is None:
        return None, None
    office = office_for_region(region.code)
    if office is None:
        row.error("wilayah", _("belum ada kantor Bawaslu untuk wilayah ini"))
    elif not can(user, region, SUPERVISE):
        row.error("wilayah", _("di luar wilayah kantor Anda"))
    return region, office


def _kind_and_status(row: _Row) -> tuple[str, str]:
    kind, status = row.text("jenis", True).lower(), row.text("status", True).lower()
    if kind and kind not in Kind.values:
        row.error("jenis", _("pilih laporan, temuan, atau informasi_awal"))
    if status and status not in IMPORTABLE:
        row.error("status", _("status tidak dikenal atau tidak dapat diimpor"))
    if kind == Kind.INFORMASI_AWAL and status not in (Status.INFORMASI_AWAL, Status.DIARSIPKAN):
        row.error("status", _("informasi awal hanya berstatus informasi_awal atau diarsipkan"))
    if kind in (Kind.LAPORAN, Kind.TEMUAN) and status in (Status.INFORMASI_AWAL, Status.DIARSIPKAN):
        row.error("status", _("status ini hanya untuk informasi awal"))
    return kind, status


def _terlapor(row: _Row) -> list[dict]:
    name = row.text("terlapor_nama")
    subject = row.text("terlapor_status") or SubjectType.LAINNYA
    if subject not in SubjectType.values:
        row.error("terlapor_status", _("pilih PNS, PPPK, PPNPN, kepala_desa, perangkat_desa, atau lainnya"))
    if not name:
        return []
    return [
        {
            "name": name,
            "nip": row.text("terlapor_nip"),
            "agency_name": row.text("terlapor_instansi"),
            "position": row.text("terlapor_jabatan"),
            "subject_type": subject,
        }
    ]


def _check_outcome(row: _Row, status: str, terlapor: list[dict]) -> None:
    outcome, code = row.text("putusan").lower(), row.text("jenis_pelanggaran")
    if status in PROVEN and outcome != Decision.Outcome.TERBUKTI:
        row.error("putusan", _("status ini berarti terbukti: isi 'terbukti'"))
    if outcome and outcome not in Decision.Outcome.values:
        row.error("putusan", _("pilih terbukti atau bukan_pelanggaran"))
    # Historical records often lack the type; when one is given it must be in the catalogue.
    if outcome == Decision.Outcome.TERBUKTI and code and not violation_exists(code):
        row.error("jenis_pelanggaran", _("kode jenis pelanggaran tidak ada di katalog"))
    if status in RECOMMENDED:
        row.text("rekomendasi_nomor", True)
        row.date("rekomendasi_tanggal", True)
        if not terlapor or terlapor[0]["subject_type"] == SubjectType.LAINNYA:
            row.error("terlapor_status", _("rekomendasi memerlukan terlapor dengan status kepegawaian"))
    if status == Status.TINDAK_LANJUT:
        for column in ("sanksi", "sanksi_oleh", "sanksi_nomor"):
            row.text(column, True)
        row.date("sanksi_tanggal", True)


def _check_status_fields(row: _Row, kind: str, status: str, received: date | None) -> date | None:
    if kind == Kind.LAPORAN and not (row.text("pelapor_nama") and row.text("pelapor_alamat")):
        row.error(
            "pelapor_nama",
            _("laporan wajib memuat nama dan alamat pelapor; tanpa itu impor sebagai informasi_awal"),
        )
    registered = row.date("tanggal_registrasi") or received
    if status in REGISTERED or (status == Status.SELESAI and row.text("nomor_registrasi")):
        row.text("nomor_registrasi", True)
    if (
        status == Status.TIDAK_DIREGISTRASI
        and row.text("alasan_tidak_registrasi") not in NonRegistrationReason.values
    ):
        row.error("alasan_tidak_registrasi", _("pilih formil, materiel, atau daluwarsa"))
    return registered


# Column sizes of the record cells outside the report itself (the report's own cells are checked by
# the shared intake validation): longer values are reported, never cut.
LIMITS = {
    "nomor_registrasi": 80,
    "rekomendasi_nomor": 100,
    "sanksi": 300,
    "sanksi_oleh": 200,
    "sanksi_nomor": 100,
    "jenis_pelanggaran": 40,
}


def _check_record_cells(row: _Row) -> None:
    """Lengths, control and bidi characters of the cells the shared intake validation does not see."""
    for column, limit in LIMITS.items():
        if len(row.values.get(column, "")) > limit:
            row.error(column, _("terlalu panjang (paling banyak %(n)s karakter)") % {"n": limit})
    report_columns = set(INPUT_COLUMNS.values())
    for column, value in row.values.items():
        if column in report_columns or (column in LIMITS and row.has_error(column)):
            continue
        if problem := text_problem(value or "", multiline=column in MULTILINE_COLUMNS):
            row.error(column, problem)


def _report(row: _Row, election, region, received: date | None) -> ReportInput:
    """The row's report through the intake's one validation; its errors land on their columns."""
    reporter = {"name": row.text("pelapor_nama"), "address": row.text("pelapor_alamat")}
    data = {
        "election": election,
        "region": region,
        "description": row.text("uraian", True),
        "place": row.text("tempat"),
        "title": row.text("judul"),
        "occurred_on": row.date("tanggal_kejadian"),
        "known_on": row.date("tanggal_diketahui"),
        "received_on": received,
        "confirm_period": True,  # historical records: the period warning is for new reports
        "reporter": {key: value for key, value in reporter.items() if value},
        "terlapor": _terlapor(row),
    }
    report, errors = report_input_parse(data)
    for key, message in errors.items():
        column = INPUT_COLUMNS.get(key, key)
        if not row.has_error(column):  # e.g. an unknown election is already explained
            row.error(column, message)
    report.reporter = {"name": reporter["name"], "address": reporter["address"]}
    return report


def _parse(number: int, values: dict, user, elections: dict) -> tuple[ImportRow | None, list[RowError]]:
    row = _Row(number, values)
    _check_record_cells(row)
    kind, status = _kind_and_status(row)
    election = _election(row, elections)
    region, office = _region_and_office(row, user)
    received = row.date("tanggal_diterima", True)
    report = _report(row, election, region, received)
    registered = _check_status_fields(row, kind, status, received)
    _check_outcome(row, status, report.terlapor)
    if row.errors or received is None:  # a missing date is one of the errors
        return None, row.errors
    return ImportRow(
        number,
        report,
        kind,
        status,
        office,
        _aware(received),
        values,
        registered_at=_aware(registered) if status in REGISTERED | {Status.SELESAI} else None,
    ), []


def _duplicates(rows: list[ImportRow]) -> list[RowError]:
    errors, seen = [], {}
    for item in rows:
        number = item.values.get("nomor_registrasi", "").strip()
        if not number:
            continue
        if number in seen or Case.objects.filter(register_number=number).exists():
            errors.append(
                RowError(item.number, "nomor_registrasi", number, _("nomor registrasi sudah dipakai"))
            )
        seen[number] = item.number
    return errors


def cases_validate(path: Path, *, user) -> tuple[list[ImportRow], list[RowError], int]:
    """Parse and check every row; (good rows, all errors, rows read). TabularError for an unreadable file."""
    if not user.has_role(Role.PIMPINAN, Role.ADMIN) or not user.office.is_supervisory:
        raise PermissionDenied(_("Impor kasus hanya untuk pimpinan atau admin kantor pengawas."))
    elections = {e.name.casefold(): e for e in Election.objects.all()}
    good, errors, count = [], [], 0
    for number, values in read_rows(Path(path), COLUMNS, required=REQUIRED):
        count += 1
        parsed, problems = _parse(number, values, user, elections)
        errors += problems
        if parsed is not None:
            good.append(parsed)
    return good, errors + _duplicates(good), count


def cases_import(path: Path, *, user, dry_run: bool = False) -> ImportResult:
    """Validate the whole file; if it has no errors (and not ``dry_run``) import every row at once."""
    try:
        rows, errors, count = cases_validate(path, user=user)
    except TabularError as exc:
        return ImportResult(0, [RowError(1, "", "", str(exc))], dry_run=dry_run)
    result = ImportResult(count, errors, dry_run=dry_run)
    if errors or dry_run:
        return result
    try:
        result.created = cases_import_rows(user=user, rows=rows)
    except ValidationError as exc:  # a law lookup that failed late: nothing was kept
        result.errors = [RowError(0, "", "", "; ".join(exc.messages))]
        result.created = []
    return result
