"""Monitoring REST API under ``/api/v1/monitoring/``: the partner push and the triage queue."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from netra.accounts.api_auth import AuthedRequest, token_auth
from netra.cases.schemas import ErrorOut
from netra.cases.selectors import election_get_for
from netra.core.ratelimit import RateLimited, rate_gate
from netra.monitoring.schemas import PushIn, PushOut
from netra.monitoring.services.ingest import items_add
from netra.monitoring.services.sources import SourceUnknown, push_source_for

router = Router(tags=["monitoring"])


@router.post(
    "/items",
    response={200: PushOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 429: ErrorOut},
    auth=token_auth,
    summary="Push posts or articles from a partner",
)
def items_push(request: AuthedRequest, payload: PushIn):
    """Add up to 1,000 items to a push source of the token's office. Idempotent: an item already
    stored (same platform, URL, author and text) counts as a duplicate, so a retried request adds
    nothing twice. Bad items are listed in ``errors`` (1-based ``row``) and the others are stored.

    401: no or an unknown token. 403: the token's user is not staff of a Bawaslu/Panwaslu office, or
    the named source is not a push source. 404: no such source in the token's office (or election).
    413: more than 1,000 items. 422: the body does not match the schema. 429: too many requests;
    wait Retry-After seconds."""
    limited = rate_gate(request, "monitor_push")
    if limited is not None:
        raise RateLimited(limited)
    if len(payload.items) > settings.NETRA_MONITOR_PUSH_MAX_ITEMS:
        raise HttpError(
            413,
            _("Terlalu banyak butir dalam satu permintaan (paling banyak %(n)s).")
            % {"n": settings.NETRA_MONITOR_PUSH_MAX_ITEMS},
        )
    try:
        source = push_source_for(request.auth, payload.source)
    except SourceUnknown as error:
        raise Http404 from error
    # An election the token's office may see (one concerning its territory); 404 otherwise.
    election = election_get_for(request.auth, payload.election) if payload.election is not None else None
    rows = [item.model_dump(exclude_none=True) for item in payload.items]
    result = items_add(source=source, rows=rows, kind=payload.kind, election=election, user=request.auth)
    return Status(200, result.to_dict())


router.add_router("", "netra.monitoring.api_queue.router")  # the triage queue (triage12)
