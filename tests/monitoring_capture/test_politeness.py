"""Politeness of the feed fetcher: one pace per host shared by every fetcher (threads standing in for
worker processes, each with its own database connection), robots.txt honoured (allow, disallow,
unreadable), and every request naming itself. All against a local server, never the internet."""

import itertools
import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.monitoring.models import HostSlot, Item, Source
from netra.monitoring.services.feeds import fetch_feed
from netra.monitoring.services.politeness import HostPacer, host_key
from tests.monitoring_capture.conftest import Answer
from tests.monitoring_capture.test_feeds import _rss


@pytest.fixture(autouse=True)
def _robots_forgotten():
    cache.clear()  # robots.txt is cached per site; each test's server is a new site
    yield
    cache.clear()


def _feeds(world, site, count, **extra):
    bintan = world["offices"]["bintan"]
    sources = []
    for n in range(count):
        feed = Answer(200, _rss((f"p{n}", f"Berita {n}")), {"Content-Type": "application/rss+xml"})
        site.route(f"/rss{n}", feed)
        sources.append(
            Source.objects.create(
                name=f"Umpan {n}", kind=Source.Kind.FEED, office=bintan, url=site.url(f"/rss{n}"), **extra
            )
        )
    return sources


@pytest.mark.postgresql(
    reason="threads share SQLite's in-memory test database through its shared cache, where a second "
    "writer fails with 'table is locked' instead of waiting as it does on a database file"
)
@pytest.mark.django_db(transaction=True)
def test_fetchers_in_parallel_keep_one_pace_per_host(world, site, settings):
    """Three fetchers (own connections, own pacers: what separate worker processes have) start at the
    same moment on three feeds of one host: the server sees every request of that host, robots.txt
    included, at least the delay apart."""
    settings.NETRA_FEED_HOST_DELAY = 1
    sources = _feeds(world, site, 3)
    start, outcomes = threading.Barrier(3), []

    def fetcher(source):
        try:
            start.wait()
            outcomes.append(fetch_feed(source, pacer=HostPacer()).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=fetcher, args=(source,)) for source in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["fetched"] * 3
    feeds = [seen for seen in site.seen if seen.path.startswith("/rss")]
    assert len(feeds) == 3
    times = sorted(seen.at for seen in site.seen)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # The pacer spaces the requests' starts 1 s apart; the server sees them up to a scheduling delay
    # later on a loaded machine, so half a second is the floor (unpaced, the gaps would be ~0).
    assert all(gap >= 0.5 for gap in gaps), gaps
    assert HostSlot.objects.get(host=host_key(site.url())).next_at > 0


@pytest.mark.django_db
def test_a_source_s_own_delay_overrides_the_setting(world, site, settings):
    settings.NETRA_FEED_HOST_DELAY = 0
    clock, slept = {"now": 1000.0}, []

    def sleep(seconds):
        slept.append(seconds)
        clock["now"] += seconds

    pacer = HostPacer(clock=lambda: clock["now"], sleep=sleep)
    assert pacer.wait("warta.example") == 0  # no delay configured: no wait, nothing reserved
    assert pacer.wait("warta.example", 7) == 0
    assert pacer.wait("warta.example", 7) == 7
    assert slept == [7]


@pytest.mark.django_db
def test_robots_allow_fetches_and_is_read_once_per_site(world, site, settings):
    settings.NETRA_FEED_HOST_DELAY = 0
    site.route("/robots.txt", Answer(200, b"User-agent: Netra\nDisallow: /pribadi/\n", {}))
    first, second = _feeds(world, site, 2)
    assert fetch_feed(first).status == "fetched"
    assert fetch_feed(second).status == "fetched"
    assert [seen.path for seen in site.seen] == ["/robots.txt", "/rss0", "/rss1"]
    agent = site.seen[0].headers["user-agent"]
    assert agent.startswith("Netra/") and f"(+{settings.NETRA_CONTACT_URL})" in agent
    assert all(seen.headers["user-agent"] == agent for seen in site.seen)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "robots",
    [
        b"User-agent: *\nDisallow: /\n",
        b"User-agent: Googlebot\nAllow: /\n\nUser-agent: Netra\nDisallow: /rss\n",
    ],
)
def test_a_disallowed_feed_is_not_fetched_and_says_why(client, world, site, settings, robots):
    settings.NETRA_FEED_HOST_DELAY = 0
    site.route("/robots.txt", Answer(200, robots, {"Content-Type": "text/plain"}))
    (source,) = _feeds(world, site, 1)
    before = timezone.now()
    result = fetch_feed(source)
    assert result.status == "error" and "robots.txt" in result.error
    assert [seen.path for seen in site.seen] == ["/robots.txt"]  # the feed itself was never asked for
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and "melarang Netra" in source.last_error
    # Not retried hot: not before the robots.txt is read anew.
    assert source.next_fetch_at >= before + timedelta(seconds=settings.NETRA_ROBOTS_TTL)
    assert not Item.objects.filter(source=source).exists()
    assert Event.objects.filter(action="monitoring.feed_failed", object_id=str(source.pk)).exists()
    # The sources page shows the reason to the office.
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    html = client.get(reverse("monitoring:source_list")).content.decode()
    assert 'data-testid="source-error"' in html and "melarang Netra" in html
    detail = client.get(reverse("monitoring:source_detail", args=[source.pk])).content.decode()
    assert "melarang Netra" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "fetched"), [(404, True), (403, True), (503, False)])
def test_robots_answers_other_than_200(world, site, settings, status, fetched):
    """RFC 9309: a 4xx robots.txt means no rules; a 5xx means the rules cannot be known: wait."""
    settings.NETRA_FEED_HOST_DELAY = 0
    site.route("/robots.txt", Answer(status, b"", {}))
    (source,) = _feeds(world, site, 1)
    result = fetch_feed(source)
    assert (result.status == "fetched") is fetched
    if not fetched:
        assert "robots.txt" in result.error and [s.path for s in site.seen] == ["/robots.txt"]


@pytest.mark.django_db
def test_robots_can_be_switched_off_for_closed_networks(world, site, settings):
    settings.NETRA_FEED_HOST_DELAY = 0
    settings.NETRA_FEED_ROBOTS = False
    site.route("/robots.txt", Answer(200, b"User-agent: *\nDisallow: /\n", {}))
    (source,) = _feeds(world, site, 1)
    assert fetch_feed(source).status == "fetched"
    assert [seen.path for seen in site.seen] == ["/rss0"]


@pytest.mark.django_db
def test_source_form_takes_a_host_delay(world, settings):
    client = Client()
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    response = client.post(
        reverse("monitoring:source_list"),
        {"name": "Warta lambat", "kind": "feed", "url": "https://warta.example/rss", "fetch_interval": 900,
         "host_delay": 30},
    )  # fmt: skip
    assert response.status_code == 302
    assert Source.objects.get(name="Warta lambat").host_delay == 30


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql(reason="separate processes share the test database only on a server")
def test_two_worker_processes_keep_one_pace_per_host(world, site, tmp_path):
    """Two real `netra monitor fetch` processes, started together, share six due feeds of one host
    (each claims its own): the server still sees its requests at least the delay apart."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.monitoring.test_worker_kill import database_url

    root = Path(__file__).resolve().parents[2]
    _feeds(world, site, 6)
    env = {
        **os.environ,
        "NETRA_DATABASE_URL": database_url(),
        "NETRA_DATA_DIR": str(tmp_path),
        "NETRA_CAPTURE_ALLOW_PRIVATE": "true",
        "NETRA_FEED_HOST_DELAY": "1",
        "PYTHONPATH": os.pathsep.join([str(root), str(root / "src")]),
    }
    command = [sys.executable, "-c", "from netra.cli import main; main()", "monitor", "fetch", "--json"]
    workers = [
        subprocess.Popen(command, env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    assert len([seen for seen in site.seen if seen.path.startswith("/rss")]) == 6  # each feed once
    times = sorted(seen.at for seen in site.seen)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert all(gap >= 0.5 for gap in gaps), gaps  # paced 1 s apart; see the threaded test
