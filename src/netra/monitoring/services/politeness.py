"""Politeness towards the sites Netra fetches on a schedule (docs/monitoring-capture.md, "Politeness").

- **One pace per host for every process.** ``HostPacer.wait(host, delay)`` reserves the host's next
  slot in the ``HostSlot`` table with one atomic statement, ``UPDATE ... SET next_at = max(next_at,
  now) + delay WHERE host = ... RETURNING next_at`` (``GREATEST`` on PostgreSQL, the scalar ``MAX`` on
  SQLite), then sleeps until its slot outside any transaction. Concurrent callers, in threads, worker
  processes or the ``netra monitor fetch`` command, get slots ``delay`` seconds apart; waiting holds
  no lock. The clock is the wall clock (``time.time``), which every process on the machine shares;
  machines whose clocks differ keep the pace only to within their difference.
- **robots.txt.** ``robots_allows(url)`` reads the site's ``/robots.txt`` (fetched through the guarded
  client, once per site and ``NETRA_ROBOTS_TTL`` seconds, kept in Django's cache) with
  ``urllib.robotparser`` for the product token "Netra". As RFC 9309 says: a 4xx answer means no
  rules (everything allowed), a 5xx answer or a failed fetch means the rules cannot be known, so the
  crawl waits (``RobotsUnavailable``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import gettext as _

from netra.monitoring.capture.fetch import FetchError, Limits, fetch
from netra.monitoring.models import HostSlot

ROBOTS_TOKEN = "Netra"  # noqa: S105 - not a secret: the product token robots.txt rules name (User-agent: Netra)
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB are read; more is ignored


def host_key(url: str) -> str:
    """The host a URL's request goes to: its name in lower case, with the port when one is given."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host


def host_reserve(host: str, delay: float, now: float) -> float:
    """Reserve ``host``'s next slot: the Unix time from which this caller may send its request.

    One atomic statement per call (the row is created on first use); it commits at once outside a
    transaction, so no lock is held while the caller waits for its slot."""
    table = connection.ops.quote_name(HostSlot._meta.db_table)
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    # Only the quoted table name and the function name are formatted in; the values are parameters.
    sql = f"UPDATE {table} SET next_at = {greatest}(next_at, %s) + %s WHERE host = %s RETURNING next_at"  # noqa: S608
    host = host[:300]
    for _attempt in range(2):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [float(now), float(delay), host])
            row = cursor.fetchone()
        if row is not None:
            return float(row[0]) - float(delay)
        HostSlot.objects.bulk_create([HostSlot(host=host, next_at=0.0)], ignore_conflicts=True)
    raise RuntimeError(f"host slot {host!r} could not be reserved")  # pragma: no cover


class HostPacer:
    """At least ``delay`` seconds between two requests to the same host, across every process.

    ``delay`` defaults to ``NETRA_FEED_HOST_DELAY``; ``wait(host, delay=...)`` overrides it for one
    request (a source's own ``host_delay``)."""

    def __init__(
        self,
        delay: float | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = float(settings.NETRA_FEED_HOST_DELAY if delay is None else delay)
        self.clock, self.sleep = clock, sleep

    def wait(self, host: str, delay: float | None = None) -> float:
        """Block until ``host`` may be asked again; returns the seconds waited."""
        delay = self.delay if delay is None else float(delay)
        if delay <= 0 or not host:
            return 0.0
        now = self.clock()
        waited = max(0.0, host_reserve(host.lower(), delay, now) - now)
        if waited > 0:
            self.sleep(waited)
        return waited


def default_pacer() -> HostPacer:
    return HostPacer()


class RobotsUnavailable(Exception):
    """The site's robots.txt could not be read (5xx, network error); Bahasa Indonesia message."""


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def _robots_text(url: str, limits: Limits, pacer: HostPacer | None, delay: float | None) -> str:
    """The site's robots.txt text ("" = no rules), from the cache or fetched once and cached."""
    address = robots_url(url)
    key = f"netra:robots:{address}"
    cached = cache.get(key)
    if isinstance(cached, str):
        return cached
    if pacer is not None:
        pacer.wait(host_key(url), delay)
    try:
        fetched = fetch(address, limits=limits)
    except FetchError as exc:
        raise RobotsUnavailable(
            _("robots.txt situs %(site)s tidak dapat dibaca: %(reason)s")
            % {"site": host_key(url), "reason": exc}
        ) from exc
    if fetched.status >= 500:
        raise RobotsUnavailable(
            _("robots.txt situs %(site)s tidak dapat dibaca (HTTP %(status)s).")
            % {"site": host_key(url), "status": fetched.status}
        )
    text = ""
    if 200 <= fetched.status < 300:
        text = fetched.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
    cache.set(key, text, int(settings.NETRA_ROBOTS_TTL))  # 3xx left over, 4xx: no rules
    return text


def robots_allows(
    url: str, *, limits: Limits, pacer: HostPacer | None = None, delay: float | None = None
) -> bool:
    """Whether the site's robots.txt lets Netra fetch ``url``; RobotsUnavailable when it cannot be read.

    The robots.txt request is paced like any other request to the host (``pacer``)."""
    parser = RobotFileParser()
    parser.parse(_robots_text(url, limits, pacer, delay).splitlines())
    return parser.can_fetch(ROBOTS_TOKEN, url)
