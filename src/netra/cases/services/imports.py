"""Writing imported historical cases: one case with its records, transition and audit event per row.

The importer (``netra.cases.importers``) reads and validates a whole file first; only a file without
errors reaches ``cases_import_rows``, which writes every row in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import overload

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Office
from netra.cases import law
from netra.cases.deadlines import deadline_fields
from netra.cases.models import (
    Case,
    Decision,
    FollowUp,
    Kind,
    Recommendation,
    Source,
    Status,
    Transition,
)
from netra.cases.receipts import receipt_code_new
from netra.cases.report_input import ReportInput
from netra.cases.services.common import audit
from netra.cases.services.recipients import case_recipients_refresh
from netra.cases.services.sealing import reporter_create
from netra.cases.services.search import search_text_refresh
from netra.cases.signals import cases_changed_send
from netra.registry.models import Region

RECOMMENDED = {Status.REKOMENDASI_DITERUSKAN, Status.TINDAK_LANJUT}


@dataclass
class ImportRow:
    """One validated row: the typed report (shared intake validation) and the cells of its records."""

    number: int
    report: ReportInput
    kind: str
    status: str
    office: Office
    received_at: datetime
    values: dict
    registered_at: datetime | None = None
    dates: dict = field(default_factory=dict)


@overload
def _aware(day: date) -> datetime: ...
@overload
def _aware(day: None) -> None: ...
def _aware(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(9, 0))) if day else None


def _region(report: ReportInput) -> Region:
    """The incident region, which the importer's validation has required."""
    if report.region is None:
        raise ValueError("an imported row reached the writer without its region")
    return report.region


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
    routing = law.route_for(case, terlapor[0], forwarded)
    rec = Recommendation.objects.create(
        case=case,
        terlapor=terlapor[0],
        letter_number=values["rekomendasi_nomor"],
        forwarded_at=_aware(forwarded),
        created_by=user,
        **law.recommendation_fields(routing),
    )
    case_recipients_refresh(case.pk)
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


@transaction.atomic
def case_import_one(*, user, item: ImportRow, source: str = Source.IMPORT, reason: str = "") -> Case:
    """Create one validated row's case in the status it reached, with its records and audit event."""
    report, values = item.report, item.values
    outcome = values.get("putusan", "").strip().lower()
    case = Case.objects.create(
        kind=item.kind,
        status=item.status,
        receipt_code=receipt_code_new(),
        election=report.election,
        region=_region(report),
        region_code=_region(report).code,
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
        reporter_create(case=case, identity=report.reporter)
    for terlapor in report.terlapor:
        case.terlapor.create(**terlapor)
    _records(case, item, user)
    Case.objects.filter(pk=case.pk).update(**deadline_fields(case, item.registered_at or item.received_at))
    search_text_refresh(case)
    cases_changed_send(region_codes=[case.region_code], office_ids=[case.office_id])
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


def cases_import_rows(*, user, rows: list[ImportRow]) -> list[int]:
    """Write every validated row at once (all or nothing); the new cases' ids."""
    with transaction.atomic():
        return [case_import_one(user=user, item=item).pk for item in rows]
