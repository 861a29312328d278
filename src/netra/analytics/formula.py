"""The Indeks Kerawanan Netralitas ASN as pure arithmetic: inputs -> scaled parts -> score -> class.

Versioned: ``FORMULA`` names the scaling rules below; the weights (set by the national office) add
their own version, so a published score says exactly how it was computed (docs/analytics.md).

Each input is scaled to 0-100, where 100 is the most vulnerable:

* rates per 1,000 ASN are capped at ``RATE_CAP`` (a region with 2 violations per 1,000 ASN or more
  scores 100 on that input; the cap keeps one busy region from flattening the others);
* shares (0-1) are multiplied by 100; coverage and compliance count their gap (1 - share).

Inputs that Netra cannot measure (None) are left out: their weight does not count, and the page says
so. The score is the weighted mean of the available parts.
"""

from collections.abc import Mapping
from dataclasses import dataclass

FORMULA = "IKNA-2"  # 2: monitoring signals measured, default weight 10
RATE_CAP = 2.0  # violations per 1,000 ASN at which the rate input reaches 100
HIGH, MEDIUM, LOW = "rawan tinggi", "rawan sedang", "rawan rendah"

# input name -> how it is scaled: "rate" (per 1,000, capped), "share" (0-1), "gap" (1 - share)
SCALES: dict[str, str] = {
    "violations_per_1000": "rate",
    "share_proven": "share",
    "repeat_offenders": "share",
    "monitoring_signals": "share",
    "prevention_coverage": "gap",
    "followup_compliance": "gap",
    "previous_election": "rate",
}


@dataclass(frozen=True)
class Part:
    name: str
    value: float | None
    scaled: float | None
    weight: float
    points: float  # scaled * weight / total weight of the available inputs


@dataclass(frozen=True)
class Score:
    score: float
    klass: str
    parts: tuple[Part, ...]


def scale(kind: str, value: float) -> float:
    """One input scaled to 0-100 (100: most vulnerable)."""
    if kind == "rate":
        return min(value, RATE_CAP) / RATE_CAP * 100
    share = min(max(value, 0.0), 1.0)
    return (1 - share) * 100 if kind == "gap" else share * 100


def classify(score: float, *, high: float, medium: float) -> str:
    if score >= high:
        return HIGH
    return MEDIUM if score >= medium else LOW


def compute(
    inputs: Mapping[str, float | None], weights: Mapping[str, float], *, high: float, medium: float
) -> Score:
    """The score of one region: the weighted mean of its available, scaled inputs."""
    scaled = {
        n: None if inputs.get(n) is None else scale(k, float(inputs[n] or 0)) for n, k in SCALES.items()
    }
    counted = sum(weights.get(n, 0.0) for n, s in scaled.items() if s is not None)
    parts = []
    for name in SCALES:
        weight, value = weights.get(name, 0.0), scaled[name]
        points = value * weight / counted if value is not None and counted else 0.0
        parts.append(Part(name, inputs.get(name), value, weight, points))
    score = round(sum(p.points for p in parts), 1)
    return Score(score, classify(score, high=high, medium=medium), tuple(parts))
