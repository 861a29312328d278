"""Normalise Indonesian personal names as people write them in reports, posts and rosters.

"Drs. H. Moch. Djoko Santoso, M.Si." and "pak camat Joko Santoso" both become the tokens
``("muhamad", "joko", "santoso")``/``("joko", "santoso")``; the steps taken are listed (in Indonesian,
for officers) so a suggested match can be explained. The output is idempotent: normalising a canonical
form returns it unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from netra.names import tables

_MAX_PHRASE = 3
_MAX_PASSES = 4
_SPLIT = re.compile(r"[\s\-/_]+")
_NON_LETTERS = re.compile(r"[^a-z]+")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DOUBLED = re.compile(r"([a-z])\1+")
_OLD_MARKERS = ("oe", "dj", "tj", "sj")


@dataclass(frozen=True)
class NormalizedName:
    raw: str
    tokens: tuple[str, ...]
    applied: tuple[str, ...]
    titles: tuple[str, ...] = ()
    position: str | None = None

    @property
    def canonical(self) -> str:
        return " ".join(self.tokens)

    @property
    def initials(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if len(t) == 1)


def normalize_name(raw: str) -> NormalizedName:
    """Tokens, canonical form and the normalisations applied, for a name as written.

    Normalisation is repeated on its own output until nothing changes (rarely more than once: a
    conversion can reveal a title, as "Hadji" becomes "haji"), so the result is a fixed point.
    """
    if not isinstance(raw, str):
        raise TypeError(f"a name must be str, not {type(raw).__name__}")
    result = _normalize_once(raw)
    for _ in range(_MAX_PASSES):
        again = _normalize_once(result.canonical)
        if again.tokens == result.tokens:
            break
        result = NormalizedName(
            raw,
            again.tokens,
            result.applied + again.applied,
            result.titles + again.titles,
            result.position or again.position,
        )
    return result


def _normalize_once(raw: str) -> NormalizedName:
    notes: list[str] = []
    text = _PARENS.sub(" ", raw)
    if text != raw:
        notes.append("keterangan dalam kurung diabaikan")
    words, suffix_titles = _split_suffix_titles(text)
    words, prefix_found, position = _strip_prefix_words(words)
    words, trailing = _strip_trailing_titles(words)
    titles = tuple(prefix_found.get("gelar", []) + prefix_found.get("gelar keagamaan", []))
    titles += tuple(trailing + suffix_titles)
    _note_removed(notes, prefix_found, trailing + suffix_titles)
    tokens = _transform_words(words, notes)
    return NormalizedName(raw, tuple(tokens), tuple(notes), titles, position)


def canonical_name(raw: str) -> str:
    """The canonical form only: lower-case tokens joined by single spaces."""
    return normalize_name(raw).canonical


def _clean(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.lower())
    return _NON_LETTERS.sub("", folded.encode("ascii", "ignore").decode())


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text.replace(",", " ")) if _clean(w)]


def _compact(words: list[str]) -> str:
    return "".join(_clean(w) for w in words)


def _split_suffix_titles(text: str) -> tuple[list[str], list[str]]:
    """Text before the first comma is the name; later segments are titles unless they look like names."""
    head, *segments = text.split(",")
    words, titles = _words(head), []
    for segment in segments:
        seg_words = _words(segment)
        titled = _all_titles(seg_words, _SUFFIX_TITLES) or _looks_abbreviated(seg_words)
        if seg_words and titled and _looks_like_title(seg_words):  # "Hidayat, M." ends with an initial
            titles.extend(seg_words)
        else:
            words.extend(seg_words)  # "Santoso, Joko": surname first
    if not words and titles:  # a name that is only title-like words: keep it as written
        return titles, []
    return words, titles


def _all_titles(words: list[str], table: frozenset[str]) -> bool:
    i = 0
    while i < len(words):
        size = _title_at(words, i, table)
        if not size:
            return False
        i += size
    return True


def _looks_abbreviated(words: list[str]) -> bool:
    """An unlisted degree such as "S.Gz." or "M.Tr.Kes.": dotted, two or more short letter groups."""
    groups = [g for w in words for g in w.split(".") if g]
    return all("." in w for w in words) and len(groups) >= 2 and all(len(g) <= 4 for g in groups)


def _title_at(words: list[str], i: int, table: frozenset[str]) -> int:
    """How many words starting at i form one entry of the table (longest first), or 0.

    A phrase mixing lone letters with longer words is never one title: "Dr. S." is a title and an
    initial, not "Drs.", while "K. H." (Kiai Haji) and "S. Pd" are titles.
    """
    for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
        phrase = words[i : i + size]
        if _in_table(_compact(phrase), table) and not (size > 1 and _mixes_initials(phrase)):
            return size
    return 0


def _in_table(compact: str, table: frozenset[str]) -> bool:
    """Also in its modern spelling ("Hadji" is "haji"), so a canonical form never hides a title."""
    return compact in table or _transform_token(compact)[0] in table


def _mixes_initials(phrase: list[str]) -> bool:
    lengths = [len(_transform_token(_clean(w))[0]) for w in phrase]
    return lengths[-1] == 1 and any(n > 1 for n in lengths)


def _strip_prefix_words(words: list[str]) -> tuple[list[str], dict[str, list[str]], str | None]:
    found: dict[str, list[str]] = {}
    position = None
    i = 0
    while i < len(words) - 1:
        kind, size = _prefix_kind_at(words, i)
        if not size or i + size >= len(words):
            break
        found.setdefault(kind, []).extend(words[i : i + size])
        if kind == "jabatan":
            position = " ".join(_clean(w) for w in words[i : i + size])
            while i + size < len(words) - 1 and _clean(words[i + size]) in _UNIT_WORDS:
                found[kind].append(words[i + size])
                size += 1
        i += size
    return words[i:], found, position


def _prefix_kind_at(words: list[str], i: int) -> tuple[str, int]:
    for kind, table in _PREFIX_KINDS:
        size = _title_at(words, i, table)
        if size:
            return kind, size
    return "", 0


def _strip_trailing_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Titles written after the name without a comma ("Joko Santoso SH MM")."""
    end = len(words)
    while end > 1:
        for size in range(min(_MAX_PHRASE, end - 1), 0, -1):
            phrase = words[end - size : end]
            if _in_table(_compact(phrase), _SUFFIX_TITLES) and _looks_like_title(phrase):
                end -= size
                break
        else:
            break
    return words[:end], words[end:]


def _looks_like_title(words: list[str]) -> bool:
    """A lone letter at the end is an initial ("Joko S."), never a title."""
    return len(_compact(words)) >= 2


def _note_removed(notes: list[str], prefix_found: dict[str, list[str]], suffix: list[str]) -> None:
    for kind in ("gelar", "gelar keagamaan", "sapaan", "jabatan"):
        if prefix_found.get(kind):
            notes.append(f"{kind} dihapus: {' '.join(prefix_found[kind])}")
    if suffix:
        notes.append(f"gelar dihapus: {' '.join(suffix)}")


def _transform_words(words: list[str], notes: list[str]) -> list[str]:
    tokens = []
    for word in words:
        token, steps = _transform_token(_clean(word))
        if token:
            tokens.append(token)
        if steps:
            notes.append(f"{', '.join(steps)}: {word} → {token}")
    return tokens


@lru_cache(maxsize=300_000)
def _transform_token(token: str) -> tuple[str, tuple[str, ...]]:
    """Old spelling, doubled letters, known variants; repeated to a fixed point (idempotence)."""
    steps: list[str] = []
    for _ in range(4):
        before = token
        token = _step(token, lambda t: _DOUBLED.sub(r"\1", t), "huruf ganda", steps)
        token = _step(token, _modern_spelling, "ejaan lama", steps)
        token = _step(token, lambda t: tables.VARIANTS.get(t, t), "varian nama", steps)
        if token == before:
            break
    return token, tuple(dict.fromkeys(steps))


def _step(token: str, fn: Callable[[str], str], label: str, steps: list[str]) -> str:
    result = fn(token)
    if result != token:
        steps.append(label)
    return result


def _modern_spelling(token: str) -> str:
    """EYD conversion. In a word showing old spelling, a lone j was a y ("Tjahjono" -> "cahyono")."""
    old = any(m in token for m in _OLD_MARKERS) or token.startswith("nj")
    if old:
        token = token.replace("dj", "\0").replace("tj", "\1")
        token = token.replace("j", "y").replace("\0", "j").replace("\1", "c")
        token = token.replace("oe", "u").replace("sj", "sy")
        if token.startswith("nj"):
            token = "ny" + token[2:]
    return token.replace("ch", "kh")


# Tables as compared (defined last: they go through _transform_token).
def _compact_set(entries: frozenset[str]) -> frozenset[str]:
    """Entries as compared: without spaces and dots, and also in modern spelling ("subbagian" is
    "subagian"), so that a canonical form meets the same entries as the text it came from. Spelling only:
    through the name variants the degree "S.T." would become the name "siti"."""
    compact = {e.replace(" ", "").replace(".", "") for e in entries}
    respelled = {_modern_spelling(_DOUBLED.sub(r"\1", c)) for c in compact}
    return frozenset(compact | {r for r in respelled if len(r) > 1})  # "Nn."/"MM" never become "N."/"M."


_PREFIX_KINDS = (
    ("gelar", _compact_set(tables.ACADEMIC_PREFIX)),
    ("gelar keagamaan", _compact_set(tables.RELIGIOUS)),
    ("sapaan", _compact_set(tables.ADDRESS)),
    ("jabatan", _compact_set(tables.POSITIONS)),
)
_SUFFIX_TITLES = _compact_set(tables.ACADEMIC_SUFFIX) | _compact_set(tables.ACADEMIC_PREFIX)
_UNIT_WORDS = _compact_set(tables.UNIT_WORDS)
WEAK_NAME_PARTS = _compact_set(tables.WEAK_NAME_PARTS)
