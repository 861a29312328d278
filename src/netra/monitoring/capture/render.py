"""Rendering a fetched page to PDF or PNG in headless Debian Chromium through Playwright.

The page is rendered from the bytes already fetched (what the WARC holds), not fetched again: the
browser's request for the page's URL is answered from memory. Chromium itself reaches no network at
all: every other request it makes (style sheets, images, scripts) is intercepted and either answered
through the guarded client (``fetch``: public addresses only, size and time bounded, recorded so the
WARC holds it too) or refused. As a second wall Chromium is started with a proxy that does not exist
and no host resolution, so a request that slipped past the interception (a WebSocket, a prefetch)
fails instead of connecting. Service workers and downloads are off.

Playwright's synchronous API refuses to run in a thread that has an asyncio loop (a browser test's
thread has one), so the rendering runs in a thread of its own.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from django.utils.translation import gettext as _

from netra.monitoring.capture.fetch import Fetched, FetchError

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-extensions",
    "--disable-features=DnsOverHttps,NetworkPrediction",
    # No direct network: nothing resolves and everything goes to a closed local port. Intercepted
    # requests are answered before either applies.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
# Response headers the browser must not see twice or that describe the wire, not the body.
_HOP_HEADERS = {"content-length", "transfer-encoding", "content-encoding", "connection", "keep-alive"}


class RenderError(Exception):
    """The page could not be rendered; the message is Bahasa Indonesia (stored on the capture)."""


@dataclass
class Rendered:
    kind: str  # "pdf" or "png"
    data: bytes
    resources: list[Fetched] = field(default_factory=list)  # what the page loaded, fetched by us
    refused: list[str] = field(default_factory=list)  # requests answered with an error


@dataclass
class RenderOptions:
    chromium: Path
    kind: str = "pdf"
    timeout: float = 30.0  # seconds for the page to load
    max_resources: int = 150
    max_total_bytes: int = 50 * 1024 * 1024
    same_host_only: bool = False


def _headers(fetched: Fetched) -> dict[str, str]:
    return {k: v for k, v in fetched.headers.items() if k.lower() not in _HOP_HEADERS}


def _same(a: str, b: str) -> bool:
    return urldefrag(a)[0] == urldefrag(b)[0]


def _render(page: Fetched, options: RenderOptions, fetch_resource: Callable[[str], Fetched]) -> Rendered:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    result = Rendered(kind=options.kind, data=b"")
    budget = {"count": 0, "bytes": 0}
    host = (urlsplit(page.url).hostname or "").lower()

    def answer(route) -> None:
        request = route.request
        url = request.url
        if _same(url, page.url) and request.method == "GET":
            route.fulfill(status=page.status, headers=_headers(page), body=page.body)
            return
        target = urlsplit(url)
        allowed = (
            request.method == "GET"
            and target.scheme in ("http", "https")
            and (not options.same_host_only or (target.hostname or "").lower() == host)
            and budget["count"] < options.max_resources
            and budget["bytes"] < options.max_total_bytes
        )
        if not allowed:
            result.refused.append(url)
            route.abort("blockedbyclient")
            return
        budget["count"] += 1
        try:
            fetched = fetch_resource(url)
        except FetchError:
            result.refused.append(url)
            route.abort("blockedbyclient")
            return
        budget["bytes"] += len(fetched.body)
        result.resources.append(fetched)
        route.fulfill(status=fetched.status, headers=_headers(fetched), body=fetched.body)

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(options.chromium), args=CHROMIUM_ARGS, timeout=options.timeout * 1000
            )
            try:
                context = browser.new_context(
                    service_workers="block", accept_downloads=False, viewport={"width": 1280, "height": 900}
                )
                tab = context.new_page()
                tab.route("**/*", answer)
                tab.goto(page.url, wait_until="domcontentloaded", timeout=options.timeout * 1000)
                with contextlib.suppress(PlaywrightError):  # still loading: render what is there
                    tab.wait_for_load_state("load", timeout=options.timeout * 1000)
                if options.kind == "png":
                    result.data = tab.screenshot(full_page=True, type="png")
                else:
                    tab.emulate_media(media="screen")
                    result.data = tab.pdf(format="A4", print_background=True)
            finally:
                browser.close()
    except PlaywrightError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RenderError(_("Chromium gagal merender halaman: %(reason)s") % {"reason": first_line}) from exc
    return result


def render_page(page: Fetched, options: RenderOptions, fetch_resource: Callable[[str], Fetched]) -> Rendered:
    """Render ``page`` (already fetched) to ``options.kind``; RenderError when it cannot be done."""
    if options.kind not in ("pdf", "png"):
        raise RenderError(_("Jenis rendering tidak dikenal: %(kind)s.") % {"kind": options.kind})
    if not options.chromium.exists():
        message = _("Chromium tidak ditemukan di %(path)s; halaman tidak dirender.")
        raise RenderError(message % {"path": options.chromium})
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        raise RenderError(_("Paket playwright tidak terpasang; halaman tidak dirender.")) from exc
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = _render(page, options, fetch_resource)
        except RenderError as exc:
            outcome["error"] = exc
        except Exception as exc:  # an unexpected failure must not lose the WARC already fetched
            reason = f"{type(exc).__name__}: {exc}"
            outcome["error"] = RenderError(_("Rendering gagal: %(reason)s") % {"reason": reason})

    worker = threading.Thread(target=run, name="netra-capture-render", daemon=True)
    worker.start()
    worker.join(options.timeout * 3 + 30)
    if worker.is_alive():
        raise RenderError(_("Rendering tidak selesai dalam batas waktu."))
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
