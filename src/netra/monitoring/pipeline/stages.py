"""The pipeline's stages over one batch of items, in memory: every stage reads what it needs for the
whole batch in one query (or none) and changes the ``Item`` objects; ``netra.monitoring.pipeline.run``
writes the batch back in one transaction. Each stage is idempotent (it recomputes its fields from the
item's content) and records its version in ``Item.versions``; raise a stage's version when its output
changes so reprocessed items can be told apart.

Order: normalise -> language -> cluster -> author -> region -> score -> priority. The author and region
come before the scoring (the issue lists them after it) because a Pilkada's candidates depend on the
post's region, which the matched civil servant decides; nothing the scoring produces feeds them.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection

from netra.law import catalogue, regioncode
from netra.monitoring.models import Cluster, ClusterBand, Item, WatchedAccount
from netra.monitoring.services.bulk import execute_binary
from netra.text import dedup
from netra.text.langid import detect_language
from netra.text.normalize import Token, tokenize

log = logging.getLogger(__name__)

VERSIONS = {
    "normalise": 1,
    "language": 1,
    "cluster": 1,
    "author": 1,
    "region": 1,
    "score": 1,
    "priority": 1,
}
SCORED_LANGUAGES = ("id",)  # langid answers "id" for Indonesian and Malay alike
AUTHOR_MIN_SCORE = 0.75  # roster matches below this are not kept
AUTHOR_SURE_SCORE = 0.9  # a match this strong, without namesakes, counts as a civil servant
AUTHOR_MATCHES_KEPT = 3
COORDINATED_ACCOUNTS = 3
COORDINATED_CIVIL_SERVANTS = 2
NEWS_RELEVANT_SCORE = 0.6  # an on-topic article about civil servants' neutrality
NEWS_VIOLATION_SCORE = 0.9  # ... that reports violations
POSITION_WORDS = (
    "kepala desa",
    "kepala dinas",
    "kepala sekolah",
    "kepala badan",
    "kepala puskesmas",
    "sekretaris desa",
    "sekretaris daerah",
    "camat",
    "lurah",
    "guru",
    "dosen",
    "bidan",
    "perawat",
    "dokter",
    "penyuluh",
    "kades",
    "kadis",
    "kepsek",
    "sekda",
    "sekdes",
)


@dataclass
class Work:
    """One item's working state between stages (never stored as such)."""

    item: Item
    tokens: list[Token] = field(default_factory=list)
    skip_scoring: bool = False
    signature: np.ndarray | None = None
    buckets: np.ndarray | None = None
    civil_servant: bool = False  # matched to a civil servant (watched account or a sure roster match)
    civil_servant_confidence: float = 0.0  # 1 for a watched account, the match score for a sure match
    pegawai_region: str = ""


@dataclass
class BatchWrites:
    """What the write step must store beside the items: new clusters and their band buckets."""

    new_clusters: dict[int, Cluster] = field(default_factory=dict)  # local key -> unsaved cluster
    new_bands: dict[tuple[int, int], int] = field(default_factory=dict)  # (band, bucket) -> local key
    local_members: dict[int, list[Work]] = field(default_factory=dict)
    touched_clusters: set[int] = field(default_factory=set)
    stored: dict[tuple[int, int], int] = field(default_factory=dict)  # buckets already in the database


def _mark(work: Work, stage: str) -> None:
    work.item.versions = {**(work.item.versions or {}), stage: VERSIONS[stage]}


# normalise, language --------------------------------------------------------------------------


def normalise(batch: Sequence[Work]) -> None:
    for work in batch:
        item = work.item
        text = f"{item.title}\n{item.text}" if item.kind == Item.Kind.NEWS and item.title else item.text
        work.tokens = tokenize(text, punctuation=False)
        _mark(work, "normalise")


def language(batch: Sequence[Work]) -> None:
    for work in batch:
        item = work.item
        item.language = detect_language(work.tokens)
        work.skip_scoring = item.language not in SCORED_LANGUAGES
        if work.skip_scoring and item.triage == Item.Triage.NEW:
            item.triage = Item.Triage.IRRELEVANT
        _mark(work, "language")


# cluster --------------------------------------------------------------------------------------


def cluster(batch: Sequence[Work], writes: BatchWrites) -> None:
    """Near-duplicate clustering across batches: each post's LSH band buckets are looked up among the
    stored ``ClusterBand`` rows (one query for the batch); a bucket hit whose cluster signature is
    similar enough joins that cluster; posts of the batch similar to each other join one another; a
    group with no stored cluster starts a new one (written by the run step, which also resolves a
    race with another worker through the band's unique constraint)."""
    eligible: list[Work] = []
    sets: list[set[bytes]] = []
    for work in batch:
        _mark(work, "cluster")
        if work.item.cluster_id is not None:  # already clustered (a reprocessed item): keep it
            continue
        shingle_set = dedup.eligible_shingles(work.tokens)
        if shingle_set is not None:
            eligible.append(work)
            sets.append(shingle_set)
    if not eligible:
        return
    matrix = dedup.signatures(sets)
    buckets = dedup.band_buckets(matrix)
    for row, work in enumerate(eligible):
        work.signature, work.buckets = matrix[row], buckets[row]
    stored = writes.stored = _stored_buckets(buckets)
    signatures = _cluster_signatures({cluster_id for cluster_id in stored.values()})
    threshold = dedup.THRESHOLD
    # Union-find over the batch: joined rows share a group; a group may already own a stored cluster.
    parent = list(range(len(eligible)))
    group_cluster: dict[int, int] = {}
    seen: dict[tuple[int, int], int] = {}
    for row, work in enumerate(eligible):
        assert work.buckets is not None and work.signature is not None
        for band, bucket in enumerate(work.buckets.tolist()):
            key = (band, bucket)
            cluster_id = stored.get(key)
            if cluster_id is not None:
                other = signatures.get(cluster_id)
                if other is not None and dedup.similarity(work.signature, other) >= threshold:
                    root = _find(parent, row)
                    group_cluster.setdefault(root, cluster_id)
            earlier = seen.setdefault(key, row)
            if earlier != row:
                earlier_signature = eligible[earlier].signature
                assert earlier_signature is not None
                if dedup.similarity(work.signature, earlier_signature) >= threshold:
                    _union(parent, group_cluster, earlier, row)
    groups: dict[int, list[int]] = defaultdict(list)
    for row in range(len(eligible)):
        groups[_find(parent, row)].append(row)
    for root, rows in groups.items():
        cluster_id = group_cluster.get(root)
        if cluster_id is not None:
            for row in rows:
                eligible[row].item.cluster_id = cluster_id
            writes.touched_clusters.add(cluster_id)
            _remember_bands(writes, [eligible[row] for row in rows], cluster_id=cluster_id)
        else:
            # A new cluster: near duplicates within this batch, or one post with none yet (size 1), so
            # that its bands are stored and a copy arriving in a later batch finds it.
            members = [eligible[row] for row in rows]
            local = -(len(writes.new_clusters) + 1)
            leader = members[0]
            assert leader.signature is not None
            seen_at = leader.item.posted_at or leader.item.received_at
            writes.new_clusters[local] = Cluster(
                first_seen_at=seen_at,
                last_seen_at=seen_at,
                signature=leader.signature.astype(np.uint32).tobytes(),
            )
            writes.local_members[local] = members
            _remember_bands(writes, members, cluster_id=local)


def _remember_bands(writes: BatchWrites, members: list[Work], *, cluster_id: int) -> None:
    for work in members:
        assert work.buckets is not None
        for band, bucket in enumerate(work.buckets.tolist()):
            if (band, bucket) not in writes.stored:
                writes.new_bands.setdefault((band, bucket), cluster_id)


def _find(parent: list[int], row: int) -> int:
    while parent[row] != row:
        parent[row] = parent[parent[row]]
        row = parent[row]
    return row


def _union(parent: list[int], group_cluster: dict[int, int], left: int, right: int) -> None:
    a, b = _find(parent, left), _find(parent, right)
    if a == b:
        return
    keep, drop = min(a, b), max(a, b)
    parent[drop] = keep
    if drop in group_cluster:
        group_cluster.setdefault(keep, group_cluster.pop(drop))


def _stored_buckets(buckets: np.ndarray) -> dict[tuple[int, int], int]:
    """Stored (band, bucket) -> cluster id for the batch's buckets."""
    return bucket_owners(
        {(band, bucket) for band in range(buckets.shape[1]) for bucket in buckets[:, band].tolist()}
    )


def bucket_owners(wanted: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The cluster owning each stored (band, bucket): one query for the batch, through the unique
    (band, bucket) index. (Filtering on ``bucket`` alone cannot use that index, whose first column is
    the band: PostgreSQL then read the whole table per batch, 6 s at 180 000 band rows.)"""
    found: dict[tuple[int, int], int] = {}
    if not wanted:
        return found
    pairs = sorted(wanted)
    table = connection.ops.quote_name(ClusterBand._meta.db_table)  # the model's own table; values bound
    if connection.vendor == "postgresql":  # two binary array parameters joined on the index
        rows = execute_binary(
            f"SELECT b.band, b.bucket, b.cluster_id FROM unnest(%b::smallint[], %b::bigint[]) "  # noqa: S608
            f"AS v(band, bucket) JOIN {table} AS b ON b.band = v.band AND b.bucket = v.bucket",
            [[int(band) for band, _ in pairs], [int(bucket) for _, bucket in pairs]],
            fetch=True,
        )
    else:
        with connection.cursor() as cursor:
            by_band: dict[int, list[int]] = defaultdict(list)
            for band, bucket in pairs:
                by_band[band].append(bucket)
            rows = []
            for band, buckets in by_band.items():
                for start in range(0, len(buckets), 500):
                    chunk = buckets[start : start + 500]
                    marks = ", ".join(["%s"] * len(chunk))
                    query = f"SELECT band, bucket, cluster_id FROM {table} WHERE band = %s AND bucket IN ({marks})"  # noqa: E501, S608
                    cursor.execute(query, [band, *chunk])
                    rows += cursor.fetchall()
    for band, bucket, cluster_id in rows:
        found[(band, bucket)] = cluster_id
    return found


def _cluster_signatures(ids: set[int]) -> dict[int, np.ndarray]:
    if not ids:
        return {}
    rows = Cluster.objects.filter(pk__in=ids).values_list("pk", "signature")
    return {pk: np.frombuffer(bytes(sig), dtype=np.uint32) for pk, sig in rows if sig}


# author ---------------------------------------------------------------------------------------


def _position(bio: str) -> str | None:
    lower = f" {' '.join(bio.lower().split())} "
    for word in POSITION_WORDS:
        if f" {word} " in lower or f" {word}," in lower or f" {word}." in lower:
            return word
    return None


def author(batch: Sequence[Work], *, search=None) -> None:
    """A watched account's handle gives its pegawai first (one query for the batch); otherwise the
    display name is looked up in the roster's name index (once per distinct name and bio position in
    the batch), keeping the matches with their namesake counts; a position named in the bio ("guru",
    "camat") boosts records holding it."""
    from netra.registry.models import Pegawai

    keys = {(w.item.platform, w.item.author_handle) for w in batch if w.item.author_handle}
    watched: dict[tuple[str, str], WatchedAccount] = {}
    if keys:
        handles = sorted({handle for _platform, handle in keys})
        for row in WatchedAccount.objects.filter(handle__in=handles).select_related("pegawai"):
            watched[(row.platform, row.handle)] = row
    index = _roster_index() if search is None and any(w.item.author_name for w in batch) else None
    for work in batch:
        item = work.item
        found = watched.get((item.platform, item.author_handle)) if item.author_handle else None
        item.watched_account = found
        account = found
        item.author_matches = []
        if account is not None and account.pegawai is not None:
            pegawai = account.pegawai
            item.author_matches = [
                {
                    "pegawai_id": pegawai.pk,
                    "name": pegawai.full_name,
                    "nip": pegawai.nip or "",
                    "agency": pegawai.agency_id,
                    "score": 1.0,
                    "namesakes": 1,
                    "via": "watched",
                }
            ]
            work.civil_servant, work.civil_servant_confidence = True, 1.0
            work.pegawai_region = pegawai.region_id or ""
        elif item.author_name:
            found_matches = _roster_search(item.author_name, _position(item.author_bio), search, index)
            item.author_matches = [dict(match) for match in found_matches]
        _mark(work, "author")
    # The roster rows of the matches: one query for the batch.
    ids = {m["pegawai_id"] for w in batch if not w.civil_servant for m in w.item.author_matches}
    if not ids:
        return
    rows = Pegawai.objects.in_bulk(ids)
    for work in batch:
        if work.civil_servant or not work.item.author_matches:
            continue
        kept = []
        for match in work.item.author_matches:
            record = rows.get(match["pegawai_id"])
            if record is None:
                continue
            kept.append(
                {**match, "name": record.full_name, "nip": record.nip or "", "agency": record.agency_id}
            )
        work.item.author_matches = kept
        best = kept[0] if kept else None
        if best is not None and best["score"] >= AUTHOR_SURE_SCORE and best["namesakes"] == 1:
            work.civil_servant, work.civil_servant_confidence = True, float(best["score"])
            work.pegawai_region = rows[best["pegawai_id"]].region_id or ""


_SEARCHES: dict[tuple, list[dict[str, Any]]] = {}
_SEARCHES_INDEX: list[int] = [0]  # id() of the index the cached searches were made on
_SEARCHES_LIMIT = 100_000


def _roster_index():
    """The roster's name index (one version query per batch), or None without a roster."""
    from netra.registry.matching import roster_index

    try:
        index = roster_index()
    except (ValueError, IndexError):  # an empty roster has no index
        return None
    if _SEARCHES_INDEX[0] != id(index) or len(_SEARCHES) > _SEARCHES_LIMIT:
        _SEARCHES.clear()  # a new roster version: earlier answers may be stale
        _SEARCHES_INDEX[0] = id(index)
    return index


def _roster_search(name: str, position: str | None, search, index) -> list[dict[str, Any]]:
    """The roster matches of a display name, cached per process for the current roster version."""
    if search is not None:
        return search(name, position)
    if index is None:
        return []
    from netra.names import normalize_name

    # The search reads only the normalised name (tokens, normalisations, titles, position), so the
    # cache is keyed on it: "Budi Santoso, S.Pd." and "BUDI SANTOSO" are one search.
    normalized = normalize_name(name)
    key = (normalized.tokens, normalized.applied, normalized.titles, normalized.position, position)
    if key in _SEARCHES:
        return _SEARCHES[key]
    found: list[dict[str, Any]] = []
    if normalized.tokens:
        try:
            matches = index.search(name, position=position, limit=AUTHOR_MATCHES_KEPT)
        except ValueError:  # nothing left of the name once titles are removed
            matches = []
        found = [
            {
                "pegawai_id": m.id,
                "name": "",
                "nip": "",
                "agency": None,
                "score": round(float(m.score), 4),
                "namesakes": int(index.namesakes(m.id)),
                "reasons": list(m.reasons)[:5],
            }
            for m in matches
            if m.score >= AUTHOR_MIN_SCORE
        ]
    _SEARCHES[key] = found
    return found


# region ---------------------------------------------------------------------------------------


def region(batch: Sequence[Work], offices: OfficeMap) -> None:
    """The item's region: the matched civil servant's, else the first place the text names (the
    gazetteer), else the source office's; the competent office is the supervisory office whose
    territory is the narrowest one containing that region."""
    from netra.registry.models import Region
    from netra.text.gazetteer import find_regions

    chosen: dict[int, str] = {}
    for work in batch:
        item = work.item
        code = work.pegawai_region
        if not code:
            mentions = find_regions(item.text[:5000])
            code = mentions[0].code if mentions else ""
        if not code:
            code = item.source.office.region_code
        chosen[id(work)] = code
    known = set(Region.objects.filter(pk__in={c for c in chosen.values() if c}).values_list("pk", flat=True))
    for work in batch:
        item = work.item
        code = chosen[id(work)]
        if code and code not in known:  # a code the registry does not hold (yet): keep the source's
            code = item.source.office.region_code
        item.region_id = code or None
        item.region_code = code
        office = offices.competent(code) or item.source.office
        item.office = office
        _mark(work, "region")


class OfficeMap:
    """The supervisory offices by region code, loaded once per batch (a few hundred rows nationally)."""

    def __init__(self) -> None:
        from netra.accounts.models import Office

        self.by_code: dict[str, Any] = {}
        for office in Office.objects.filter(kind__in=Office.SUPERVISORY).order_by("pk"):
            self.by_code.setdefault(office.region_code, office)

    def competent(self, code: str) -> Any:
        while True:
            office = self.by_code.get(code)
            if office is not None:
                return office
            if code == regioncode.NATIONAL:
                return None
            code = regioncode.parent(code) or regioncode.NATIONAL


# score ----------------------------------------------------------------------------------------


def score(batch: Sequence[Work], *, config_for=None) -> None:
    """Posts: ``netra.text.posts.score_posts`` with the election's configuration for the post's region
    (its phase decides KE before the penetapan calon, D after), the civil-servant factor raised to the
    roster match's confidence when the author was matched; news: the article reader. Items in
    another language and posts without an election configuration get no score."""
    from netra.text.posts import Post, score_posts

    config_for = config_for or _config_for
    posts: dict[tuple[int, str], list[Work]] = defaultdict(list)
    for work in batch:
        item = work.item
        item.score, item.violation_code, item.indicator, item.reason, item.cues = None, "", "", "", []
        _mark(work, "score")
        if work.skip_scoring:
            continue
        if item.kind == Item.Kind.NEWS:
            _score_news(work)
        elif item.election_id is not None:
            # A Pilkada is configured per province or kabupaten/kota: a deeper region adds nothing.
            area = regioncode.ancestor_at(item.region_code, 2) or item.region_code
            posts[(item.election_id, area)].append(work)
    for (election_id, region_code), works in posts.items():
        config = config_for(election_id, region_code)
        if config is None:
            continue
        parsed = [
            Post(
                id=str(w.item.pk),
                text=w.item.text,
                author=w.item.author_name,
                bio=w.item.author_bio,
                created_at=w.item.posted_at or w.item.received_at,
                platform=w.item.platform,
            )
            for w in works
        ]
        # The texts were tokenised by ``normalise`` and are clustered by ``cluster``, across batches.
        results = score_posts(parsed, config, tokens=[w.tokens for w in works], near_duplicates=False)
        for work, result in zip(works, results, strict=True):
            item = work.item
            # score = p(civil servant) x p(partisan); a roster match knows the first factor better
            # than the post's own cues (a watched account's owner is a civil servant for certain).
            item.score = round(max(result.score, work.civil_servant_confidence * result.partisan), 4)
            item.violation_code = result.violation or ""
            item.indicator = indicator_of(item.violation_code)
            item.reason = ", ".join(result.targets)[:500]
            item.cues = [{**cue.to_dict(), "start": cue.start, "end": cue.end} for cue in result.cues][:50]


def indicator_of(code: str) -> str:
    """The neutrality indicator the catalogue gives the suggested violation ("" when none)."""
    if not code:
        return ""
    try:
        return catalogue.get(code).indicator or ""
    except catalogue.UnknownViolation:
        return ""


CONFIG_TTL = 10.0  # seconds a worker reuses an election's configuration before asking again
_CONFIGS: dict[tuple[int, str], tuple[float, Any]] = {}


def _config_for(election_id: int, region_code: str):
    """``scoring_config`` for the election in the area, reused for ``CONFIG_TTL`` seconds (a changed
    configuration or phase date is seen within that time)."""
    import time

    from netra.cases.elections import scoring_config
    from netra.cases.models import Election

    key = (election_id, region_code)
    cached = _CONFIGS.get(key)
    if cached is not None and time.monotonic() - cached[0] < CONFIG_TTL:
        return cached[1]
    election = Election.objects.filter(pk=election_id).first()
    config = scoring_config(election, region_code or None) if election is not None else None
    if len(_CONFIGS) > 10_000:
        _CONFIGS.clear()
    _CONFIGS[key] = (time.monotonic(), config)
    return config


def _score_news(work: Work) -> None:
    from netra.text.news import read_news

    item = work.item
    text = f"{item.title}\n\n{item.text}" if item.title else item.text
    facts = read_news(text[:50_000], id=str(item.pk))
    relevant = [kind for kind in facts.event_types if kind != "lainnya"]
    if not relevant:
        item.score = 0.0
        return
    item.score = NEWS_VIOLATION_SCORE if facts.violations else NEWS_RELEVANT_SCORE
    item.indicator = relevant[0][:64]
    item.reason = ", ".join(relevant)[:500]
    item.cues = [
        {"kind": kind, "field": "text", **span}
        for kind, spans in facts.evidence.items()
        if isinstance(spans, list)
        for span in spans[:5]
        if isinstance(span, dict)
    ][:50]


# priority -------------------------------------------------------------------------------------


def priority(batch: Sequence[Work], coordinated: set[int]) -> None:
    """Triage order: 100 x score, +20 a watched account, +25 a coordinated cluster, +5 per order of
    magnitude of reach (reactions + shares), +10 x the best roster match's score."""
    for work in batch:
        item = work.item
        value = 100 * (item.score or 0)
        value += 20 if item.watched_account_id or item.watched_account is not None else 0
        value += 25 if item.cluster_id in coordinated else 0
        value += 5 * math.log10(1 + item.reactions + item.shares)
        best = item.author_matches[0]["score"] if item.author_matches else 0
        value += 10 * float(best)
        item.priority = round(value, 3)
        _mark(work, "priority")


def coordinated_window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NETRA_MONITOR_COORDINATED_WINDOW)


# coordinated posting (read by the write step) ------------------------------------------------

COORDINATED_SCAN_LIMIT = 5_000  # items of one cluster read around the batch's times


def _civil_servant(watched_pegawai: int | None, matches: list) -> bool:
    if watched_pegawai:
        return True
    if not matches:
        return False
    best = matches[0]
    return float(best.get("score", 0)) >= AUTHOR_SURE_SCORE and int(best.get("namesakes", 2)) == 1


def coordinated_clusters(cluster_ids: Iterable[int], batch: list[Work]) -> dict[int, dt.datetime | None]:
    """Clusters where at least ``COORDINATED_ACCOUNTS`` distinct accounts, ``COORDINATED_CIVIL_SERVANTS``
    of them civil servants, posted within the window; {cluster id: the moment it became so}."""
    ids = list(cluster_ids)
    if not ids:
        return {}
    window = coordinated_window()
    times = [w.item.posted_at or w.item.received_at for w in batch]
    low, high = min(times) - window, max(times) + window
    rows = list(
        Item.objects.filter(cluster_id__in=ids)
        .filter(posted_at__gte=low, posted_at__lte=high)
        .order_by("cluster_id", "posted_at")
        .values_list(
            "cluster_id",
            "author_handle",
            "author_name",
            "posted_at",
            "watched_account__pegawai_id",
            "author_matches",
        )[: COORDINATED_SCAN_LIMIT * len(ids)]
    )
    by_cluster: dict[int, list[tuple[dt.datetime, str, bool]]] = defaultdict(list)
    for cluster_id, handle, name, posted_at, pegawai_id, matches in rows:
        account = handle or name.lower()
        if account and posted_at is not None:
            by_cluster[cluster_id].append((posted_at, account, _civil_servant(pegawai_id, matches)))
    found: dict[int, dt.datetime | None] = {}
    for cluster_id, posts in by_cluster.items():
        moment = _window_hit(posts, window)
        if moment is not None:
            found[cluster_id] = moment
    return found


def _window_hit(posts: list[tuple[dt.datetime, str, bool]], window: dt.timedelta) -> dt.datetime | None:
    """The first moment (sorted posts, two pointers) when the window holds enough accounts."""
    accounts: dict[str, int] = defaultdict(int)
    servants: dict[str, int] = defaultdict(int)
    start = 0
    for moment, account, servant in posts:
        accounts[account] += 1
        if servant:
            servants[account] += 1
        while moment - posts[start][0] > window:
            _old_moment, old_account, old_servant = posts[start]
            accounts[old_account] -= 1
            if not accounts[old_account]:
                del accounts[old_account]
            if old_servant:
                servants[old_account] -= 1
                if not servants[old_account]:
                    del servants[old_account]
            start += 1
        if len(accounts) >= COORDINATED_ACCOUNTS and len(servants) >= COORDINATED_CIVIL_SERVANTS:
            return moment
    return None
