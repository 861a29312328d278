"""Server-side failures answered cleanly: a database outage is a 503 with Retry-After, never a 500.

Django calls ``server_error`` (``handler500``) for any exception no view handled, inside the
``except`` block, so the exception is still at hand. A lost database (refused, dropped or timed-out
connection, SQLite's file out of reach) is temporary: the client is told to retry in
``NETRA_OUTAGE_RETRY_AFTER`` seconds, in JSON under /api/ and on a friendly page elsewhere. Django
reconnects by itself on the next request, so nothing else is needed to recover.

The outage is logged once (per outage, across processes sharing the cache) instead of once per
request with a traceback; ``OutageMiddleware`` logs the recovery.

A sealed value that does not open (``KeyUnavailable``: the server was started with the wrong master
key, or without it) is a configuration failure, not a bug in the request: 503 with a page saying so
(JSON under /api/), logged once an hour across processes, never a traceback to the user.
"""

import logging
import sys
import time

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from netra.core.crypto import KeyUnavailable

logger = logging.getLogger("netra.outage")
OUTAGE_KEY = "netra:db-outage"
KEY_FAILURE_KEY = "netra:key-unavailable"
_outage_in_this_process = False


def database_unreachable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


def _note_outage(exc: BaseException) -> None:
    global _outage_in_this_process
    _outage_in_this_process = True
    try:
        first = cache.add(OUTAGE_KEY, time.time(), timeout=3600)
    except Exception:  # the cache may be down too: log here rather than lose the message
        first = True
    if first:
        logger.error("database unreachable, answering 503 until it is back: %s", exc)


def _note_key_failure(exc: BaseException) -> None:
    try:
        first = cache.add(KEY_FAILURE_KEY, time.time(), timeout=3600)
    except Exception:
        first = True
    if first:
        logger.error("a sealed value does not open with the master key ring (wrong or missing key): %s", exc)


def outage_over() -> None:
    """Called on the first good answer after an outage this process saw: one line with its length."""
    global _outage_in_this_process
    _outage_in_this_process = False
    try:
        since = cache.get(OUTAGE_KEY)
        cache.delete(OUTAGE_KEY)
    except Exception:
        return
    if since is not None:
        logger.warning("database reachable again after %.1f s", time.time() - float(since))


def outage_seen() -> bool:
    return _outage_in_this_process


def refusal(request, status: int, detail: str, template: str, headers: dict | None = None) -> HttpResponse:
    """An error answered before any view: JSON ``{"detail", "errors"}`` under /api/, else a page.

    The pages stand alone (no base template): they must render when the database, and so the
    session and the user, are out of reach.
    """
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": detail, "errors": {}}, status=status)
    else:
        response = HttpResponse(render_to_string(template, {"detail": detail}), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def server_error(request) -> HttpResponse:
    exc = sys.exc_info()[1]
    if database_unreachable(exc):
        assert exc is not None
        _note_outage(exc)
        detail = _("Layanan sedang tidak dapat menjangkau basis data. Coba lagi sebentar lagi.")
        retry = {"Retry-After": str(settings.NETRA_OUTAGE_RETRY_AFTER)}
        response = refusal(request, 503, detail, "503.html", headers=retry)
        response._has_been_logged = True  # type: ignore[attr-defined]  # logged once per outage above
        return response
    if isinstance(exc, KeyUnavailable):
        _note_key_failure(exc)
        detail = _(
            "Kunci enkripsi server tidak tersedia atau salah, sehingga data terenkripsi tidak dapat dibuka."
            " Hubungi administrator Netra."
        )
        response = refusal(request, 503, detail, "503_key.html")
        response._has_been_logged = True  # type: ignore[attr-defined]  # logged once above
        return response
    if request.path.startswith("/api/"):
        return refusal(request, 500, _("Terjadi galat di server. Kejadian ini tercatat."), "500.html")
    return HttpResponse(render_to_string("500.html"), status=500)
