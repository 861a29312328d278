"""ninja types of the prevention API; built from the objects the selectors and services return."""

from datetime import date

from django.urls import reverse
from ninja import Schema
from pydantic import Field


class EventOut(Schema):
    id: int
    kind: str
    title: str
    organiser_kind: str
    organiser_name: str
    participation: str
    held_on: date
    place: str
    region: str = Field(alias="region_code")
    election_id: int | None
    target_groups: list[str]
    invited_count: int | None
    attending_count: int | None
    listed: int = Field(0, description="people on the attendance list")
    is_demo: bool


class EventIn(Schema):
    kind: str = Field(description="sosialisasi, bimtek or rakor")
    title: str
    organiser_kind: str = Field(description="bawaslu, bkd, instansi or lainnya")
    organiser_name: str
    organiser_agency_id: int | None = None
    participation: str = Field(description="organised or attended (by the caller's office)")
    held_on: date
    place: str = ""
    region: str = Field(description="Kemendagri region code")
    election_id: int | None = None
    audience_agency_ids: list[int] = []
    target_groups: list[str] = Field([], description="ASN, PPPK, PPNPN, kepala_desa, perangkat_desa")
    invited_count: int | None = None
    attending_count: int | None = None
    speakers: str = ""
    description: str = ""


class PledgeOut(Schema):
    id: int
    kind: str
    title: str
    agency_id: int
    agency: str = Field(alias="agency.name")
    election_id: int
    made_on: date
    place: str
    region: str = Field(alias="region_code")
    method: str
    template: str | None = None
    text: str
    declared_signatories: int | None
    listed: int = Field(0, description="people on the signatory list")
    verify_url: str
    is_demo: bool

    @staticmethod
    def resolve_template(obj) -> str | None:
        return f"{obj.template.key} v{obj.template.version}" if obj.template_id else None

    @staticmethod
    def resolve_verify_url(obj) -> str:
        return reverse("prevention:public_pledge", args=[obj.public_token])


class PledgeIn(Schema):
    kind: str = Field(description="deklarasi, ikrar or pakta_integritas")
    title: str
    agency_id: int
    election_id: int
    made_on: date
    place: str = ""
    region: str = Field(description="Kemendagri region code where it was made")
    method: str = Field(description="read_aloud, signed_all or digital")
    template_id: int | None = Field(None, description="a template of GET /templates; else give text")
    text: str = ""
    declared_signatories: int | None = None


class TemplateOut(Schema):
    id: int
    key: str
    version: int
    kind: str
    title: str
    text: str


class RowErrorOut(Schema):
    row: int
    column: str
    value: str
    reason: str


class ListImportOut(Schema):
    rows: int
    dry_run: bool
    matched: int
    counts: dict[str, int] = Field(description="people per match status: nip, name, ambiguous, unmatched")
    errors: list[RowErrorOut]


class AgencyCoverageOut(Schema):
    agency_id: int
    agency: str
    workforce: int
    socialised: int
    pledged: int
    socialised_share: float
    pledged_share: float
    last_pledge: date | None


class CoverageOut(Schema):
    """The shape of ``netra coverage --json``."""

    region: str = Field(alias="scope")
    name: str
    election_id: int | None
    workforce: int
    socialised: int
    pledged: int
    socialised_share: float
    pledged_share: float
    last_pledge: date | None
    agencies: list[AgencyCoverageOut]


class ViolationRateOut(Schema):
    agency_id: int
    agency: str
    signers: int
    signer_violations: int
    signer_rate: float | None = Field(description="per 1,000 signers")
    non_signers: int
    non_signer_violations: int
    non_signer_rate: float | None = Field(description="per 1,000 staff who did not sign")
