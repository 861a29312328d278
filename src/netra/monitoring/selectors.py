"""Reads of the triage queue, an item's page and the watched accounts, scoped by jurisdiction.

Every reader takes the user first and narrows through ``netra.accounts.scoping.restrict``: supervisory
offices see the items of their territory (an item's region, else its source office's region); BKN and
PPK offices, and the public, see none (an item outside the territory is a 404).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from netra.accounts.models import Office, User
from netra.accounts.scoping import SUPERVISE, VIEW, can, is_supervisor, restrict
from netra.core.keyset import BadCursor as BadCursor  # for the views: a bad cursor shows page 1
from netra.core.keyset import Key, Page, paginate
from netra.law import catalogue
from netra.monitoring.highlight import Segment, cue_segments
from netra.monitoring.models import Capture, Cluster, Item, Source, WatchedAccount
from netra.registry.models import Agency, Pegawai

QUEUE_KEYS = [
    Key("priority", descending=True),
    Key("received_at", descending=True),
    Key("id", descending=True),
]
QUEUE_LIMIT_MAX = 200
OPEN = "terbuka"  # the default status filter: new and assigned items
ALL = "semua"
OPEN_STATES = (Item.Triage.NEW, Item.Triage.ASSIGNED)
CLUSTER_MEMBERS_SHOWN = 50


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, as the page, the API and the CLI give them."""

    status: str = OPEN  # OPEN, ALL or an Item.Triage value
    code: str = ""  # suggested violation code (e.g. "KE-3"), case-insensitive
    coordinated: bool | None = None  # only items of a coordinated cluster (True) / not (False)
    watched: bool | None = None  # only posts of watched accounts (True) / not (False)
    source: int | None = None  # a Source id
    kind: str = ""  # Item.Kind value
    assigned_to_me: bool = False


def queue_rows(rows: QuerySet[Item], filters: QueueFilters, *, office: Office | None = None, viewer=None):
    """``rows`` narrowed to processed items matching ``filters`` (the caller scoped ``rows``)."""
    rows = rows.filter(state=Item.State.DONE)
    if office is not None:
        rows = rows.filter(office=office)
    if filters.status == OPEN or not filters.status:
        rows = rows.filter(triage__in=OPEN_STATES)
    elif filters.status != ALL:
        rows = rows.filter(triage=filters.status)
    if filters.code:
        rows = rows.filter(violation_code__iexact=filters.code.strip())
    if filters.coordinated is not None:
        coordinated = Q(cluster__coordinated=True)
        rows = rows.filter(coordinated) if filters.coordinated else rows.exclude(coordinated)
    if filters.watched is not None:
        rows = rows.filter(watched_account__isnull=not filters.watched)
    if filters.source is not None:
        rows = rows.filter(source_id=filters.source)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.assigned_to_me and viewer is not None:
        rows = rows.filter(assigned_to=viewer)
    return rows.select_related("source", "cluster", "watched_account", "assigned_to")


def triage_queue(
    user,
    *,
    office: Office | None = None,
    limit: int = 50,
    cursor: str = "",
    filters: QueueFilters | None = None,
) -> Page:
    """One keyset page of the items the user may triage, highest priority first (index
    ``item_triage_queue`` when ``office`` is given); BadCursor for a cursor the queue did not make."""
    rows = queue_rows(
        restrict(Item.objects.all(), user, VIEW), filters or QueueFilters(), office=office, viewer=user
    )
    size = max(1, min(int(limit), QUEUE_LIMIT_MAX))
    return paginate(rows, QUEUE_KEYS, cursor=cursor, size=size)


def queue_counts(user) -> dict[str, int]:
    """The queue's figures for the page head: open items, flagged (a suggested code), coordinated."""
    rows = restrict(Item.objects.filter(state=Item.State.DONE, triage__in=OPEN_STATES), user, VIEW)
    return {
        "open": rows.count(),
        "flagged": rows.exclude(violation_code="").count(),
        "coordinated": rows.filter(cluster__coordinated=True).count(),
    }


def item_get_for(user, item_id: int, action: str = VIEW) -> Item:
    """The item, when the user may read it (or take ``action``); Http404 otherwise."""
    item = (
        restrict(Item.objects.filter(pk=item_id), user, action)
        .select_related(
            "source", "source__office", "cluster", "watched_account", "assigned_to", "case", "region"
        )
        .first()
    )
    if item is None:
        raise Http404
    return item


def cluster_items_for(user, cluster_id: int, action: str = VIEW) -> QuerySet[Item]:
    """The cluster's items the user may read (or act on), highest priority first."""
    return restrict(Item.objects.filter(cluster_id=cluster_id), user, action).order_by(
        "-priority", "-received_at", "-pk"
    )


@dataclass
class RosterCandidate:
    pegawai_id: int | None
    name: str
    nip: str
    agency: str
    score: float | None
    namesakes: int | None
    visible: bool  # the user may read this roster record (and so choose it)


@dataclass
class ClusterFacts:
    cluster: Cluster
    size: int
    account_count: int
    coordinated: bool
    accounts: list[str]
    agencies: list[str]
    members: list[Item]
    members_hidden: int  # members outside the user's territory, counted but not shown


@dataclass
class ItemDetail:
    item: Item
    code: Any  # netra.law.catalogue.ViolationType or None
    text_segments: list[Segment]
    title_segments: list[Segment]
    bio_segments: list[Segment]
    candidates: list[RosterCandidate]
    cluster: ClusterFacts | None
    captures: list[Any]
    may_triage: bool
    cues: list[dict] = field(default_factory=list)


def violation_type(code: str):
    """The catalogue entry of a suggested code, or None when the code is empty or unknown."""
    if not code:
        return None
    try:
        return catalogue.get(code)
    except catalogue.UnknownViolation:
        return None


def _candidates(user, item: Item) -> list[RosterCandidate]:
    matches = name_agencies([item])[0].matches
    ids = [m.get("pegawai_id") for m in matches if isinstance(m.get("pegawai_id"), int)]
    watched = item.watched_account.pegawai_id if item.watched_account else None
    visible = set(
        restrict(
            Pegawai.objects.filter(pk__in=[*ids, *([watched] if watched else [])]), user, VIEW
        ).values_list("pk", flat=True)
    )
    found = [
        RosterCandidate(
            pegawai_id=m.get("pegawai_id"),
            name=str(m.get("name") or ""),
            nip=str(m.get("nip") or ""),
            agency=str(m.get("agency") or ""),
            score=m.get("score"),
            namesakes=m.get("namesakes"),
            visible=m.get("pegawai_id") in visible,
        )
        for m in matches
    ]
    if watched and watched not in ids:
        pegawai = restrict(Pegawai.objects.filter(pk=watched), user, VIEW).select_related("agency").first()
        if pegawai is not None:
            found.insert(
                0,
                RosterCandidate(
                    pegawai.pk, pegawai.full_name, pegawai.nip or "", pegawai.agency.name, None, None, True
                ),
            )
    return found


def _agency_of(item: Item) -> str:
    if item.watched_account and item.watched_account.pegawai_id:
        pegawai = item.watched_account.pegawai
        return pegawai.agency.name if pegawai is not None else ""
    best = next(iter(getattr(item, "matches", None) or []), None)
    return str(best.get("agency") or "") if best else ""


def _cluster_facts(user, item: Item) -> ClusterFacts | None:
    cluster = item.cluster
    if cluster is None:
        return None
    visible = cluster_items_for(user, cluster.pk).select_related("watched_account__pegawai__agency", "source")
    members = list(visible[:CLUSTER_MEMBERS_SHOWN])
    total_visible = visible.count()
    handles = visible.exclude(author_handle="").values_list("author_handle", flat=True).distinct()
    accounts = sorted({f"@{h}" for h in handles[:200]})
    agencies = []
    if cluster.coordinated:
        agencies = sorted({a for a in (_agency_of(m) for m in name_agencies(visible[:500])) if a})
    return ClusterFacts(
        cluster=cluster,
        size=cluster.size,
        account_count=cluster.account_count,
        coordinated=cluster.coordinated,
        accounts=accounts,
        agencies=agencies,
        members=members,
        members_hidden=max(0, cluster.size - total_visible),
    )


def item_detail(user, item_id: int) -> ItemDetail:
    """Everything the item's page shows: cues marked in the text, the catalogue entry, roster
    candidates, the cluster and its members, captures; Http404 outside the user's territory."""
    item = item_get_for(user, item_id)
    cues = [c for c in item.cues or [] if isinstance(c, dict)]
    return ItemDetail(
        item=item,
        code=violation_type(item.violation_code),
        text_segments=cue_segments(item.text, cues, "text"),
        title_segments=cue_segments(item.title, cues, "title") if item.title else [],
        bio_segments=cue_segments(item.author_bio, cues, "bio") if item.author_bio else [],
        candidates=_candidates(user, item),
        cluster=_cluster_facts(user, item),
        captures=list(item.captures.all()[:10]),
        may_triage=may_triage(user, item),
        cues=cues,
    )


def may_triage(user, item: Item) -> bool:
    """Whether the page offers the triage actions (the services check again)."""
    from netra.monitoring.services.triage import TRIAGE_ROLES

    return (
        item.state == Item.State.DONE
        and is_supervisor(user)
        and isinstance(user, User)
        and user.has_role(*TRIAGE_ROLES)
        and can(user, item, SUPERVISE)
    )


def temuan_capture_pending(user, case) -> bool:
    """A snapshot queued for the temuan ``case`` (made from an item of the user's territory) is
    still to be added to its evidence."""
    pending = Capture.objects.filter(case=case, state__in=(Capture.State.PENDING, Capture.State.RUNNING))
    return restrict(Item.objects.filter(case=case), user, SUPERVISE).exists() and pending.exists()


def may_make_temuan(user) -> bool:
    from netra.accounts.models import Role

    return is_supervisor(user) and isinstance(user, User) and user.has_role(Role.PENGAWAS, Role.PIMPINAN)


def assignable_officers(user) -> QuerySet[User]:
    """Active officers of the user's own office (whom an item can be assigned to)."""
    return restrict(User.objects.filter(is_active=True), user, VIEW).order_by("username")


def source_choices(user) -> QuerySet[Source]:
    """The sources of the user's territory, for the queue's filter."""
    return restrict(Source.objects.all(), user, VIEW).order_by("name")


def watched_list_for(user, *, q: str = "") -> QuerySet[WatchedAccount]:
    """Watched accounts of the offices in the user's territory, optionally filtered by handle/name."""
    rows = restrict(WatchedAccount.objects.all(), user, VIEW).select_related(
        "pegawai", "pegawai__agency", "office"
    )
    if q.strip():
        word = q.strip().lstrip("@").lower()
        rows = rows.filter(Q(handle__contains=word) | Q(pegawai__name_normalized__contains=word))
    return rows


def watched_get_for(user, account_id: int, action: str = VIEW) -> WatchedAccount:
    account = restrict(WatchedAccount.objects.filter(pk=account_id), user, action).first()
    if account is None:
        raise Http404
    return account


def roster_search(user, q: str, *, limit: int = 10) -> list[Pegawai]:
    """Roster records the user may read whose name or NIP matches ``q`` (for linking an account)."""
    from netra.registry.selectors import pegawai_list_for

    text = q.strip()
    if len(text) < 2:
        return []
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 8 and len(digits) == len(text.replace(" ", "")):
        rows = pegawai_list_for(user, nip=text)
    else:
        rows = pegawai_list_for(user, q=text)
    return list(restrict(rows, user, VIEW)[: max(1, min(limit, 50))])


def pegawai_visible(user, pegawai_id: int) -> Pegawai | None:
    """The roster record, when the user may read it."""
    return restrict(Pegawai.objects.filter(pk=pegawai_id), user, VIEW).select_related("agency").first()


PUBLIC_READERS = ("office_for_code", "name_agencies")


def office_for_code(code: str) -> Office | None:
    """The supervisory office of a region code ("21.01": Bawaslu Kabupaten Bintan; "" or "RI": Bawaslu
    RI), for ``--office CODE`` and ``?office=``; None when there is none. Offices are public."""
    from netra.accounts.offices import office_for_region

    wanted = code.strip()
    return office_for_region("" if wanted.upper() in ("RI", "NASIONAL") else wanted)


def _matches(item: Item) -> list[dict[str, Any]]:
    return [m for m in item.author_matches or [] if isinstance(m, dict)]


def name_agencies(items) -> list:
    """Set ``item.matches`` on each item: its roster candidates with the agency as a name (the pipeline
    stores the agency's id); one query for all the items. Agency names are public reference data."""
    items = list(items)
    ids = {m.get("agency") for item in items for m in _matches(item)}
    ids = {pk for pk in ids if isinstance(pk, int) and not isinstance(pk, bool)}
    names = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}

    def agency(value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return names.get(value, "")
        return str(value or "")  # already a name (items made before the pipeline stored ids)

    for item in items:
        item.matches = [{**m, "agency": agency(m.get("agency"))} for m in _matches(item)]
    return items
