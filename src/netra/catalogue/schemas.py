"""Response schemas of /api/v1/rules/ (the shapes of the law package's ``to_dict``)."""

from ninja import Schema


class CitationOut(Schema):
    instrument: str
    article: str | None
    paragraph: str | None
    letter: str | None
    point: str | None
    url: str | None
    confidence: str
    unverified: bool
    note: str | None
    text: str


class SanctionOut(Schema):
    id: str
    kind: str
    level: str | None
    options: list[str]
    note: str | None
    unverified: bool
    citations: list[CitationOut]


class ViolationTypeOut(Schema):
    code: str
    name: str
    name_en: str
    description: str
    published_text: str | None
    examples: list[str]
    sanction: SanctionOut
    indicator: str | None
    phase: str
    subjects: list[str]
    criminal_refs: list[str]
    citations: list[CitationOut]
    instrument: str
    valid_from: str | None
    valid_to: str | None
    retrieved: bool
    unverified: bool


class SkippedDayOut(Schema):
    date: str
    reason: str


class DeadlineOut(Schema):
    step: str
    regime: str
    rule_id: str
    summary: str
    trigger: str
    start: str
    due: str
    due_at: str
    zone: str
    days: int
    unit: str
    citation: str
    citations: list[CitationOut]
    skipped: list[SkippedDayOut]
    unverified: bool
    override_note: str | None


class DeadlineReportOut(Schema):
    report_window_ends: str
    decision_due: str | None
    decision_due_extended: str | None
    rules: list[DeadlineOut]
    regime: str
    province: str | None
    zone: str
    known: str
    received: str | None
    registered: str | None
    kajian_awal_due: str | None
    received_within_window: bool | None
    unverified: bool
    notes: list[str]


class RouteOut(Schema):
    party: str
    role: str
    reason: str
    citations: list[CitationOut]


class ReferralOut(Schema):
    recipients: list[str]
    copies: list[str]
    reasons: list[str]
    subject: str
    regime: str
    forwarded: str
    violation: str | None
    routes: list[RouteOut]
    unverified: bool


class ErrorOut(Schema):
    detail: str
