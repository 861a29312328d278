"""Import historical cases from CSV/XLSX: every row validated first, then all or nothing.

Each row is one case with one terlapor, in the status it reached. Rows are checked completely
(columns, dates, election, region and competent office, the decision, recommendation and sanction
that status implies) and every problem is reported by row and column. Only a file without errors
is written, in a single transaction; ``dry_run`` validates without writing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.offices import office_for_region
from netra.accounts.scoping import SUPERVISE, can
from netra.cases.models import (
    Case,
    Decision,
    Election,
    FollowUp,
    Kind,
    NonRegistrationReason,
    Recommendation,
    Reporter,
    Source,
    Status,
    SubjectType,
    Transition,
)
from netra.cases.services import recipients
from netra.cases.services.common import audit
from netra.cases.services.deadlines import deadline_fields
from netra.cases.services.lawbridge import violation_exists
from netra.cases.services.receipts import receipt_code_new
from netra.cases.services.report_input import ReportInput
from netra.cases.services.search import search_text_refresh
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
RECOMMENDED = {Status.REKOMENDASI_DITERUSKAN, Status.TINDAK_LANJUT}
IMPORTABLE = set(Status.values) - {Status.DIJADIKAN_TEMUAN, Status.DITERUSKAN}


@dataclass
class ImportRow:
    number: int
    report: ReportInput
    kind: str
    status: str
    office: object
    received_at: datetime
    values: dict
    registered_at: datetime | None = None
    dates: dict = field(default_factory=dict)


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
        self.number, self.values, self.errors = number, values, []

    def error(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.number, column, self.values.get(column, ""), reason))

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


def _aware(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(9, 0))) if day else None


def _election(row: _Row, elections: dict) -> Election | None:
    name = row.text("pemilihan", True)
    if name and name.casefold() not in elections:
        row.error("pemilihan", _("pemilihan tidak dikenal; buat dulu atau periksa ejaannya"))
    return elections.get(name.casefold())


def _region_and_office(row: _Row, user):
    code = row.text("wilayah", True)
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


# Column sizes of the fields these cells go into: longer values are reported, never cut.
LIMITS = {
    "judul": 200,
    "tempat": 300,
    "nomor_registrasi": 80,
    "pelapor_nama": 200,
    "terlapor_nama": 200,
    "terlapor_nip": 18,
    "terlapor_instansi": 200,
    "terlapor_jabatan": 200,
    "rekomendasi_nomor": 100,
    "sanksi": 300,
    "sanksi_oleh": 200,
    "sanksi_nomor": 100,
    "jenis_pelanggaran": 40,
}


def _check_lengths(row: _Row) -> None:
    for column, limit in LIMITS.items():
        if len(row.values.get(column, "")) > limit:
            row.error(column, _("terlalu panjang (paling banyak %(n)s karakter)") % {"n": limit})


def _parse(number: int, values: dict, user, elections: dict) -> tuple[ImportRow | None, list[RowError]]:
    row = _Row(number, values)
    _check_lengths(row)
    kind, status = _kind_and_status(row)
    election = _election(row, elections)
    region, office = _region_and_office(row, user)
    received = row.date("tanggal_diterima", True)
    report = ReportInput(
        election=election,
        region=region,
        description=row.text("uraian", True),
        place=row.text("tempat"),
        title=row.text("judul")[:200],
        occurred_on=row.date("tanggal_kejadian"),
        known_on=row.date("tanggal_diketahui"),
        terlapor=_terlapor(row),
        reporter={"name": row.text("pelapor_nama"), "address": row.text("pelapor_alamat")},
    )
    registered = _check_status_fields(row, kind, status, received)
    _check_outcome(row, status, report.terlapor)
    if row.errors:
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


def _closed_at(item: ImportRow) -> datetime | None:
    if item.status not in (Status.SELESAI, Status.TIDAK_DIREGISTRASI, Status.DIARSIPKAN):
        return None
    day = item.values.get("sanksi_tanggal") or item.values.get("rekomendasi_tanggal") or ""
    return _aware(date.fromisoformat(day[:10])) if day else item.registered_at or item.received_at


def _records(case: Case, item: ImportRow, user) -> None:
    values, terlapor = item.values, list(case.terlapor.all())
    outcome = values.get("putusan", "").strip().lower()
    decided = (
        _aware(date.fromisoformat(values["rekomendasi_tanggal"][:10]))
        if values.get("rekomendasi_tanggal")
        else (item.registered_at or item.received_at)
    )
    if outcome:
        Decision.objects.create(
            case=case,
            outcome=outcome,
            violation_code=case.violation_code,
            reasoning=_("Diimpor dari data historis."),
            decided_at=decided,
            decided_by=user,
        )
    if item.status not in RECOMMENDED:
        return
    forwarded = date.fromisoformat(values["rekomendasi_tanggal"][:10])
    routing = recipients.route_for(case, terlapor[0], forwarded)
    rec = Recommendation.objects.create(
        case=case,
        terlapor=terlapor[0],
        letter_number=values["rekomendasi_nomor"],
        forwarded_at=_aware(forwarded),
        created_by=user,
        **recipients.recommendation_fields(routing),
    )
    if item.status == Status.TINDAK_LANJUT:
        FollowUp.objects.create(
            case=case,
            recommendation=rec,
            sanction=values["sanksi"],
            imposed_by=values["sanksi_oleh"],
            imposed_on=date.fromisoformat(values["sanksi_tanggal"][:10]),
            letter_number=values["sanksi_nomor"],
            recorded_by=user,
            recorded_at=timezone.now(),
            note=_("Diimpor dari data historis."),
        )


def _create(item: ImportRow, user, *, source: str = Source.IMPORT, reason: str = "") -> Case:
    report, values = item.report, item.values
    outcome = values.get("putusan", "").strip().lower()
    case = Case.objects.create(
        kind=item.kind,
        status=item.status,
        receipt_code=receipt_code_new(),
        election=report.election,
        region=report.region,
        region_code=report.region.code,
        office=item.office,
        source=source,
        received_at=item.received_at,
        occurred_on=report.occurred_on,
        known_on=report.known_on,
        title=report.title or report.description[:90],
        description=report.description,
        place=report.place,
        register_number=values.get("nomor_registrasi", "").strip() or None,
        registered_at=item.registered_at,
        non_registration_reason=values.get("alasan_tidak_registrasi", "").strip(),
        violation_code=values.get("jenis_pelanggaran", "").strip() if outcome == "terbukti" else "",
        decided_at=item.registered_at if outcome else None,
        closed_at=_closed_at(item),
        created_by=user,
    )
    if item.kind == Kind.LAPORAN:
        Reporter.objects.create(case=case, **report.reporter)
    for terlapor in report.terlapor:
        case.terlapor.create(**terlapor)
    _records(case, item, user)
    Case.objects.filter(pk=case.pk).update(**deadline_fields(case, item.registered_at or item.received_at))
    search_text_refresh(case)
    Transition.objects.create(
        case=case,
        action="import",
        from_status="",
        to_status=item.status,
        actor=user,
        office=item.office,
        at=timezone.now(),
        reason=reason or _("Impor data historis, baris %(row)s") % {"row": item.number},
    )
    audit(
        user=user,
        action="case.import",
        obj=case,
        office_code=item.office.region_code,
        data={"row": item.number, "status": item.status, "register_number": case.register_number},
    )
    return case


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
        with transaction.atomic():
            result.created = [_create(item, user).pk for item in rows]
    except ValidationError as exc:  # a law lookup that failed late: nothing was kept
        result.errors = [RowError(0, "", "", "; ".join(exc.messages))]
        result.created = []
    return result
