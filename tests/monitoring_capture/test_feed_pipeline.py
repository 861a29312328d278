"""A news feed served locally runs end to end without a browser: the scheduled fetch turns its
entries into items, the pipeline reads the article (region, competent office, relevance), and the
article reaches the triage queue of the office whose territory it concerns, not another's; a second
beat adds nothing."""

import pytest
from django.utils import timezone

from netra.accounts.models import Role
from netra.monitoring.models import Item, Source
from netra.monitoring.pipeline import process_pending
from netra.monitoring.selectors import triage_queue
from netra.monitoring.tasks_feeds import feeds_fetch_due
from tests.monitoring_capture.conftest import Answer

# Written for this test (not taken from any corpus): an ASN at a candidate's declaration in Bintan.
ARTICLE = (
    "<p>Bawaslu Kabupaten Bintan menelusuri kehadiran seorang camat, aparatur sipil negara (ASN), dalam "
    "deklarasi dukungan kepada pasangan calon bupati di Gunung Kijang pada Sabtu pagi.</p>"
    "<p>Dalam acara itu sang camat ikut mengacungkan dua jari dan berpidato mengajak warga memilih "
    "pasangan calon nomor urut 2. Ketua Bawaslu Bintan mengatakan pihaknya telah memanggil camat "
    "tersebut untuk dimintai klarifikasi karena ASN wajib menjaga netralitas dalam Pilkada.</p>"
)
WEATHER = "<p>Cuaca di pesisir timur diperkirakan cerah berawan sepanjang akhir pekan.</p>"


def feed_document() -> bytes:
    def entry(slug, title, body):
        return (
            f"<item><title>{title}</title><link>https://warta.example/{slug}</link><guid>{slug}</guid>"
            f"<description><![CDATA[{body}]]></description>"
            "<pubDate>Sat, 05 Dec 2026 10:00:00 +0700</pubDate></item>"
        )

    items = entry("camat", "Camat hadir di deklarasi pasangan calon", ARTICLE) + entry(
        "cuaca", "Prakiraan cuaca akhir pekan", WEATHER
    )
    channel = f"<channel><title>Warta Kepri</title>{items}</channel>"
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>{channel}</rss>".encode()


@pytest.mark.django_db
def test_feed_to_queue_end_to_end(world, site, settings):
    settings.NETRA_FEED_HOST_DELAY = 0
    site.route("/rss", Answer(200, feed_document(), {"Content-Type": "application/rss+xml", "ETag": '"1"'}))
    offices = world["offices"]
    feed = Source.objects.create(
        name="Warta Kepri", kind=Source.Kind.FEED, office=offices["bintan"], url=site.url("/rss")
    )

    assert feeds_fetch_due.call() == {"fetched": 1, "new": 2, "errors": 0}
    assert process_pending() == 2

    article = Item.objects.get(source=feed, url="https://warta.example/camat")
    assert article.kind == Item.Kind.NEWS and article.state == Item.State.DONE
    assert article.title == "Camat hadir di deklarasi pasangan calon"
    assert article.region_code == "21.01" and article.office == offices["bintan"]  # first place named
    assert article.score and article.score > 0 and article.indicator
    weather = Item.objects.get(source=feed, url="https://warta.example/cuaca")
    assert not weather.score  # read, not relevant

    bintan_officer = world["staff"]["bintan"][Role.PENGAWAS]
    queue = triage_queue(bintan_officer).items
    assert queue[0] == article  # the relevant article first
    assert article not in triage_queue(world["staff"]["lingga"][Role.PENGAWAS]).items

    # The next beat: the feed is not due; forced, it is unchanged and adds nothing.
    assert feeds_fetch_due.call()["fetched"] == 0
    Source.objects.filter(pk=feed.pk).update(next_fetch_at=timezone.now())
    assert feeds_fetch_due.call() == {"fetched": 1, "new": 0, "errors": 0}
    assert Item.objects.filter(source=feed).count() == 2
