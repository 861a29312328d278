"""What a search knows besides the name: NIP (full or a prefix), agency, region block, position.

Region and agency are filters (blocking); a NIP prefix of 8+ digits (the birth date) adds its records as
candidates and demotes records that contradict it; a full NIP that exists is nearly decisive; a
matching position is a modest boost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from netra.law import regioncode
from netra.names.nip import NIP_LENGTH, InvalidNip, clean_nip

if TYPE_CHECKING:
    from netra.names.index import NameIndex

RowFilter = Callable[[np.ndarray], np.ndarray]  # rows -> a boolean mask of the rows to keep
# A record as apply_context sees it: NIP as an integer (0: none), agency id, region code, position words.
RowContext = tuple[int, int | None, str | None, frozenset[str]]

NIP_CANDIDATE_LIMIT = 50_000
NIP_DECISIVE_PREFIX = 8  # the birth date
FULL_NIP_BOOST, POSITION_BOOST, NIP_MISMATCH, POSITION_MISMATCH = 0.9, 0.25, 0.6, 0.8
POSITION_ALIASES = {
    "kades": "kepala desa",
    "kepdes": "kepala desa",
    "kadis": "kepala dinas",
    "kaban": "kepala badan",
    "kepsek": "kepala sekolah",
    "kapus": "kepala puskesmas",
    "sekcam": "sekretaris camat",
    "seklur": "sekretaris lurah",
    "sekdes": "sekretaris desa",
    "kabag": "kepala bagian",
    "kabid": "kepala bidang",
    "kasi": "kepala seksi",
    "wabup": "wakil bupati",
    "wawali": "wakil walikota",
}


@dataclass
class Context:
    nip: str | None
    agency_id: int | None
    region_code: str | None
    position_words: frozenset[str]
    nip_rows: np.ndarray | None
    row_filter_fn: RowFilter | None  # None only for a context made without an index

    @classmethod
    def of(
        cls,
        nip: str | None,
        agency_id: int | None,
        region_code: str | None,
        position: str | None,
        index: NameIndex | None,
    ) -> Context:
        digits = _nip_digits(nip)
        region_code = (region_code or "").strip() or None
        words = position_words(position)
        nip_rows = _nip_rows(digits, index) if index is not None else None
        row_filter = _row_filter(index, agency_id, region_code) if index is not None else None
        return cls(digits, agency_id, region_code, words, nip_rows, row_filter)

    def row_filter(self, rows: np.ndarray) -> np.ndarray:
        if self.row_filter_fn is None:
            raise ValueError("a Context made without an index has no row filter")
        return self.row_filter_fn(rows)

    def accepts(self, agency_id: int | None, region_code: str | None) -> bool:
        """For records outside the arrays (the overlay): the same filter in plain Python."""
        if self.agency_id is not None and agency_id != self.agency_id:
            return False
        if self.region_code is None:
            return True
        return region_code is not None and regioncode.within(region_code, self.region_code)


def position_words(position: str | None) -> frozenset[str]:
    text = (position or "").strip().lower()
    return frozenset(POSITION_ALIASES.get(text, text).split())


def apply_context(score: float, reasons: list[str], ctx: Context, row: RowContext) -> tuple[float, list[str]]:
    """Combine a name score with what the record shares with the search context."""
    nip_int, agency, region, record_position = row
    if ctx.nip:
        record_nip = f"{nip_int:018d}" if nip_int else ""
        if record_nip.startswith(ctx.nip):
            boost = FULL_NIP_BOOST if len(ctx.nip) == NIP_LENGTH else 0.2 + 0.5 * len(ctx.nip) / NIP_LENGTH
            score = 1 - (1 - score) * (1 - boost)
            full = len(ctx.nip) == NIP_LENGTH
            reasons.append("NIP cocok" if full else f"awalan NIP cocok ({len(ctx.nip)} digit)")
        elif len(ctx.nip) >= NIP_DECISIVE_PREFIX:
            score *= NIP_MISMATCH
            reasons.append("NIP tidak cocok")
    if ctx.position_words and ctx.position_words <= record_position:
        score = 1 - (1 - score) * (1 - POSITION_BOOST)
        reasons.append(f"jabatan cocok: {' '.join(sorted(ctx.position_words))}")
    elif ctx.position_words and record_position:
        score *= POSITION_MISMATCH  # "pak camat Joko" is less likely the lurah Joko
        reasons.append("jabatan berbeda")
    if ctx.region_code:
        reasons.append(f"wilayah {region} dalam {ctx.region_code}")
    if ctx.agency_id is not None:
        reasons.append(f"instansi sama ({agency})")
    return score, reasons


def context_estimate(stage1: np.ndarray, rows: np.ndarray, ctx: Context, index: NameIndex) -> np.ndarray:
    """The NIP and position parts of ``apply_context`` in bulk, so candidate selection sees them too."""
    if ctx.nip:
        scale = 10 ** (NIP_LENGTH - len(ctx.nip))
        nips = index.a["nips"][rows]
        hit = (nips >= int(ctx.nip) * scale) & (nips < (int(ctx.nip) + 1) * scale)
        boost = FULL_NIP_BOOST if len(ctx.nip) == NIP_LENGTH else 0.2 + 0.5 * len(ctx.nip) / NIP_LENGTH
        stage1 = np.where(hit, 1 - (1 - stage1) * (1 - boost), stage1)
        if len(ctx.nip) >= NIP_DECISIVE_PREFIX:
            stage1 = np.where(hit, stage1, stage1 * NIP_MISMATCH)
    if ctx.position_words:
        positions = index.a["position"][rows]
        table = np.array([ctx.position_words <= words for words in index.position_words] + [False])
        known = positions != -1
        hit = table[positions]
        stage1 = np.where(
            hit, 1 - (1 - stage1) * (1 - POSITION_BOOST), np.where(known, stage1 * POSITION_MISMATCH, stage1)
        )
    return stage1


def _nip_digits(nip: str | None) -> str | None:
    if nip is None or not nip.strip():
        return None
    digits = clean_nip(nip)
    if len(digits) > NIP_LENGTH:
        raise InvalidNip(f"NIP paling banyak {NIP_LENGTH} digit (ada {len(digits)})")
    return digits


def _nip_rows(digits: str | None, index: NameIndex) -> np.ndarray | None:
    """Rows whose NIP starts with the digits, when that is a usefully small set."""
    if not digits or len(digits) < NIP_DECISIVE_PREFIX:
        return None
    scale = 10 ** (NIP_LENGTH - len(digits))
    lo, hi = int(digits) * scale, (int(digits) + 1) * scale
    nip_sorted = index.a["nip_sorted"]
    start, end = np.searchsorted(nip_sorted, lo, "left"), np.searchsorted(nip_sorted, hi, "left")
    if end - start > NIP_CANDIDATE_LIMIT:
        return None
    return np.asarray(index.a["nip_order"][start:end], dtype=np.int64)


def _row_filter(index: NameIndex, agency_id: int | None, region_code: str | None) -> RowFilter:
    a = index.a
    region_ok = index.region_mask(region_code) if region_code else None

    def keep(rows: np.ndarray) -> np.ndarray:
        mask = a["alive"][rows]
        if agency_id is not None:
            mask &= a["agency"][rows] == agency_id
        if region_ok is not None:
            mask &= region_ok[a["region"][rows]]
        return np.asarray(mask)

    return keep
