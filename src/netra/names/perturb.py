"""Perturb a roster name the way reports and posts write it, keeping track of what was changed.

Used to make benchmark and test queries whose true record is known: titles added or dropped, old
spellings, typos, a dropped middle name, initials, reordering, Muhammad/Ahmad/Abdul variants, doubled
letters, and informal mentions ("pak camat ...").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

# In the order they are applied: word-level changes first, titles and forms of address last.
KINDS = (
    "nama tengah hilang",
    "ejaan lama",
    "salah ketik",
    "varian nama",
    "inisial",
    "urutan",
    "gelar",
    "sapaan",
)
_PREFIX = re.compile(r"^((dr|drs|dra|ir|prof|h|hj)\.\s+)+", re.IGNORECASE)
_OLD = (("u", "oe"), ("j", "dj"), ("c", "tj"), ("sy", "sj"), ("kh", "ch"), ("ny", "nj"))
_VARIANTS = {
    "muhammad": ("Moh.", "Moch.", "M.", "Muhamad", "Mohammad"),
    "ahmad": ("Achmad", "Akhmad"),
    "abdul": ("Abd.",),
    "siti": ("Sitti",),
}
_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(frozen=True)
class PerturbedQuery:
    text: str
    kinds: tuple[str, ...]


def bare_name(name: str) -> list[str]:
    """The name words without the titles the roster writes (before the first comma, prefixes dropped)."""
    return _PREFIX.sub("", name.split(",")[0].strip()).split()


def perturb(name: str, rng: random.Random, *, kinds: tuple[str, ...] | None = None) -> PerturbedQuery:
    """One or two perturbations (or exactly ``kinds``) of a roster name, titles dropped unless added."""
    words = [w.capitalize() if w.isupper() else w for w in bare_name(name)]
    chosen = kinds or tuple(rng.sample(KINDS, rng.choice((1, 1, 2))))
    applied: list[str] = []
    for kind in sorted(chosen, key=KINDS.index):
        changed = _APPLY[kind](words, rng)
        if changed is not None:
            words = changed
            applied.append(kind)
    return PerturbedQuery(" ".join(words), tuple(applied))


def _titles(words: list[str], rng: random.Random) -> list[str] | None:
    prefix = rng.choice(("Drs.", "H.", "Dr.", "Ir.", "Hj.", "Drs. H.", "Prof. Dr."))
    suffix = rng.choice(("S.Pd.", "M.Si.", "S.H., M.H.", "S.E.", "M.M.", "S.Sos", "SH"))
    return [prefix, *words[:-1], words[-1] + ",", suffix]


def _old_spelling(words: list[str], rng: random.Random) -> list[str] | None:
    options = [(i, new, old) for i, w in enumerate(words) for new, old in _OLD if new in w.lower()]
    if not options:
        return None
    i, new, old = rng.choice(options)
    lower = words[i].lower().replace(new, old, 1)
    return [*words[:i], lower.capitalize(), *words[i + 1 :]]


def _typo(words: list[str], rng: random.Random) -> list[str] | None:
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return None
    i = rng.choice(long)
    w, k = words[i], rng.randrange(1, len(words[i]) - 1)
    op = rng.choice(("sub", "del", "ins", "swap"))
    if op == "sub":
        w = w[:k] + rng.choice(_KEYBOARD) + w[k + 1 :]
    elif op == "del":
        w = w[:k] + w[k + 1 :]
    elif op == "ins":
        w = w[:k] + rng.choice(_KEYBOARD) + w[k:]
    else:
        w = w[: k - 1] + w[k] + w[k - 1] + w[k + 1 :]
    return [*words[:i], w, *words[i + 1 :]]


def _drop_middle(words: list[str], rng: random.Random) -> list[str] | None:
    if len(words) < 3:
        return None
    i = rng.randrange(1, len(words) - 1)
    return words[:i] + words[i + 1 :]


def _initial(words: list[str], rng: random.Random) -> list[str] | None:
    if len(words) < 2:
        return None
    i = rng.randrange(0, len(words) - 1)
    return [*words[:i], words[i][0].upper() + ".", *words[i + 1 :]]


def _reorder(words: list[str], rng: random.Random) -> list[str] | None:
    if len(words) < 2:
        return None
    if rng.random() < 0.3:
        return [words[-1] + ",", *words[:-1]]
    return [words[-1], *words[:-1]]


def _variant(words: list[str], rng: random.Random) -> list[str] | None:
    options = [i for i, w in enumerate(words) if w.lower() in _VARIANTS]
    if options:
        i = rng.choice(options)
        return [*words[:i], rng.choice(_VARIANTS[words[i].lower()]), *words[i + 1 :]]
    i = rng.randrange(len(words))
    w = words[i]
    k = rng.randrange(len(w))
    return [*words[:i], w[: k + 1] + w[k].lower() + w[k + 1 :], *words[i + 1 :]]  # doubled letter


def _address(words: list[str], rng: random.Random) -> list[str] | None:
    return [rng.choice(("pak", "bu", "Bapak", "Ibu", "sdr.")), *words]


# Each returns the changed words, or None when the name has nothing it could change.
_APPLY: dict[str, Callable[[list[str], random.Random], list[str] | None]] = {
    "gelar": _titles,
    "ejaan lama": _old_spelling,
    "salah ketik": _typo,
    "nama tengah hilang": _drop_middle,
    "inisial": _initial,
    "urutan": _reorder,
    "varian nama": _variant,
    "sapaan": _address,
}
