"""The learned layer of the news reader: small linear models over word and character n-grams.

Two models, trained by ``netra text train`` on the labelled corpus (``netra.text.news_train``) and shipped
as plain JSON weights in ``data/news_model.json`` (no pickle, no scikit-learn at run time):

* **event types**: one logistic regression per type over the article's word unigrams and bigrams and the
  character 4-grams of its words;
* **counts**: is this number a violation count? One logistic regression over the words around a count
  the rules found, the words of its sentence and what the rules said about it.

The rules still find every candidate and its evidence span; the models only decide. Features are sets
of strings and a model is a bias plus a weight per feature, scored on the L2-normalised binary vector,
so a prediction is a few thousand dictionary lookups (well under a millisecond).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

MODEL_RESOURCE = "data/news_model.json"
FEATURE_VERSION = 1
_WORD = re.compile(r"[a-z]+|\d+")
_CHAR_N = 4
_WINDOW = 6  # words either side of a count


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A binary logistic regression over sets of string features."""

    bias: float
    weights: Mapping[str, float]
    threshold: float = 0.5
    keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", frozenset(self.weights))  # set & frozenset runs in C

    def probability(self, features: Iterable[str]) -> float:
        present = features if isinstance(features, (set, frozenset)) else set(features)
        if not present:
            return _sigmoid(self.bias)
        weights = self.weights
        total = sum(map(weights.__getitem__, present & self.keys))
        return _sigmoid(self.bias + total / math.sqrt(len(present)))

    def strongest(self, features: Iterable[str], kinds: tuple[str, ...] = ("w:", "b:")) -> list[str]:
        """The present features of these kinds that push towards yes, strongest first (to point at
        evidence: a word or a word pair can be found in the text, a character 4-gram cannot)."""
        present = features if isinstance(features, (set, frozenset)) else set(features)
        weights = self.weights
        scored = [(weights[f], f) for f in present & self.keys if weights[f] > 0 and f.startswith(kinds)]
        return [f for _, f in sorted(scored, reverse=True)]

    def to_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "threshold": self.threshold, "weights": dict(self.weights)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        return cls(float(data["bias"]), dict(data["weights"]), float(data.get("threshold", 0.5)))


@dataclass(frozen=True, slots=True)
class NewsModel:
    events: Mapping[str, LinearModel]  # event type (and "lainnya") -> model
    counts: LinearModel
    rule_thresholds: Mapping[str, float]  # event type -> lower threshold when a rule fired too
    _row: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _matrix: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Every event model's weights as one feature x model matrix: one lookup per feature scores all.
        import numpy as np

        names = sorted(set().union(*(m.weights for m in self.events.values())))
        self._row.update((name, i) for i, name in enumerate(names))
        matrix = np.zeros((len(names), len(self.events)))
        for column, model in enumerate(self.events.values()):
            for feature, weight in model.weights.items():
                matrix[self._row[feature], column] = weight
        object.__setattr__(self, "_keys", frozenset(names))
        object.__setattr__(self, "_matrix", matrix)

    def event_probabilities(self, features: set[str]) -> dict[str, float]:
        scale = 1.0 / math.sqrt(len(features)) if features else 0.0
        row = self._row
        totals = self._matrix[list(map(row.__getitem__, features & self._keys))].sum(axis=0)
        return {
            name: _sigmoid(model.bias + float(total) * scale)
            for (name, model), total in zip(self.events.items(), totals, strict=True)
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "feature_version": FEATURE_VERSION,
            "events": {name: model.to_json() for name, model in self.events.items()},
            "counts": self.counts.to_json(),
            "rule_thresholds": dict(self.rule_thresholds),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NewsModel:
        if data.get("feature_version") != FEATURE_VERSION:
            version = data.get("feature_version")
            raise ValueError(f"news model has feature version {version}, this code needs {FEATURE_VERSION}")
        return cls(
            {name: LinearModel.from_json(m) for name, m in data["events"].items()},
            LinearModel.from_json(data["counts"]),
            {name: float(t) for name, t in data.get("rule_thresholds", {}).items()},
        )


@cache
def shipped_model() -> NewsModel | None:
    """The model in the package, or None when it has not been trained yet."""
    resource = resources.files("netra.text").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        return None
    return NewsModel.from_json(json.loads(resource.read_text("utf-8")))


def _sigmoid(x: float) -> float:
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


# --- features --------------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def article_features(text: str) -> set[str]:
    """Word unigrams and bigrams of the article, and character 4-grams of its distinct words."""
    tokens = words(text)
    features = {f"w:{t}" for t in tokens}
    features.update(f"b:{a}_{b}" for a, b in pairwise(tokens))
    for token in {t for t in tokens if len(t) > 2}:
        features.update(_char_grams(token))
    return features


@lru_cache(maxsize=1 << 16)
def _char_grams(token: str) -> tuple[str, ...]:
    padded = f" {token} "
    return tuple(f"c:{padded[i : i + _CHAR_N]}" for i in range(len(padded) - _CHAR_N + 1))


def count_features(
    sentence: str, start: int, end: int, subject: str, cases: bool, in_title: bool
) -> list[str]:
    """What surrounds a count (offsets relative to ``sentence``): the words either side, the sentence's
    words, the subject the rules gave it and whether it counts cases."""
    left = words(sentence[:start])[-_WINDOW:]
    right = words(sentence[end:])[:_WINDOW]
    features = [f"l:{w}" for w in left] + [f"r:{w}" for w in right]
    features += [f"l1:{left[-1]}" if left else "l1:^", f"r1:{right[0]}" if right else "r1:$"]
    features += [f"s:{w}" for w in words(sentence)]
    features += [f"subj:{subject}", f"cases:{cases}", f"title:{in_title}"]
    features += [f"year:{y}" for y in re.findall(r"\b(?:19|20)\d\d\b", sentence)]
    return features
