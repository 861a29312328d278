"""Reading RSS/Atom documents into rows for items_add: text stripped of HTML, times, links."""

from datetime import UTC, datetime
from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netra.monitoring.capture.feedrows import FeedUnreadable, html_to_text, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Warta Bintan</title><link>https://warta.example/</link>
<item>
  <title>Camat &amp; kepala dinas hadir di deklarasi</title>
  <link>https://warta.example/berita/1</link>
  <guid isPermaLink="false">warta-1</guid>
  <description>Ringkasan pendek.</description>
  <content:encoded><![CDATA[<p>Seorang <b>camat</b> terlihat di panggung.</p>
    <script>document.location='https://jahat.example/'</script><style>p{}</style>
    <p>Bawaslu &quot;menelusuri&quot; laporan&nbsp;itu.</p>]]></content:encoded>
  <pubDate>Sat, 05 Dec 2026 10:00:00 +0700</pubDate>
  <dc:creator>Redaksi Warta</dc:creator>
  <category>Pilkada</category>
</item>
<item>
  <title>Tanpa tautan web</title>
  <link>javascript:alert(1)</link>
  <description>&lt;img src=x onerror=alert(1)&gt;Teks kedua.</description>
</item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kabar Lingga</title>
<entry><title type="html">ASN &lt;em&gt;berfoto&lt;/em&gt; dengan calon</title>
  <link rel="alternate" href="https://kabar.example/a"/><id>tag:kabar.example,2026:a</id>
  <updated>2026-12-04T08:30:00Z</updated><author><name>Wartawan A</name></author>
  <summary type="html">&lt;p&gt;Ringkasan &lt;b&gt;Atom&lt;/b&gt;.&lt;/p&gt;</summary>
</entry></feed>"""


def test_rss_entries_become_rows():
    feed = parse_feed(RSS, content_type="application/rss+xml", feed_url="https://warta.example/rss")
    assert feed.title == "Warta Bintan" and feed.warning == ""
    first, second = feed.rows
    assert first["title"] == "Camat & kepala dinas hadir di deklarasi"
    # The fuller content wins over the summary; script and style content is gone; entities decoded.
    assert first["text"] == 'Seorang camat terlihat di panggung.\n\nBawaslu "menelusuri" laporan itu.'
    assert first["url"] == "https://warta.example/berita/1"
    assert first["external_id"] == "warta-1"
    assert first["author_name"] == "Redaksi Warta"
    assert first["posted_at"] == datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    assert first["raw"] == {"feed": "https://warta.example/rss", "entry_id": "warta-1", "tags": ["Pilkada"]}
    assert second["url"] == ""  # a javascript: link is no article address
    assert "<" not in second["text"] and "Teks kedua." in second["text"]
    assert second["posted_at"] is None


def test_atom_entries_become_rows():
    (row,) = parse_feed(ATOM).rows
    assert row["title"] == "ASN berfoto dengan calon"
    assert row["text"] == "Ringkasan Atom."
    assert row["url"] == "https://kabar.example/a"
    assert row["posted_at"] == datetime(2026, 12, 4, 8, 30, tzinfo=UTC)
    assert row["author_name"] == "Wartawan A"


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body><p>Ini halaman biasa, bukan umpan.</p></body></html>",
        b"\x00\xff\xfe sampah biner",
        b"",
        b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Terpotong",
    ],
)
def test_documents_that_are_not_feeds_are_refused(body):
    try:
        feed = parse_feed(body)
    except FeedUnreadable as exc:
        assert "RSS/Atom" in str(exc)
    else:  # a truncated document may still yield what it holds, but never an empty shell
        assert all(row["text"] for row in feed.rows)
        assert feed.warning


def test_feedparser_is_never_handed_a_url(site):
    """A body that is only a URL is read as a (bad) document, not fetched."""
    site.route("/feed", None)
    with pytest.raises(FeedUnreadable):
        parse_feed(site.url("/feed").encode())
    assert site.seen == []


def test_html_to_text_drops_markup_and_hidden_content():
    markup = "<div>Satu<br>dua</div><script>alert('x')</script><noscript>n</noscript><p>tiga &amp; empat</p>"
    assert html_to_text(markup) == "Satu\ndua\n\ntiga & empat"
    assert html_to_text("") == ""
    assert html_to_text("teks biasa  tanpa   markup") == "teks biasa tanpa markup"


WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@given(WORDS)
def test_escaped_text_comes_back_and_script_content_never_does(text):
    markup = f"<p>{escape(text)}</p><script>{escape(text)} RAHASIA</script>"
    out = html_to_text(markup)
    assert out.split() == text.replace("\u00a0", " ").replace("\u200b", " ").split()
    assert "RAHASIA" not in out or "RAHASIA" in text


@given(st.text(max_size=300))
def test_html_to_text_never_fails_and_leaves_no_tags_of_well_formed_markup(text):
    out = html_to_text(text)
    assert isinstance(out, str)
    assert "<p>" not in html_to_text(f"<p>{escape(text)}</p>") or "<p>" in text
