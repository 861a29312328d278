"""Issue 12's feed journey in headless Chromium: a Bawaslu Bintan officer configures a news feed served
by a local test server (never the internet) on the sources page, the worker's scheduled task fetches
it, the pipeline reads the article, the officer finds it in "Pemantauan", opens it, and captures the
article's page as evidence: the click queues it, a worker (`netra worker --burst`) captures it, and
the list, polling, shows the WARC and PDF with their SHA-256."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import expect
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.accounts.services import user_create
from netra.cli import app
from netra.monitoring.models import Capture, Item, Source
from netra.monitoring.pipeline import process_pending
from netra.monitoring.tasks_feeds import feeds_fetch_due
from tests.e2e.test_journeys import PASSWORD, login, world  # noqa: F401
from tests.e2e.test_phone_and_a11y import axe_violations, sideways
from tests.monitoring_capture.conftest import Answer, LocalSite
from tests.monitoring_capture.test_feed_pipeline import ARTICLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Camat hadir di deklarasi pasangan calon"


@pytest.fixture
def feed_site(settings, tmp_path):
    settings.NETRA_CAPTURE_ALLOW_PRIVATE = True  # the test server listens on 127.0.0.1
    settings.NETRA_FEED_HOST_DELAY = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    site = LocalSite()
    article_url = site.url("/berita/camat")
    rss = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Warta Kepri</title>"
        f"<item><title>{TITLE}</title><link>{article_url}</link><guid>camat</guid>"
        f"<description><![CDATA[{ARTICLE}]]></description>"
        "<pubDate>Sat, 05 Dec 2026 10:00:00 +0700</pubDate></item></channel></rss>"
    ).encode()
    page = (
        f"<!doctype html><html lang='id'><head><meta charset='utf-8'><title>{TITLE}</title>"
        "<link rel='stylesheet' href='/gaya.css'></head>"
        f"<body><h1>{TITLE}</h1>{ARTICLE}</body></html>"
    ).encode()
    site.route("/rss", Answer(200, rss, {"Content-Type": "application/rss+xml", "ETag": '"1"'}))
    site.route("/berita/camat", Answer(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    site.route("/gaya.css", Answer(200, b"h1 { color: #7a0000; }", {"Content-Type": "text/css"}))
    yield site
    site.close()


@pytest.fixture
def officer(world):  # noqa: F811 - the journeys' world (Kepri offices, an election)
    return user_create(
        username="pengawas.bintan",
        password=PASSWORD,
        office=world["offices"]["bintan"],
        role=Role.PENGAWAS,
        full_name="Pengawas Bintan",
        actor="test",
    )


def test_feed_article_reaches_pemantauan_and_is_captured(browser, live_server, world, officer, feed_site):  # noqa: F811
    base = live_server.url
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    login(page, base, "pengawas.bintan")

    # The officer configures the feed on the sources page.
    page.goto(f"{base}/pemantauan/sumber/")
    page.fill("#id_name", "Warta Kepri")
    page.select_option("#id_kind", "feed")
    page.fill("#id_url", feed_site.url("/rss"))
    page.fill("#id_fetch_interval", "900")
    page.click("[data-testid=source-form] button[type=submit]")
    page.wait_for_selector("[data-testid=source-created]")
    source = Source.objects.get(name="Warta Kepri")
    assert (source.kind, source.url, source.office) == (
        "feed",
        feed_site.url("/rss"),
        world["offices"]["bintan"],
    )

    # What `netra worker` does at each beat (a new feed is due at once), then the pipeline's work.
    assert feeds_fetch_due.call() == {"fetched": 1, "new": 1, "errors": 0}
    assert process_pending() == 1
    article = Item.objects.get(source=source)
    assert article.kind == Item.Kind.NEWS and article.score

    page.click("[data-testid=nav-monitoring]")
    page.wait_for_selector("[data-testid=monitoring-queue]")
    row = page.locator("[data-testid=queue-item]", has_text=TITLE)
    assert row.count() == 1 and "Warta Kepri" in row.inner_text()
    row.locator("a").first.click()
    page.wait_for_selector("[data-testid=item-text]")
    assert "mengacungkan dua jari" in page.inner_text("[data-testid=item-text]")

    page.goto(f"{base}/pemantauan/butir/{article.pk}/tangkapan/")
    assert "Belum ada tangkapan" in page.inner_text("[data-testid=captures]")
    feed_site.seen.clear()
    page.click("[data-testid=capture-button]")
    # The click only queues the capture: the list says "menunggu" and polls until a worker is done.
    expect(page.locator("[data-testid=capture-pending]")).to_be_visible()
    assert feed_site.seen == []
    worker = CliRunner().invoke(app, ["worker", "--burst"])
    assert worker.exit_code == 0, worker.output
    expect(page.locator("[data-testid=capture] [data-testid=rendered-sha256]")).to_be_visible(timeout=30_000)
    capture = Capture.objects.get(item=article)
    assert page.inner_text("[data-testid=warc-sha256]") == capture.warc_sha256
    assert page.inner_text("[data-testid=rendered-sha256]") == capture.rendered_sha256
    assert capture.rendered_kind == "pdf" and capture.error == ""
    with default_storage.open(capture.rendered_file.name, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == capture.rendered_sha256
    # Fetched once: the page and its style sheet, nothing twice.
    assert sorted(seen.path for seen in feed_site.seen) == ["/berita/camat", "/gaya.css"]
    assert sideways(page) <= 0 and axe_violations(page) == []

    with page.expect_download() as download:
        page.click("[data-testid=capture] a >> text=WARC")
    assert hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest() == capture.warc_sha256
    page.close()
