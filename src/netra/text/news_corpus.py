"""The labelled corpus of real Indonesian news: texts from ``../shared/corpus/news.jsonl`` (third-party, never
copied into the repository), labels and the blind split from ``benchmarks/news/`` (keyed by corpus ``id``).

Also the scoring of ``read_news`` output against labels (micro precision/recall/F1 per field), shared by
``benchmarks/text.py``, ``netra text train`` and the tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "news.jsonl"
LABELS_DIR = REPO / "benchmarks" / "news"
DEV_LABELS = LABELS_DIR / "labels_dev.jsonl"
BLIND_LABELS = LABELS_DIR / "labels_blind.jsonl"
BLIND_IDS = LABELS_DIR / "blind_ids.txt"
SET_FIELDS = ("event_types", "regions", "violations", "legal_refs")
FIELDS = (*SET_FIELDS, "date")


class CorpusMissing(FileNotFoundError):
    """The third-party corpus is not on this machine (a user's clone has no ../shared)."""


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    labels: Mapping[str, Any]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_texts(path: Path = DEFAULT_CORPUS) -> dict[str, str]:
    """Corpus id -> article text."""
    if not path.exists():
        raise CorpusMissing(f"{path} is absent: the news corpus is only in ../shared on development machines")
    return {record["id"]: record["text"] for record in read_jsonl(path)}


def blind_ids(path: Path = BLIND_IDS) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and ln[0] != "#"]


def load_articles(labels: Path = DEV_LABELS, corpus: Path = DEFAULT_CORPUS) -> list[Article]:
    """The labelled articles of one split, in label-file order."""
    texts = load_texts(corpus)
    return [Article(row["id"], texts[row["id"]], row) for row in read_jsonl(labels)]


# --- scoring -------------------------------------------------------------------------------------------


def items(field_name: str, facts: Mapping[str, Any]) -> set[Any]:
    """The comparable items of one field: region codes, (subject, count, region) triples, strings."""
    if field_name == "regions":
        return {r if isinstance(r, str) else r["code"] for r in facts["regions"]}
    if field_name == "violations":
        return {(v["subject"], v["count"], v["region_code"]) for v in facts["violations"]}
    if field_name == "date":
        return {facts["date"]} if facts.get("date") else set()
    return set(facts[field_name])


@dataclass(slots=True)
class Tally:
    """Micro counts per field: hits, predicted, gold."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0] for f in FIELDS})
    differing: list[str] = field(default_factory=list)

    def add(self, article_id: str, got: Mapping[str, Any], want: Mapping[str, Any]) -> None:
        differs = False
        for name in FIELDS:
            mine, gold = items(name, got), items(name, want)
            row = self.counts[name]
            row[0] += len(mine & gold)
            row[1] += len(mine)
            row[2] += len(gold)
            differs |= mine != gold
        if differs:
            self.differing.append(article_id)

    def scores(self) -> dict[str, dict[str, float]]:
        return {name: prf(*row) for name, row in self.counts.items()}


def prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 1.0
    recall = hits / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": float(gold)}


def score(predictions: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any]]]) -> Tally:
    """Tally (id, predicted facts, gold labels) triples."""
    tally = Tally()
    for article_id, got, want in predictions:
        tally.add(article_id, got, want)
    return tally
