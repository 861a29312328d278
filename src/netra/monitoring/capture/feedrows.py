"""Reading an RSS or Atom document (feedparser) into rows for ``items_add(kind="news")``.

feedparser is given the bytes (never a URL or a file name, so it fetches nothing itself). Entry HTML
is turned into plain text by ``html_to_text``: the text of the markup only, with the content of
``script``, ``style`` and similar elements dropped, entities decoded, block elements as line breaks.
Nothing of the feed's HTML is ever rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit

import feedparser
from django.utils.translation import gettext as _

# Elements whose content is not text a reader sees.
_SKIPPED = {"script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head", "title"}
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment (or of plain text, unchanged but for whitespace)."""
    if not markup:
        return ""
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class FeedUnreadable(ValueError):
    """The document is not an RSS or Atom feed; the message is Bahasa Indonesia."""


@dataclass
class ParsedFeed:
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    warning: str = ""  # a feed read despite an error (feedparser's "bozo")


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _web_url(value: str) -> str:
    value = (value or "").strip()
    return value if urlsplit(value).scheme.lower() in ("http", "https") else ""


def _body(entry: Any) -> str:
    """The entry's fullest text: the longest ``content`` value, else the summary."""
    contents = [html_to_text(part.get("value", "")) for part in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = html_to_text(entry.get("summary", ""))
    return best if len(best) >= len(summary) else summary


def entry_row(entry: Any, feed_url: str) -> dict[str, Any]:
    """One entry as an ``items_add`` row."""
    title = html_to_text(entry.get("title", ""))
    text = _body(entry) or title
    link = _web_url(entry.get("link", ""))
    tags = [tag.get("term", "") for tag in entry.get("tags") or [] if tag.get("term")]
    return {
        "title": title[:500],
        "text": text,
        "url": link,
        "author_name": html_to_text(entry.get("author", ""))[:300],
        "posted_at": _when(entry),
        "external_id": (entry.get("id") or link)[:200],
        "raw": {"feed": feed_url, "entry_id": entry.get("id", ""), "tags": tags[:20]},
    }


def parse_feed(body: bytes, *, content_type: str = "", feed_url: str = "") -> ParsedFeed:
    """The rows of an RSS/Atom document; FeedUnreadable when it has no entries and is not a feed."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(BytesIO(body), response_headers=headers)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or str(
            parsed.get("bozo_exception", "")
        )
        message = _("Umpan tidak dapat dibaca sebagai RSS/Atom: %(reason)s.")
        raise FeedUnreadable(message % {"reason": reason or _("format rusak")})
    if not parsed.get("version") and not parsed.entries:
        raise FeedUnreadable(_("Dokumen ini bukan umpan RSS/Atom."))
    warning = ""
    if parsed.bozo:
        problem = parsed.get("bozo_exception", "")
        warning = (_("Umpan dibaca meski tidak sepenuhnya sah: %(reason)s") % {"reason": problem})[:500]
    title = html_to_text(parsed.feed.get("title", ""))
    rows = [entry_row(entry, feed_url) for entry in parsed.entries]
    # An entry with neither text, title nor link (a truncated document's last one) is no article.
    rows = [row for row in rows if row["text"] or row["url"]]
    return ParsedFeed(title, rows, warning)
