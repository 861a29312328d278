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
    case_region_scope,
    is_staff,
    is_supervisor,
    narrower_region,
    region_subtree_q,
    restrict,
    sees_identities,
)
from netra.cases import tracking, workflow
from netra.cases.evidence import evidence_open
from netra.cases.fulltext import Within
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
    Witness,
)
from netra.cases.receipts import receipt_code_normalise
from netra.cases.report_input import elections_for_region
from netra.cases.sealing import (
    ReporterIdentity,
    WitnessIdentity,
    clarifications_open,
    identity_open,
    letter_bytes,
    witnesses_open,
)
from netra.cases.services.search import search_words
from netra.core.counting import Count, count_bounded, values_bounded
from netra.core.keyset import BadCursor, Key, Page, paginate
from netra.law import catalogue, regioncode

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


def _search(qs: QuerySet, text: str, user=None, region: str = "") -> QuerySet:
    """Cases holding every word (full-text index, both engines: ``netra.cases.fulltext``), or the
    exact register number, or the exact receipt code of a case whose receipt code the user may see
    (the handling office's pimpinan and staf penanganan, as on the case page and in the API).
    ``region``: a region filter already on ``qs``; with the user's scope it tells the index where
    to start (``fulltext.Within``)."""
    raw = text.strip()
    exact = Q(register_number=raw)
    if user is not None and is_staff(user) and user.has_role(*IDENTITY_ROLES):
        receipt = Q(receipt_code=raw.upper().replace("-", ""))
        exact |= receipt & Q(pk__in=restrict(Case.objects.filter(receipt), user, HANDLE).values("pk"))
    if not search_words(raw):
        return qs
    bound = narrower_region(case_region_scope(user), region)
    return qs.filter(Q(search_text__words=Within(raw, region=bound)) | exact)


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


def _instansi_q(instansi: int, prefix: str = "terlapor__agency") -> Q:
    """A terlapor of the instansi or of its units, as ``compliance_for`` groups them (three levels)."""
    found = Q(**{f"{prefix}_id": instansi})
    for depth in range(1, 4):
        found |= Q(**{f"{prefix}{'__parent' * depth}_id": instansi})
    return found


def _drill_down(qs: QuerySet, *, agency=None, instansi=None, indicator="", outcome="", month="", sanction=""):
    """The filters a statistics figure links with, so the list shows exactly the cases it counts.

    ``sanction`` is "expected|imposed": a follow-up with the catalogue's class and the one imposed;
    ``instansi``: cases with a recommendation about a terlapor of that instansi (PPK compliance)."""
    if agency:
        qs = qs.filter(pk__in=Case.objects.filter(terlapor__agency_id=agency).values("pk"))
    if instansi:
        qs = qs.filter(pk__in=Recommendation.objects.filter(_instansi_q(instansi)).values("case_id"))
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
    instansi: int | None = None,
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
    ``agency``, ``instansi``, ``indicator``, ``outcome``, ``month``, ``sanction``: the drill-down
    filters of the statistics (``_drill_down``); ``region_only``: the region itself, without the
    regions below it.
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
    qs = _drill_down(
        qs,
        agency=agency,
        instansi=instansi,
        indicator=indicator,
        outcome=outcome,
        month=month,
        sanction=sanction,
    )
    if q:
        qs = _search(qs, q, user, region.strip() if region else "")
    return _with_related(qs).order_by("-received_at", "-pk")


LIST_KEYS = [Key("received_at", descending=True), Key("pk", descending=True)]
QUEUE_KEYS = [Key("due_at", nulls_last=True), Key("received_at"), Key("pk")]
PAGE_SIZE = 25
SEARCH_EXACT_UP_TO = 1_000
__all__ = ["BadCursor", "Count", "Page"]  # what views and the API get back from the page selectors


def case_page_for(user, *, cursor: str = "", last: bool = False, size: int = PAGE_SIZE, **filters) -> Page:
    """One keyset page of ``case_list_for(user, **filters)`` (newest first); BadCursor for a cursor
    the list did not make. ``last``: the oldest cases."""
    return paginate(case_list_for(user, **filters), LIST_KEYS, cursor=cursor, size=size, last=last)


def case_count_for(user, **filters) -> Count:
    """How many cases ``case_list_for`` finds: exact up to 10 000 (1 000 for a search), then an
    estimate ("sekitar")."""
    found = case_list_for(user, **filters)
    if filters.get("q"):  # counting text matches recomputes their vectors: a smaller exact bound
        return count_bounded(found, SEARCH_EXACT_UP_TO, estimate_first=True)
    return count_bounded(found, estimate_first=True)


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


def queue_page_for(user, *, cursor: str = "", last: bool = False, size: int = PAGE_SIZE) -> Page:
    """One keyset page of the queue (nearest deadline first, no deadline last)."""
    return paginate(queue_for(user), QUEUE_KEYS, cursor=cursor, size=size, last=last)


def queue_counts_for(user) -> dict[str, Count]:
    """The queue's figures: open cases, past their deadline, due within a day (bounded counts).

    A queue of at most 10 000 cases (every office's but the largest) is read once, its due dates
    only, and the three figures counted from them: one evaluation of the user's scope instead of
    three (a PPK's scope is a join through its agency subtree, about 25 ms at 1 M cases)."""
    qs, now = queue_for(user), timezone.now()
    dues = values_bounded(qs, "due_at")
    if dues is not None:
        soon = now + NEARLY_DUE
        return {
            "total": Count(len(dues), True),
            "overdue": Count(sum(1 for due in dues if due is not None and due < now), True),
            "due_soon": Count(sum(1 for due in dues if due is not None and now <= due <= soon), True),
        }
    return {
        "total": count_bounded(qs),
        "overdue": count_bounded(qs.filter(due_at__lt=now)),
        "due_soon": count_bounded(qs.filter(due_at__gte=now, due_at__lte=now + NEARLY_DUE)),
    }


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


def witnesses_for(user, case: Case) -> list[WitnessIdentity]:
    """The witnesses' identities, decrypted, for the same people as ``reporter_for`` (callers audit the
    view with ``identity_view_record``); an empty list for everyone else."""
    if not sees_identities(user, case):
        return []
    rows = restrict(Witness.objects.filter(case=case), user, HANDLE).select_related("case__data_key")
    return witnesses_open(rows.order_by("pk"))


def may_see_identities(user, case: Case) -> bool:
    """Reporter and witnesses' identities, and the receipt code: same rule as ``reporter_for``."""
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
    item = restrict(Clarification.objects.filter(case=case, pk=clarification_pk), user).first()
    if item is not None:
        clarifications_open([item], identities=may_see_identities(user, case))
    return item


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
    clarifications_shown: int = 0  # pelapor/saksi invitations whose name and berita acara were opened
    deadline: str = ""
    prevention: dict = field(default_factory=dict)  # terlapor id -> [PreventionMark]


def case_detail_for(user, pk) -> CaseDetail:
    """The case page's data for ``user``; Http404 outside their jurisdiction.

    The case comes with its one-to-one records (decision, observation) in the same query, and its
    evidence is read without checking the case's visibility a second time."""
    try:
        related = _with_related(case_queryset_for(user)).select_related("decision", "observation")
        case: Case = related.get(pk=int(pk))
    except (Case.DoesNotExist, TypeError, ValueError):
        raise Http404("Kasus tidak ditemukan.") from None
    internal = is_supervisor(user)
    identities = may_see_identities(user, case)
    clarifications = list(restrict(case.clarifications.all(), user))
    # Names and berita acara decrypted; a pelapor's or saksi's stay closed for whoever may not see the
    # reporter. How many identity invitations were opened is audited with the page (``clarifications_shown``).
    shown = clarifications_open(clarifications, identities=identities)
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
        witnesses=witnesses_for(user, case) if identities else [],
        observation=getattr(case, "observation", None) if internal else None,
        evidence=list(evidence_list_for(user, case)),
        clarifications=clarifications,
        clarifications_shown=shown,
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
    letters = list(rows.defer("pdf", "docx").order_by("issued_at", "pk"))
    identities = sees_identities(user, case)
    for letter in letters:
        letter.openable = _letter_openable(letter, identities)
    return letters


def _letter_openable(letter, identities: bool) -> bool:
    """Erased letters open for no one; an invitation naming a pelapor or saksi only for the roles that
    see identities (everyone who sees the case's letters sees that it was issued)."""
    return letter.erased_at is None and (identities or not letter.sealed)


def issued_letter_file_for(user, case_id, letter_id, fmt: str):
    """(letter, the archived PDF or DOCX bytes as issued) for a download; Http404 otherwise, also for a
    sealed invitation the user may not open and for an erased one."""
    from netra.cases.models import IssuedLetter

    case = case_get_for(user, case_id)
    if not user.has_role(*LETTER_ROLES):
        raise Http404("Surat tidak ditemukan.")
    try:
        letter = restrict(IssuedLetter.objects.filter(case=case), user, VIEW).get(pk=int(letter_id))
    except (IssuedLetter.DoesNotExist, TypeError, ValueError):
        raise Http404("Surat tidak ditemukan.") from None
    if not _letter_openable(letter, sees_identities(user, case)):
        raise Http404("Surat tidak ditemukan.")
    return letter, letter_bytes(letter, fmt)


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


# Elections and the post scorer's configuration ------------------------------------------------------


@dataclass
class ElectionArea:
    """One configured area of an election (the whole area: ``code`` ""), as a page lists it."""

    code: str
    name: str
    setting: object
    editable: bool
    config: dict


def election_list_for(user: User) -> list[Election]:
    """The elections that concern the user's territory (supervisory offices; others none)."""
    from django.db.models import Count

    rows = restrict(Election.objects.all(), user).select_related("region")
    return list(rows.annotate(configured_areas=Count("settings")).order_by("-voting_day", "name"))


def election_get_for(user: User, election_id: int) -> Election:
    """One election the user may see; Http404 otherwise."""
    try:
        return restrict(Election.objects.select_related("region"), user).get(pk=int(election_id))
    except (Election.DoesNotExist, TypeError, ValueError):
        raise Http404("Pemilihan tidak ditemukan.") from None


def election_areas_for(user: User, election: Election) -> list[ElectionArea]:
    """The configured areas of ``election`` the user may see, widest first, each with its own rows
    (``config``: the file-shaped content) and whether the user may edit it."""
    from netra.cases.elections import setting_content
    from netra.cases.models import ElectionSetting
    from netra.cases.services.elections import may_edit

    rows = restrict(ElectionSetting.objects.filter(election=election), user)
    rows = rows.select_related("region").prefetch_related("candidates", "parties")
    areas = [
        ElectionArea(
            code=setting.region_id or "",
            name=setting.region.name if setting.region else "",
            setting=setting,
            editable=may_edit(user, election, setting.region_id or ""),
            config=setting_content(setting),
        )
        for setting in rows
    ]
    return sorted(areas, key=lambda area: (regioncode.level(area.code), area.code))


def election_area_for(user: User, election: Election, region_code: str) -> ElectionArea:
    """One configured area (``region_code`` "" the whole area); Http404 when absent or not visible."""
    for area in election_areas_for(user, election):
        if area.code == region_code:
            return area
    raise Http404("Konfigurasi tidak ditemukan.")


def election_export_for(user: User, election: Election, region_code: str) -> dict:
    """An area's configuration in the file's shape (name, regime, level, region, period, rows)."""
    from netra.cases.elections import area_file_data

    area = election_area_for(user, election, region_code)
    data = area_file_data(election, area.code)
    if data is None:
        raise Http404("Konfigurasi tidak ditemukan.")
    return data


def election_editable_regions_for(user: User, election: Election) -> bool:
    """Whether the user may configure some area of ``election`` (the whole area or a region)."""
    from netra.cases.services.elections import EDITOR_ROLES

    office = user.office
    if office is None or not office.is_supervisory or not user.has_role(*EDITOR_ROLES):
        return False
    return restrict(Election.objects.filter(pk=election.pk), user).exists()
