"""Creating a case with its people and evidence: shared by the public form, temuan, API, import, demo."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netra.accounts.offices import office_for_region
from netra.cases.deadlines import deadline_fields
from netra.cases.models import Case, Source, Terlapor, Transition, Witness
from netra.cases.receipts import receipt_code_new
from netra.cases.services.common import audit, now
from netra.cases.services.evidence import evidence_link_store, evidence_store
from netra.cases.services.sealing import reporter_create
from netra.cases.services.search import search_text_refresh
from netra.notifications.services import notify_case_received

TITLE_LENGTH = 90
# Bulk imports and the demo data tell nobody: a thousand "new report" messages help no officer.
QUIET_SOURCES = (Source.IMPORT, Source.DEMO)


def competent_office(region):
    """The Bawaslu office competent for the region; a clear error if it has not been set up."""
    office = office_for_region(region.code)
    if office is None:
        raise ValidationError({"region": _("Belum ada kantor Bawaslu yang menangani wilayah ini.")})
    return office


def _unique_receipt_code() -> str:
    while True:
        code = receipt_code_new()
        if not Case.objects.filter(receipt_code=code).exists():
            return code


def title_for(report) -> str:
    if report.title:
        return report.title
    who = ", ".join(t["name"] for t in report.terlapor if t.get("name"))
    text = _("Dugaan pelanggaran netralitas oleh %(who)s") % {"who": who} if who else report.description
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def _people(case, report) -> None:
    if report.reporter.get("name"):
        reporter_create(case=case, identity=report.reporter)
    for item in report.terlapor:
        Terlapor.objects.create(case=case, **item)
    for item in report.witnesses:
        Witness.objects.create(case=case, **item)


def case_build(
    *,
    report,
    kind: str,
    status: str,
    office,
    source: str,
    user=None,
    received_at: datetime | None = None,
    checked_files=(),
    links=(),
    stored=None,
    observation: dict | None = None,
    origin=None,
) -> Case:
    """Create the case, its people, observation, evidence, first Transition and audit event.

    The caller holds the transaction (and ``cleanup_on_failure`` for ``stored``).
    """
    received_at = received_at or now()
    case = Case.objects.create(
        kind=kind,
        status=status,
        receipt_code=_unique_receipt_code(),
        election=report.election,
        region=report.region,
        region_code=report.region.code,
        office=office,
        source=source,
        received_at=received_at,
        occurred_on=report.occurred_on,
        known_on=report.known_on,
        title=title_for(report),
        description=report.description,
        place=report.place,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        origin=origin,
    )
    _people(case, report)
    if observation is not None:
        from netra.cases.models import Observation

        Observation.objects.create(case=case, **observation)
    for checked in checked_files:
        evidence_store(case=case, checked=checked, user=user, stored=stored)
    for url in links:
        evidence_link_store(case=case, url=url, user=user)
    Case.objects.filter(pk=case.pk).update(**deadline_fields(case, received_at))
    search_text_refresh(case)
    Transition.objects.create(
        case=case,
        action="submit",
        from_status="",
        to_status=status,
        office=office,
        at=received_at,
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    audit(
        user=user,
        action=f"case.{kind}.create",
        obj=case,
        office_code=office.region_code,
        data={
            "kind": kind,
            "status": status,
            "office": office.name,
            "region": case.region_code,
            "source": source,
        },
    )
    case.refresh_from_db()
    if source not in QUIET_SOURCES:
        notify_case_received(case=case, at=received_at)
    return case
