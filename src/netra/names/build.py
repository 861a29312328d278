"""Build the index arrays from roster records in one streaming pass.

Everything per record is a fixed-width integer in compact ``array`` buffers, so 4.3 million records
cost a few hundred megabytes: token ids (CSR), agency, region and position codes, NIP as int64, and
bit masks of first letters for cheap initial matching.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

import numpy as np

from netra.names.nip import NIP_LENGTH
from netra.names.normalize import normalize_name
from netra.names.records import RosterRecord
from netra.names.vocabulary import Vocabulary

NO_CODE = -1


class IndexBuilder:
    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.regions: dict[str, int] = {}
        self.positions: dict[str, int] = {}
        self.rec_tok = array("i")
        self.rec_ptr = array("q", [0])
        self.ids = array("q")
        self.nips = array("q")
        self.agency = array("i")
        self.region = array("i")
        self.position = array("i")
        self.skipped: list[int] = []

    def add_all(self, records: Iterable[RosterRecord]) -> IndexBuilder:
        for record in records:
            self.add(record)
        return self

    def add(self, record: RosterRecord) -> None:
        tokens = normalize_name(record.name).tokens
        if not tokens:
            self.skipped.append(record.id)  # no name left to match on; reported by NameIndex.skipped
            return
        vocab = self.vocab
        self.rec_tok.extend(vocab.setdefault(t, len(vocab)) for t in tokens)
        self.rec_ptr.append(len(self.rec_tok))
        self.ids.append(record.id)
        self.nips.append(nip_as_int(record.nip))
        self.agency.append(NO_CODE if record.agency_id is None else record.agency_id)
        self.region.append(_code(self.regions, record.region_code))
        self.position.append(_code(self.positions, (record.position or "").strip().lower() or None))

    def arrays(self) -> dict[str, np.ndarray]:
        """Rows ordered by region code, so a region block (province, kab/kota...) is one row range."""
        records = self._record_arrays()
        region_rank, order = self._region_order(records["region"])
        rec_tok, rec_ptr = _permute_csr(
            np.frombuffer(self.rec_tok, dtype=np.int32), np.frombuffer(self.rec_ptr, dtype=np.int64), order
        )
        records = {name: values[order] for name, values in records.items()}
        n = len(order)
        tokens = self.token_list()
        df = np.bincount(rec_tok, minlength=len(tokens))
        out = {"rec_tok": rec_tok, "rec_ptr": rec_ptr, **Vocabulary.build_arrays(tokens, df, n)}
        owner = np.repeat(np.arange(n, dtype=np.int32), np.diff(rec_ptr))
        out["post_rec"] = owner[np.argsort(rec_tok, kind="stable")]
        out["post_ptr"] = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        out.update(_lookup_arrays(records))
        out["region_rank"] = region_rank
        out["row_rank"] = region_rank[records["region"]]
        out.update(_letter_masks(tokens, rec_tok, rec_ptr))
        starts = rec_ptr[:-1]
        out["rec_weight"] = np.add.reduceat(out["tok_weight"][rec_tok], starts) if n else np.zeros(0)
        return out

    def _record_arrays(self) -> dict[str, np.ndarray]:
        return {
            "ids": np.frombuffer(self.ids, dtype=np.int64),
            "nips": np.frombuffer(self.nips, dtype=np.int64),
            "agency": np.frombuffer(self.agency, dtype=np.int32),
            "region": np.frombuffer(self.region, dtype=np.int32),
            "position": np.frombuffer(self.position, dtype=np.int32),
        }

    def _region_order(self, region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rank of each region code in sorted order (the last entry, for "no region", sorts last)."""
        codes = list(self.regions)
        rank = np.zeros(len(codes) + 1, dtype=np.int32)
        rank[np.argsort(np.array(codes, dtype=object), kind="stable")] = np.arange(len(codes), dtype=np.int32)
        rank[-1] = len(codes)
        return rank, np.argsort(rank[region], kind="stable")

    def token_list(self) -> list[str]:
        return list(self.vocab)

    def meta(self) -> dict[str, Any]:
        return {"regions": list(self.regions), "positions": list(self.positions), "skipped": self.skipped}


def _permute_csr(tok: np.ndarray, ptr: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.diff(ptr)[order]
    new_ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    starts = ptr[:-1][order]
    flat = np.repeat(starts - new_ptr[:-1], lengths) + np.arange(int(lengths.sum()))
    return tok[flat].astype(np.int32), new_ptr


def _lookup_arrays(records: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    ids, nips = records["ids"], records["nips"]
    nip_order = np.argsort(nips, kind="stable").astype(np.int32)
    id_order = np.argsort(ids, kind="stable").astype(np.int32)
    return {
        **records,
        "id_order": id_order,
        "ids_sorted": ids[id_order],
        "nip_order": nip_order,
        "nip_sorted": nips[nip_order],
        "alive": np.ones(len(ids), dtype=bool),
    }


def nip_as_int(nip: str | None) -> int:
    """The NIP as an integer for range search by prefix; 0 when absent or not 18 digits."""
    digits = "".join(ch for ch in (nip or "") if ch.isdigit())
    return int(digits) if len(digits) == NIP_LENGTH else 0


def _code(table: dict[str, int], value: str | None) -> int:
    if not value:
        return NO_CODE
    return table.setdefault(value, len(table))


def _letter_masks(tokens: list[str], rec_tok: np.ndarray, rec_ptr: np.ndarray) -> dict[str, np.ndarray]:
    """Per record, bit k set when a full token (or an initial) starts with letter k."""
    letter_bit = np.array([1 << (ord(t[0]) - 97) if "a" <= t[0] <= "z" else 0 for t in tokens], np.uint32)
    is_initial = np.array([len(t) == 1 for t in tokens], dtype=bool)
    full_bits = np.where(is_initial, 0, letter_bit).astype(np.uint32)
    init_bits = np.where(is_initial, letter_bit, 0).astype(np.uint32)
    if len(rec_ptr) == 1:
        return {"full_mask": np.zeros(0, np.uint32), "init_mask": np.zeros(0, np.uint32)}
    starts = rec_ptr[:-1]
    return {
        "full_mask": np.bitwise_or.reduceat(full_bits[rec_tok], starts),
        "init_mask": np.bitwise_or.reduceat(init_bits[rec_tok], starts),
    }
