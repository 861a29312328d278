"""Institutions named in neutrality news: Bawaslu at each level, KASN, BKN, BKD, BKPSDM, KPU, regional
governments (Pemkab, Pemkot, Pemprov) and OPD, each with its level and, when written, its region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netra.text.gazetteer import RegionMention, find_regions

# (kind, pattern, fixed level or None when the region decides)
_PATTERNS: list[tuple[str, str, str | None]] = [
    ("bawaslu", r"panwaslu\s+kecamatan|panwascam|pengawas\s+pemilu\s+kecamatan", "kecamatan"),
    ("bawaslu", r"panwaslu\s+(?:kelurahan|desa)(?:/(?:kelurahan|desa))?|pkd", "desa"),
    ("bawaslu", r"bawaslu\s+(?:ri|republik\s+indonesia|pusat)", "nasional"),
    ("bawaslu", r"bawaslu|badan\s+pengawas(?:an)?\s+pemilihan\s+umum", None),
    ("kasn", r"kasn|komisi\s+aparatur\s+sipil\s+negara|komisi\s+asn", "nasional"),
    ("bkn", r"(?:kantor\s+regional|kanreg)\s+(?:[ivx]+\s+)?bkn", "regional"),
    ("bkn", r"bkn|badan\s+kepegawaian\s+negara", "nasional"),
    ("bkpsdm", r"bkpsdmd?|bkppd?|badan\s+kepegawaian\s+dan\s+pengembangan\s+sumber\s+daya\s+manusia", None),
    ("bkd", r"bkd|badan\s+kepegawaian\s+daerah", None),
    ("kpu", r"kpu\s+ri", "nasional"),
    ("kpu", r"kpud?|komisi\s+pemilihan\s+umum", None),
    ("pemkab", r"pemkab|pemerintah\s+kabupaten", "kabupaten"),
    ("pemkot", r"pemkot|pemerintah\s+kota", "kota"),
    ("pemprov", r"pemprov|pemerintah\s+provinsi", "provinsi"),
    ("pemda", r"pemda|pemerintah\s+daerah", None),
    ("opd", r"opd|organisasi\s+perangkat\s+daerah|skpd", None),
    ("kemendagri", r"kemendagri|kementerian\s+dalam\s+negeri", "nasional"),
    ("kemenpanrb", r"kemenpan[\s-]?rb|kementerian\s+pendayagunaan\s+aparatur\s+negara", "nasional"),
    ("korpri", r"korpri", None),
    ("inspektorat", r"inspektorat", None),
]
# The lookahead lets the scan skip, cheaply, every word that cannot start an institution name.
_REGEX = re.compile(
    r"\b(?=[bkpois])(?:"
    + "|".join(f"(?P<i{n}>(?:{pattern})\\b)" for n, (_, pattern, _) in enumerate(_PATTERNS))
    + ")",
    re.IGNORECASE,
)
_ABBREVIATED = re.compile(r"[A-Za-z]+")
NATIONAL_KINDS = frozenset({"kasn", "bkn", "kemendagri", "kemenpanrb"})


@dataclass(frozen=True, slots=True)
class InstitutionMention:
    kind: str  # "bawaslu", "kasn", "bkn", "bkd", "bkpsdm", "kpu", "pemkab", "pemkot", "pemprov", ...
    level: str | None  # "nasional", "provinsi", "kabupaten", "kota", "kecamatan", "desa", "regional"
    region_code: str | None
    start: int
    end: int
    text: str


def find_institutions(text: str, regions: list[RegionMention] | None = None) -> list[InstitutionMention]:
    """Every institution named in ``text``; pass ``find_regions(text)`` if already computed."""
    regions = find_regions(text) if regions is None else regions
    found = []
    for match in _REGEX.finditer(text):
        n = int(next(name for name, value in match.groupdict().items() if value)[1:])
        kind, _, level = _PATTERNS[n]
        if _lower_case_acronym(match.group()):
            continue  # "kpu" or "opd" in lower case is not the acronym
        region = _region_after(text, match.end(), regions)
        end = region.end if region else match.end()
        if region and level is None:
            level = region.level
        found.append(InstitutionMention(kind, level, region.code if region else None, match.start(), end,
                                        text[match.start() : end]))  # fmt: skip
    return found


_WORDS_NOT_ACRONYMS = frozenset({"bawaslu", "pemkab", "pemkot", "pemprov", "pemda", "panwascam", "korpri"})


def _lower_case_acronym(word: str) -> bool:
    short = bool(_ABBREVIATED.fullmatch(word)) and len(word) <= 6
    return short and not word.isupper() and word.lower() not in _WORDS_NOT_ACRONYMS


def _region_after(text: str, position: int, regions: list[RegionMention]) -> RegionMention | None:
    """The region written right after an institution name: "Bawaslu Kabupaten Bintan", "KPU Kepri"."""
    for region in regions:
        if region.start < position <= region.name_start:
            return region  # the institution word is the region's marker: "Pemkab Bandung"
        if position <= region.start <= position + 3 and not text[position : region.start].strip(" "):
            return region
        if region.start > position + 3:
            break
    return None
