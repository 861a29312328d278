"""Sound-alike keys and typo neighbourhoods for normalised Indonesian name tokens.

``phonetic_key`` folds spellings that sound the same in Indonesian ("Rizky"/"Rizki",
"Taufik"/"Taupik", "Fatimah"/"Fatima", "Syaiful"/"Saiful"). ``deletion_keys`` gives the token and every
form with one letter removed: two tokens sharing one are within two edits (SymSpell), which lets the
index find typo'd tokens by hash lookup instead of scanning the vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from hashlib import blake2b

_PAIRS = (
    ("kh", "h"),
    ("sy", "s"),
    ("dz", "z"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ts", "s"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("v", "f"),
    ("f", "p"),
    ("y", "i"),
    ("ai", "e"),
    ("ae", "e"),
    ("au", "o"),
    ("oe", "u"),
)
_DOUBLED = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=300_000)
def phonetic_key(token: str) -> str:
    key = token
    for old, new in _PAIRS:
        key = key.replace(old, new)
    if len(key) > 3 and key.endswith("h"):
        key = key[:-1]
    if len(key) > 3 and key.endswith("t"):
        key = key[:-1] + "d"
    return _DOUBLED.sub(r"\1", key)


def deletion_keys(token: str) -> set[str]:
    """The token itself and each one-letter deletion (only for tokens of 4+ letters)."""
    keys = {token}
    if len(token) >= 4:
        keys.update(token[:i] + token[i + 1 :] for i in range(len(token)))
    return keys


def stable_hash(text: str) -> int:
    """A 63-bit hash that is the same in every process (Python's hash() is salted per process)."""
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "little") >> 1
