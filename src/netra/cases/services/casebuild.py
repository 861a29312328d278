"""Creating a case with its people and evidence: shared by the public form, temuan, API, import, demo."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netra.accounts.offices import office_for_region
from netra.cases.deadlines import deadline_fields
from netra.cases.models import Case, Source, Terlapor, Transition
from netra.cases.receipts import receipt_code_new
from netra.cases.services.common import audit, now
from netra.cases.services.evidence import evidence_link_store, evidence_store
from netra.cases.services.sealing import case_key_new, reporter_create, witness_create
from netra.cases.services.search import search_text_for
from netra.cases.signals import cases_changed_send
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


def _set(case: Case, fields: dict) -> None:
    for name, value in fields.items():
        setattr(case, name, value)


def title_for(report) -> str:
    if report.title:
        return report.title
    who = ", ".join(t["name"] for t in report.terlapor if t.get("name"))
    text = _("Dugaan pelanggaran netralitas oleh %(who)s") % {"who": who} if who else report.description
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def _people(case, report, terlapor: list) -> None:
    if report.reporter.get("name"):
        reporter_create(case=case, identity=report.reporter)
    Terlapor.objects.bulk_create(terlapor)
    for item in report.witnesses:
        witness_create(case=case, identity=item)


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

    The caller holds the transaction and the list of stored files (``files_atomic``). The deadline
    and the search text are computed before the case is inserted (one INSERT, nothing read back),
    except a temuan's deadline, which counts from its observation.
    """
    received_at = received_at or now()
    case = Case(
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
    terlapor = [Terlapor(case=case, **item) for item in report.terlapor]
    case.search_text = search_text_for(case, terlapor)
    if observation is None:
        _set(case, deadline_fields(case, received_at))
    case.save(force_insert=True)
    case_key_new(case)
    if stored is not None:
        stored.witness = Case.objects.filter(pk=case.pk)  # settles a failed commit (files_atomic)
    _people(case, report, terlapor)
    cases_changed_send(region_codes=[case.region_code], office_ids=[case.office_id])
    if observation is not None:
        from netra.cases.models import Observation

        case.observation = Observation.objects.create(case=case, **observation)
        fields = deadline_fields(case, received_at)
        Case.objects.filter(pk=case.pk).update(**fields)
        _set(case, fields)
    for checked in checked_files:
        evidence_store(case=case, checked=checked, user=user, stored=stored)
    for url in links:
        evidence_link_store(case=case, url=url, user=user)
    Transition.objects.create(
        case=case,
        action="submit",
        from_status="",
        to_status=status,
        office=office,
        at=received_at,
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    if source not in QUIET_SOURCES:
        notify_case_received(case=case, at=received_at)
    # Last: appending to the audit chain locks its single head row until the commit, and every other
    # intake waits for that lock, so it is held for the commit alone (docs/benchmarks.md, issue 9).
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
    return case
