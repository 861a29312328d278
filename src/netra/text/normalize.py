"""Normalisation of informal Indonesian social-media text.

Two views of the same text:

* ``tokenize(text)`` gives tokens with character spans into the original text, each with a
  lower-cased, de-elongated form (``lower``) and a slang-expanded form (``norm``), so cue matching
  can try both and still point at the exact characters a supervisor has to read;
* ``normalize(text)`` gives one normalised string (lower case, no punctuation, slang expanded with
  the indoNLP colloquial lexicon, elongations collapsed, ordinary emoji dropped, the gesture emoji
  kept, URLs, @mentions and #hashtags kept as tokens). It is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from indoNLP.preprocessing import SLANG_DATA

# Emoji that carry political meaning in Indonesian campaigns (one/two/three-finger salutes, thumbs up).
CUE_EMOJI = frozenset("☝✌👍👆🤟🤘🖐👌")

_MODIFIERS = "\ufe0f\ufe0e\U0001f3fb-\U0001f3ff"
TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]+)"
    r"|(?P<mention>@[^\W_][\w.]*)"
    r"|(?P<hashtag>#[^\W_]\w*)"
    r"|(?P<keycap>\d\ufe0f?\u20e3)"
    r"|(?P<word>[^\W_]+(?:['’\-][^\W_]+)*)"
    rf"|(?P<other>[^\w\s][{_MODIFIERS}\u20e3]*(?:\u200d[^\w\s][{_MODIFIERS}]*)*)"
)
_ELONGATION_RE = re.compile(r"([^\W\d_])\1{2,}")
_TRAILING_PUNCT = ".,;:!?)]}'\"’”"


class Token(NamedTuple):
    """One token of a text: ``start``/``end`` index the original string."""

    text: str
    kind: str  # word | number | url | mention | hashtag | emoji | punct
    start: int
    end: int
    lower: str
    norm: str


def _resolve_slang(table: dict[str, str]) -> dict[str, str]:
    """Follow chains (a->b, b->c) and drop cycles so that expansion is a fixed point."""
    resolved: dict[str, str] = {}
    for key, value in table.items():
        seen = {key}
        while value in table and table[value] != value and value not in seen:
            seen.add(value)
            value = table[value]
        if value in seen and value != key:
            continue
        if key != value:
            resolved[key] = value
    return resolved


SLANG = _resolve_slang({key.lower(): value.lower() for key, value in SLANG_DATA.items()})


def collapse_elongation(word: str) -> str:
    """``mantaaap`` -> ``mantap``: runs of three or more identical letters become one."""
    return _ELONGATION_RE.sub(r"\1", word)


_FORMS_CACHE: dict[str, tuple[str, str]] = {}
_new_tuple = tuple.__new__
_FORMS_CACHE_LIMIT = 200_000


def _word_forms(text: str) -> tuple[str, str]:
    """(lower-cased de-elongated form, slang-expanded form) of a word, memoised (words repeat a lot)."""
    forms = _FORMS_CACHE.get(text)
    if forms is None:
        if len(_FORMS_CACHE) >= _FORMS_CACHE_LIMIT:
            _FORMS_CACHE.clear()
        forms = _FORMS_CACHE[text] = _compute_word_forms(text)
    return forms


def _compute_word_forms(text: str) -> tuple[str, str]:
    lower = unicodedata.normalize("NFKC", text).lower()
    if lower in SLANG:
        return lower, SLANG[lower]
    lower = collapse_elongation(lower)
    return lower, SLANG.get(lower, lower)


def _is_punctuation(text: str) -> bool:
    base = text[0]
    return base not in CUE_EMOJI and unicodedata.category(base) != "So"


def _other_token(text: str, start: int, end: int) -> Token:
    base = text[0]
    if base in CUE_EMOJI:
        return Token(text, "emoji", start, end, base, base)
    if unicodedata.category(base) == "So":
        return Token(text, "emoji", start, end, base, "")
    return Token(text, "punct", start, end, text, "")


def _make_token(kind: str, text: str, start: int, end: int) -> Token:
    if kind == "keycap":
        return Token(text, "number", start, end, text[0], text[0])
    if kind == "word":
        if text.isdigit():
            return Token(text, "number", start, end, text, text)
        lower, norm = _word_forms(text)
        return Token(text, "word", start, end, lower, norm)
    if kind == "url":
        stripped = text.rstrip(_TRAILING_PUNCT)
        return Token(stripped, "url", start, start + len(stripped), stripped, stripped)
    if kind in ("mention", "hashtag"):
        lower = collapse_elongation(text.lower()) if kind == "hashtag" else text.lower()
        return Token(text, kind, start, end, lower, lower)
    return _other_token(text, start, end)


_CHUNK_RE = re.compile(r"\S+")
# Tokens of a whitespace-free chunk, at offset 0, per punctuation setting: words repeat across posts.
_CHUNK_CACHES: dict[bool, dict[str, tuple[Token, ...]]] = {True: {}, False: {}}
_CHUNK_CACHE_LIMIT = 200_000


def clear_caches() -> None:
    """Forget every remembered word form and chunk (benchmarks measure a cold start with it)."""
    _FORMS_CACHE.clear()
    for cache in _CHUNK_CACHES.values():
        cache.clear()


def tokenize(text: str, *, punctuation: bool = True, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with spans into it (URLs lose trailing sentence punctuation).

    Hyphenated words are split ("Prabowo-Gibran", "sat-set") except reduplications ("rekan-rekan",
    "kata-katanya"). ``punctuation=False`` leaves punctuation tokens out (what cue matching and
    clustering need); ``offset`` is added to every span.

    No token spans whitespace (no branch of ``TOKEN_RE`` matches it, and the pattern looks neither
    behind nor ahead), so the text is cut at whitespace and each chunk's tokens are remembered: the
    result is ``_tokenize_span``'s on the whole text (a test checks it on arbitrary text).
    """
    tokens: list[Token] = []
    append = tokens.append
    cache = _CHUNK_CACHES[punctuation]
    cached = cache.get
    for chunk_match in _CHUNK_RE.finditer(text):
        chunk = chunk_match.group()
        rows = cached(chunk)
        if rows is None:
            if len(cache) >= _CHUNK_CACHE_LIMIT:
                cache.clear()
            rows = cache[chunk] = tuple(_tokenize_span(chunk, punctuation=punctuation))
        base = chunk_match.start() + offset
        if base == 0:
            tokens += rows
            continue
        for row in rows:
            append(_new_tuple(Token, (row[0], row[1], row[2] + base, row[3] + base, row[4], row[5])))
    return tokens


def _tokenize_span(text: str, *, punctuation: bool = True, offset: int = 0) -> list[Token]:
    """``tokenize`` without the chunk cache: the regex pass itself."""
    tokens: list[Token] = []
    append = tokens.append
    cached_forms = _FORMS_CACHE.get
    for match in TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        token_text = match.group()
        start, end = match.span()
        if kind == "word" and not token_text.isdigit():
            if "-" in token_text and not _is_reduplication(token_text):
                tokens.extend(
                    _tokenize_span(
                        token_text.replace("-", " "), punctuation=punctuation, offset=start + offset
                    )
                )
                continue
            lower, norm = cached_forms(token_text) or _word_forms(token_text)
            # tuple.__new__ skips NamedTuple's Python-level __new__: this loop is the hot path.
            append(_new_tuple(Token, (token_text, "word", start + offset, end + offset, lower, norm)))
            continue
        if kind == "other" and not punctuation and _is_punctuation(token_text):
            continue
        append(_make_token(kind, token_text, start + offset, end + offset))
    return tokens


def _is_reduplication(word: str) -> bool:
    parts = word.lower().split("-")
    return len(parts) == 2 and len(parts[0]) > 1 and parts[1].startswith(parts[0])


def _normalize_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    parts = [token.norm for token in tokenize(text) if token.norm]
    return " ".join(" ".join(parts).split())


def normalize(text: str) -> str:
    """The normalised form of ``text`` (see the module docstring); ``normalize`` of it is itself."""
    current = _normalize_once(text)
    for _ in range(4):
        following = _normalize_once(current)
        if following == current:
            return current
        current = following
    return current
