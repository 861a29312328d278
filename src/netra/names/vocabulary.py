"""The token vocabulary of a roster: rarity weights and fast lookup of sound-alike and typo'd tokens.

Lookups never scan the vocabulary: phonetic keys and one-letter deletions are stored as sorted 63-bit
hashes with the token ids they lead to, so a query token costs a few binary searches; rapidfuzz then
verifies the handful of candidates.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from netra.names.normalize import WEAK_NAME_PARTS
from netra.names.phonetic import deletion_keys, phonetic_key, stable_hash
from netra.names.scoring import EXACT, FUZZY_CUTOFF, INITIAL_WEIGHT, SOUNDS_ALIKE

WEAK_FACTOR = 0.3
SCAN_CUTOFF, SCAN_LIMIT = 75.0, 12


class Vocabulary:
    def __init__(self, tokens: list[str], arrays: dict[str, np.ndarray]):
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.weight = arrays["tok_weight"]
        self._phon_hash, self._phon_tok = arrays["phon_hash"], arrays["phon_tok"]
        self._del_hash, self._del_tok = arrays["del_hash"], arrays["del_tok"]
        self.max_weight = float(self.weight.max()) if len(self.weight) else 1.0

    @staticmethod
    def build_arrays(tokens: list[str], df: np.ndarray, n_records: int) -> dict[str, np.ndarray]:
        weight = np.log1p(n_records / np.maximum(df, 1)).astype(np.float32)
        for i, tok in enumerate(tokens):
            if len(tok) == 1:
                weight[i] = INITIAL_WEIGHT
            elif tok in WEAK_NAME_PARTS:
                weight[i] *= WEAK_FACTOR
        phon = [(stable_hash(phonetic_key(t)), i) for i, t in enumerate(tokens) if len(t) > 1]
        dels = [(stable_hash(k), i) for i, t in enumerate(tokens) if len(t) > 1 for k in deletion_keys(t)]
        arrays = {"tok_weight": weight}
        arrays["phon_hash"], arrays["phon_tok"] = _sorted_pairs(phon)
        arrays["del_hash"], arrays["del_tok"] = _sorted_pairs(dels)
        return arrays

    def token_weight(self, token: str) -> float:
        i = self.ids.get(token)
        if i is not None:
            return float(self.weight[i])
        return INITIAL_WEIGHT if len(token) == 1 else self.max_weight

    def lookup(self, token: str) -> tuple[np.ndarray, np.ndarray, float]:
        """Vocabulary ids similar to a full query token, their similarities, and the token's weight."""
        found: dict[int, float] = {}
        exact = self.ids.get(token)
        if exact is not None:
            found[exact] = EXACT
        for i in self._ids_for(self._phon_hash, self._phon_tok, [phonetic_key(token)]):
            found.setdefault(i, SOUNDS_ALIKE)
        for i in self._ids_for(self._del_hash, self._del_tok, deletion_keys(token)):
            if i not in found:
                ratio = fuzz.ratio(token, self.tokens[i], score_cutoff=FUZZY_CUTOFF)
                if ratio:
                    found[i] = 0.9 * ratio / 100
        if exact is None and len(token) > 2 and max(found.values(), default=0) < SOUNDS_ALIKE:
            self._scan(token, found)
        ids = np.fromiter(found, dtype=np.int64, count=len(found))
        sims = np.fromiter(found.values(), dtype=np.float32, count=len(found))
        return ids, sims, self._query_weight(token, exact, found)

    def _scan(self, token: str, found: dict[int, float]) -> None:
        """Two-edit typos the deletion keys miss: one rapidfuzz pass over the (small) vocabulary."""
        hits = process.extract(
            token, self.tokens, scorer=fuzz.ratio, score_cutoff=SCAN_CUTOFF, limit=SCAN_LIMIT
        )
        for _, ratio, i in hits:
            if len(self.tokens[i]) > 1:
                found.setdefault(i, 0.9 * ratio / 100)

    def _query_weight(self, token: str, exact: int | None, found: dict[int, float]) -> float:
        if exact is not None:
            return float(self.weight[exact])
        if found:  # an unseen spelling weighs what its closest known form weighs
            best = max(found, key=found.__getitem__)
            return float(self.weight[best])
        return self.max_weight * (WEAK_FACTOR if token in WEAK_NAME_PARTS else 1.0)

    @staticmethod
    def _ids_for(hashes: np.ndarray, owners: np.ndarray, keys: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            h = stable_hash(key)
            lo = int(np.searchsorted(hashes, h, "left"))
            hi = int(np.searchsorted(hashes, h, "right"))
            found.update(owners[lo:hi].tolist())
        return found


def _sorted_pairs(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    hashes = np.fromiter((h for h, _ in pairs), dtype=np.int64, count=len(pairs))
    owners = np.fromiter((i for _, i in pairs), dtype=np.int32, count=len(pairs))
    order = np.argsort(hashes, kind="stable")
    return hashes[order], owners[order]
