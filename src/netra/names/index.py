"""NameIndex: top-k roster records for a name as written, with scores and reasons.

Search runs in two stages. Candidates come from the postings of the query's rarest tokens (and their
sound-alike and typo'd forms), accumulated in numpy; the remaining tokens and initials are scored on
that candidate set only; region, agency and NIP narrow it (rows are ordered by region code, so a
region block is one row range and postings are cut to it by binary search). The best estimates, at
most RERANK and at least RERANK_MIN, down to RERANK_MARGIN below the top one, are then rescored
exactly, token by token, by ``scoring.score_name``, which also writes the reasons.

Memory: the arrays take about 100 bytes per record (4.3 million records: about 0.45 GB), plus 13 bytes
per record of scratch space for each thread that searches.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from netra.law import regioncode
from netra.names import storage
from netra.names.build import NO_CODE, IndexBuilder
from netra.names.context import Context, apply_context, context_estimate
from netra.names.normalize import NormalizedName, normalize_name
from netra.names.overlay import Overlay
from netra.names.records import Match, NameKey, RosterRecord
from netra.names.scoring import INITIAL_FOR_NAME, INITIAL_WEIGHT, QUERY_SHARE, QueryToken, score_name
from netra.names.vocabulary import Vocabulary

GENERATE_BUDGET = 100_000  # postings read before the other tokens only rescore candidates
RERANK, RERANK_MIN, RERANK_MARGIN = 100, 20, 0.25  # candidates rescored exactly
HAJI_AS_INITIAL_WEIGHT = 0.3  # a removed "H." still favours, slightly, a record with an H name
DIVERSITY_MARGIN = 0.01  # results this close count as tied, and a tie goes to a name not yet shown
_KEY_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0x27D4EB2F165667C5,
        0x85EBCA77C2B2AE63,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
    ],
    dtype=np.uint64,
)


class _Scratch(threading.local):
    acc_q: np.ndarray
    acc_r: np.ndarray
    stamp: np.ndarray
    mark: np.ndarray
    allocated: bool = False  # per thread: the arrays above exist once this thread has searched
    last_stamp: int = 0

    def next_stamp(self) -> int:
        """A fresh value for ``stamp`` (rows seen for the current query token); wraps without a reset
        only after two billion query tokens."""
        self.last_stamp = self.last_stamp % (2**31 - 2) + 1
        if self.last_stamp == 1:
            self.stamp[:] = 0
        return self.last_stamp


@dataclass
class _Query:
    normalized: NormalizedName
    tokens: list[QueryToken]
    lookups: list[tuple[np.ndarray, np.ndarray, float]]
    initials: list[tuple[str, float]]  # (letter, weight)

    @property
    def total_weight(self) -> float:
        return sum(t.weight for t in self.tokens) or 1.0


class NameIndex:
    def __init__(self, arrays: dict[str, np.ndarray], tokens: list[str], meta: dict[str, Any]):
        self.a = arrays
        self.vocab = Vocabulary(tokens, arrays)
        self.regions: list[str] = meta["regions"]
        self.positions: list[str] = meta["positions"]
        self.skipped: list[int] = list(meta.get("skipped", []))
        self.overlay = Overlay(self)
        self.position_words = [frozenset(p.split()) for p in self.positions]
        self._scratch = _Scratch()
        self._regions_under: dict[str, list[int]] | None = None
        self._agency_spans: dict[int, tuple[int, int]] | None = None
        self._all_keys: np.ndarray | None = None

    # -- construction and persistence -------------------------------------------------------------
    @classmethod
    def build(cls, records: Iterable[RosterRecord]) -> NameIndex:
        builder = IndexBuilder().add_all(records)
        return cls(builder.arrays(), builder.token_list(), builder.meta())

    def save(self, path: str | Path) -> None:
        storage.save(Path(path), self.a, self.vocab.tokens, self._meta(), self.overlay.records())

    @classmethod
    def load(cls, path: str | Path, *, mmap: bool = True) -> NameIndex:
        arrays, tokens, meta, extra = storage.load(Path(path), mmap=mmap)
        index = cls(arrays, tokens, meta)
        index.add(extra)
        return index

    def rebuild(self) -> NameIndex:
        """A fresh index holding the live records and the ones added since (folds the overlay in)."""
        return NameIndex.build(self.records())

    def _meta(self) -> dict[str, Any]:
        return {"regions": self.regions, "positions": self.positions, "skipped": self.skipped}

    # -- changes ----------------------------------------------------------------------------------
    def add(self, records: Iterable[RosterRecord]) -> None:
        """Add or replace records (same id) without a rebuild; see ``rebuild`` to fold them in."""
        for record in records:
            self.remove([record.id])
            self.overlay.add(record)

    def remove(self, ids: Iterable[int]) -> None:
        for record_id in ids:
            self.overlay.discard(record_id)
            i = self._position_of(record_id)
            if i is not None:
                self.a["alive"][i] = False

    def get(self, record_id: int) -> RosterRecord | None:
        """The live record with this id, its name in canonical form."""
        row = self._position_of(record_id)
        if row is not None:
            return self._record_at(row)
        return self.overlay.get(record_id)

    def __len__(self) -> int:
        return int(self.a["alive"].sum()) + len(self.overlay)

    def records(self) -> Iterable[RosterRecord]:
        """Live records in canonical form (normalising is idempotent, so a rebuild finds the same)."""
        for i in np.flatnonzero(self.a["alive"]):
            yield self._record_at(int(i))
        yield from self.overlay.records()

    # -- search -----------------------------------------------------------------------------------
    def search(
        self,
        name: str,
        *,
        nip: str | None = None,
        agency_id: int | None = None,
        region_code: str | None = None,
        position: str | None = None,
        limit: int = 5,
    ) -> list[Match]:
        query = self._query(name)
        ctx = Context.of(nip, agency_id, region_code, position or query.normalized.position, self)
        keys: dict[int, NameKey] = {}  # record id -> (name tokens, their total rarity weight)
        found = self._rescore(self._candidates(query, ctx, limit), query, ctx, keys)
        found += self.overlay.search(query, ctx, keys)
        found.sort(key=lambda m: (-m.score, keys[m.id][1], m.id))  # a tie goes to the commoner name
        return diversify(found, keys, limit)

    def _query(self, name: str) -> _Query:
        normalized = normalize_name(name)
        if not normalized.tokens:
            raise ValueError(f"tidak ada nama yang dapat dicocokkan dalam {name!r}")
        full = [t for t in normalized.tokens if len(t) > 1]
        lookups = [self.vocab.lookup(t) for t in full]
        tokens = [QueryToken(t, lk[2]) for t, lk in zip(full, lookups, strict=True)]
        initials = [(t, INITIAL_WEIGHT) for t in normalized.tokens if len(t) == 1]
        if full and _haji_removed(normalized):  # "H. Rangkuti" may be Haji Rangkuti or Hotmaida Rangkuti
            initials.append(("h", HAJI_AS_INITIAL_WEIGHT))
        tokens += [QueryToken(t, w) for t, w in initials]
        return _Query(normalized, tokens, lookups, initials)

    def _candidates(self, query: _Query, ctx: Context, per_name: int) -> np.ndarray:
        """Rows worth rescoring: postings of the rarest tokens, ranked by an estimate of the exact score."""
        a = self.a
        lo, hi = self._block_rows(ctx)
        narrow = hi - lo < len(a["ids"]) // 4
        generating, rest = self._split_by_volume(query, whole=not narrow)
        buf = self._buffers()
        acc_q, acc_r, mark, stamp = buf.acc_q, buf.acc_r, buf.mark, buf.stamp
        touched = 0
        for i in generating:
            ids, sims, weight = query.lookups[i]
            token_stamp = buf.next_stamp()
            for k in np.argsort(-sims, kind="stable").tolist():  # most similar first
                v, sim = int(ids[k]), float(sims[k])
                rows = a["post_rec"][a["post_ptr"][v] : a["post_ptr"][v + 1]]
                if narrow:
                    rows = rows[np.searchsorted(rows, lo) : np.searchsorted(rows, hi)]
                if len(ids) > 1:  # a record counts its best match to this query token once
                    rows = rows[stamp[rows] != token_stamp]
                    stamp[rows] = token_stamp
                acc_q[rows] += weight * sim  # query-side weight x similarity
                acc_r[rows] += a["tok_weight"][v] * sim  # record-side weight x similarity
                mark[rows] = True
                touched += len(rows)
        if ctx.nip_rows is not None:
            nip_rows = ctx.nip_rows[(ctx.nip_rows >= lo) & (ctx.nip_rows < hi)]
            mark[nip_rows] = True
            touched += len(nip_rows)
        cands = _marked(mark, lo, hi, touched)
        matched_q, matched_r = acc_q[cands], acc_r[cands]
        acc_q[cands], acc_r[cands], mark[cands] = 0, 0, False  # leave the scratch buffers clean
        keep = ctx.row_filter(cands)
        cands, matched_q, matched_r = cands[keep], matched_q[keep], matched_r[keep]
        rest_q, rest_r = self._rest_scores(cands, query, rest)
        init = self._initial_scores(cands, query)
        return self._best(cands, matched_q + rest_q + init, matched_r + rest_r + init, query, ctx, per_name)

    def _block_rows(self, ctx: Context) -> tuple[int, int]:
        """Rows that can match the block: the region's range, narrowed to the span of the agency's rows
        (a regional government's pegawai sit in its own region, so its span is short)."""
        lo, hi = self.region_rows(ctx.region_code) if ctx.region_code else (0, len(self.a["ids"]))
        if ctx.agency_id is not None:
            first, last = self.agency_rows(ctx.agency_id)
            lo, hi = max(lo, first), max(min(hi, last), max(lo, first))
        return lo, hi

    def namesakes(
        self,
        record_id: int,
        *,
        agency_id: int | None = None,
        region_code: str | None = None,
    ) -> int:
        """How many live records in the scope (the record itself included) have exactly its normalised
        name: the people a search by that name alone cannot tell apart. 0 for an unknown record."""
        row = self._position_of(record_id)
        tokens = self.overlay.tokens(record_id) if row is None else self._tokens_at(row)
        if tokens is None:
            return 0
        ctx = Context.of(None, agency_id, region_code, None, self)
        ids = [self.vocab.ids.get(t) for t in tokens]
        in_arrays = 0
        if None not in ids:
            if self._all_keys is None:
                self._all_keys = self._name_keys(np.arange(len(self.a["ids"])))
            key = self._all_keys[row] if row is not None else _mixed(np.array(ids), np.arange(len(ids))).sum()
            lo, hi = self._block_rows(ctx)
            same = np.flatnonzero(self._all_keys[lo:hi] == key) + lo
            same = same[[self._tokens_at(r) == tokens for r in same.tolist()]] if len(same) else same
            in_arrays = int(np.count_nonzero(ctx.row_filter(same)))
        return in_arrays + self.overlay.count_named(tokens, ctx)

    def _tokens_at(self, row: int) -> tuple[str, ...]:
        start, end = self.a["rec_ptr"][row], self.a["rec_ptr"][row + 1]
        return tuple(self.vocab.tokens[t] for t in self.a["rec_tok"][start:end].tolist())

    def agency_rows(self, agency_id: int) -> tuple[int, int]:
        """The span [first, last + 1) of the agency's rows (empty when it has none), computed once."""
        if self._agency_spans is None:
            agency = np.asarray(self.a["agency"])
            codes, first = np.unique(agency, return_index=True)
            _, last_rev = np.unique(agency[::-1], return_index=True)
            last = len(agency) - last_rev
            self._agency_spans = dict(
                zip(codes.tolist(), zip(first.tolist(), last.tolist(), strict=True), strict=True)
            )
        return self._agency_spans.get(agency_id, (0, 0))

    def region_rows(self, block: str) -> tuple[int, int]:
        """The row range of a region block: rows are ordered by region code, so it is contiguous."""
        inside = np.flatnonzero(self.region_mask(block)[:-1])
        if not len(inside):
            return 0, 0
        ranks = self.a["region_rank"][inside]
        row_rank = self.a["row_rank"]
        return (
            int(np.searchsorted(row_rank, ranks.min(), "left")),
            int(np.searchsorted(row_rank, ranks.max(), "right")),
        )

    def region_mask(self, block: str) -> np.ndarray:
        """Which region codes lie in the block ("32" holds "32.04" and "32.04.01"); the last entry stands
        for records without a region."""
        if self._regions_under is None:
            self._regions_under = {}
            for i, code in enumerate(self.regions):
                for holder in regioncode.lineage(code):
                    self._regions_under.setdefault(holder, []).append(i)
        mask = np.zeros(len(self.regions) + 1, dtype=bool)
        mask[self._regions_under.get(block.strip().rstrip("."), [])] = True
        return mask

    def _buffers(self) -> _Scratch:
        """Per-thread dense accumulators, allocated once: zeroing 4.3 million floats per query costs more
        than the search itself."""
        buf = self._scratch
        if not buf.allocated:
            n = len(self.a["ids"])
            buf.acc_q, buf.acc_r = np.zeros(n, np.float32), np.zeros(n, np.float32)
            buf.stamp = np.zeros(n, np.int32)
            buf.mark = np.zeros(n, bool)
            buf.allocated = True
        return buf

    def _split_by_volume(self, query: _Query, *, whole: bool) -> tuple[list[int], list[int]]:
        """Tokens whose postings generate candidates (rarest first, within a budget) and the rest.
        Inside a region block postings are short, so every token generates."""
        if not whole:
            return list(range(len(query.lookups))), []
        ptr = self.a["post_ptr"]
        volumes = [int(np.sum(ptr[ids + 1] - ptr[ids])) for ids, _, _ in query.lookups]
        generating: list[int] = []
        rest: list[int] = []
        total = 0
        for i in np.argsort(volumes, kind="stable").tolist():
            (rest if generating and total + volumes[i] > GENERATE_BUDGET else generating).append(i)
            total += volumes[i]
        return generating, rest

    def _rest_scores(
        self,
        cands: np.ndarray,
        query: _Query,
        rest: list[int],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Best similarity of each non-generating query token within each candidate's tokens."""
        out_q = np.zeros(len(cands), dtype=np.float32)
        out_r = np.zeros(len(cands), dtype=np.float32)
        if not rest or not len(cands):
            return out_q, out_r
        toks, seg, _ = self._row_tokens(cands)
        tok_weight = self.a["tok_weight"][toks]
        for i in rest:
            ids, sims, weight = query.lookups[i]
            table = np.zeros(len(self.vocab.tokens), dtype=np.float32)
            table[ids] = sims
            found = table[toks]
            out_q += weight * np.maximum.reduceat(found, seg)
            out_r += np.maximum.reduceat(found * tok_weight, seg)
        return out_q, out_r

    def _initial_scores(self, cands: np.ndarray, query: _Query) -> np.ndarray:
        out = np.zeros(len(cands), dtype=np.float32)
        letters = self.a["full_mask"][cands] | self.a["init_mask"][cands]
        for letter, weight in query.initials:
            out += weight * INITIAL_FOR_NAME * ((letters & np.uint32(1 << (ord(letter) - 97))) != 0)
        return out

    def _best(
        self,
        cands: np.ndarray,
        matched_q: np.ndarray,
        matched_r: np.ndarray,
        query: _Query,
        ctx: Context,
        per_name: int,
    ) -> np.ndarray:
        """The rows to rescore: the top of the estimate, down to RERANK_MARGIN below the best, with at
        most ``per_name`` rows of one name, so a thousand namesakes cannot crowd out the other names an
        ambiguous query ("S. Wahyuni") stands for."""
        if len(cands) == 0:
            return cands
        record_cov = np.minimum(matched_r / self.a["rec_weight"][cands], 1.0)
        stage1 = QUERY_SHARE * matched_q / query.total_weight + (1 - QUERY_SHARE) * record_cov
        stage1 = context_estimate(stage1, cands, ctx, self)
        if len(cands) > RERANK:  # only rows that can be rescored matter: cut before the costly cap
            near = np.flatnonzero(stage1 >= stage1.max() - RERANK_MARGIN)
            if len(near) < RERANK_MIN:
                near = np.argpartition(-stage1, RERANK_MIN)[:RERANK_MIN]
            cands, stage1 = cands[near], stage1[near]
        if len(cands) > RERANK:
            keep = _first_per_key(self._name_keys(cands), stage1, per_name)
            cands, stage1 = cands[keep], stage1[keep]
        if len(cands) > RERANK:
            top = np.argpartition(-stage1, RERANK)[:RERANK]
            cands, stage1 = cands[top], stage1[top]
        order = np.argsort(-stage1, kind="stable")
        cands, stage1 = cands[order], stage1[order]
        close = max(RERANK_MIN, int(np.sum(stage1 >= stage1[0] - RERANK_MARGIN)))
        return np.asarray(cands[:close])

    def _row_tokens(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The token ids of ``rows`` in one array, where each row starts in it, and each token's
        position within its row."""
        ptr = self.a["rec_ptr"]
        starts, lengths = ptr[rows], ptr[rows + 1] - ptr[rows]
        seg = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        positions = np.arange(int(lengths.sum())) - np.repeat(seg, lengths)
        return self.a["rec_tok"][np.repeat(starts, lengths) + positions], seg, positions

    def _name_keys(self, rows: np.ndarray) -> np.ndarray:
        """A hash of each row's token sequence: equal for namesakes (same canonical name)."""
        if not len(rows):
            return np.zeros(0, np.uint64)
        toks, seg, positions = self._row_tokens(rows)
        return np.asarray(np.add.reduceat(_mixed(toks, positions), seg))

    def _rescore(
        self,
        rows: np.ndarray,
        query: _Query,
        ctx: Context,
        keys: dict[int, NameKey],
    ) -> list[Match]:
        """Exact token-by-token scores and reasons for the candidate rows (numpy read in one batch)."""
        a = self.a
        starts, ends = a["rec_ptr"][rows].tolist(), a["rec_ptr"][rows + 1].tolist()
        cache: dict[tuple[str, str], tuple[float, str]] = {}
        normalisations = [f"normalisasi: {step}" for step in query.normalized.applied]
        found = []
        for k, row in enumerate(rows.tolist()):
            tok_ids = a["rec_tok"][starts[k] : ends[k]].tolist()
            tokens = [self.vocab.tokens[t] for t in tok_ids]
            weights = a["tok_weight"][tok_ids].tolist()
            named = score_name(query.tokens, tokens, weights, cache)
            score, reasons = apply_context(named.score, list(named.reasons), ctx, self._row_context(row))
            record_id = int(a["ids"][row])
            keys[record_id] = (tuple(tokens), round(sum(weights), 3))
            found.append(Match(record_id, round(score, 4), reasons + normalisations))
        return found

    # -- record access ----------------------------------------------------------------------------
    def _row_context(self, row: int) -> tuple[int, int | None, str | None, frozenset[str]]:
        a = self.a
        agency = int(a["agency"][row])
        region = int(a["region"][row])
        position = int(a["position"][row])
        return (
            int(a["nips"][row]),
            None if agency == NO_CODE else agency,
            None if region == NO_CODE else self.regions[region],
            frozenset() if position == NO_CODE else self.position_words[position],
        )

    def _record_at(self, row: int) -> RosterRecord:
        a = self.a
        name = " ".join(self._tokens_at(row))
        nip_int, agency, region, _ = self._row_context(row)
        position = int(a["position"][row])
        return RosterRecord(
            int(a["ids"][row]),
            name,
            f"{nip_int:018d}" if nip_int else None,
            agency,
            region,
            None if position == NO_CODE else self.positions[position],
        )

    def _position_of(self, record_id: int) -> int | None:
        ids_sorted, order = self.a["ids_sorted"], self.a["id_order"]
        k = int(np.searchsorted(ids_sorted, record_id))
        if k < len(order) and ids_sorted[k] == record_id and self.a["alive"][order[k]]:
            return int(order[k])
        return None


def _mixed(token_ids: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Each token id mixed with its position; a name's key is the (wrapping) sum over its tokens."""
    toks = np.asarray(token_ids, dtype=np.uint64) + np.uint64(1)
    return np.asarray(toks * _KEY_MULTIPLIERS[np.minimum(positions, len(_KEY_MULTIPLIERS) - 1)])


def _haji_removed(normalized: NormalizedName) -> bool:
    return any(title.strip(".").lower() == "h" for title in normalized.titles)


def diversify(found: list[Match], keys: dict[int, NameKey], limit: int) -> list[Match]:
    """The top ``limit`` of ``found`` (best first), where among results within DIVERSITY_MARGIN of the
    best remaining one a name not yet shown goes first: "S. Wahyuni" lists Sri, Siti and Suci Wahyuni
    before a second Sri Wahyuni. A clearly better result is never passed over. ``keys`` maps a record
    id to a value equal for namesakes."""
    out: list[Match] = []
    shown: set[NameKey | None] = set()
    rest = list(found)
    while rest and len(out) < limit:
        floor = rest[0].score - DIVERSITY_MARGIN
        pick = next((i for i, m in enumerate(rest) if m.score >= floor and keys.get(m.id) not in shown), 0)
        match = rest.pop(pick)
        shown.add(keys.get(match.id))
        out.append(match)
    return out


def _first_per_key(keys: np.ndarray, scores: np.ndarray, per_key: int) -> np.ndarray:
    """Indices of the ``per_key`` best-scoring entries of each key."""
    order = np.lexsort((-scores, keys))
    ordered = keys[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    return np.sort(order[np.arange(len(order)) - first < per_key])


def _marked(mark: np.ndarray, lo: int, hi: int, touched: int) -> np.ndarray:
    """Rows set in ``mark`` within [lo, hi), scanning only that range."""
    return np.flatnonzero(mark[lo:hi]) + lo if touched else np.zeros(0, dtype=np.int64)
