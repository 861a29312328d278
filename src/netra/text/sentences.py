"""Sentence and line spans for Indonesian news text.

A sentence ends at ".", "!" or "?" followed by space and a capital, digit or quote, or at a line
break. Common abbreviations ("No.", "Kab.", "Drs.", "H.") and initials do not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations written with a full stop inside a sentence. Words that also end sentences ("kota",
# "dll.") are left out: there a full stop followed by a capital ends the sentence.
_ABBREVIATION_WORDS = (
    "no kab kec kel prov jl jln dr drs dra ir h hj st sh mh msi mm mpd spd kh ust prof moch moh muh bpk "
    "sdr tn ny tgl pol kompol akbp ajb pt tbk cv a b c d e f g i j k l m n o p q r s t u v w x y z"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z]+)\.?$", text[max(0, dot - 12) : dot + 1])
    return word is not None and text[dot] == "." and word.group(1).lower() in _ABBREVIATIONS


def split_sentences(text: str) -> list[Span]:
    """Non-empty sentence spans in order, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        if match.group(0).rstrip("\"'”’)") == "." and _is_abbreviation(text, match.start()):
            continue
        _append(spans, text, start, match.end())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def split_lines(text: str) -> list[Span]:
    """Non-empty line spans, trimmed."""
    spans: list[Span] = []
    start = 0
    for match in re.finditer(r"\n", text):
        _append(spans, text, start, match.start())
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append(Span(start + lead, start + lead + len(stripped)))
