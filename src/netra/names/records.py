"""The records the name index holds and the matches it returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RosterRecord:
    id: int
    name: str
    nip: str | None = None
    agency_id: int | None = None
    region_code: str | None = None
    position: str | None = None


# What is equal for namesakes: a record's name tokens and their total rarity weight.
NameKey = tuple[tuple[str, ...], float]


@dataclass(frozen=True)
class Match:
    id: int
    score: float
    reasons: list[str] = field(default_factory=list)
