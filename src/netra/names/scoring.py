"""Exact name-to-name scoring with reasons, used to rerank the index's candidates.

Each query token is paired with at most one record token (greedy on similarity): equal, sounds the same,
a typo away, or an initial standing for the other. Coverage on both sides, weighted by token rarity,
gives the score: a query that omits a middle name still scores high, a record with many unmatched
names scores lower than an exact one.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from netra.names.phonetic import phonetic_key

EXACT, SOUNDS_ALIKE, INITIAL_FOR_NAME, NAME_FOR_INITIAL = 1.0, 0.92, 0.85, 0.5
FUZZY_CUTOFF = 70.0
INITIAL_WEIGHT = 1.5
QUERY_SHARE = 0.7
REORDERED = 0.995  # within the diversity margin: "Azizah Aminah" also shows Aminah Azizah


@dataclass(frozen=True)
class QueryToken:
    text: str
    weight: float


@dataclass(frozen=True)
class NameScore:
    score: float
    reasons: tuple[str, ...]


def token_similarity(query: str, record: str) -> tuple[float, str]:
    """Similarity of two normalised tokens (0 when unrelated) and its reason."""
    if query == record:
        return EXACT, f"{query} = {record}"
    q_initial, r_initial = len(query) == 1, len(record) == 1
    if q_initial or r_initial:
        if query[0] != record[0]:
            return 0.0, ""
        if q_initial and r_initial:
            return EXACT, f"inisial {query}. = {record}."
        if q_initial:
            return INITIAL_FOR_NAME, f"inisial {query}. = {record}"
        return NAME_FOR_INITIAL, f"{query} = inisial {record}."
    if phonetic_key(query) == phonetic_key(record):
        return SOUNDS_ALIKE, f"{query} ≈ {record} (bunyi sama)"
    ratio = fuzz.ratio(query, record, score_cutoff=FUZZY_CUTOFF)
    if ratio:
        return 0.9 * ratio / 100, f"{query} ≈ {record} (mirip {ratio:.0f}%)"
    return 0.0, ""


def score_name(
    query: list[QueryToken],
    record: list[str],
    record_weights: list[float],
    cache: dict[tuple[str, str], tuple[float, str]] | None = None,
) -> NameScore:
    """Score a record's tokens against the query's (both already normalised).

    ``cache`` memoises token similarities across the candidates of one query, which share most tokens.
    """
    cache = {} if cache is None else cache
    pairs = []
    for qi, qt in enumerate(query):
        for ri, rt in enumerate(record):
            key = (qt.text, rt)
            if key not in cache:
                cache[key] = token_similarity(qt.text, rt)
            sim, why = cache[key]
            if sim:
                pairs.append((sim, qi, ri, why))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_q: dict[int, tuple[float, int]] = {}
    used_r: set[int] = set()
    reasons = []
    for sim, qi, ri, why in pairs:
        if qi in used_q or ri in used_r:
            continue
        used_q[qi] = (sim, ri)
        used_r.add(ri)
        reasons.append(why)
    return NameScore(_combine(query, record_weights, used_q), tuple(reasons))


def _order_penalty(used: dict[int, tuple[float, int]]) -> float:
    """Reordered names are allowed ("Santoso, Joko") and rank just behind the same order."""
    in_order = [ri for _, (_, ri) in sorted(used.items())]
    return 1.0 if in_order == sorted(in_order) else REORDERED


def _combine(
    query: list[QueryToken],
    record_weights: list[float],
    used: dict[int, tuple[float, int]],
) -> float:
    q_total = sum(t.weight for t in query) or 1.0
    q_cov = sum(query[qi].weight * sim for qi, (sim, _) in used.items()) / q_total
    r_cov = _record_coverage(query, record_weights, used)
    score = QUERY_SHARE * q_cov + (1 - QUERY_SHARE) * r_cov
    return min(1.0, score * _order_penalty(used))


def _record_coverage(
    query: list[QueryToken], record_weights: list[float], used: dict[int, tuple[float, int]]
) -> float:
    """The record's share that the query accounts for. A record name the query left out or wrote as an
    initial weighs as much as an average query name, whatever its rarity: "Asep Sutisna" is as likely
    Asep Engkos Sutisna as Asep Hendra Sutisna, and "S. Wahyuni" as likely Suci as Sri Wahyuni."""
    full = [t.weight for t in query if len(t.text) > 1]
    neutral = sum(full) / len(full) if full else sum(record_weights) / max(len(record_weights), 1)
    spelled = {ri: sim for qi, (sim, ri) in used.items() if len(query[qi].text) > 1}
    initials = {ri: sim for qi, (sim, ri) in used.items() if len(query[qi].text) == 1}
    weights = [w if ri in spelled else neutral for ri, w in enumerate(record_weights)]
    covered = sum(weights[ri] * sim for ri, sim in (spelled | initials).items())
    return covered / (sum(weights) or 1.0)
