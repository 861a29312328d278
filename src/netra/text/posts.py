"""Scoring social-media posts for civil servants taking sides in an election.

``score_post(post, election)`` returns a ``PostScore``: how likely the post shows a civil servant
supporting or campaigning for a candidate or party (0..1), the most likely violation code of the SKB
2022 matrix, and every cue that led there, with character spans into the bio or the text.

The score is transparent: ``p(civil servant) * p(partisan)``, each a logistic function of the weights
of the cues found (weights in ``netra.text.cues`` and ``netra.text.election``, set by hand on the
"dev" split of benchmarks/devset/posts.jsonl and checked on its "holdout" split; see docs/text.md
"Post scoring").
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netra.text.cues import (
    CIVIL_SERVANT,
    CONTEXT,
    COUNTER,
    PARTISAN,
    Cue,
    CueSpec,
    first_person_before,
    nip_cues,
)
from netra.text.cues import news_bio_matcher as _news_bio_matcher
from netra.text.dedup import cluster_ids
from netra.text.election import ElectionConfig
from netra.text.langid import detect_language
from netra.text.normalize import Token, tokenize

ACTIONS = ("posted", "liked", "shared", "commented")
THRESHOLD = 0.5
CIVIL_SERVANT_BIAS = -3.0
PARTISAN_BIAS = -3.0
TEXT_CIVIL_SERVANT_FACTOR = 0.4
_NEWS_BIO = _news_bio_matcher()
_IGNORED_KINDS = frozenset({"neutral_phrase"})


class PostError(ValueError):
    """A post record is missing a field or has a malformed one."""


@dataclass(frozen=True)
class Post:
    id: str
    text: str
    author: str = ""
    bio: str = ""
    created_at: dt.datetime | None = None
    platform: str = ""
    action: str = "posted"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        if not isinstance(data, dict):
            raise PostError("a post must be a JSON object")
        # An empty text is allowed (a like on a photo has none); a post without the field is not.
        missing = [name for name in ("id", "created_at") if data.get(name) in (None, "")]
        missing += [] if "text" in data else ["text"]
        if missing:
            raise PostError(f"post is missing {', '.join(missing)}")
        action = data.get("action") or "posted"
        if action not in ACTIONS:
            raise PostError(f"post {data['id']}: action must be one of {', '.join(ACTIONS)}, not {action!r}")
        return cls(
            id=str(data["id"]),
            text=_string(data, "text"),
            author=_string(data, "author"),
            bio=_string(data, "bio"),
            created_at=_timestamp(data["created_at"], data["id"]),
            platform=_string(data, "platform"),
            action=action,
        )


@dataclass
class PostScore:
    id: str
    score: float
    violation: str | None
    civil_servant: float
    partisan: float
    targets: list[str]
    language: str
    cues: list[Cue] = field(default_factory=list)
    duplicate_cluster: str | None = None

    @property
    def flagged(self) -> bool:
        return self.score >= THRESHOLD

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "violation": self.violation,
            "civil_servant": round(self.civil_servant, 4),
            "partisan": round(self.partisan, 4),
            "targets": self.targets,
            "language": self.language,
            "duplicate_cluster": self.duplicate_cluster,
            "cues": {
                side: [cue.to_dict() for cue in self.cues if cue.side == side]
                for side in (CIVIL_SERVANT, PARTISAN, CONTEXT, COUNTER)
            },
        }


def score_post(post: Post | dict[str, Any], election: ElectionConfig) -> PostScore:
    """Score one post (a ``Post`` or its JSON dict) against ``election``."""
    parsed = _as_post(post)
    return _score(parsed, election, tokenize(parsed.text, punctuation=False), {})


def score_posts(
    posts: Iterable[Post | dict[str, Any]],
    election: ElectionConfig,
    *,
    tokens: list[list[Token]] | None = None,
    near_duplicates: bool = True,
) -> list[PostScore]:
    """Score many posts and mark near-duplicate clusters across them. A caller that has tokenised the
    texts already (``tokenize(text, punctuation=False)``) passes ``tokens``; one that clusters posts
    itself (the monitoring pipeline, across batches) passes ``near_duplicates=False``."""
    parsed = [_as_post(post) for post in posts]
    if tokens is None:
        tokens = [tokenize(post.text, punctuation=False) for post in parsed]
    token_lists = tokens
    bio_cues: dict[str, list[Cue]] = {}  # an author's bio repeats across their posts: read it once
    scores = [
        _score(post, election, tokens, bio_cues) for post, tokens in zip(parsed, token_lists, strict=True)
    ]
    if near_duplicates:
        for score, cluster in zip(scores, cluster_ids(token_lists), strict=True):
            score.duplicate_cluster = cluster
    return scores


def _score(
    post: Post, election: ElectionConfig, text_tokens: list[Token], bio_cues: dict[str, list[Cue]]
) -> PostScore:
    if post.bio not in bio_cues:
        bio_cues[post.bio] = _field_cues(post.bio, tokenize(post.bio, punctuation=False), "bio", election)
    cues = [*bio_cues[post.bio], *_field_cues(post.text, text_tokens, "text", election)]
    evidence = Evidence(cues)
    targets = evidence.targets()
    civil_servant = _sigmoid(CIVIL_SERVANT_BIAS + evidence.civil_servant())
    partisan = _sigmoid(PARTISAN_BIAS + evidence.partisan(post.action != "posted", bool(targets)))
    return PostScore(
        id=post.id,
        score=civil_servant * partisan,
        violation=violation_code(cues, post.action, _is_calon(post, election)) if targets else None,
        civil_servant=civil_servant,
        partisan=partisan,
        targets=targets,
        language=detect_language(text_tokens),
        cues=cues,
    )


def _is_calon(post: Post, election: ElectionConfig) -> bool:
    return post.created_at is None or election.is_calon_period(election.local_day(post.created_at))


def _field_cues(text: str, tokens: list[Token], field_name: str, election: ElectionConfig) -> list[Cue]:
    found = [_cue(text, *match, field_name, tokens) for match in election.matcher.find(tokens)]
    # Non-civil-servant occupations (the only negative cues) count in the bio only: named in the
    # text ("biar petani sejahtera") they say nothing about the author.
    found = [
        cue for cue in found if cue.kind not in _IGNORED_KINDS and (field_name == "bio" or cue.weight >= 0)
    ]
    found += nip_cues(text, field_name)
    found += election.partisan_cues(text, tokens, field_name)
    if field_name == "bio":
        found += [_cue(text, *match, field_name, tokens) for match in _NEWS_BIO.find(tokens)]
    return _without_nested(found)


def _without_nested(cues: list[Cue]) -> list[Cue]:
    """Drop a cue inside a longer cue of the same side ("salam 3" inside "salam 3 jari"), and the
    weaker of two cues of the same kind on the same span (a configured hashtag also named by alias)."""
    kept: list[Cue] = []
    reach: dict[str, int] = {}
    for cue in sorted(cues, key=lambda cue: (cue.start, -cue.end, -cue.weight)):
        if reach.get(cue.side, -1) >= cue.end and not _other_kind_same_span(kept, cue):
            continue
        reach[cue.side] = max(reach.get(cue.side, -1), cue.end)
        kept.append(cue)
    return kept


def _other_kind_same_span(kept: list[Cue], cue: Cue) -> bool:
    """A cue of another kind on exactly the span of a kept one ("coblos" as support and as ajakan)."""
    same_span = [
        other for other in kept if (other.start, other.end, other.side) == (cue.start, cue.end, cue.side)
    ]
    return bool(same_span) and all(other.kind != cue.kind for other in same_span)


def _cue(text: str, first: Token, last: Token, spec: CueSpec, field_name: str, tokens: list[Token]) -> Cue:
    weight = spec.weight
    discounted = spec.side == CIVIL_SERVANT and field_name == "text" and weight > 0
    if discounted and not first_person_before(tokens, first):
        weight = round(weight * TEXT_CIVIL_SERVANT_FACTOR, 3)
    return Cue(
        spec.side,
        spec.kind,
        field_name,
        text[first.start : last.end],
        first.start,
        last.end,
        weight,
        spec.target,
    )


ENGAGEMENT_WEIGHT = 1.0  # liking, sharing or commenting on partisan content
# Context kinds that add to partisan evidence next to a partisan cue, with how many of each count.
CONTEXT_COUNTS = (
    ("support", 2),
    ("ajakan", 1),
    ("photo", 1),
    ("attendance", 1),
    ("team", 1),
    ("membership", 1),
)


def _top(weights: Iterable[float], count: int) -> float:
    return sum(sorted(weights, reverse=True)[:count])


class Evidence:
    """The cue weights of one post, gathered in one pass."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.civil_servant_kinds: dict[str, float] = {}
        self.civil_servant_negative = 0.0
        self.news_account = 0.0
        self.partisan_weights: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.target_weights: dict[str, float] = {}
        for cue in cues:
            self._add(cue)

    def _add(self, cue: Cue) -> None:
        if cue.side == CIVIL_SERVANT:
            if cue.weight > 0:
                self.civil_servant_kinds[cue.kind] = max(
                    self.civil_servant_kinds.get(cue.kind, 0.0), cue.weight
                )
            else:
                self.civil_servant_negative += cue.weight
        elif cue.side == PARTISAN:
            self.partisan_weights.append(cue.weight)
            if cue.target:
                self.target_weights[cue.target] = self.target_weights.get(cue.target, 0.0) + cue.weight
        elif cue.kind == "news_account":
            self.news_account = max(self.news_account, cue.weight)
        elif cue.kind != "news" or cue.field == "text":
            self.by_kind.setdefault(cue.kind, []).append(cue.weight)

    def civil_servant(self) -> float:
        """The two strongest kinds of civil-servant marker, minus other occupations and media bios."""
        return (
            _top(self.civil_servant_kinds.values(), 2)
            + max(self.civil_servant_negative, -8.0)
            - self.news_account
        )

    def partisan(self, engaged: bool, has_target: bool) -> float:
        """Three strongest partisan cues; context only next to one; neutrality and reporting subtract."""
        evidence = _top(self.partisan_weights, 3)
        if has_target:
            for kind, count in CONTEXT_COUNTS:
                evidence += _top(self.by_kind.get(kind, ()), count)
            if engaged:
                evidence += ENGAGEMENT_WEIGHT
        evidence -= _top(self.by_kind.get("neutrality", ()), 2)
        return evidence - _top(self.by_kind.get("news", ()), 2)

    def targets(self) -> list[str]:
        """Candidates (ballot labels) or parties the partisan cues point to, strongest first."""
        weights = self.target_weights
        return sorted(weights, key=lambda target: (-weights[target], target))


def violation_code(cues: Sequence[Cue], action: str, calon: bool) -> str:
    """The matrix row that fits best: D-* once candidates are set (calon), KE-* before (bakal calon).

    What the author did with someone else's content (like, share, comment) decides first; then party
    membership, campaign-team roles, photos, attendance, calls on others (ajakan), campaign content.
    """
    kinds = {cue.kind for cue in cues if cue.field == "text" or cue.kind == "membership"}
    if action != "posted":
        return "D-6" if calon else "KE-4"
    if "membership" in kinds:
        return "D-5"
    if "team" in kinds:
        return "D-10" if calon else "D-9"
    if "photo" in kinds:
        return "D-7" if calon else "KE-5"
    if "attendance" in kinds:
        return "D-4" if calon else "KE-3"
    if "ajakan" in kinds:
        return "D-8"
    if kinds & {"slogan", "hashtag", "ballot_number", "gesture"}:
        return "D-2" if calon else "KE-2"
    return "D-6" if calon else "KE-4"


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


def _as_post(post: Post | dict[str, Any]) -> Post:
    return post if isinstance(post, Post) else Post.from_dict(post)


def _string(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PostError(f"post {data.get('id')}: '{name}' must be a string")
    return value


def _timestamp(value: object, post_id: object) -> dt.datetime:
    if not isinstance(value, str):
        raise PostError(f"post {post_id}: created_at must be an ISO 8601 string")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise PostError(f"post {post_id}: created_at {value!r} is not ISO 8601") from exc
