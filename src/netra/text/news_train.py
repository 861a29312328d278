"""Training the learned layer of the news reader (``netra text train``) from the labelled corpus.

Reproducible: the folds and the solver are seeded and deterministic, features are sorted, and the
written JSON has sorted keys and rounded weights, so the same labels give the same file. Thresholds are
chosen on out-of-fold predictions (5 folds), never on predictions for the articles a model saw.
Needs scikit-learn (a dependency of Netra) at training time only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netra.text.news import read_by_rules
from netra.text.news_corpus import Article
from netra.text.news_events import EVENT_TYPES
from netra.text.news_model import LinearModel, NewsModel, article_features

SEED = 20261206
FOLDS = 5
MIN_DF = 2  # a feature seen in one article only is noise at this size
KEEP = 4000  # strongest weights kept per model: the shipped file stays small
C_EVENTS = 4.0
C_COUNTS = 2.0
_GRID = [round(0.05 * i, 2) for i in range(1, 20)]


@dataclass(frozen=True, slots=True)
class Example:
    features: Collection[str]
    label: bool
    rule: bool  # the rules alone said yes


def train(articles: Sequence[Article]) -> NewsModel:
    """The event and count models, with thresholds chosen on out-of-fold predictions."""
    readings = [read_by_rules(a.text) for a in articles]
    features = [article_features(a.text) for a in articles]
    events: dict[str, LinearModel] = {}
    with_rule: dict[str, float] = {}
    for event in (*EVENT_TYPES, "lainnya"):
        examples = [
            Example(f, event in a.labels["event_types"], _rule_says(r, event))
            for a, r, f in zip(articles, readings, features, strict=True)
        ]
        if sum(e.label for e in examples) < FOLDS:
            continue  # too thin to learn: the rules decide alone
        alone, together = _thresholds(examples, C_EVENTS)
        events[event] = _fit(examples, C_EVENTS, alone)
        with_rule[event] = together
    count_examples = [
        Example(reading.count_features(i), _is_gold_count(v.subject, v.count, article), rule=False)
        for article, reading in zip(articles, readings, strict=True)
        for i, (v, _, _) in enumerate(reading.counts)
    ]
    alone, _ = _thresholds(count_examples, C_COUNTS)
    return NewsModel(events, _fit(count_examples, C_COUNTS, alone), with_rule)


def write(model: NewsModel, path: Path) -> None:
    data = model.to_json()
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", "utf-8")


def _rule_says(reading: Any, event: str) -> bool:
    if event == "lainnya":
        return not reading.on_topic
    return reading.on_topic and event in reading.events


def _is_gold_count(subject: str, count: int, article: Article) -> bool:
    return any(v["subject"] == subject and v["count"] == count for v in article.labels["violations"])


def _thresholds(examples: Sequence[Example], c: float) -> tuple[float, float]:
    """(threshold alone, threshold when a rule fired) that maximise F1 on out-of-fold probabilities."""
    probabilities = _out_of_fold(examples, c)
    best = (-1.0, 0.5, 0.5)
    for alone in _GRID:
        for together in (g for g in _GRID if g <= alone):
            hits = predicted = 0
            for example, p in zip(examples, probabilities, strict=True):
                said = p >= alone or (example.rule and p >= together)
                predicted += said
                hits += said and example.label
            gold = sum(e.label for e in examples)
            f1 = 2 * hits / (predicted + gold) if predicted + gold else 0.0
            if f1 > best[0] + 1e-9:
                best = (f1, alone, together)
    return best[1], best[2]


def _out_of_fold(examples: Sequence[Example], c: float) -> list[float]:
    probabilities = [0.0] * len(examples)
    for fold in range(FOLDS):
        train_part = [e for i, e in enumerate(examples) if _fold(i) != fold]
        if len({e.label for e in train_part}) < 2:
            continue
        model = _fit(train_part, c, 0.5)
        for i, example in enumerate(examples):
            if _fold(i) == fold:
                probabilities[i] = model.probability(example.features)
    return probabilities


def _fold(index: int) -> int:
    return (index * 7919 + SEED) % FOLDS


def _fit(examples: Sequence[Example], c: float, threshold: float) -> LinearModel:
    import numpy as np
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression

    document_frequency: dict[str, int] = {}
    for example in examples:
        for feature in set(example.features):
            document_frequency[feature] = document_frequency.get(feature, 0) + 1
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in document_frequency.items() if n >= MIN_DF))}
    rows, cols, values = [], [], []
    for row, example in enumerate(examples):
        present = set(example.features)
        weight = 1.0 / math.sqrt(len(present)) if present else 0.0
        for feature in sorted(present):
            if feature in vocabulary:
                rows.append(row)
                cols.append(vocabulary[feature])
                values.append(weight)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(examples), len(vocabulary)))
    labels = np.array([int(e.label) for e in examples])
    if len(set(labels.tolist())) < 2:
        return LinearModel(-10.0 if not labels.any() else 10.0, {}, threshold)
    solver = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", random_state=SEED)
    solver.fit(matrix, labels)
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    coefficients = solver.coef_[0]
    strongest = sorted(range(len(names)), key=lambda i: (-abs(coefficients[i]), names[i]))[:KEEP]
    weights = {
        names[i]: round(float(coefficients[i]), 4) for i in sorted(strongest) if abs(coefficients[i]) >= 1e-4
    }
    return LinearModel(round(float(solver.intercept_[0]), 4), weights, threshold)
