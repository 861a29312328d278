"""Every read of cases that reaches a user goes through here, scoped by ``netra.accounts.scoping``.

Supervisory offices see cases in their region subtree; BKN and a PPK see cases with a
recommendation addressed to them (the rules are written once, in ``scoping``). Everything else
answers 404. The reporter's identity is only for the handling office's pimpinan and staf
penanganan (``reporter_for``).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from netra.accounts.models import Role, User
from netra.accounts.scoping import (
    HANDLE,
    VIEW,
    can,
    is_staff,
    is_supervisor,
    region_subtree_q,
    restrict,
    sees_identities,
)
from netra.cases import tracking, workflow
from netra.cases.evidence import evidence_open
from netra.cases.models import (
    CLOSED_STATUSES,
    Case,
    Clarification,
    Comment,
    Decision,
    Election,
    Evidence,
    FollowUp,
    Recommendation,
    Reporter,
    Status,
)
from netra.cases.receipts import receipt_code_normalise
from netra.cases.report_input import elections_for_region
from netra.cases.sealing import ReporterIdentity, identity_open
from netra.cases.services.search import normalise
from netra.law import catalogue

# Reference data everyone may read (the report form lists the active elections), and the public
# tracking page: one case found by its unguessable receipt code, shown without anybody's identity;
# an office's status notices (its notice board: a notice names no one).
PUBLIC_READERS = (
    "election_list",
    "elections_held_in",
    "case_track",
    "status_notices_public",
    "status_notice_public",
)
NEARLY_DUE = timedelta(days=1)
IDENTITY_ROLES = (Role.PIMPINAN, Role.STAF_PENANGANAN)
LETTER_ROLES = (Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS)
EDITABLE_LETTER_KINDS = (
    "undangan_klarifikasi",
    "pemberitahuan_status",
    "permintaan_tindak_lanjut",
    "teguran",
    "permintaan_blokir",
)


def case_queryset_for(user) -> QuerySet:
    """All cases the user may see (no ordering or filters applied)."""
    return restrict(Case.objects.all(), user, VIEW)


def _with_related(qs: QuerySet) -> QuerySet:
    return qs.select_related("office", "region", "election", "assigned_to")


def _search(qs: QuerySet, text: str) -> QuerySet:
    raw = text.strip()
    exact = Q(receipt_code=raw.upper().replace("-", "")) | Q(register_number=raw)
    words = normalise(raw).split()
    if not words:
        return qs
    match = Q()
    for word in words:
        match &= Q(search_text__contains=word)
    return qs.filter(match | exact)


def _open() -> Q:
    return ~Q(status__in=CLOSED_STATUSES)


def _due_filters(qs: QuerySet, *, overdue: bool, nearly_due: bool) -> QuerySet:
    now = timezone.now()
    if overdue:
        qs = qs.filter(_open(), due_at__lt=now)
    if nearly_due:
        qs = qs.filter(_open(), due_at__gte=now, due_at__lte=now + NEARLY_DUE)
    return qs


OUTCOMES = ("proven", "recommended", "sanctioned")


def _outcome_q(outcome: str) -> Q:
    if outcome == "proven":
        return Q(pk__in=Decision.objects.filter(outcome=Decision.Outcome.TERBUKTI).values("case_id"))
    if outcome == "recommended":
        return Q(pk__in=Recommendation.objects.values("case_id"))
    return Q(pk__in=FollowUp.objects.values("case_id"))


def _month_range(month: str) -> tuple[datetime, datetime]:
    """The first moment of ``month`` ("2024-02") and of the next, in the site's time zone."""
    year, number = (int(part) for part in month.split("-"))
    start = timezone.make_aware(datetime(year, number, 1))
    following = timezone.make_aware(datetime(year + number // 12, number % 12 + 1, 1))
    return start, following


def _drill_down(qs: QuerySet, *, agency=None, indicator="", outcome="", month="", sanction=""):
    """The filters a statistics figure links with, so the list shows exactly the cases it counts.

    ``sanction`` is "expected|imposed": a follow-up with the catalogue's class and the one imposed."""
    if agency:
        qs = qs.filter(pk__in=Case.objects.filter(terlapor__agency_id=agency).values("pk"))
    if indicator:
        qs = qs.filter(violation_code__in=[t.code for t in catalogue.all_types() if t.indicator == indicator])
    if outcome in OUTCOMES:
        qs = qs.filter(_outcome_q(outcome))
    if month:
        start, end = _month_range(month)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    if sanction:
        expected, _bar, imposed = sanction.partition("|")
        followups = FollowUp.objects.filter(expected_class=expected, sanction_class=imposed)
        qs = qs.filter(pk__in=followups.values("case_id"))
    return qs


def case_list_for(
    user,
    *,
    status=None,
    kind=None,
    region: str = "",
    election=None,
    subject_type: str = "",
    violation_code: str = "",
    overdue: bool = False,
    nearly_due: bool = False,
    q: str = "",
    assigned_to_me: bool = False,
    open_only: bool = False,
    sanction_lighter: bool = False,
    agency: int | None = None,
    indicator: str = "",
    outcome: str = "",
    month: str = "",
    region_only: bool = False,
    sanction: str = "",
) -> QuerySet:
    """The user's cases, newest first, narrowed by the given filters (each optional).

    ``status``/``kind`` take one value or a list; ``region`` a region code (includes sub-regions);
    ``election`` an Election or its pk; ``overdue``: open cases past their step deadline;
    ``nearly_due``: open cases due within one day; ``q``: words of title, description, place,
    terlapor (name, NIP, agency, position), register number, or an exact receipt code;
    ``sanction_lighter``: cases whose sanction is lighter than the catalogue's class;
    ``agency``, ``indicator``, ``outcome``, ``month``, ``sanction``: the drill-down filters of the statistics
    (``_drill_down``); ``region_only``: the region itself, without the regions below it.
    """
    qs = case_queryset_for(user)
    if sanction_lighter:
        qs = qs.filter(sanction_lighter=True)
    if status:
        qs = qs.filter(status__in=[status] if isinstance(status, str) else list(status))
    if kind:
        qs = qs.filter(kind__in=[kind] if isinstance(kind, str) else list(kind))
    if region:
        code = region.strip()
        qs = qs.filter(region_code=code) if region_only else qs.filter(region_subtree_q(code))
    if election:
        qs = qs.filter(election=election)
    if subject_type:
        qs = qs.filter(pk__in=Case.objects.filter(terlapor__subject_type=subject_type).values("pk"))
    if violation_code:
        qs = qs.filter(violation_code=violation_code)
    if assigned_to_me:
        qs = qs.filter(assigned_to=user)
    if open_only:
        qs = qs.filter(_open())
    qs = _due_filters(qs, overdue=overdue, nearly_due=nearly_due)
    qs = _drill_down(qs, agency=agency, indicator=indicator, outcome=outcome, month=month, sanction=sanction)
    if q:
        qs = _search(qs, q)
    return _with_related(qs).order_by("-received_at", "-pk")


def sanction_counts_for(user) -> dict:
    """Of the user's cases with a sanction recorded: how many, and how many lighter than the catalogue."""
    sanctioned = case_queryset_for(user).filter(followups__isnull=False).distinct()
    return {"sanctioned": sanctioned.count(), "lighter": sanctioned.filter(sanction_lighter=True).count()}


def case_get_for(user, pk) -> Case:
    """One case the user may see; Http404 otherwise (existence outside jurisdiction does not leak)."""
    try:
        return _with_related(case_queryset_for(user)).get(pk=int(pk))
    except (Case.DoesNotExist, TypeError, ValueError):
        raise Http404("Kasus tidak ditemukan.") from None


def queue_for(user) -> QuerySet:
    """Open cases waiting on the user's office, deadlines first (no deadline last).

    Supervisory offices: open cases they handle. BKN/PPK: recommendations awaiting their follow-up.
    """
    if not is_staff(user):
        return Case.objects.none()
    qs = case_queryset_for(user).filter(_open())
    if user.office is not None and user.office.is_supervisory:  # staff always have an office
        qs = restrict(qs, user, HANDLE)
    else:
        qs = qs.filter(status=Status.REKOMENDASI_DITERUSKAN)
    return _with_related(qs).order_by(F("due_at").asc(nulls_last=True), "received_at", "pk")


def reporter_for(user, case: Case) -> ReporterIdentity | None:
    """The reporter's identity, decrypted, only for the handling office's pimpinan and staf penanganan.

    The one place identities are opened for people (callers audit the view: ``identity_view_record``).
    """
    if not sees_identities(user, case):
        return None
    reporter = (
        restrict(Reporter.objects.filter(case=case), user, HANDLE).select_related("case__data_key").first()
    )
    if reporter is None:
        return None
    return identity_open(reporter, getattr(reporter.case, "data_key", None))


def may_see_identities(user, case: Case) -> bool:
    """Reporter and witnesses' identities: same rule as ``reporter_for``."""
    return sees_identities(user, case)


def deadline_state(case: Case, now=None) -> str:
    """ "overdue", "nearly_due", "ok", or "" when the current step has no deadline (or is closed)."""
    if case.due_at is None or case.is_closed:
        return ""
    now = now or timezone.now()
    if case.due_at < now:
        return "overdue"
    return "nearly_due" if case.due_at <= now + NEARLY_DUE else "ok"


def evidence_list_for(user, case: Case) -> QuerySet:
    """Evidence of a case the caller found with ``case_get_for`` (rows still pass ``restrict``, so a case
    outside the user's jurisdiction lists nothing); analis (statistics only) see none."""
    if not is_staff(user) or user.role == Role.ANALIS:
        return Evidence.objects.none()
    return restrict(Evidence.objects.filter(case=case), user).select_related("uploaded_by")


def comment_list_for(user, case_pk) -> QuerySet[Comment]:
    """The comments on a case, oldest first: Bawaslu's internal notes, so none for BKN or a PPK;
    Http404 outside the user's jurisdiction."""
    case = case_get_for(user, case_pk)
    return restrict(Comment.objects.filter(case=case), user).select_related("author")


def clarification_get_for(user, case_pk, clarification_pk) -> Clarification | None:
    """A clarification of a case, None when the case has no such one or the user's office does not see
    clarifications (BKN, a PPK); Http404 when the case lies outside the user's jurisdiction."""
    case = case_get_for(user, case_pk)
    return restrict(Clarification.objects.filter(case=case, pk=clarification_pk), user).first()


def evidence_get_for(user, pk) -> Evidence:
    """One evidence item the user may download; Http404 otherwise."""
    if not is_staff(user) or user.role == Role.ANALIS:
        raise Http404("Bukti tidak ditemukan.")
    try:
        return restrict(Evidence.objects.select_related("case"), user).get(pk=int(pk))
    except (Evidence.DoesNotExist, TypeError, ValueError):
        raise Http404("Bukti tidak ditemukan.") from None


def evidence_file_for(user, pk, *, case_id=None):
    """``(evidence, open file)`` for a download; Http404 when the user may not have it.

    ValidationError for a link (nothing to download); FileNotFoundError if storage lost the file.
    """
    evidence = evidence_get_for(user, pk)
    if case_id is not None and evidence.case_id != case_id:
        raise Http404("Bukti tidak ditemukan.")
    return evidence, evidence_open(evidence)


def _letter_recommendations(user, case: Case) -> QuerySet:
    """Recommendations of a visible case whose letter the user may download.

    Supervisory offices: every recommendation of the case; BKN and a PPK: those addressed to them.
    """
    if not (is_staff(user) and user.has_role(*LETTER_ROLES)):
        return Recommendation.objects.none()
    return restrict(Recommendation.objects.filter(case=case), user, VIEW)


def letter_recommendation_ids_for(user, case: Case) -> set[int]:
    """Of a visible case's recommendations, those whose letter ``user`` may download."""
    return set(_letter_recommendations(user, case).values_list("pk", flat=True))


def recommendation_letter_for(user, case_id, recommendation_id):
    """``(recommendation, letter)`` for the download views; Http404 when the user may not have it."""
    from netra.cases.letterdata import letter_build

    case = case_get_for(user, case_id)
    related = ("terlapor__agency", "created_by", "case__office__region")
    try:
        rec = _letter_recommendations(user, case).select_related(*related).get(pk=int(recommendation_id))
    except (Recommendation.DoesNotExist, TypeError, ValueError):
        raise Http404("Rekomendasi tidak ditemukan.") from None
    marks = terlapor_prevention_for(user, case, [rec.terlapor] if rec.terlapor else [])
    prevention = tuple(m.sentence() for m in marks.get(rec.terlapor_id or 0, []))
    return rec, letter_build(rec, prevention=prevention)


@dataclass
class CaseDetail:
    """Everything the case page shows to this user, already filtered by what they may see."""

    case: Case
    reporter: ReporterIdentity | None
    terlapor: list
    witnesses: list
    observation: object
    evidence: list
    clarifications: list
    kajian: list
    decision: object
    recommendations: list
    followups: list
    comments: list
    transitions: list
    actions: list = field(default_factory=list)
    deadline: str = ""
    prevention: dict = field(default_factory=dict)  # terlapor id -> [PreventionMark]


def case_detail_for(user, pk) -> CaseDetail:
    """The case page's data for ``user``; Http404 outside their jurisdiction."""
    case = case_get_for(user, pk)
    internal = is_supervisor(user)
    identities = may_see_identities(user, case)
    terlapor = list(case.terlapor.select_related("agency", "pegawai"))
    prevention = terlapor_prevention_for(user, case, terlapor)
    for t in terlapor:
        # shown beside the terlapor by the template; not a model field
        t.prevention_marks = prevention.get(t.pk, [])  # type: ignore[attr-defined]
    return CaseDetail(
        case=case,
        reporter=reporter_for(user, case),
        terlapor=terlapor,
        prevention=prevention,
        witnesses=list(case.witnesses.all()) if identities else [],
        observation=getattr(case, "observation", None) if internal else None,
        evidence=list(evidence_list_for(user, case)),
        clarifications=list(restrict(case.clarifications.all(), user)),
        kajian=list(case.kajian.select_related("author")) if internal else [],
        decision=getattr(case, "decision", None),
        recommendations=list(case.recommendations.select_related("terlapor")),
        followups=list(case.followups.select_related("recorded_by")),
        comments=list(restrict(case.comments.select_related("author"), user)),
        transitions=list(case.transitions.select_related("actor", "office")),
        actions=workflow.available_transitions(user, case),
        deadline=deadline_state(case),
    )


@dataclass(frozen=True)
class PreventionMark:
    """A terlapor on an attendance or signatory list of the case's election (netra.prevention)."""

    terlapor_id: int
    kind: str  # "pledge" or "event"
    label: str  # "Ikrar: Ikrar Netralitas ASN Pemkab ...", "Sosialisasi: ..."
    on: date
    object_id: int

    def sentence(self) -> str:
        return f"{self.label} ({self.on:%d-%m-%Y})"


def _prevention_rows(user, model_name: str, terlapor: list, election_id: int) -> list:
    """List rows of the election linked to the terlapor's roster record or carrying their NIP.

    Prevention is reached by name (it imports cases, never the other way round)."""
    model = apps.get_model("prevention", model_name)
    pegawai = [t.pegawai_id for t in terlapor if t.pegawai_id]
    nips = [t.nip for t in terlapor if t.nip]
    if not (pegawai or nips):
        return []
    parent = "pledge" if model_name == "Signatory" else "event"
    rows = model._default_manager.filter(Q(pegawai_id__in=pegawai) | Q(nip__in=nips), election_id=election_id)
    return list(restrict(rows, user, VIEW).select_related(parent))


def terlapor_prevention_for(user, case: Case, terlapor: list) -> dict[int, list[PreventionMark]]:
    """Per terlapor: the pledges they signed and the socialisations they attended for the case's
    election, with dates; two queries whatever the number of terlapor (the case page's budget)."""
    if case.election_id is None or not terlapor:
        return {}
    marks: dict[int, list[PreventionMark]] = {}
    for model_name, parent, date_field in (
        ("Signatory", "pledge", "made_on"),
        ("Attendee", "event", "held_on"),
    ):
        for row in _prevention_rows(user, model_name, terlapor, case.election_id):
            record = getattr(row, parent)
            for t in terlapor:
                if (t.pegawai_id and t.pegawai_id == row.pegawai_id) or (t.nip and t.nip == row.nip):
                    label = f"{record.get_kind_display()}: {record.title}"
                    mark = PreventionMark(t.pk, parent, label, getattr(record, date_field), record.pk)
                    marks.setdefault(t.pk, []).append(mark)
    for found in marks.values():
        found.sort(key=lambda m: (m.on, m.kind))
    return marks


def handlers_for(user, case: Case) -> QuerySet:
    """Staff of the handling office a case can be assigned to (for the pimpinan's assign form)."""
    if not can(user, case, HANDLE):
        return User.objects.none()
    staff = restrict(User.objects.filter(is_active=True, role__in=IDENTITY_ROLES), user)
    return staff.order_by("username")


def election_list(*, active_only: bool = True) -> QuerySet:
    """Configured elections (public: the report form lists the active ones)."""
    qs = Election.objects.select_related("region")
    return qs.filter(is_active=True) if active_only else qs


def elections_held_in(region_code: str, *, active_only: bool = True) -> list[Election]:
    """The configured elections held in ``region_code`` (national ones included); all for ""."""
    return elections_for_region(election_list(active_only=active_only), region_code)


def case_track(receipt_code: str) -> tracking.TrackView | None:
    """The public view of a case by its receipt code; None if the code is unknown or malformed."""
    code = receipt_code_normalise(receipt_code)
    if code is None:
        return None
    found = Case.objects.select_related("office", "decision").prefetch_related("transitions")
    case = found.filter(receipt_code=code).first()
    return tracking.track_view(case) if case is not None else None


# PPK follow-up compliance ------------------------------------------------------------------------

COMPLIANCE_ROLES = (Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS, Role.ANALIS)


@dataclass
class AgencyCompliance:
    """One PPK's instansi (the top agency of the terlapor's record) and how it answered."""

    agency_id: int | None
    agency: str
    recommendations: int = 0
    acted_within_target: int = 0
    acted_late: int = 0
    overdue: int = 0
    escalations: int = 0
    lighter_than_catalogue: int = 0


@dataclass
class Compliance:
    recommendations: int
    acted_within_target: int
    overdue: int
    lighter_than_catalogue: int
    escalations: int
    agencies: list[AgencyCompliance]


def _top_agency(terlapor):
    """The instansi of a terlapor's recorded agency (a Dinas -> its Pemerintah Kabupaten), from the
    three parents loaded with the row (deeper trees stop at the third parent)."""
    agency = terlapor.agency if terlapor is not None else None
    for _hop in range(3):
        if agency is None or agency.parent_id is None:
            break
        agency = agency.parent
    return agency


def _compliance_rows(user, *, region: str = "", now=None):
    rows = restrict(Recommendation.objects.all(), user, VIEW).select_related(
        "clock", "terlapor__agency__parent__parent__parent"
    )
    if region:
        rows = rows.filter(region_subtree_q(region, "case__region_code"))
    from netra.cases.models import FollowUp

    lighter = FollowUp.objects.filter(recommendation=OuterRef("pk"), lighter=True)
    return rows.annotate(lighter=Exists(lighter)).order_by("pk")


def _count(row: AgencyCompliance, rec, at) -> None:
    clock = getattr(rec, "clock", None)
    row.recommendations += 1
    row.lighter_than_catalogue += int(bool(rec.lighter))
    if clock is None:
        return
    row.escalations += clock.escalation_step
    if clock.acted_at is not None:
        if clock.acted_at <= clock.due_at:
            row.acted_within_target += 1
        else:
            row.acted_late += 1
    elif clock.due_at < at or clock.escalation_step:
        # An escalation letter went out: the target had passed when it was issued.
        row.overdue += 1


def compliance_for(user, *, agency_id: int | None = None, region: str = "", now=None) -> Compliance:
    """Per PPK instansi: recommendations received, acted on within the service target, overdue (no
    decision, and the target passed or an escalation letter was issued), escalation steps taken and
    sanctions lighter than the catalogue.

    BKN sees every recommendation addressed to it, a PPK those about its own agencies, a Bawaslu
    office those of its region subtree (the ones it sent and its lower offices sent), through
    ``scoping.restrict``. ``region`` narrows to a region subtree, ``agency_id`` to one instansi.
    """
    if not (is_staff(user) and user.has_role(*COMPLIANCE_ROLES)):
        return Compliance(0, 0, 0, 0, 0, [])
    at = now or timezone.now()
    groups: dict[int | None, AgencyCompliance] = {}
    for rec in _compliance_rows(user, region=region):
        top = _top_agency(rec.terlapor)
        key = top.pk if top is not None else None
        if agency_id is not None and key != agency_id:
            continue
        name = top.name if top is not None else (rec.terlapor.agency_name if rec.terlapor else "") or "-"
        _count(groups.setdefault(key, AgencyCompliance(key, name)), rec, at)
    agencies = sorted(groups.values(), key=lambda g: (-g.overdue, g.agency))
    return Compliance(
        recommendations=sum(g.recommendations for g in agencies),
        acted_within_target=sum(g.acted_within_target for g in agencies),
        overdue=sum(g.overdue for g in agencies),
        lighter_than_catalogue=sum(g.lighter_than_catalogue for g in agencies),
        escalations=sum(g.escalations for g in agencies),
        agencies=agencies,
    )


def letters_for(user, case_id) -> list:
    """The issued letters of a case the user sees (BKN and a PPK: those about their recommendations)."""
    return case_letters_for(user, case_get_for(user, case_id))


def case_letters_for(user, case: Case) -> list:
    """The issued letters of a case already read through ``case_get_for`` (one query)."""
    from netra.cases.models import IssuedLetter

    if not user.has_role(*LETTER_ROLES):
        return []
    rows = restrict(IssuedLetter.objects.filter(case=case), user, VIEW)
    return list(rows.defer("pdf", "docx").order_by("issued_at", "pk"))


def issued_letter_for(user, case_id, letter_id):
    """One issued letter (with its archived bytes) for a download; Http404 otherwise."""
    from netra.cases.models import IssuedLetter

    case = case_get_for(user, case_id)
    if not user.has_role(*LETTER_ROLES):
        raise Http404("Surat tidak ditemukan.")
    try:
        return restrict(IssuedLetter.objects.filter(case=case), user, VIEW).get(pk=int(letter_id))
    except (IssuedLetter.DoesNotExist, TypeError, ValueError):
        raise Http404("Surat tidak ditemukan.") from None


def followup_clocks_for(user, case) -> dict:
    """recommendation id -> its follow-up clock, of the recommendations the user sees on ``case``."""
    from netra.cases.models import FollowupClock

    rows = restrict(FollowupClock.objects.filter(recommendation__case=case), user, VIEW)
    return {clock.recommendation_id: clock for clock in rows}


def letter_template_for(user, kind: str):
    """The wording the user's office set for ``kind`` (None when it keeps Netra's)."""
    from netra.cases.models import LetterTemplate

    if not (is_supervisor(user) and user.has_role(Role.PIMPINAN)):
        raise Http404("Templat tidak ditemukan.")
    return restrict(LetterTemplate.objects.filter(kind=kind), user, VIEW).first()


def letter_kind_spec(kind: str):
    """The registry entry of a letter kind: its subject and the placeholders its wording may use."""
    from netra.cases.letterkinds import spec_for

    return spec_for(kind)


def followup_target_for(user):
    """The service target the user's office set (None: netra.law's ppk_followup rule applies)."""
    from netra.cases.models import FollowupTarget

    return restrict(FollowupTarget.objects.all(), user, VIEW).first()


def may_follow_up(user, case: Case) -> bool:
    """BKN or the PPK addressed by one of the case's recommendations, pimpinan or staf penanganan."""
    from netra.accounts.scoping import FOLLOW_UP

    return (
        is_staff(user)
        and not is_supervisor(user)
        and user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN)
        and case.status == Status.REKOMENDASI_DITERUSKAN
        and can(user, case, FOLLOW_UP)
    )


def may_issue_letters(user, case: Case) -> bool:
    """The handling office's pimpinan and staf penanganan issue invitations and status notices."""
    return is_staff(user) and user.has_role(*IDENTITY_ROLES) and can(user, case, HANDLE)


def status_notices_public(*, office_id: int, limit: int = 100) -> list:
    """The pemberitahuan status laporan an office posted, newest first (its public notice board).

    Public by design: a notice names no one (receipt code, register number, dates, status).
    """
    from netra.cases.models import IssuedLetter, LetterKind

    rows = IssuedLetter.objects.filter(office_id=office_id, kind=LetterKind.PEMBERITAHUAN_STATUS)
    return list(rows.defer("pdf", "docx").order_by("-issued_at", "-pk")[: max(1, min(limit, 500))])


def status_notice_public(*, office_id: int, letter_id: int):
    """One posted status notice with its PDF, for the public notice board; Http404 otherwise."""
    from netra.cases.models import IssuedLetter, LetterKind

    try:
        return IssuedLetter.objects.get(
            pk=int(letter_id), office_id=int(office_id), kind=LetterKind.PEMBERITAHUAN_STATUS
        )
    except (IssuedLetter.DoesNotExist, TypeError, ValueError):
        raise Http404("Pemberitahuan tidak ditemukan.") from None
