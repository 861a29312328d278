"""The pipeline's one write per batch (``netra.monitoring.pipeline.run`` computes, this stores): the
new clusters and their band buckets, the items (while this worker's lease stands, and only items
still waiting), the clusters' sizes and the coordinated-posting flag, in one transaction."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min
from django.utils import timezone

from netra.monitoring.models import Cluster, ClusterBand, Item
from netra.monitoring.pipeline import stages
from netra.monitoring.pipeline.stages import BatchWrites, Work
from netra.monitoring.services import pipeline_queue as queue
from netra.monitoring.services.bulk import rows_insert, rows_update

ITEM_FIELDS = [
    "state",
    "attempts",
    "next_attempt_at",
    "error",
    "versions",
    "processed_at",
    "language",
    "score",
    "violation_code",
    "indicator",
    "reason",
    "cues",
    "cluster",
    "watched_account",
    "author_matches",
    "region",
    "region_code",
    "office",
    "priority",
    "triage",
]
COMPLETIONS = "runs"  # Item.versions key: how many times the pipeline completed the item
CLUSTER_FIELDS = ["size", "account_count", "first_seen_at", "last_seen_at", "coordinated", "coordinated_at"]


class BatchTaken(Exception):
    """Another worker completed some of this batch's items first (this worker's lease had expired):
    the whole write is rolled back, clusters included."""


def batch_write(claim: queue.Claim, batch: list[Work], writes: BatchWrites) -> int:
    now = timezone.now()
    try:
        with transaction.atomic():
            return _write(claim, batch, writes, now)
    except BatchTaken:
        return 0


def _write(claim: queue.Claim, batch: list[Work], writes: BatchWrites, now) -> int:
    if not batch or not queue.holds(claim, lock=True):
        return 0
    fresh = _save_clusters(batch, writes)
    # A cluster this batch started holds only this batch's items: its counts were written with it.
    touched = writes.touched_clusters | {
        w.item.cluster_id for w in batch if w.item.cluster_id and w.item.cluster_id not in fresh
    }
    coordinated_before = set(
        Cluster.objects.filter(pk__in=touched, coordinated=True).values_list("pk", flat=True)
    )
    stages.priority(batch, coordinated_before)
    for work in batch:
        item = work.item
        item.state, item.next_attempt_at, item.error = Item.State.DONE, None, ""
        item.attempts += 1
        item.processed_at = now
        item.versions = {**item.versions, COMPLETIONS: int(item.versions.get(COMPLETIONS, 0)) + 1}
    # Completion is the move out of a waiting state: it happens once, whoever writes second.
    if rows_update(Item, [w.item for w in batch], ITEM_FIELDS, only=("state", queue.WAITING)) != len(batch):
        raise BatchTaken
    newly = _update_clusters(touched, batch)
    if newly:
        Item.objects.filter(cluster_id__in=newly).update(priority=F("priority") + 25)
    return len(batch)


def _save_clusters(batch: list[Work], writes: BatchWrites) -> set[int]:
    """Insert the batch's new clusters and band buckets; a bucket another worker stored first (the
    unique constraint) makes our new cluster join that worker's cluster instead. A new cluster is
    stored with its counts (size, accounts, seen times: its items are all in this batch), so most
    clusters (posts without a near duplicate yet) need no aggregate query; returns those."""
    keys = list(writes.new_clusters)
    held = {id(work) for work in batch}
    for key in keys:
        _count_members(writes.new_clusters[key], [w for w in writes.local_members[key] if id(w) in held])
    ids = dict(zip(keys, _insert_clusters([writes.new_clusters[key] for key in keys]), strict=True))
    conflicted = _insert_bands(writes.new_bands, ids)
    fresh: set[int] = set()
    if not keys:
        return fresh
    # Which cluster owns each bucket we could not insert (a racing worker's, committed first).
    owner = stages.bucket_owners(conflicted) if conflicted else {}
    lost: dict[int, set[int]] = defaultdict(set)
    for bucket_key in conflicted:
        local = writes.new_bands[bucket_key]
        if local in ids and bucket_key in owner and owner[bucket_key] != ids[local]:
            lost[local].add(owner[bucket_key])
    for key, members in writes.local_members.items():
        ours = ids[key]
        target = min(lost[key]) if lost.get(key) else ours
        if target != ours:
            ClusterBand.objects.filter(cluster_id=ours).update(cluster_id=target)
            Cluster.objects.filter(pk=ours).delete()
        for work in members:
            work.item.cluster_id = target
        if target != ours or writes.new_clusters[key].account_count >= stages.COORDINATED_ACCOUNTS:
            writes.touched_clusters.add(target)  # recounted (and checked for coordinated posting)
        else:
            fresh.add(ours)
    return fresh


def _count_members(cluster: Cluster, members: list[Work]) -> None:
    """What ``_update_clusters`` would count for a cluster holding exactly ``members``."""
    posted = [w.item.posted_at for w in members if w.item.posted_at is not None]
    cluster.size = len(members)
    cluster.account_count = len({w.item.author_handle for w in members})  # count(DISTINCT handle)
    cluster.first_seen_at = min([cluster.first_seen_at, *posted])
    cluster.last_seen_at = max([cluster.last_seen_at, *posted])


def _insert_clusters(clusters: list[Cluster]) -> list[int]:
    if not clusters:
        return []
    if connection.vendor == "postgresql":
        fields = ("first_seen_at", "last_seen_at", "signature", "size", "account_count")
        return rows_insert(Cluster, [{name: getattr(c, name) for name in fields} for c in clusters])
    return [cluster.pk for cluster in Cluster.objects.bulk_create(clusters)]


def _insert_bands(bands: dict[tuple[int, int], int], ids: dict[int, int]) -> set[tuple[int, int]]:
    """Store the new (band, bucket) rows; returns those already stored (by another worker)."""
    ordered = sorted(bands.items())  # one order for every worker: no deadlock
    if not ordered:
        return set()
    if connection.vendor == "postgresql":
        rows = [
            {"band": band, "bucket": bucket, "cluster_id": ids.get(local, local)}
            for (band, bucket), local in ordered
        ]
        inserted = rows_insert(ClusterBand, rows, conflict="band,bucket", returning=("band", "bucket"))
        return set(bands) - set(inserted)
    ClusterBand.objects.bulk_create(
        [
            ClusterBand(band=band, bucket=bucket, cluster_id=ids.get(local, local))
            for (band, bucket), local in ordered
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return set(bands)  # SQLite cannot say which were skipped: look every bucket's owner up


def _update_clusters(touched: set[int], batch: list[Work]) -> set[int]:
    """Sizes, distinct accounts and seen times of the touched clusters (one grouped query); flags
    coordinated posting; returns the clusters flagged now for the first time."""
    if not touched:
        return set()
    stats = {
        row["cluster_id"]: row
        for row in Item.objects.filter(cluster_id__in=touched)
        .values("cluster_id")
        .annotate(
            size=Count("pk"),
            accounts=Count("author_handle", distinct=True),
            first=Min("posted_at"),
            last=Max("posted_at"),
        )
    }
    clusters = list(Cluster.objects.filter(pk__in=touched).defer("signature"))
    candidates = [c.pk for c in clusters if not c.coordinated and stats.get(c.pk, {}).get("accounts", 0) >= 3]
    flagged = stages.coordinated_clusters(candidates, batch)
    now = timezone.now()
    for cluster in clusters:
        row = stats.get(cluster.pk)
        if row is None:
            continue
        cluster.size, cluster.account_count = row["size"], row["accounts"]
        cluster.first_seen_at = min(filter(None, [cluster.first_seen_at, row["first"]]))
        cluster.last_seen_at = max(filter(None, [cluster.last_seen_at, row["last"]]))
        if cluster.pk in flagged:
            cluster.coordinated, cluster.coordinated_at = True, flagged[cluster.pk] or now
    rows_update(Cluster, clusters, CLUSTER_FIELDS)
    return set(flagged)
