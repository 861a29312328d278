"""Page captures from the triage pages: queue a capture of an item's URL (htmx POST, answers the list
of its captures, polled while one is waiting or running), list an item's captures, and download a
capture's WARC or rendering; and "Ambil sekarang" on a news-feed source.

The item is read through ``selectors.item_get_for`` (scoped: 404 outside the user's territory); its
captures through the item.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.accounts.scoping import SUPERVISE, VIEW
from netra.monitoring.models import Source
from netra.monitoring.selectors import item_get_for, source_choices
from netra.monitoring.services.capture import CaptureError, may_capture
from netra.monitoring.services.capture_queue import capture_request
from netra.monitoring.services.feeds import feed_fetch_now
from netra.prevention.views.common import officer_required

_CONTENT_TYPES = {"warc": "application/warc", "pdf": "application/pdf", "png": "image/png"}


def _fragment(request, item, *, error: str = "", page: bool = False):
    captures = list(item.captures.select_related("captured_by").order_by("-captured_at", "-pk"))
    context = {
        "item": item,
        "captures": captures,
        "capture_error": error,
        "may_capture": may_capture(request.user),
        # a queued or running capture: the fragment asks again every few seconds (htmx polling)
        "capture_active": any(c.state in ("pending", "running") for c in captures),
    }
    template = "monitoring/capture_item.html" if page else "monitoring/_captures.html"
    return render(request, template, context)


@officer_required
@require_GET
def item_captures(request, item_id: int):
    """The captures of an item with the capture button: the fragment for htmx (``hx-get``), else a
    page of its own (a link from the item page works without JavaScript)."""
    page = request.headers.get("HX-Request") != "true"
    return _fragment(request, item_get_for(request.user, item_id, VIEW), page=page)


@officer_required
@require_POST
def item_capture(request, item_id: int):
    """htmx: queue a capture of the item's URL (or the posted ``url``); answers the item's captures,
    the new one waiting ("menunggu"), which the fragment polls until a worker has done it."""
    item = item_get_for(request.user, item_id, SUPERVISE)
    if not may_capture(request.user):
        raise PermissionDenied
    url = (request.POST.get("url") or item.url or "").strip()
    error = ""
    if not url:
        error = _("Butir ini tidak memiliki alamat untuk ditangkap.")
    else:
        try:
            capture_request(url, user=request.user, item=item)
        except CaptureError as exc:
            error = str(exc)
    if request.headers.get("HX-Request") != "true":  # a plain form post: back to the captures page
        if error:
            messages.error(request, error)
        return HttpResponseRedirect(reverse("monitoring:item_captures", args=[item.pk]))
    return _fragment(request, item, error=error)


@officer_required
@require_GET
def capture_download(request, item_id: int, capture_id: int, which: str):
    """A capture's WARC (``which="warc"``) or rendering, as an attachment the browser must not sniff
    or render."""
    if which not in ("warc", "rendered"):
        raise Http404
    item = item_get_for(request.user, item_id, VIEW)
    capture = item.captures.filter(pk=capture_id).first()
    stored = None if capture is None else capture.warc_file if which == "warc" else capture.rendered_file
    if capture is None or not stored or not default_storage.exists(stored.name):
        raise Http404
    kind = "warc" if which == "warc" else capture.rendered_kind
    ext = "warc.gz" if kind == "warc" else kind
    content_type = _CONTENT_TYPES.get(kind, "application/octet-stream")
    response = FileResponse(
        default_storage.open(stored.name, "rb"),
        as_attachment=True,
        filename=f"tangkapan-{capture.pk}.{ext}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@officer_required
@require_POST
def source_fetch(request, source_id: int):
    """htmx: fetch a feed source now ("Ambil sekarang"); answers the outcome."""
    source = source_choices(request.user).filter(pk=source_id, kind=Source.Kind.FEED).first()
    if source is None:
        raise Http404
    result = feed_fetch_now(source, user=request.user)
    context = {"result": result, "source": source}
    if request.headers.get("HX-Request") != "true":  # a plain form post: the outcome as a message
        outcome = render_to_string("monitoring/capture_feed_fetch.html", context, request=request)
        level = messages.ERROR if result.status == "error" else messages.SUCCESS
        messages.add_message(request, level, strip_tags(outcome).strip())
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("monitoring:queue")
        return HttpResponseRedirect(back)
    return render(request, "monitoring/capture_feed_fetch.html", context)
