"""Typed request and response bodies of /api/v1/cases/ (django-ninja, pydantic).

Responses are built by ninja from the objects the services and selectors return: each ``...Out``
reads attributes, dotted aliases (``Field(alias="office.name")``) or a ``resolve_<field>`` function,
so no handler builds a dict by hand.
"""

import datetime as _dt
from datetime import date, datetime

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from netra.accounts.schemas import OfficeOut
from netra.cases import selectors
from netra.cases.receipts import receipt_code_display
from netra.cases.tracking import TrackStep, TrackView
from netra.core.schemas import Id, Line, Text


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ReportIn(Schema):
    """The public report form (multipart). Anonymous reports become informasi awal."""

    election: Id
    region: str = Field(description="Kemendagri region code, e.g. 21.01.04")
    description: str
    place: str = ""
    title: str = ""
    occurred_on: date | None = None
    known_on: date | None = Field(None, description="When the reporter learned of it (starts the window)")
    anonymous: bool = False
    reporter_name: str = ""
    reporter_address: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    reporter_nik: str = ""
    terlapor_name: str = ""
    terlapor_nip: str = ""
    terlapor_agency_name: str = ""
    terlapor_position: str = ""
    terlapor_subject_type: str = "lainnya"
    witness_name: str = ""
    witness_address: str = ""
    witness_phone: str = ""
    links: list[str] = []
    confirm_period: bool = Field(
        False, description="Set after checking an incident date outside the election's supervision period"
    )


class IntakeCheckOut(Schema):
    """From ``services.IntakeCheck``."""

    missing: list[str]
    window: str = Field(description="open | closing | expired | unknown")
    window_label: str
    deadline: date | None
    anonymous: bool
    warnings: list[str] = Field(
        [], description="e.g. an incident date outside the election's supervision period"
    )

    @staticmethod
    def resolve_deadline(obj) -> date | None:
        return obj.deadline.due if obj.deadline is not None else None


class Receipt:
    """What a public submission answers: the new case, its receipt code and the intake check."""

    def __init__(self, case, code: str, check):
        self.case, self.code, self.check = case, code, check


class ReceiptOut(Schema):
    receipt_code: str = Field(description="Grouped for display; accepted back with or without dashes")
    kind: str = Field(alias="case.kind")
    status: str = Field(alias="case.status")
    status_label: str
    track_url: str = Field(description='POST the receipt code here (body {"code": ...}) to follow the report')
    check: IntakeCheckOut

    @staticmethod
    def resolve_receipt_code(obj) -> str:
        return receipt_code_display(obj.code)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.case.get_status_display()

    @staticmethod
    def resolve_track_url(obj) -> str:
        return reverse("api:cases_track")


class TrackIn(Schema):
    code: Line = Field("", description="The receipt code, with or without dashes")


# The public tracking view is the service's own type (one definition for the page and the API).
TrackStepOut = TrackStep
TrackOut = TrackView


class TerlaporIn(Schema):
    name: str
    nip: str = ""
    agency: Id | None = None
    agency_name: str = ""
    position: str = ""
    subject_type: str = "lainnya"


class WitnessIn(Schema):
    name: str
    address: str = ""
    phone: str = ""


class ObservationIn(Schema):
    observed_at: datetime
    place: Line = ""
    method: Line
    what: Text


class TemuanIn(Schema):
    election: Id
    region: str
    description: str
    place: str = ""
    title: str = ""
    occurred_on: date | None = None
    known_on: date | None = None
    terlapor: list[TerlaporIn] = []
    witnesses: list[WitnessIn] = []
    links: list[str] = []
    observation: ObservationIn
    confirm_period: bool = False


class TransitionIn(Schema):
    action: Line
    reason: Text = ""
    reason_code: Line | None = None
    target_office: Id | None = None
    region: Line | None = None
    outcome: Line | None = None
    violation_code: Line | None = None
    letter_number: Line | None = None
    forwarded_on: date | None = None
    sanction_code: Line | None = Field(None, description="record_followup: an option of netra.law.sanctions")
    sanction: Text | None = Field(None, description="record_followup: the text when sanction_code is lainnya")
    lighter_reason: Text | None = None
    imposed_by: Line | None = None
    imposed_on: date | None = None
    note: Text | None = None


class KajianIn(Schema):
    stage: Line = Field(description="awal (in kajian_awal) or dugaan (klarifikasi/kajian)")
    facts: Text = Field("", description="uraian singkat fakta; required for dugaan")
    analysis: Text
    conclusion: Text
    formil_pelapor: bool = False
    formil_terlapor: bool = False
    formil_waktu: bool = False
    materiel_waktu_tempat: bool = False
    materiel_uraian: bool = False
    materiel_bukti: bool = False


class KajianOut(Schema):
    id: int
    stage: str
    created_at: datetime


class ClarificationIn(Schema):
    party: Line = Field(description="pelapor, terlapor, saksi or ahli")
    person_name: Line
    scheduled_at: datetime
    place: Line


class ClarificationRecordIn(Schema):
    held_at: datetime
    record: Text
    attendance: Line = Field("hadir", description="hadir or tidak_hadir")


class ClarificationOut(Schema):
    id: int
    party: str
    person_name: str
    scheduled_at: datetime
    attendance: str


class ActionOut(Schema):
    """From a ``workflow`` transition the caller may take."""

    name: str
    label: str
    needs_reason: bool
    targets: list[str]

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.label)


class CommentIn(Schema):
    body: Text


class CommentOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.get_username()


class AssignmentIn(Schema):
    assignee: Line | None = Field(None, description="username of a handler of the office; null unassigns")


class ElectionOut(Schema):
    id: int
    name: str
    regime: str
    region_code: str | None = Field(alias="region_id")
    penetapan_calon: date | None
    campaign_start: date | None
    campaign_end: date | None
    voting_day: date
    is_active: bool


class ViolationTypeBriefOut(Schema):
    """From a ``netra.law`` catalogue entry (the catalogue's own API has the full ``ViolationTypeOut``)."""

    code: str
    name: str = Field(alias="name_id")
    instrument: str
    subjects: list[str]
    sanction_kind: str = Field(alias="sanction.kind")
    valid_from: date | None
    valid_to: date | None


class TerlaporOut(Schema):
    id: int
    name: str
    nip: str
    agency_name: str
    position: str
    subject_type: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency_name or (obj.agency.name if obj.agency_id else "")


class EvidenceOut(Schema):
    id: int
    original_name: str
    link: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("api:cases_evidence_file", kwargs={"evidence_id": obj.pk}) if obj.file else ""


class TransitionOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str
    office: str = Field(alias="office.name")
    at: datetime
    reason: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor.get_username() if obj.actor_id else "publik"


class CaseOut(Schema):
    """From a Case (the list endpoints prefetch its terlapor with their agencies)."""

    id: int
    kind: str
    status: str
    status_label: str
    title: str
    register_number: str
    region_code: str
    region_name: str = Field(alias="region.name")
    office: OfficeOut
    election: str
    received_at: datetime
    due_at: datetime | None
    deadline_state: str
    assigned_to: str
    violation_code: str
    terlapor: list[TerlaporOut]
    sanction_lighter: bool = Field(False, description="A sanction lighter than the catalogue's class")

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_register_number(obj) -> str:
        return obj.register_number or ""

    @staticmethod
    def resolve_election(obj) -> str:
        return obj.election.name if obj.election_id else ""

    @staticmethod
    def resolve_deadline_state(obj) -> str:
        return selectors.deadline_state(obj)

    @staticmethod
    def resolve_assigned_to(obj) -> str:
        return obj.assigned_to.get_username() if obj.assigned_to_id else ""


class ReporterOut(Schema):
    name: str
    address: str
    phone: str
    email: str
    nik: str
    erased_at: datetime | None = Field(None, description="Set when the retention period erased the identity")


class WitnessOut(Schema):
    name: str
    address: str
    phone: str
    erased_at: datetime | None = Field(None, description="Set when the retention period erased the identity")


class DecisionOut(Schema):
    outcome: str
    violation_code: str
    reasoning: str
    decided_at: datetime


class RecommendationOut(Schema):
    id: int
    terlapor: str
    recipients: list[str]
    copies: list[str]
    reasons: list[str]
    letter_number: str
    forwarded_at: datetime

    @staticmethod
    def resolve_terlapor(obj) -> str:
        return obj.terlapor.name if obj.terlapor_id else ""


class FollowUpOut(Schema):
    sanction: str
    sanction_code: str = ""
    lighter: bool = False
    lighter_reason: str = ""
    imposed_by: str
    imposed_on: date
    letter_number: str
    recorded_at: datetime


class CaseDetailView:
    """A case read together with what this user may see of it (``selectors.CaseDetail``): the detail's
    filtered lists (terlapor, witnesses, evidence, records) shadow the case's own relations."""

    def __init__(self, detail):
        self._detail = detail

    def __getattr__(self, name: str):
        try:
            return getattr(self._detail, name)
        except AttributeError:
            return getattr(self._detail.case, name)


class CaseDetailOut(CaseOut):
    """From a ``CaseDetailView``; ``receipt_code`` and ``reporter`` only for who may see identities."""

    description: str
    place: str
    occurred_on: date | None
    known_on: date | None
    registered_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    non_registration_reason: str
    receipt_code: str | None = Field(None, description="Only for the handling office's pimpinan and staf")
    reporter: ReporterOut | None
    witnesses: list[WitnessOut] = Field(description="Only for the handling office's pimpinan and staf")
    evidence: list[EvidenceOut]
    decision: DecisionOut | None
    recommendations: list[RecommendationOut]
    followups: list[FollowUpOut]
    transitions: list[TransitionOut]
    available_actions: list[ActionOut] = Field(alias="actions")

    @staticmethod
    def resolve_receipt_code(obj, context) -> str | None:
        if not selectors.may_see_identities(context["request"].auth, obj.case):
            return None
        return receipt_code_display(obj.receipt_code)


class AgencyComplianceOut(Schema):
    agency_id: int | None
    agency: str
    recommendations: int
    acted_within_target: int
    acted_late: int
    overdue: int
    escalations: int
    lighter_than_catalogue: int


class ComplianceOut(Schema):
    """PPK follow-up compliance: totals, then one row per instansi (most overdue first)."""

    recommendations: int
    acted_within_target: int
    overdue: int
    lighter_than_catalogue: int
    escalations: int
    agencies: list[AgencyComplianceOut]


class IssuedLetterOut(Schema):
    id: int
    case_id: int
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    number: str
    date: _dt.date = Field(alias="issued_on")
    issued_at: datetime
    addressee: str
    subject: str
    sha256: str
    # An invitation naming a pelapor or saksi: the addressee is the party, the file opens only for the
    # handling office's pimpinan and staf penanganan; erased (no file) after the retention period.
    sealed: bool = False
    erased_at: datetime | None = None
    recommendation_id: int | None = None
    clarification_id: int | None = None


class FollowupStateIn(Schema):
    state: str = Field(description="dalam_proses or ditolak (a sanction is recorded with record_followup)")
    reason: str = ""


class FollowupClockOut(Schema):
    recommendation_id: int
    state: str
    state_reason: str
    due_at: datetime
    next_due_at: datetime
    acted_at: datetime | None
    escalation_step: int


class LetterIssueIn(Schema):
    kind: str = Field(description="undangan_klarifikasi or pemberitahuan_status")
    clarification_id: int | None = None
