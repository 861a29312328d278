"""Loading the law's data files: one TOML file per legal instrument, each rule carrying its citation.

Files live in ``netra/law/data/`` (shipped as package data). Every file has an ``[instrument]`` table
and any of the rule arrays ``violation``, ``sanction``, ``criminal``, ``deadline``, ``referral``.
"""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

CONFIDENCE: dict[str, str] = {
    "V": "read in the statute or regulation text itself",
    "S": "two or more independent secondary sources agree",
    "1": "a single secondary source, not cross-checked",
    "M": "background knowledge or inference, not verified against a source",
}
# Strongest first: a rule is as strong as its primary (first) citation.
CONFIDENCE_ORDER = ("V", "S", "1", "M")
RULE_KINDS = ("violation", "sanction", "criminal", "deadline", "referral")


class LawError(ValueError):
    """Bad input to the law package, or an inconsistent data or override file."""


@dataclass(frozen=True)
class Citation:
    """Where a rule comes from: instrument, article, paragraph (ayat), letter (huruf), point (angka)."""

    instrument: str
    article: str | None = None
    paragraph: str | None = None
    letter: str | None = None
    point: str | None = None
    url: str | None = None
    confidence: str = "M"
    note: str | None = None

    @property
    def unverified(self) -> bool:
        return self.confidence == "M"

    def __str__(self) -> str:
        parts = [self.instrument]
        if self.article:
            parts.append(self.article)
        if self.paragraph:
            parts.append(f"ayat ({self.paragraph})")
        if self.letter:
            parts.append(f"huruf {self.letter}")
        if self.point:
            parts.append(f"angka {self.point}")
        return " ".join(parts) + f" [{self.confidence}]"

    def label(self) -> str:
        """``str(self)``, with the note when no article pins the source down (practice, statements)."""
        if self.article or not self.note:
            return str(self)
        return f"{self.instrument}: {self.note} [{self.confidence}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "article": self.article,
            "paragraph": self.paragraph,
            "letter": self.letter,
            "point": self.point,
            "url": self.url,
            "confidence": self.confidence,
            "unverified": self.unverified,
            "note": self.note,
            "text": str(self),
        }


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    short: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    rules: dict[str, list[dict[str, Any]]] = field(default_factory=dict, compare=False, repr=False)
    gazette: str | None = None  # where the official text was promulgated (Lembaran/Berita Negara)


def citation_from(raw: dict[str, Any], instrument: str) -> Citation:
    """A Citation from a data-file table; ``instrument`` is the default when the table names none."""
    raw = dict(raw)
    confidence = str(raw.pop("confidence", "M"))
    if confidence not in CONFIDENCE:
        raise LawError(f"unknown confidence mark {confidence!r} in a citation of {instrument}")
    unknown = set(raw) - {"instrument", "article", "paragraph", "letter", "point", "url", "note"}
    if unknown:
        raise LawError(f"unknown citation keys {sorted(unknown)} in {instrument}")
    raw.setdefault("instrument", instrument)
    return Citation(confidence=confidence, **raw)


def _instrument_from(name: str, data: dict[str, Any]) -> Instrument:
    try:
        meta = data["instrument"]
        return Instrument(
            id=meta["id"],
            title=meta["title"],
            short=meta["short"],
            kind=meta["kind"],
            valid_from=meta.get("valid_from"),
            valid_to=meta.get("valid_to"),
            rules={kind: data.get(kind, []) for kind in RULE_KINDS},
            gazette=meta.get("gazette"),
        )
    except KeyError as exc:
        raise LawError(f"{name}: missing key {exc}") from None


@cache
def instruments() -> tuple[Instrument, ...]:
    """Every instrument in the shipped data files, sorted by id."""
    found = []
    for entry in resources.files("netra.law").joinpath("data").iterdir():
        if entry.name.endswith(".toml") and not entry.name.startswith("_"):
            found.append(_instrument_from(entry.name, tomllib.loads(entry.read_text(encoding="utf-8"))))
    return tuple(sorted(found, key=lambda i: i.id))


def instrument(instrument_id: str) -> Instrument:
    for item in instruments():
        if item.id == instrument_id:
            return item
    known = ", ".join(i.id for i in instruments())
    raise LawError(f"unknown instrument {instrument_id!r} (known: {known})")


def rules(kind: str) -> list[tuple[Instrument, dict[str, Any]]]:
    """Every rule of one kind across all instruments, with the instrument it comes from."""
    return [(inst, rule) for inst in instruments() for rule in inst.rules[kind]]
