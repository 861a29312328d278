"""Queueing a page capture from the item page (docs/monitoring-capture.md, "Queued captures").

The button only records the request; a worker's task (``tasks_capture.capture_run`` ->
``services.capture.capture_job_run``) fetches and renders. Kept apart from ``services.capture`` so that
the task module can import that one without an import cycle.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import event_record
from netra.cases.services.common import actor_name
from netra.core.taskqueue import enqueue_on_commit
from netra.monitoring.capture.fetch import FetchError, check_url, resolve
from netra.monitoring.models import Capture, Item
from netra.monitoring.services.capture import ACTIVE, CaptureError, capture_limits, require_capturer
from netra.monitoring.tasks_capture import capture_run


def capture_request(url: str, *, user, item: Item, for_case=None) -> tuple[Capture, bool]:
    """Queue a capture of ``url`` for ``item`` (the capture button): the row is ``pending`` and a
    worker runs it (``tasks_capture.capture_run``). Idempotent: while a capture of the same item and
    URL is pending or running, that one is returned (``created`` False) and nothing is queued.

    The URL's form and addresses are checked now, so a refused URL answers at once (CaptureError, no
    row); PermissionDenied / ``Item.DoesNotExist`` as ``capture_url``. Audited
    (``monitoring.capture_request``); the worker audits the capture itself (``monitoring.capture``).

    ``for_case``: the temuan just made of the item ("Jadikan temuan"); the worker adds the capture to
    its evidence when done (a capture already queued for the item is given that case too).
    """
    require_capturer(user, item)
    url = url.strip()[:1000]
    try:
        parts = check_url(url)
        resolve(parts.hostname or "", parts.port or 0, allow_private=capture_limits().allow_private)
    except FetchError as exc:
        raise CaptureError(str(exc)) from exc
    now = timezone.now()
    stale = now - timedelta(seconds=int(settings.NETRA_CAPTURE_STALE))
    Capture.objects.filter(item=item, url=url, state=Capture.State.RUNNING, started_at__lt=stale).update(
        state=Capture.State.FAILED, error=_("Pekerja berhenti sebelum tangkapan selesai; silakan ulangi.")
    )
    active = Capture.objects.filter(item=item, url=url, state__in=ACTIVE).first()
    if active is not None:
        return _joined(active, for_case), False
    try:
        with transaction.atomic():
            capture = Capture.objects.create(
                url=url,
                item=item,
                state=Capture.State.PENDING,
                captured_at=now,
                requested_at=now,
                captured_by=user,
                case=for_case,
            )
            event_record(
                actor=actor_name(user),
                action="monitoring.capture_request",
                obj_type="monitoring.capture",
                obj_id=capture.pk,
                data={"url": url, "item_id": item.pk, "case_id": for_case.pk if for_case else None},
                office_code=user.office.region_code,
            )
            enqueue_on_commit(capture_run, capture.pk)
    except IntegrityError:  # a concurrent click queued the same capture first
        active = Capture.objects.filter(item=item, url=url, state__in=ACTIVE).first()
        if active is None:
            raise
        return _joined(active, for_case), False
    return capture, True


def _joined(active: Capture, for_case) -> Capture:
    """A capture already queued for the item, given the temuan's case if it has none."""
    if for_case is not None and active.case_id is None:
        Capture.objects.filter(pk=active.pk, case__isnull=True).update(case=for_case)
        active.case = for_case
    return active
