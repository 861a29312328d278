"""Typed request and response bodies of /api/v1/cases/ (django-ninja, pydantic)."""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ReportIn(Schema):
    """The public report form (multipart). Anonymous reports become informasi awal."""

    election: int
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


class IntakeCheckOut(Schema):
    missing: list[str]
    window: str = Field(description="open | closing | expired | unknown")
    window_label: str
    deadline: date | None
    anonymous: bool


class ReceiptOut(Schema):
    receipt_code: str = Field(description="Grouped for display; accepted back with or without dashes")
    kind: str
    status: str
    status_label: str
    track_url: str
    check: IntakeCheckOut


class TrackStepOut(Schema):
    status: str
    label: str
    on: date


class TrackOut(Schema):
    receipt_code: str
    kind_label: str
    status: str
    status_label: str
    received_on: date
    updated_on: date
    office_name: str
    register_number: str
    next_step: str
    due_on: date | None
    outcome_label: str
    note: str
    steps: list[TrackStepOut]


class TerlaporIn(Schema):
    name: str
    nip: str = ""
    agency: int | None = None
    agency_name: str = ""
    position: str = ""
    subject_type: str = "lainnya"


class WitnessIn(Schema):
    name: str
    address: str = ""
    phone: str = ""


class ObservationIn(Schema):
    observed_at: datetime
    place: str = ""
    method: str
    what: str


class TemuanIn(Schema):
    election: int
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


class TransitionIn(Schema):
    action: str
    reason: str = ""
    reason_code: str | None = None
    target_office: int | None = None
    region: str | None = None
    outcome: str | None = None
    violation_code: str | None = None
    letter_number: str | None = None
    forwarded_on: date | None = None
    sanction_code: str | None = Field(None, description="record_followup: an option of netra.law.sanctions")
    sanction: str | None = Field(None, description="record_followup: the text when sanction_code is lainnya")
    lighter_reason: str | None = None
    imposed_by: str | None = None
    imposed_on: date | None = None
    note: str | None = None


class KajianIn(Schema):
    stage: str = Field(description="awal (in kajian_awal) or dugaan (klarifikasi/kajian)")
    facts: str = Field("", description="uraian singkat fakta; required for dugaan")
    analysis: str
    conclusion: str
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
    party: str = Field(description="pelapor, terlapor, saksi or ahli")
    person_name: str
    scheduled_at: datetime
    place: str


class ClarificationRecordIn(Schema):
    held_at: datetime
    record: str
    attendance: str = Field("hadir", description="hadir or tidak_hadir")


class ClarificationOut(Schema):
    id: int
    party: str
    person_name: str
    scheduled_at: datetime
    attendance: str


class ActionOut(Schema):
    name: str
    label: str
    needs_reason: bool
    targets: list[str]


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime


class AssignmentIn(Schema):
    assignee: str | None = Field(None, description="username of a handler of the office; null unassigns")


class OfficeOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str


class ElectionOut(Schema):
    id: int
    name: str
    regime: str
    region_code: str | None
    penetapan_calon: date | None
    campaign_start: date | None
    campaign_end: date | None
    voting_day: date
    is_active: bool


class ViolationTypeOut(Schema):
    code: str
    name: str
    instrument: str
    subjects: list[str]
    sanction_kind: str
    valid_from: date | None
    valid_to: date | None


class TerlaporOut(Schema):
    id: int
    name: str
    nip: str
    agency_name: str
    position: str
    subject_type: str


class EvidenceOut(Schema):
    id: int
    original_name: str
    link: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    download_url: str


class TransitionOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str
    office: str
    at: datetime
    reason: str


class CaseOut(Schema):
    id: int
    kind: str
    status: str
    status_label: str
    title: str
    register_number: str
    region_code: str
    region_name: str
    office: OfficeOut
    election: str
    received_at: datetime
    due_at: datetime | None
    deadline_state: str
    assigned_to: str
    violation_code: str
    terlapor: list[TerlaporOut]
    sanction_lighter: bool = Field(False, description="A sanction lighter than the catalogue's class")


class ReporterOut(Schema):
    name: str
    address: str
    phone: str
    email: str
    nik: str


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


class FollowUpOut(Schema):
    sanction: str
    sanction_code: str = ""
    lighter: bool = False
    lighter_reason: str = ""
    imposed_by: str
    imposed_on: date
    letter_number: str
    recorded_at: datetime


class CaseDetailOut(CaseOut):
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
    witnesses: list[WitnessIn]
    evidence: list[EvidenceOut]
    decision: DecisionOut | None
    recommendations: list[RecommendationOut]
    followups: list[FollowUpOut]
    transitions: list[TransitionOut]
    available_actions: list[ActionOut]
