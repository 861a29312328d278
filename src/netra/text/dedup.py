"""Near-duplicate clusters of posts (copy-pasted campaign messages): MinHash signatures and LSH banding.

Each post becomes a set of word 3-shingles over its normalised tokens (URLs and mentions dropped, so
the same message forwarded with another link or tag still matches). Signatures are datasketch
MinHash signatures (its affine32 scheme, its permutations, ``zlib.crc32`` as the input hash), computed
for the whole batch in one vectorised pass: a test checks they equal ``MinHash.update_batch``. Posts
sharing a band (datasketch's ``MinHashLSH`` band/row split for the threshold) become candidates; a
candidate pair whose estimated Jaccard similarity reaches the threshold is joined into one cluster.
Posts without a near duplicate get no cluster.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from netra.text.normalize import Token

NUM_PERM = 64
SEED = 1
SHINGLE = 3
MIN_WORDS = 4
THRESHOLD = 0.6
_SKIPPED_KINDS = frozenset({"url", "mention", "punct"})


def shingles(tokens: Sequence[Token], size: int = SHINGLE) -> set[bytes]:
    words = [token.norm.encode() for token in tokens if token.norm and token.kind not in _SKIPPED_KINDS]
    if len(words) < size:
        return {b" ".join(words)} if words else set()
    return {b" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


@lru_cache(maxsize=4)
def _bands(threshold: float) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, which datasketch's affine32 scheme applies to input hashes."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return np.asarray(values ^ (values >> np.uint32(16)))


def signatures(shingle_sets: Sequence[set[bytes]], chunk: int = 256) -> np.ndarray:
    """One MinHash signature row (uint32, ``NUM_PERM`` wide) per non-empty shingle set.

    Computed ``chunk`` sets at a time so the (shingles x permutations) matrix stays in cache.
    """
    parts = [_signatures(shingle_sets[start : start + chunk]) for start in range(0, len(shingle_sets), chunk)]
    return np.concatenate(parts) if parts else np.empty((0, NUM_PERM), dtype=np.uint32)


def _signatures(shingle_sets: Sequence[set[bytes]]) -> np.ndarray:
    sizes = np.fromiter((len(items) for items in shingle_sets), dtype=np.int64, count=len(shingle_sets))
    if (sizes == 0).any():
        raise ValueError("every shingle set must be non-empty")
    hashes = np.fromiter((zlib.crc32(item) for items in shingle_sets for item in items), dtype=np.uint32)
    a, b = _permutations()
    with np.errstate(over="ignore"):
        permuted = _fmix32(hashes)[:, None] * a + b
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    return np.minimum.reduceat(permuted, starts, axis=0)


def cluster_ids(token_lists: Sequence[Sequence[Token]], threshold: float = THRESHOLD) -> list[str | None]:
    """One cluster id ("dup-1", "dup-2"...) or None per input, in input order."""
    sets = [shingles(tokens) for tokens in token_lists]
    eligible = [index for index, tokens in enumerate(token_lists) if _long_enough(tokens, sets[index])]
    if len(eligible) < 2:
        return [None] * len(token_lists)
    matrix = signatures([sets[index] for index in eligible])
    parent = list(range(len(eligible)))
    for first, others in _candidate_groups(matrix, threshold):
        similar = (matrix[others] == matrix[first]).mean(axis=1) >= threshold
        for other in others[similar]:
            _union(parent, first, int(other))
    return _labels(parent, eligible, len(token_lists))


def eligible_shingles(tokens: Sequence[Token]) -> set[bytes] | None:
    """The post's shingle set, or None when it is too short to cluster (``cluster_ids``' rule)."""
    shingle_set = shingles(tokens)
    return shingle_set if _long_enough(tokens, shingle_set) else None


def band_buckets(matrix: np.ndarray, threshold: float = THRESHOLD) -> np.ndarray:
    """The LSH bucket of every signature row in every band, as signed 64-bit integers (rows x bands):
    what a database stores to find, in a later batch, the cluster a new post joins."""
    bands, rows = _bands(threshold)
    out = np.empty((matrix.shape[0], bands), dtype=np.int64)
    for band in range(bands):
        out[:, band] = _band_keys(matrix[:, band * rows : (band + 1) * rows]).view(np.int64)
    return out


def similarity(left: np.ndarray, right: np.ndarray) -> float:
    """The Jaccard similarity two MinHash signatures estimate."""
    return float((left == right).mean())


def _candidate_groups(matrix: np.ndarray, threshold: float) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, other rows) for every LSH bucket holding more than one signature."""
    bands, rows = _bands(threshold)
    for band in range(bands):
        keys = _band_keys(matrix[:, band * rows : (band + 1) * rows])
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        order = np.argsort(inverse.ravel(), kind="stable")
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        for bucket in np.flatnonzero(counts > 1):
            members = order[starts[bucket] : starts[bucket] + counts[bucket]]
            yield int(members[0]), members[1:]


def _band_keys(band: np.ndarray) -> np.ndarray:
    """A 64-bit key per row of a band (FNV-style mixing); colliding keys are caught by the Jaccard check."""
    keys = np.full(band.shape[0], 0xCBF29CE484222325, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in band.T:
            keys = (keys ^ column.astype(np.uint64)) * np.uint64(0x100000001B3)
    return keys


def _long_enough(tokens: Sequence[Token], shingle_set: set[bytes]) -> bool:
    return len(shingle_set) > 0 and sum(1 for token in tokens if token.kind == "word") >= MIN_WORDS


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _union(parent: list[int], left: int, right: int) -> None:
    root_left, root_right = _find(parent, left), _find(parent, right)
    if root_left != root_right:
        parent[max(root_left, root_right)] = min(root_left, root_right)


def _labels(parent: list[int], eligible: Sequence[int], total: int) -> list[str | None]:
    roots = [_find(parent, row) for row in range(len(eligible))]
    sizes = np.bincount(roots, minlength=len(eligible))
    names: dict[int, str] = {}
    labels: list[str | None] = [None] * total
    for row, root in enumerate(roots):
        if sizes[root] > 1:
            labels[eligible[row]] = names.setdefault(root, f"dup-{len(names) + 1}")
    return labels
