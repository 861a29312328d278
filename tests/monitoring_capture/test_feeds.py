"""News feeds from a local server: conditional GET, 304, back-off after errors, malformed feeds,
the per-host politeness delay, due sources, the scheduled task and the CLI."""

import itertools
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cli import app
from netra.monitoring.models import Item, Source
from netra.monitoring.services.feeds import HostPacer, fetch_due_feeds, fetch_feed
from tests.monitoring_capture.conftest import Answer

ETAG = '"versi-1"'
MODIFIED = "Sat, 05 Dec 2026 04:00:00 GMT"


def _rss(*entries: tuple[str, str]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://warta.example/{slug}</link><guid>{slug}</guid>"
        f"<description>&lt;p&gt;Berita {title} tentang netralitas ASN.&lt;/p&gt;</description>"
        "<pubDate>Sat, 05 Dec 2026 10:00:00 +0700</pubDate></item>"
        for slug, title in entries
    )
    channel = f"<channel><title>Warta</title>{items}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>".encode()


FEED = _rss(("a", "Camat hadir kampanye"), ("b", "Guru unggah dukungan"))


def _conditional(body: bytes):
    """A server that answers 304 when the client presents the current validators."""

    def answer(headers):
        if headers.get("if-none-match") == ETAG or headers.get("if-modified-since") == MODIFIED:
            return Answer(304, b"", {"ETag": ETAG})
        return Answer(
            200, body, {"Content-Type": "application/rss+xml", "ETag": ETAG, "Last-Modified": MODIFIED}
        )

    return answer


@pytest.fixture(autouse=True)
def _no_politeness_wait(settings):
    settings.NETRA_FEED_HOST_DELAY = 0


@pytest.fixture
def feed(world, site):
    return Source.objects.create(
        name="Warta Bintan", kind=Source.Kind.FEED, office=world["offices"]["bintan"], url=site.url("/rss"),
        fetch_interval=900,
    )  # fmt: skip


@pytest.mark.django_db
def test_first_fetch_adds_news_items_and_keeps_the_validators(feed, site):
    site.route("/rss", _conditional(FEED))
    before = timezone.now()
    result = fetch_feed(feed)
    assert (result.status, result.http_status, result.new, result.duplicates) == ("fetched", 200, 2, 0)
    items = Item.objects.filter(source=feed).order_by("url")
    assert [i.kind for i in items] == [Item.Kind.NEWS] * 2
    assert items[0].title == "Camat hadir kampanye" and items[0].url == "https://warta.example/a"
    assert items[0].text == "Berita Camat hadir kampanye tentang netralitas ASN."
    assert items[0].state == Item.State.PENDING  # the pipeline's work is scheduled
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified, feed.consecutive_failures) == (ETAG, MODIFIED, 0)
    assert before + timedelta(seconds=900) <= feed.next_fetch_at <= timezone.now() + timedelta(seconds=900)


@pytest.mark.django_db
def test_second_fetch_is_conditional_and_304_adds_nothing(feed, site):
    site.route("/rss", _conditional(FEED))
    fetch_feed(feed)
    result = fetch_feed(feed)
    assert (result.status, result.http_status, result.new) == ("not_modified", 304, 0)
    last = site.seen[-1].headers
    assert last["if-none-match"] == ETAG and last["if-modified-since"] == MODIFIED
    assert "if-none-match" not in site.seen[0].headers  # nothing to present the first time
    feed.refresh_from_db()
    assert feed.etag == ETAG and feed.consecutive_failures == 0
    assert Item.objects.filter(source=feed).count() == 2


@pytest.mark.django_db
def test_an_unchanged_feed_without_validators_adds_duplicates_not_items(feed, site):
    site.route("/rss", Answer(200, FEED, {"Content-Type": "application/rss+xml"}))
    fetch_feed(feed)
    site.route("/rss", Answer(200, _rss(("a", "Camat hadir kampanye"), ("c", "Berita baru")), {}))
    result = fetch_feed(feed)
    assert (result.new, result.duplicates) == (1, 1)
    assert Item.objects.filter(source=feed).count() == 3


@pytest.mark.django_db
def test_errors_back_off_exponentially_capped_then_recover(feed, site, settings):
    settings.NETRA_FEED_MAX_BACKOFF = 4 * 3600
    site.route("/rss", Answer(500, b"galat server"))
    delays = []
    for _ in range(6):
        now = timezone.now()
        result = fetch_feed(feed, now=now)
        assert result.status == "error" and result.http_status == 500 and "HTTP 500" in result.error
        delays.append((result.next_fetch_at - now).total_seconds())
    assert delays == [1800, 3600, 7200, 14400, 14400, 14400]  # 900 * 2**n, capped at 4 h
    feed.refresh_from_db()
    assert feed.consecutive_failures == 6 and "HTTP 500" in feed.last_error
    failed = Event.objects.filter(action="monitoring.feed_failed", object_id=str(feed.pk))
    assert failed.count() == 6 and failed.last().data["http_status"] == 500

    site.route("/rss", _conditional(FEED))
    assert fetch_feed(feed).status == "fetched"
    feed.refresh_from_db()
    assert (feed.consecutive_failures, feed.last_error) == (0, "")


@pytest.mark.django_db
def test_retry_after_is_honoured(feed, site):
    site.route("/rss", Answer(503, b"", {"Retry-After": "10800"}))
    now = timezone.now()
    result = fetch_feed(feed, now=now)
    assert result.next_fetch_at - now == timedelta(seconds=10800)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", [b"<html><body>Situs sedang dalam perbaikan</body></html>", b"<rss><channel><item><title>x</ti"]
)
def test_a_malformed_feed_is_an_error_not_a_crash(feed, site, body):
    site.route("/rss", Answer(200, body, {"Content-Type": "text/html"}))
    result = fetch_feed(feed)
    if result.status == "error":
        assert "RSS/Atom" in result.error
        feed.refresh_from_db()
        assert feed.consecutive_failures == 1
    else:  # what a truncated feed still holds is read, nothing invented
        assert result.new == 0 or Item.objects.filter(source=feed).exclude(text="").count() == result.new


@pytest.mark.django_db
def test_private_feed_addresses_are_refused_like_captures(feed, site, settings):
    settings.NETRA_CAPTURE_ALLOW_PRIVATE = False
    site.route("/rss", _conditional(FEED))
    result = fetch_feed(feed)
    assert result.status == "error" and "jaringan internal" in result.error
    assert site.seen == []


@pytest.mark.django_db
def test_host_pacer_spaces_requests_to_one_host():
    clock = {"now": 100.0}
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        clock["now"] += seconds

    pacer = HostPacer(5, clock=lambda: clock["now"], sleep=sleep)
    assert pacer.wait("warta.example") == 0
    assert pacer.wait("kabar.example") == 0  # another host is not held up
    clock["now"] += 2
    assert pacer.wait("WARTA.example") == 3  # 5 s after the first request, not 5 s after now
    assert pacer.wait("warta.example") == 5
    clock["now"] += 60
    assert pacer.wait("warta.example") == 0
    assert slept == [3, 5]


@pytest.mark.django_db
def test_due_feeds_on_one_host_are_fetched_politely(world, site, settings):
    settings.NETRA_FEED_HOST_DELAY = 1
    bintan = world["offices"]["bintan"]
    for n in range(3):
        site.route(f"/rss{n}", Answer(200, _rss((f"s{n}", f"Berita {n}")), {}))
        Source.objects.create(
            name=f"Umpan {n}", kind=Source.Kind.FEED, office=bintan, url=site.url(f"/rss{n}")
        )
    results = fetch_due_feeds()
    assert [r.new for r in results] == [1, 1, 1]
    times = [seen.at for seen in site.seen]
    assert all(later - earlier >= 0.95 for earlier, later in itertools.pairwise(times))


@pytest.mark.django_db
def test_only_active_due_feeds_are_fetched_and_each_once(world, site):
    bintan, now = world["offices"]["bintan"], timezone.now()
    site.route("/due", Answer(200, _rss(("d", "Jatuh tempo")), {}))
    for path in ("/later", "/inactive", "/upload"):
        site.route(path, Answer(200, _rss(("x" + path, "Tidak boleh")), {}))

    def make(name, path, **extra):
        fields = {"kind": Source.Kind.FEED, "office": bintan, "url": site.url(path), **extra}
        return Source.objects.create(name=name, **fields)

    due = make("Jatuh tempo", "/due", next_fetch_at=now - timedelta(minutes=1))
    make("Nanti", "/later", next_fetch_at=now + timedelta(minutes=5))
    make("Nonaktif", "/inactive", is_active=False)
    make("Unggahan", "/upload", kind=Source.Kind.UPLOAD)
    results = fetch_due_feeds(now=now)
    assert [(r.source_id, r.new) for r in results] == [(due.pk, 1)]
    assert [seen.path for seen in site.seen] == ["/robots.txt", "/due"]  # robots.txt first, once
    assert fetch_due_feeds(now=now) == []  # no longer due: a second beat (or worker) does nothing


@pytest.mark.django_db
def test_a_source_claimed_by_another_worker_is_skipped(world, site, monkeypatch):
    from netra.monitoring.services import feeds as feeds_module

    source = Source.objects.create(
        name="Rebutan", kind=Source.Kind.FEED, office=world["offices"]["bintan"], url=site.url("/rss")
    )
    site.route("/rss", Answer(200, FEED, {}))
    original = feeds_module._claim

    def claimed_elsewhere_first(found, now):
        Source.objects.filter(pk=found.pk).update(next_fetch_at=now + timedelta(minutes=10))  # the other one
        return original(found, now)

    monkeypatch.setattr(feeds_module, "_claim", claimed_elsewhere_first)
    assert fetch_due_feeds() == []
    assert site.seen == [] and not Item.objects.filter(source=source).exists()


@pytest.mark.django_db
def test_the_scheduled_task_fetches_due_feeds(feed, site, settings):
    from netra.monitoring.tasks_feeds import feeds_fetch_due

    assert "netra.monitoring.tasks_feeds.feeds_fetch_due" in settings.NETRA_SCHEDULED_TASKS
    site.route("/rss", _conditional(FEED))
    assert feeds_fetch_due.call() == {"fetched": 1, "new": 2, "errors": 0}
    assert feeds_fetch_due.call() == {"fetched": 0, "new": 0, "errors": 0}


@pytest.mark.django_db
def test_cli_fetch_one_source_as_json(feed, site):
    site.route("/rss", _conditional(FEED))
    result = CliRunner().invoke(app, ["monitor", "fetch", "--source", str(feed.pk), "--json"])
    assert result.exit_code == 0, result.output
    (answer,) = json.loads(result.output)
    assert answer["source_id"] == feed.pk and answer["status"] == "fetched" and answer["new"] == 2
    site.route("/rss", Answer(500, b""))
    failed = CliRunner().invoke(app, ["monitor", "fetch", "--source", str(feed.pk), "--json"])
    assert failed.exit_code == 1 and json.loads(failed.output)[0]["status"] == "error"
    unknown = CliRunner().invoke(app, ["monitor", "fetch", "--source", "999999"])
    assert unknown.exit_code == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("office", "role", "status"),
    [
        ("bintan", Role.PENGAWAS, 200),
        ("kepri", Role.PIMPINAN, 200),
        ("bintan", Role.ADMIN, 403),
        ("lingga", Role.PENGAWAS, 404),
        ("ppk_bintan", Role.PIMPINAN, 404),
    ],
)
def test_fetch_now_button(client, world, feed, site, office, role, status):
    site.route("/rss", _conditional(FEED))
    client.force_login(world["staff"][office][role])
    response = client.post(reverse("monitoring:source_fetch", args=[feed.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == status
    assert Item.objects.filter(source=feed).count() == (2 if status == 200 else 0)
    if status == 200:
        assert "2 berita baru" in response.content.decode()
        event = Event.objects.get(action="monitoring.feed_fetch", object_id=str(feed.pk))
        assert event.data["new"] == 2


@pytest.mark.django_db
def test_fetch_now_says_why_a_feed_failed(client, world, feed, site):
    site.route("/rss", Answer(500, b""))
    client.force_login(world["staff"]["bintan"][Role.PENGAWAS])
    response = client.post(reverse("monitoring:source_fetch", args=[feed.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "HTTP 500" in response.content.decode()
    # Without htmx: back to the page the button was on, the outcome as a message.
    plain = client.post(
        reverse("monitoring:source_fetch", args=[feed.pk]), HTTP_REFERER="http://testserver/pemantauan/"
    )
    assert plain.status_code == 302 and plain["Location"] == "http://testserver/pemantauan/"
    elsewhere = client.post(
        reverse("monitoring:source_fetch", args=[feed.pk]), HTTP_REFERER="https://jahat.example/"
    )
    assert elsewhere["Location"] == reverse("monitoring:queue")


@pytest.mark.django_db
def test_the_fetch_now_button_fragment_posts_to_the_view(world, feed):
    from django.template.loader import render_to_string

    html = render_to_string("monitoring/capture_feed_button.html", {"source": feed})
    assert reverse("monitoring:source_fetch", args=[feed.pk]) in html and "Ambil sekarang" in html
    upload = Source.objects.create(name="Unggahan", kind=Source.Kind.UPLOAD, office=feed.office)
    assert "Ambil sekarang" not in render_to_string("monitoring/capture_feed_button.html", {"source": upload})
