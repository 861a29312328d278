"""Turn what people write for a region ("3204", "92.01", "Kab. Bandung", "Kepri") into a Region.

Reads the public reference data only (regions and their aliases): the API and the agency lookup reach
``region_resolve`` through the selectors, the importers use ``RegionResolver``.
"""

import re
from dataclasses import dataclass

from netra.accounts.scoping import region_below, region_subtree_q
from netra.registry.models import Region, RegionAlias
from netra.registry.normalize import normalize_place, parse_region_code

MAX_CANDIDATES = 20
_KECAMATAN = re.compile(r"^(?:kecamatan|kec|distrik) ")
_DESA = re.compile(r"^(?:kelurahan|kel|desa) ")


class AmbiguousRegion(ValueError):
    """Several regions carry the name written ("Bandung": the kabupaten and the kota)."""

    def __init__(self, text: str, candidates: list[Region]):
        self.text = text
        self.candidates = candidates
        names = ", ".join(f"{r.code} {r.name}" for r in candidates)
        super().__init__(f"{text!r} cocok dengan beberapa wilayah: {names}")


def region_resolve(text: str, *, level: int | None = None, within: str | None = None) -> Region | None:
    """The one region meant by a code or a name, None when nothing matches.

    Raises AmbiguousRegion (with ``.candidates``) when the text fits several regions; ``level`` and
    ``within`` (a region code prefix) narrow the search first.
    """
    candidates = region_candidates(text, level=level, within=within)
    if len(candidates) > 1:
        raise AmbiguousRegion(text, candidates)
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class Resolution:
    """What a text means: the one region (None when none or several), and every candidate."""

    query: str
    region: Region | None
    candidates: list[Region]


def region_resolution(text: str) -> Resolution:
    """``region_resolve`` without raising: an ambiguous text gives its candidates and no region."""
    try:
        region = region_resolve(text)
    except AmbiguousRegion as exc:
        return Resolution(text, None, exc.candidates)
    return Resolution(text, region, [region] if region else [])


def region_candidates(text: str, *, level: int | None = None, within: str | None = None) -> list[Region]:
    """Every region the text may mean, provinces first (at most MAX_CANDIDATES)."""
    if not text or not text.strip():
        return []
    code = parse_region_code(text)
    if code is not None:
        return _by_code(code, level, within)
    normalized = normalize_place(text)
    if not normalized:
        return []
    queryset = _by_name(normalized)
    if level is not None:
        queryset = queryset.filter(level=level)
    if within:
        queryset = queryset.filter(region_subtree_q(within, "code")).exclude(code=within)
    return list(queryset.select_related("parent").order_by("level", "code")[:MAX_CANDIDATES])


def _by_code(code: str, level: int | None, within: str | None) -> list[Region]:
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None:  # a retired code (Papua Barat Daya remap)
        alias = RegionAlias.objects.filter(normalized=code, kind="old_code").select_related("region").first()
        region = alias.region if alias else None
    if region is None or (level is not None and region.level != level):
        return []
    if within and not region_below(region.code, within):
        return []
    return [region]


def _by_name(normalized: str):
    """Kecamatan and desa by their own name after a type word; everything else via aliases."""
    for pattern, wanted_level in ((_KECAMATAN, Region.Level.KECAMATAN), (_DESA, Region.Level.DESA)):
        if pattern.match(normalized):
            name = pattern.sub("", normalized, count=1)
            return Region.objects.filter(level=wanted_level, search_name=name)
    aliased = Region.objects.filter(aliases__normalized=normalized).distinct()
    if aliased.exists():
        return aliased
    return Region.objects.filter(level__gte=Region.Level.KECAMATAN, search_name=normalized)


class RegionResolver:
    """region_resolve for imports: codes checked against one in-memory snapshot, every answer cached.

    ``resolve`` returns the region code, or the exception that explains why there is none.
    """

    def __init__(self):
        self._answers: dict[str, str | Exception] = {}
        self._codes: set[str] | None = None
        self._old_codes: dict[str, str] = {}

    def resolve(self, text: str) -> str | Exception:
        if text not in self._answers:
            self._answers[text] = self._resolve(text)
        return self._answers[text]

    def _resolve(self, text: str) -> str | Exception:
        code = parse_region_code(text)
        if code is not None:
            if self._codes is None:
                self._codes = set(Region.objects.values_list("code", flat=True))
                self._old_codes = dict(
                    RegionAlias.objects.filter(kind="old_code").values_list("normalized", "region_id")
                )
            found = code if code in self._codes else self._old_codes.get(code)
            return found or ValueError("kode wilayah tidak dikenal")
        try:
            region = region_resolve(text)
        except AmbiguousRegion as exc:
            return exc
        return region.code if region else ValueError("nama wilayah tidak dikenal")
