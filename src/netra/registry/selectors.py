"""Readers for users. Regions and agencies are public reference data (``PUBLIC_READERS``); the roster
is for officers only, scoped by ``netra.accounts.scoping`` (a Bawaslu office: its territory; BKN:
everything; a PPK: its agency and all its units)."""

from django.db.models import Q, QuerySet

from netra.accounts.scoping import VIEW, region_subtree_q, restrict
from netra.names import InvalidNip, parse_nip
from netra.registry.models import Agency, Pegawai, Region, RegionAlias, RegionBoundary
from netra.registry.normalize import normalize_place, parse_region_code

# What a code or a name people write means: public reference data, read in registry/resolve.py.
from netra.registry.resolve import AmbiguousRegion as AmbiguousRegion
from netra.registry.resolve import region_candidates as region_candidates
from netra.registry.resolve import region_resolution as region_resolution
from netra.registry.resolve import region_resolve as region_resolve

SEARCH_LIMIT = 20
# Reference data everyone may read (the architecture lint lets only these skip ``user``/``restrict``).
PUBLIC_READERS = (
    "region_list",
    "region_get",
    "region_ancestors",
    "region_boundary",
    "region_search",
    "region_resolve",
    "region_resolution",
    "region_candidates",
    "agency_list",
    "agency_list_matching",
    "agency_get",
)


# Regions (public) ----------------------------------------------------------------------------


def region_list(*, parent: str | None = None) -> QuerySet[Region]:
    """Direct children of a region; the provinces without a parent."""
    if parent:
        return Region.objects.filter(parent_id=parent)
    return Region.objects.filter(parent__isnull=True)


def region_get(code: str) -> Region | None:
    return Region.objects.select_related("parent").filter(code=code).first()


def region_ancestors(region: Region) -> list[Region]:
    """From the province down to the region's parent, for breadcrumbs."""
    codes = [region.code[:i] for i in (2, 5, 8) if i < len(region.code)]
    return list(Region.objects.filter(code__in=codes).order_by("level"))


def region_boundary(code: str) -> RegionBoundary | None:
    return RegionBoundary.objects.filter(region_id=code).first()


def region_search(q: str, *, limit: int = SEARCH_LIMIT) -> list[Region]:
    """Regions for a picker: a code, or names and aliases starting with the text; larger regions first."""
    text = (q or "").strip()
    code = parse_region_code(text) if text else None
    if code:
        renamed = RegionAlias.objects.filter(normalized=code, kind="old_code").values("region_id")
        matches = Region.objects.filter(region_subtree_q(code, "code") | Q(code__in=renamed))
        return list(matches.select_related("parent").order_by("level", "code")[:limit])
    normalized = normalize_place(text)
    if len(normalized) < 2:
        return []
    aliased = RegionAlias.objects.filter(**_prefix_range("normalized", normalized)).values("region_id")
    found: dict[str, Region] = {
        r.code: r for r in Region.objects.filter(code__in=aliased).order_by("level", "search_name")[:limit]
    }
    by_name = Region.objects.filter(**_prefix_range("search_name", normalized))
    for level in Region.Level.values:  # larger regions first; one indexed query per level
        if len(found) >= limit:
            break
        found.update((r.code, r) for r in by_name.filter(level=level).order_by("search_name")[:limit])
    ranked = sorted(found.values(), key=lambda r: (r.level, r.search_name, r.code))[:limit]
    parents = {
        r.code: r for r in Region.objects.filter(code__in={r.parent_id for r in ranked if r.parent_id})
    }
    for region in ranked:
        region.parent = parents.get(region.parent_id) if region.parent_id else None
    return ranked


def _prefix_range(field: str, prefix: str) -> dict:
    """A name prefix as a range, which both engines answer from a plain index (LIKE cannot on SQLite)."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return {f"{field}__gte": prefix, f"{field}__lt": after}


# Agencies (public) ---------------------------------------------------------------------------


def agency_list(
    *, q: str = "", kind: str = "", region: str = "", parent: int | None = None, top_level: bool = False
) -> QuerySet[Agency]:
    agencies = Agency.objects.select_related("region", "parent")
    if q.strip():
        agencies = agencies.filter(Q(name__icontains=q.strip()) | Q(short_name__icontains=q.strip()))
    if kind:
        agencies = agencies.filter(kind=kind)
    if region:
        agencies = agencies.filter(region_subtree_q(region, "region__code"))
    if parent is not None:
        agencies = agencies.filter(parent_id=parent)
    elif top_level:
        agencies = agencies.filter(parent__isnull=True)
    return agencies.order_by("kind", "name")


def agency_list_matching(words: list[str]) -> QuerySet[Agency]:
    """Agencies holding the longest word in their name or short name and every other word there or in
    their parent's name ("pendidikan bintan"), all filtered in the database: with a unit per
    government, a common word ("pendidikan") alone matches hundreds of rows."""
    longest = max(words, key=len)
    agencies = agency_list(q=longest)
    for word in words:
        if word != longest:
            agencies = agencies.filter(
                Q(name__icontains=word) | Q(short_name__icontains=word) | Q(parent__name__icontains=word)
            )
    return agencies


def agency_get(agency_id: int) -> Agency | None:
    return Agency.objects.select_related("region", "parent").filter(pk=agency_id).first()


# Roster (officers only) -----------------------------------------------------------------------


def pegawai_list_for(
    user, *, q: str = "", nip: str = "", agency_id: int | None = None, region_code: str = ""
) -> QuerySet[Pegawai]:
    """Roster rows the user may see (none for the public), filtered; names match on normalised words."""
    rows = restrict(Pegawai.objects.all(), user, VIEW).select_related("agency", "unit", "region")
    if nip.strip():
        rows = rows.filter(nip=_clean_nip(nip))
    if agency_id is not None:
        rows = rows.filter(Q(agency_id=agency_id) | Q(unit_id=agency_id))
    if region_code.strip():
        rows = rows.filter(region_subtree_q(region_code.strip(), "region__code"))
    for word in _name_words(q):
        rows = rows.filter(name_normalized__contains=word)
    return rows


def pegawai_get_for(user, pegawai_id: int) -> Pegawai | None:
    return pegawai_list_for(user).filter(pk=pegawai_id).first()


def _clean_nip(text: str) -> str:
    try:
        return parse_nip(text).nip
    except InvalidNip:
        return "".join(ch for ch in text if ch.isdigit())


def _name_words(q: str) -> list[str]:
    from netra.names import normalize_name

    return list(normalize_name(q).tokens) if q.strip() else []
