"""Indonesian numbers in text: digits ("1.010", "1,5 juta") and words ("dua belas", "seratus dua puluh").

Indonesian writes "." between thousands and "," before decimals. Number words are parsed with their
grammar checked (places descend inside a group of three, scales descend), so "dua dua" reads as two
numbers and "dua puluh seratus" as 20 followed by 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}  # fmt: skip
_PLACES = {"puluh": 10, "belas": 10, "ratus": 100}
_SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_SCALE_ABBREVIATIONS = {"rb": 10**3, "jt": 10**6, "m": 10**9, "t": 10**12}
NUMBER_WORDS = frozenset(
    {"nol", "seribu", "sejuta", "seorang"} | set(_UNITS) | set(_PLACES) | set(_SE_WORDS) | set(_SCALES)
)

_WORD = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(
    r"(?:(?<=Rp)|(?<![\w.,/]))(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w/]|[.,]\d)"
    r"(?:\s*(ribu|juta|miliar|milyar|triliun|rb|jt)\b\.?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: int | float
    start: int
    end: int
    text: str


class _WordNumber:
    """Accumulates number words left to right; ``feed`` refuses a word that breaks the grammar."""

    def __init__(self) -> None:
        self.total = 0
        self.group = 0
        self.pending = 0  # a unit word waiting for "puluh", "belas", "ratus" or the end of the group
        self.last_scale = 0
        self.words = 0

    def value(self) -> int:
        return self.total + self.group + self.pending

    def feed(self, word: str) -> bool:
        ok = self._feed(word)
        self.words += ok
        return ok

    def _feed(self, word: str) -> bool:
        if word in _UNITS:
            return self._unit(_UNITS[word])
        if word in _SE_WORDS:
            return not self.pending and self._place_fits(_SE_WORDS[word]) and self._add(_SE_WORDS[word])
        if word in _PLACES:
            return self._place(word)
        if word in ("seribu", "sejuta"):
            return not (self.pending or self.group) and self._scale(1000 if word == "seribu" else 10**6, 1)
        if word in _SCALES:
            amount = self.group + self.pending
            return amount > 0 and self._scale(_SCALES[word], amount)
        if word == "nol":
            return self.words == 0 and self._add(0)
        return False

    def _unit(self, unit: int) -> bool:
        if self.pending or self.group % 10 or 10 < self.group % 100 < 20 or self.group % 100 == 10:
            return False
        self.pending = unit
        return True

    def _place_fits(self, amount: int) -> bool:
        if amount >= 100:
            return self.group == 0
        return self.group % 100 == 0

    def _place(self, word: str) -> bool:
        if not self.pending:
            return False
        amount = 10 + self.pending if word == "belas" else self.pending * _PLACES[word]
        if not self._place_fits(100 if word == "ratus" else 10):
            return False
        self.pending = 0
        return self._add(amount)

    def _add(self, amount: int) -> bool:
        self.group += amount
        return True

    def _scale(self, scale: int, amount: int) -> bool:
        if self.last_scale and scale >= self.last_scale:
            return False
        self.total += amount * scale
        self.group = self.pending = 0
        self.last_scale = scale
        return True


def parse_number_words(words: str) -> int | None:
    """The value of a whole phrase of Indonesian number words, or None if it is not one number."""
    tokens = words.lower().split()
    if not tokens:
        return None
    acc = _WordNumber()
    if not all(acc.feed(token) for token in tokens):
        return None
    return acc.value()


def parse_number(text: str) -> int | float | None:
    """The value of ``text`` written in digits ("1.010", "2,5", "1,5 juta") or in words; else None."""
    mentions = find_numbers(text.strip())
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(text.strip()):
        return mentions[0].value
    return None


def _digit_value(match: re.Match[str]) -> int | float:
    whole, fraction, scale = match.group(1), match.group(2), match.group(3)
    value: int | float = int(whole.replace(".", ""))
    if fraction:
        value = float(f"{value}.{fraction}")
    if scale:
        key = scale.lower()
        value = value * (_SCALES.get(key) or _SCALE_ABBREVIATIONS[key])
        value = round(value) if float(value).is_integer() else value
    return value


def _word_numbers(text: str) -> list[NumberMention]:
    found: list[NumberMention] = []
    words = [m for m in _WORD.finditer(text) if m.group().lower() in NUMBER_WORDS]
    i = 0
    while i < len(words):
        first = words[i]
        if first.group().lower() == "seorang":
            found.append(NumberMention(1, first.start(), first.end(), first.group()))
            i += 1
            continue
        acc, j = _WordNumber(), i
        while j < len(words) and (j == i or text[words[j - 1].end() : words[j].start()].isspace()):
            if not acc.feed(words[j].group().lower()):
                break
            j += 1
        if j == i:  # a place or scale word on its own ("ratus", "juta") is not a number
            i += 1
            continue
        start, end = first.start(), words[j - 1].end()
        found.append(NumberMention(acc.value(), start, end, text[start:end]))
        i = j
    return found


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in order. "2 (dua)" is one mention covering both forms."""
    digits = [NumberMention(_digit_value(m), m.start(), m.end(), m.group()) for m in _DIGITS.finditer(text)]
    mentions = sorted(digits + _word_numbers(text), key=lambda m: m.start)
    return _merge_glossed(text, mentions)


_GLOSS_GAP = re.compile(r"\s*\(\s*$")


def _merge_glossed(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Join "2 (dua)": a number followed by the same number in words inside brackets."""
    merged: list[NumberMention] = []
    for mention in mentions:
        prev = merged[-1] if merged else None
        gap = text[prev.end : mention.start] if prev else ""
        close = text[mention.end : mention.end + 3]
        if prev and prev.value == mention.value and _GLOSS_GAP.fullmatch(gap) and ")" in close:
            end = text.index(")", mention.end) + 1
            merged[-1] = NumberMention(prev.value, prev.start, end, text[prev.start : end])
            continue
        merged.append(mention)
    return merged


def number_to_words(value: int) -> str:
    """Indonesian words for a non-negative integer below 10**15 ("seratus dua puluh")."""
    if value < 0 or value >= 10**15:
        raise ValueError(f"number_to_words supports 0 <= value < 10**15, got {value}")
    if value == 0:
        return "nol"
    parts: list[str] = []
    for scale_word, scale in (("triliun", 10**12), ("miliar", 10**9), ("juta", 10**6), ("ribu", 10**3)):
        group, value = divmod(value, scale)
        if group:
            parts.append("seribu" if scale == 1000 and group == 1 else f"{_group_words(group)} {scale_word}")
    if value:
        parts.append(_group_words(value))
    return " ".join(parts)


_UNIT_NAMES = {v: k for k, v in _UNITS.items()}


def _group_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append("seratus" if hundreds == 1 else f"{_UNIT_NAMES[hundreds]} ratus")
    if rest == 10 or rest == 11:
        parts.append("sepuluh" if rest == 10 else "sebelas")
    elif 11 < rest < 20:
        parts.append(f"{_UNIT_NAMES[rest - 10]} belas")
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append("sepuluh" if tens == 1 else f"{_UNIT_NAMES[tens]} puluh")
        if ones:
            parts.append(_UNIT_NAMES[ones])
    return " ".join(parts)
