"""Intake: the public report form (laporan or, when anonymous, informasi awal) and supervisors' temuan."""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.accounts.models import Role
from netra.accounts.permissions import require_role
from netra.accounts.scoping import SUPERVISE, can
from netra.cases.evidence import evidence_check_all, links_clean
from netra.cases.law import deadline, local_date
from netra.cases.models import Case, Kind, Source, Status
from netra.cases.report_input import ParsedReport, period_warning, report_input_clean, report_input_parse
from netra.cases.services.casebuild import case_build, competent_office
from netra.cases.services.evidence import files_atomic

WINDOW_OPEN, WINDOW_CLOSING, WINDOW_EXPIRED, WINDOW_UNKNOWN = "open", "closing", "expired", "unknown"
WINDOW_LABELS = {
    WINDOW_OPEN: gettext_lazy("Masih dalam batas waktu pelaporan."),
    WINDOW_CLOSING: gettext_lazy("Batas waktu pelaporan berakhir dalam 1 hari: segera kirim."),
    WINDOW_EXPIRED: gettext_lazy(
        "Batas waktu pelaporan sudah lewat: laporan dapat dinyatakan daluwarsa dan tidak diregistrasi."
    ),
    WINDOW_UNKNOWN: gettext_lazy("Isi tanggal Anda mengetahui kejadian untuk menghitung batas waktu."),
}


@dataclass(frozen=True)
class IntakeCheck:
    """What the reporter is told before submitting."""

    missing: list[str] = field(default_factory=list)  # formal/material requirements not yet met
    window: str = WINDOW_UNKNOWN  # open | closing | expired | unknown
    deadline: object = None  # netra.law Deadline of the reporting window, when computable
    anonymous: bool = False  # True: it will be kept as informasi awal, not registered as laporan
    warnings: list[str] = field(default_factory=list)  # e.g. an incident date outside the election period

    @property
    def window_label(self) -> str:
        return str(WINDOW_LABELS[self.window])


def _missing(report, evidence_count: int) -> list[str]:
    checks = [
        (report.reporter.get("name"), _("Nama pelapor")),
        (report.reporter.get("address"), _("Alamat pelapor")),
        (any(t.get("name") for t in report.terlapor), _("Identitas terlapor")),
        (report.occurred_on, _("Tanggal kejadian")),
        (report.place, _("Tempat kejadian")),
        (report.description, _("Uraian kejadian")),
        (evidence_count > 0, _("Bukti (berkas atau tautan)")),
    ]
    return [label for present, label in checks if not present]


def report_window(*, election, region_code: str, known_on: date | None, today: date | None = None):
    """(window status, Deadline) of the reporting window counted from ``known_on``."""
    if election is None or not region_code or known_on is None:
        return WINDOW_UNKNOWN, None
    due = deadline(regime=election.regime, step="report_window", start=known_on, region_code=region_code)
    today = today or local_date(timezone.now(), region_code)
    if today > due.due:
        return WINDOW_EXPIRED, due
    return (WINDOW_CLOSING if (due.due - today).days <= 1 else WINDOW_OPEN), due


def intake_parse(data) -> ParsedReport:
    """Parse a citizen's report once; hand the result to ``intake_check`` and ``laporan_submit_public``."""
    report, errors = report_input_parse(data, public=True)
    return ParsedReport(report, errors)


def intake_check(data=None, *, parsed: ParsedReport | None = None, files=(), links=()) -> IntakeCheck:
    """Missing requirements and reporting-window status for a draft report; never raises on gaps.

    ``parsed``: the draft already parsed by ``intake_parse`` (then ``links`` must be given here)."""
    parsed = parsed if parsed is not None else intake_parse(data)
    report, errors = parsed.report, parsed.errors
    if not links and data is not None:
        links = data.get("links") or []
    evidence_count = len(list(files)) + len([link for link in links or [] if link])
    known_on = None if "known_on" in errors else report.known_on  # a future date has no window yet
    window, due = report_window(
        election=report.election, region_code=report.region.code if report.region else "", known_on=known_on
    )
    anonymous = report.anonymous or not report.reporter.get("name")
    occurred_on = None if "occurred_on" in errors else report.occurred_on
    warnings = [text for text in [period_warning(report.election, occurred_on)] if text]
    return IntakeCheck(_missing(report, evidence_count), window, due, anonymous, warnings)


def laporan_submit_public(
    *, data=None, parsed: ParsedReport | None = None, files=(), links=(), source: str = Source.WEB
) -> tuple[Case, str]:
    """A citizen's report without an account; anonymous reports are kept as informasi awal.

    Everything is validated (fields, every file by content, links) before anything is stored;
    ``parsed`` (from ``intake_parse``) spares parsing ``data`` again. Returns the case and its
    receipt code, the reporter's only handle on it.
    """
    parsed = parsed if parsed is not None else intake_parse(data)
    if parsed.errors:
        raise ValidationError(parsed.errors)
    report = dataclasses.replace(parsed.report, reporter=dict(parsed.report.reporter))
    links = links_clean(links)
    checked = evidence_check_all(files)
    office = competent_office(report.region)
    anonymous = report.anonymous or not report.reporter.get("name")
    kind, status = (
        (Kind.INFORMASI_AWAL, Status.INFORMASI_AWAL) if anonymous else (Kind.LAPORAN, Status.DITERIMA)
    )
    if anonymous:
        report.reporter = {}
    elif not report.reporter.get("address"):
        report.reporter["address"] = ""
    with files_atomic() as stored:
        case = case_build(
            report=report,
            kind=kind,
            status=status,
            office=office,
            source=source,
            checked_files=checked,
            links=links,
            stored=stored,
        )
    return case, case.receipt_code


def _observed_at(value) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time(12, 0)))
    try:
        return _observed_at(datetime.fromisoformat(str(value)))
    except (TypeError, ValueError):
        raise ValidationError({"observed_at": _("Waktu pengawasan wajib diisi dengan benar.")}) from None


def _observation(user, raw: dict, report) -> dict:
    observation = {
        "observer": user,
        "observed_at": _observed_at(raw.get("observed_at")),
        "place": str(raw.get("place") or report.place).strip()[:300],
        "method": str(raw.get("method") or "").strip(),
        "what": str(raw.get("what") or "").strip(),
    }
    errors = {}
    if not observation["method"]:
        errors["method"] = _("Jelaskan cara pengawasan dilakukan.")
    if not observation["what"]:
        errors["what"] = _("Tuliskan hasil pengawasan.")
    if not observation["place"]:
        errors["place"] = _("Tempat pengawasan wajib diisi.")
    if observation["observed_at"] > timezone.now():
        errors["observed_at"] = _("Waktu pengawasan tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    return observation


def _temuan_office(user, report):
    office = user.office
    if not office.is_supervisory:
        raise PermissionDenied(_("Hanya pengawas pemilu yang dapat membuat temuan."))
    if not can(user, report.region, SUPERVISE):
        raise ValidationError({"region": _("Wilayah ini di luar wilayah pengawasan kantor Anda.")})
    return office


def temuan_create(
    *, user, data, observation: dict, files=(), links=(), origin=None, source: str = Source.STAFF
) -> Case:
    """A supervisor's finding (temuan) with the observation record; handled by the finder's office."""
    require_role(user, Role.PENGAWAS, Role.PIMPINAN)
    report = report_input_clean(data)
    report.reporter = {}
    office = _temuan_office(user, report)
    record = _observation(user, observation, report)
    links = links_clean(links)
    checked = evidence_check_all(files)
    with files_atomic() as stored:
        return case_build(
            report=report,
            kind=Kind.TEMUAN,
            status=Status.DITERIMA,
            office=office,
            source=source,
            user=user,
            checked_files=checked,
            links=links,
            stored=stored,
            observation=record,
            origin=origin,
        )
