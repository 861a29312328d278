"""The pipeline end to end in the foreground: stages, clusters across batches, coordinated posting,
roster matches, regions, retries, parking, the sweeper and exactly-once completion."""

import datetime as dt

import pytest
from django.utils import timezone

from netra.monitoring.models import Cluster, ClusterBand, Item, Lease, WatchedAccount
from netra.monitoring.pipeline import process_pending, run_one_batch
from netra.monitoring.pipeline.stages import VERSIONS
from netra.monitoring.services import pipeline_queue as queue
from netra.monitoring.services.ingest import items_add
from netra.monitoring.services.pipeline_write import COMPLETIONS

COPY = "Ayo warga Bintan coblos nomor 2 Prabowo Gibran, kita menangkan di pilpres nanti #PrabowoGibran2024"
NEUTRAL = "Pagi ini jalan di depan kantor kecamatan tergenang banjir setelah hujan deras semalam"


def post(text, handle, name="", bio="", minutes=0, **extra):
    at = dt.datetime(2024, 1, 20, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    return {
        "platform": "x",
        "author_handle": handle,
        "author_name": name,
        "author_bio": bio,
        "text": text,
        "posted_at": at.isoformat(),
        **extra,
    }


@pytest.fixture
def watched(world, roster):
    return WatchedAccount.objects.create(
        platform="x", handle="budi_s", pegawai=roster["198203042006041002"], office=world["offices"]["bintan"]
    )


@pytest.mark.django_db
def test_a_batch_goes_through_every_stage(sources, pilpres, roster, watched, world):
    rows = [
        post(COPY, "budi_s", "Budi", minutes=0),
        post(COPY + " !!", "siti_r", "Siti Rahmawati", "Guru SD di Bintan", minutes=20),
        post(COPY, "akun_lain", "Warga Biasa", minutes=40),
        post(
            "Good morning everyone, the weather in the city is great today and we are happy", "eng", minutes=5
        ),
        post(NEUTRAL, "warga2", minutes=7),
    ]
    result = items_add(source=sources["upload"], rows=rows, kind="post")
    assert result.new == 5
    assert process_pending() == 5
    items = {item.author_handle: item for item in Item.objects.all()}
    assert {item.state for item in items.values()} == {"done"}
    for item in items.values():
        assert {k: v for k, v in item.versions.items() if k != COMPLETIONS} == VERSIONS
        assert item.versions[COMPLETIONS] == 1
    budi = items["budi_s"]
    assert budi.election == pilpres
    assert budi.score > 0.5 and budi.violation_code and budi.cues
    from netra.law import catalogue

    assert budi.indicator == catalogue.get(budi.violation_code).indicator  # the catalogue's, not a guess
    assert budi.indicator in catalogue.INDICATORS
    assert budi.watched_account == watched and budi.author_matches[0]["nip"] == "198203042006041002"
    # Budi's region (21.01.04) decides the competent office: the Panwaslu of Gunung Kijang.
    assert (budi.region_code, budi.office) == ("21.01.04", world["offices"]["gunung_kijang"])
    # The display name found Siti in the roster (one record of that name).
    assert items["siti_r"].author_matches[0]["pegawai_id"] == roster["198001012005012001"].pk
    assert items["siti_r"].author_matches[0]["namesakes"] == 1
    # Three accounts, two civil servants, within six hours: coordinated.
    cluster = budi.cluster
    assert cluster is not None and cluster == items["siti_r"].cluster == items["akun_lain"].cluster
    assert (cluster.size, cluster.account_count, cluster.coordinated) == (3, 3, True)
    assert (
        items["eng"].language == "en"
        and items["eng"].score is None
        and items["eng"].triage == "tidak_relevan"
    )
    assert items["warga2"].score < 0.5 and items["warga2"].cluster != cluster
    assert max(items.values(), key=lambda i: i.priority) == budi
    assert items["akun_lain"].priority > items["warga2"].priority + 25


@pytest.mark.django_db
def test_clusters_grow_across_batches_and_need_two_civil_servants(sources, pilpres, settings):
    settings.NETRA_MONITOR_BATCH = 2
    for index in range(5):
        items_add(source=sources["upload"], rows=[post(COPY, f"akun{index}", minutes=index)], kind="post")
        process_pending()
    clusters = set(Item.objects.values_list("cluster_id", flat=True))
    assert len(clusters) == 1
    cluster = Cluster.objects.get()
    assert (cluster.size, cluster.account_count, cluster.coordinated) == (5, 5, False)  # no civil servant
    bands = ClusterBand.objects.filter(cluster=cluster).count()
    assert bands == 10  # identical copies share every bucket: one row per band


@pytest.mark.django_db
def test_a_worker_that_loses_the_race_for_a_bucket_joins_the_winners_cluster(sources, settings):
    # Two workers see the same new text at once: neither finds a stored bucket, both start a cluster.
    # The second to write finds the buckets taken (the unique constraint) and joins the first's.
    items_add(
        source=sources["upload"], rows=[post(COPY, "akun1"), post(COPY, "akun2", minutes=1)], kind="post"
    )

    def rival_writes_first(batch):
        assert run_one_batch(1)["done"] == 1  # the other worker claims, computes and commits

    assert run_one_batch(1, hooks={"before_write": rival_writes_first})["done"] == 1
    assert Item.objects.filter(state=Item.State.DONE).count() == 2
    cluster = Cluster.objects.get()  # ours was removed
    assert set(Item.objects.values_list("cluster_id", flat=True)) == {cluster.pk}
    assert ClusterBand.objects.filter(cluster=cluster).count() == 10
    assert (cluster.size, cluster.account_count) == (2, 2)


@pytest.mark.django_db
def test_cluster_counts_match_their_items_whether_new_or_grown(sources, settings):
    # New clusters are stored with the counts of their batch's items; grown ones are recounted.
    settings.NETRA_MONITOR_BATCH = 4
    rows = [
        post(COPY, "akun1"),
        post(COPY, "", name="Tanpa Akun", minutes=3),
        post(COPY, "akun2", minutes=-5, posted_at=None),
        post(NEUTRAL, "akun3", minutes=2),
        post(NEUTRAL + " lagi", "akun4", minutes=9),
        post(COPY, "akun5", minutes=20),
        post(NEUTRAL, "akun6", minutes=-30),
    ]
    for start in range(0, len(rows), 3):
        items_add(source=sources["upload"], rows=rows[start : start + 3], kind="post")
        process_pending()
    assert Item.objects.filter(state=Item.State.DONE).count() == len(rows)
    for cluster in Cluster.objects.all():
        items = list(Item.objects.filter(cluster=cluster))
        posted = [item.posted_at for item in items if item.posted_at]
        assert cluster.size == len(items)
        assert cluster.account_count == len({item.author_handle for item in items})
        if posted:
            assert cluster.first_seen_at <= min(posted) and cluster.last_seen_at >= max(posted)


@pytest.mark.django_db
def test_a_failing_item_is_retried_then_parked_without_holding_back_the_batch(sources, settings, monkeypatch):
    from netra.monitoring.pipeline import stages

    settings.NETRA_MONITOR_MAX_ATTEMPTS = 2
    original = stages.score

    def broken(batch, **kwargs):
        if any("RUSAK" in work.item.text for work in batch):
            raise RuntimeError("pembaca gagal")
        return original(batch, **kwargs)

    monkeypatch.setattr(stages, "score", broken)
    items_add(
        source=sources["upload"],
        rows=[post(NEUTRAL, "a"), post("teks RUSAK ini gagal dibaca", "b")],
        kind="post",
    )
    assert process_pending() == 1
    bad = Item.objects.get(author_handle="b")
    assert bad.state == "failed" and "pembaca gagal" in bad.error and bad.next_attempt_at > timezone.now()
    assert Item.objects.get(author_handle="a").state == "done"
    # Once its back-off has passed it is retried; the second failure is its last attempt: parked.
    later = bad.next_attempt_at + dt.timedelta(seconds=1)
    claim = queue.claim(now=later)
    assert claim.ids == [bad.pk]
    from netra.monitoring.pipeline.run import process_claim

    assert process_claim(claim) == {"done": 0, "retried": 0, "parked": 1}
    bad.refresh_from_db()
    assert (bad.state, bad.attempts) == ("parked", 2)


@pytest.mark.django_db
def test_the_sweeper_returns_a_dead_workers_items_and_completion_is_exactly_once(sources):
    items_add(
        source=sources["upload"], rows=[post(NEUTRAL, f"akun{i}", minutes=i) for i in range(4)], kind="post"
    )
    dead = queue.claim()  # a worker that claims, then dies
    assert len(dead.ids) == 4 and Lease.objects.get(pk=dead.lease_id).item_ids == dead.ids
    assert set(Item.objects.values_list("state", flat=True)) == {"pending"}  # held by a lease, no state
    assert queue.sweep() == {"returned": 0, "parked": 0}  # its lease has not expired yet
    assert run_one_batch()["claimed"] == 0
    expired = dead.lease_until + dt.timedelta(seconds=1)
    assert queue.sweep(now=expired) == {"returned": 4, "parked": 0}
    alive = queue.claim()
    assert alive.ids == dead.ids
    # The presumed-dead worker wakes up and finishes its batch: it no longer holds the items.
    from netra.monitoring.pipeline.run import process_claim

    assert process_claim(dead)["done"] == 0
    assert process_claim(alive)["done"] == 4
    assert all(item.versions[COMPLETIONS] == 1 for item in Item.objects.all())
    assert set(Item.objects.values_list("state", flat=True)) == {"done"}


@pytest.mark.django_db
def test_a_claim_holds_items_by_lease_and_the_source_counts_show_them_running(sources):
    from netra.monitoring.selectors_sources import pipeline_counts

    source = sources["upload"]
    items_add(source=source, rows=[post(NEUTRAL, f"akun{i}", minutes=i) for i in range(5)], kind="post")
    first = queue.claim(3)
    assert queue.claim(10).ids == sorted(set(Item.objects.values_list("pk", flat=True)) - set(first.ids))
    counts = pipeline_counts([source.pk])[source.pk]
    assert (counts["pending"], counts["running"], counts["total"]) == (0, 5, 5)
    # Once the leases pass, the items are due again without a sweep, and counted as waiting.
    later = first.lease_until + dt.timedelta(seconds=1)
    assert len(queue.claim(10, now=later).ids) == 5
    assert queue.due_count(now=later) == 5
    # The sweeper deletes the expired leases and counts the lost attempt against their items.
    assert queue.sweep(now=later) == {"returned": 5, "parked": 0}
    assert list(Lease.objects.values_list("item_ids", flat=True)) == [
        sorted(Item.objects.values_list("pk", flat=True))
    ]
    assert set(Item.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db
def test_a_worker_whose_lease_expired_writes_nothing_when_another_completed_its_items(sources):
    from netra.monitoring.pipeline.run import process_claim

    items_add(source=sources["upload"], rows=[post(COPY, "akun1"), post(NEUTRAL, "akun2")], kind="post")
    slow = queue.claim()
    fast = queue.claim(now=slow.lease_until + dt.timedelta(seconds=1))  # not swept yet: due again
    assert fast.ids == slow.ids

    def fast_finishes_first(batch):
        assert process_claim(fast)["done"] == 2

    assert process_claim(slow, hooks={"before_write": fast_finishes_first})["done"] == 0
    items = list(Item.objects.all())
    assert all(item.state == "done" and item.versions[COMPLETIONS] == 1 for item in items)
    # The slow worker's clusters were rolled back with its write: every cluster holds an item.
    assert set(Cluster.objects.values_list("pk", flat=True)) == {item.cluster_id for item in items}
    assert not Lease.objects.exists()


@pytest.mark.django_db
def test_news_items_are_read_with_the_article_reader(sources):
    text = (
        "Bawaslu Kabupaten Bintan menemukan 12 ASN terlibat kampanye pasangan calon dalam Pilkada. "
        "Ketua Bawaslu Bintan mengatakan para aparatur sipil negara tersebut hadir dalam deklarasi "
        "dukungan dan akan direkomendasikan kepada BKN untuk dijatuhi sanksi."
    )
    items_add(
        source=sources["upload"],
        rows=[
            {
                "title": "Belasan ASN Bintan langgar netralitas",
                "text": text,
                "url": "https://berita.example/asn-bintan",
            }
        ],
        kind="news",
    )
    process_pending()
    item = Item.objects.get()
    assert item.state == "done" and item.score >= 0.6 and item.indicator


@pytest.mark.django_db
def test_the_scheduled_sweeper_and_the_process_command(sources, settings):
    import json

    from typer.testing import CliRunner

    from netra.cli import app
    from netra.monitoring.tasks import pipeline_sweep

    assert "netra.monitoring.tasks.pipeline_sweep" in settings.NETRA_SCHEDULED_TASKS
    items_add(
        source=sources["upload"], rows=[post(NEUTRAL, f"akun{i}", minutes=i) for i in range(3)], kind="post"
    )
    dead = queue.claim()
    Lease.objects.filter(pk=dead.lease_id).update(until=timezone.now() - dt.timedelta(seconds=1))
    swept = pipeline_sweep.call()
    assert swept == {"returned": 3, "parked": 0, "due": 3, "enqueued": 1}
    result = CliRunner().invoke(app, ["monitor", "process", "--wait", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"processed": 3, "states": {"done": 3}}


@pytest.mark.django_db
def test_a_batch_costs_the_same_queries_whatever_its_size(sources, pilpres, roster, watched):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count, offset):
        rows = [
            post(
                f"{COPY} versi {n % 3}" if n % 2 else f"{NEUTRAL} nomor {n + offset}",
                f"akun{n + offset}",
                "Siti Rahmawati" if n % 5 == 0 else f"Warga {n + offset}",
                "guru",
                minutes=n,
            )
            for n in range(count)
        ] + [post(f"{COPY} {offset}", "budi_s", minutes=offset)]
        items_add(source=sources["upload"], rows=rows, kind="post")
        with CaptureQueriesContext(connection) as captured:
            assert process_pending() == count + 1
        return len(captured)

    small, large = queries_for(6, 0), queries_for(60, 1000)
    assert large <= small + 2, (small, large)  # no query per item: the batch's lookups are bulk
