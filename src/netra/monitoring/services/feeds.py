"""Fetching news feeds (RSS/Atom) into monitoring items (docs/monitoring-capture.md, "Feeds").

``fetch_feed(source)`` fetches one feed source through the guarded client with a conditional GET
(``If-None-Match`` from ``Source.etag``, ``If-Modified-Since`` from ``Source.last_modified``), reads
it with feedparser and hands the entries to ``items_add(kind="news")`` (idempotent by content hash, so
an entry seen again is a duplicate, not a new item). The source's fetch state is written after every
attempt:
- success (200 or 304): ``consecutive_failures`` back to 0, ``next_fetch_at`` one ``fetch_interval``
  later, the new ``ETag``/``Last-Modified`` kept;
- failure (network error, refused address, HTTP 4xx/5xx, a document that is not a feed):
  ``consecutive_failures`` + 1, ``last_error`` set, and ``next_fetch_at`` backs off exponentially,
  ``fetch_interval * 2**failures``, capped at ``NETRA_FEED_MAX_BACKOFF`` (a ``Retry-After`` from the
  server is honoured within that cap). Each failure is audited.
Politeness (``services.politeness``): no two requests to the same host closer than the source's
``host_delay`` or ``NETRA_FEED_HOST_DELAY`` seconds, across every process (a slot reserved in the
database, waited for outside any transaction); the site's robots.txt is honoured, and a feed it
disallows is recorded as a failure with its reason and not asked again before the robots.txt is
read anew (``NETRA_ROBOTS_TTL``). A source is claimed before it is fetched (a compare-and-swap on
``next_fetch_at``), so two workers never fetch the same source at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.scoping import SUPERVISE, can
from netra.audit.services import event_record
from netra.cases.services.common import actor_name
from netra.monitoring.capture.feedrows import FeedUnreadable, parse_feed
from netra.monitoring.capture.fetch import Fetched, FetchError, fetch
from netra.monitoring.models import Item, Source
from netra.monitoring.services.capture import capture_limits, may_capture
from netra.monitoring.services.ingest import items_add
from netra.monitoring.services.politeness import (
    HostPacer,
    RobotsUnavailable,
    default_pacer,
    host_key,
    robots_allows,
)

CLAIM = timedelta(minutes=10)  # a claimed source is not due again for this long (its fetch resets it)
DUE_BATCH = 200  # sources fetched by one ``fetch_due_feeds`` call at most
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass
class FetchResult:
    source_id: int
    status: str  # "fetched", "not_modified" or "error"
    http_status: int | None = None
    received: int = 0
    new: int = 0
    duplicates: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)  # rows items_add refused
    error: str = ""  # why the fetch failed (Bahasa Indonesia)
    next_fetch_at: datetime | None = None
    item_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "status": self.status,
            "http_status": self.http_status,
            "received": self.received,
            "new": self.new,
            "duplicates": self.duplicates,
            "errors": self.errors,
            "error": self.error,
            "next_fetch_at": self.next_fetch_at.isoformat() if self.next_fetch_at else None,
        }


def backoff_delay(source: Source, failures: int, retry_after: float | None = None) -> timedelta:
    """``fetch_interval * 2**failures`` seconds (at least a minute), at most NETRA_FEED_MAX_BACKOFF;
    a server's Retry-After is honoured within the cap."""
    cap = float(settings.NETRA_FEED_MAX_BACKOFF)
    seconds = min(max(source.fetch_interval, 60) * 2.0 ** min(failures, 30), cap)
    if retry_after is not None:
        seconds = min(max(seconds, retry_after), cap)
    return timedelta(seconds=seconds)


def _retry_after(fetched: Fetched, now: datetime) -> float | None:
    value = (fetched.headers.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - now).total_seconds())
    except (TypeError, ValueError):
        return None


def _conditional_headers(source: Source) -> dict[str, str]:
    headers = {"Accept": ACCEPT}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    return headers


def _failed(
    source: Source,
    now: datetime,
    message: str,
    http_status: int | None,
    retry_after=None,
    *,
    at_least: timedelta | None = None,
) -> FetchResult:
    failures = source.consecutive_failures + 1
    next_at = now + max(backoff_delay(source, failures, retry_after), at_least or timedelta(0))
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(
            consecutive_failures=failures,
            last_error=message[:2000],
            next_fetch_at=next_at,
            last_fetched_at=now,
        )
        event_record(
            actor="system",
            action="monitoring.feed_failed",
            obj_type="monitoring.source",
            obj_id=source.pk,
            data={
                "url": source.url,
                "http_status": http_status,
                "error": message[:500],
                "failures": failures,
            },
            office_code=source.office.region_code,
        )
    source.consecutive_failures, source.last_error, source.next_fetch_at = failures, message, next_at
    return FetchResult(source.pk, "error", http_status, error=message, next_fetch_at=next_at)


def _succeeded(source: Source, now: datetime, fetched: Fetched, result: FetchResult) -> FetchResult:
    next_at = now + timedelta(seconds=max(source.fetch_interval, 60))
    changes: dict[str, Any] = {
        "consecutive_failures": 0,
        "last_error": "",
        "next_fetch_at": next_at,
        "last_fetched_at": now,
    }
    if fetched.status != 304:  # a 304 may omit the validators; keep the stored ones
        changes["etag"] = (fetched.headers.get("etag") or "").strip()[:300]
        changes["last_modified"] = (fetched.headers.get("last-modified") or "").strip()[:100]
    Source.objects.filter(pk=source.pk).update(**changes)
    for name, value in changes.items():
        setattr(source, name, value)
    result.next_fetch_at = next_at
    return result


def fetch_feed(source: Source, *, now: datetime | None = None, pacer: HostPacer | None = None) -> FetchResult:
    """Fetch one feed source now (due or not) and add its new entries as news items."""
    if source.kind != Source.Kind.FEED or not source.url:
        raise ValueError(f"source {source.pk} is not a feed with a URL")
    now = now or timezone.now()
    pacer = pacer or default_pacer()
    host, limits = host_key(source.url), capture_limits()
    if settings.NETRA_FEED_ROBOTS:
        try:
            allowed = robots_allows(source.url, limits=limits, pacer=pacer, delay=source.host_delay)
        except RobotsUnavailable as exc:
            return _failed(source, now, str(exc), None)
        if not allowed:
            message = _(
                "Situs %(host)s melarang Netra mengambil umpan ini (robots.txt). Umpan tidak diambil; "
                "dicoba lagi setelah robots.txt dibaca ulang. Hubungi pengelola situs atau nonaktifkan "
                "sumber ini."
            ) % {"host": host}
            ttl = timedelta(seconds=int(settings.NETRA_ROBOTS_TTL))
            return _failed(source, now, message, None, at_least=ttl)
    pacer.wait(host, source.host_delay)
    try:
        fetched = fetch(source.url, limits=limits, headers=_conditional_headers(source))
    except FetchError as exc:
        return _failed(source, now, str(exc), None)
    if fetched.status == 304:
        return _succeeded(source, now, fetched, FetchResult(source.pk, "not_modified", 304))
    if not 200 <= fetched.status < 300:
        message = _("Server umpan menjawab HTTP %(status)s.") % {"status": fetched.status}
        return _failed(source, now, message, fetched.status, _retry_after(fetched, now))
    try:
        parsed = parse_feed(
            fetched.body, content_type=fetched.headers.get("content-type", ""), feed_url=source.url
        )
    except FeedUnreadable as exc:
        return _failed(source, now, str(exc), fetched.status)
    added = items_add(source=source, rows=parsed.rows, kind=Item.Kind.NEWS)
    result = FetchResult(
        source.pk,
        "fetched",
        fetched.status,
        received=added.received,
        new=added.new,
        duplicates=added.duplicates,
        errors=[error.to_dict() for error in added.errors],
        item_ids=list(added.item_ids),
    )
    return _succeeded(source, now, fetched, result)


def _claim(source: Source, now: datetime) -> bool:
    """Take a due source for this process: only one of several workers wins the compare-and-swap."""
    claimed = Source.objects.filter(pk=source.pk, next_fetch_at=source.next_fetch_at).update(
        next_fetch_at=now + CLAIM
    )
    return claimed == 1


def fetch_due_feeds(now: datetime | None = None) -> list[FetchResult]:
    """Fetch every active feed source whose ``next_fetch_at`` has come (or was never set)."""
    now = now or timezone.now()
    due = (
        Source.objects.filter(kind=Source.Kind.FEED, is_active=True)
        .exclude(url="")
        .filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
        .select_related("office")
        .order_by(F("next_fetch_at").asc(nulls_first=True), "pk")[:DUE_BATCH]
    )
    results = []
    pacer = default_pacer()
    for source in list(due):
        if _claim(source, now):
            results.append(fetch_feed(source, now=now, pacer=pacer))
    return results


def feed_fetch_now(source: Source, *, user) -> FetchResult:
    """An officer's "fetch now" on a feed source of their territory: fetched at once (due or not),
    the request audited with its outcome. PermissionDenied for anyone else."""
    if not (may_capture(user) and source.kind == Source.Kind.FEED and can(user, source, SUPERVISE)):
        raise PermissionDenied(_("Anda tidak dapat mengambil umpan ini."))
    result = fetch_feed(source)
    with transaction.atomic():
        event_record(
            actor=actor_name(user),
            action="monitoring.feed_fetch",
            obj_type="monitoring.source",
            obj_id=source.pk,
            data={key: value for key, value in result.to_dict().items() if key != "errors"},
            office_code=user.office.region_code,
        )
    return result
