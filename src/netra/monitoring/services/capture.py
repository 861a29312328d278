"""Capturing a web page as evidence: the raw exchange as WARC and a rendered PDF or PNG, each stored
with its SHA-256 and the capture time, audited (docs/monitoring-capture.md).

``capture_url`` fetches the page once through the guarded client (public addresses only unless
``NETRA_CAPTURE_ALLOW_PRIVATE``), renders those same bytes in headless Chromium (whose own requests go
through the same client, so the WARC holds them too), stores both files 0600 in 0700 folders under
``captures/`` of the media storage, creates the ``Capture`` row and records one audit event with the
hashes. A missing or failing Chromium leaves the WARC stored and the reason on ``Capture.error``.
``capture_verify_all`` re-hashes every stored file.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.scoping import SUPERVISE, is_supervisor, restrict
from netra.audit.services import event_record
from netra.cases.services.common import actor_name
from netra.cases.services.evidence import cleanup_on_failure
from netra.monitoring.capture.fetch import Fetched, FetchError, Limits, fetch
from netra.monitoring.capture.render import RenderError, RenderOptions, render_page
from netra.monitoring.capture.warc import write_warc
from netra.monitoring.models import Capture, Item
from netra.monitoring.services.capture_evidence import capture_evidence_attach

# Who may capture a page: the supervisory office's staff that watch and handle (analysts included:
# cyber supervision is their work).
CAPTURE_ROLES = (Role.PIMPINAN, Role.PENGAWAS, Role.STAF_PENANGANAN, Role.ANALIS)


class CaptureError(Exception):
    """A URL refused or a page that could not be fetched; the message is Bahasa Indonesia."""


def capture_limits() -> Limits:
    """The guarded client's limits from the settings (shared with the feed fetcher)."""
    return Limits(
        timeout=float(settings.NETRA_CAPTURE_TIMEOUT),
        deadline=float(settings.NETRA_CAPTURE_TIMEOUT) * 3,
        max_bytes=int(settings.NETRA_CAPTURE_MAX_MB) * 1024 * 1024,
        max_redirects=int(settings.NETRA_CAPTURE_MAX_REDIRECTS),
        allow_private=bool(settings.NETRA_CAPTURE_ALLOW_PRIVATE),
    )


def may_capture(user) -> bool:
    return is_supervisor(user) and user.has_role(*CAPTURE_ROLES)


def require_capturer(user, item: Item | None) -> None:
    """Supervisory staff with a capturing role; with an item, one inside the user's territory (else 404
    for the caller: ``Item.DoesNotExist``)."""
    if not may_capture(user):
        raise PermissionDenied(_("Hanya staf pengawasan kantor Bawaslu yang dapat menangkap halaman."))
    if item is not None and not restrict(Item.objects.filter(pk=item.pk), user, SUPERVISE).exists():
        raise Item.DoesNotExist


def _storage_name(ext: str) -> str:
    return f"captures/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}.{ext}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _Files:
    warc: bytes
    rendered: bytes
    rendered_kind: str
    error: str


def _render(page: Fetched, limits: Limits) -> tuple[bytes, str, list[Fetched], str]:
    options = RenderOptions(
        chromium=Path(settings.NETRA_CHROMIUM),
        kind=settings.NETRA_CAPTURE_RENDER,
        timeout=float(settings.NETRA_CAPTURE_TIMEOUT),
        same_host_only=not settings.NETRA_CAPTURE_THIRD_PARTY,
    )
    try:
        rendered = render_page(page, options, lambda url: fetch(url, limits=limits))
    except RenderError as exc:
        return b"", "", [], str(exc)
    return rendered.data, rendered.kind, rendered.resources, ""


def _files(url: str, user, page: Fetched, limits: Limits) -> _Files:
    rendered, kind, resources, error = _render(page, limits)
    warc = BytesIO()
    exchanges = [ex for fetched in (page, *resources) for ex in fetched.exchanges]
    info = {
        "software": "Netra (netra.monitoring.capture)",
        "format": "WARC File Format 1.1",
        "operator": actor_name(user),
        "description": f"Tangkapan halaman {url}",
        "rendered": kind or "-",
    }
    write_warc(warc, exchanges, filename="capture.warc.gz", info=info)
    return _Files(warc.getvalue(), rendered, kind, error)


def _fetch_page(url: str, limits: Limits) -> Fetched:
    try:
        return fetch(url, limits=limits)
    except FetchError as exc:
        raise CaptureError(str(exc)) from exc


def _store(files: _Files, stored: list[str]) -> tuple[str, str]:
    """Save the WARC and the rendering (if any) to the media storage; their names."""
    warc_name = default_storage.save(_storage_name("warc.gz"), ContentFile(files.warc))
    stored.append(warc_name)
    rendered_name = ""
    if files.rendered:
        rendered_name = default_storage.save(_storage_name(files.rendered_kind), ContentFile(files.rendered))
        stored.append(rendered_name)
    return warc_name, rendered_name


def _done_fields(page: Fetched, files: _Files, names: tuple[str, str], captured_at) -> dict:
    return {
        "status_code": page.status,
        "warc_file": names[0],
        "warc_sha256": _sha256(files.warc),
        "rendered_file": names[1],
        "rendered_kind": files.rendered_kind,
        "rendered_sha256": _sha256(files.rendered) if files.rendered else "",
        "captured_at": captured_at,
        "error": files.error,
        "state": Capture.State.DONE,
    }


def _audit_done(capture: Capture, user, page: Fetched) -> None:
    office = getattr(user, "office", None)
    event_record(
        actor=actor_name(user),
        action="monitoring.capture",
        obj_type="monitoring.capture",
        obj_id=capture.pk,
        data={
            "url": capture.url,
            "final_url": page.url[:1000],
            "item_id": capture.item_id,
            "status_code": page.status,
            "warc_sha256": capture.warc_sha256,
            "rendered_kind": capture.rendered_kind,
            "rendered_sha256": capture.rendered_sha256,
            "captured_at": capture.captured_at.isoformat(),
            "error": capture.error,
        },
        office_code=office.region_code if office is not None else "",
    )


def capture_url(url: str, *, user, item: Item | None = None) -> Capture:
    """Fetch ``url`` once, store its WARC and rendering with their SHA-256, audit, return the Capture
    (synchronous: ``netra capture`` and "Jadikan temuan"; the item page queues, ``capture_request``).

    Raises CaptureError (Bahasa Indonesia) for a refused or failed URL, PermissionDenied for a user
    who may not capture, ``Item.DoesNotExist`` for an item outside the user's territory.
    """
    require_capturer(user, item)
    limits = capture_limits()
    page = _fetch_page(url, limits)
    captured_at = timezone.now()
    files = _files(url, user, page, limits)
    with cleanup_on_failure() as stored:
        names = _store(files, stored)
        with transaction.atomic():
            capture = Capture.objects.create(
                url=url[:1000],
                item=item,
                captured_by=user if getattr(user, "is_authenticated", False) else None,
                **_done_fields(page, files, names, captured_at),
            )
            _audit_done(capture, user, page)
    return capture


ACTIVE = (Capture.State.PENDING, Capture.State.RUNNING)


class _Superseded(Exception):
    """A running capture taken as lost meanwhile: its late result is dropped with its files."""


def _capture_failed(capture: Capture, started_at, reason: str) -> None:
    with transaction.atomic():
        updated = Capture.objects.filter(
            pk=capture.pk, state=Capture.State.RUNNING, started_at=started_at
        ).update(state=Capture.State.FAILED, error=reason[:2000])
        if updated:
            user = capture.captured_by
            office = getattr(user, "office", None)
            event_record(
                actor=actor_name(user) if user is not None else "system",
                action="monitoring.capture_failed",
                obj_type="monitoring.capture",
                obj_id=capture.pk,
                data={"url": capture.url, "item_id": capture.item_id, "error": reason[:500]},
                office_code=office.region_code if office is not None else "",
            )


def capture_job_run(capture_id: int) -> dict:
    """Run a queued capture (the worker's task): claim it (``pending`` -> ``running``, a
    compare-and-swap, so a task delivered twice captures once), fetch, render, store, audit, and mark
    it ``done``; or ``failed`` with the reason (Bahasa Indonesia). The officer's right to capture the
    item is checked again: a role or office changed since the click stops it."""
    started_at = timezone.now()
    claimed = Capture.objects.filter(pk=capture_id, state=Capture.State.PENDING).update(
        state=Capture.State.RUNNING, started_at=started_at
    )
    if not claimed:  # delivered again: finish what a failed first run may have left (idempotent)
        done = Capture.objects.filter(pk=capture_id).first()
        added = capture_evidence_attach(done) if done is not None else 0
        return {"capture_id": capture_id, "state": "skipped", "evidence_added": added}
    capture = Capture.objects.select_related("item", "captured_by__office").get(pk=capture_id)
    user = capture.captured_by
    try:
        if user is None:
            raise PermissionDenied(_("Petugas yang meminta tangkapan ini tidak ada lagi."))
        require_capturer(user, capture.item)
        limits = capture_limits()
        page = _fetch_page(capture.url, limits)
        captured_at = timezone.now()
        files = _files(capture.url, user, page, limits)
    except (CaptureError, PermissionDenied) as exc:
        _capture_failed(capture, started_at, str(exc) or _("Anda tidak dapat menangkap halaman ini."))
        return {"capture_id": capture_id, "state": Capture.State.FAILED}
    except Item.DoesNotExist:
        _capture_failed(capture, started_at, _("Butir ini tidak lagi berada di wilayah petugas."))
        return {"capture_id": capture_id, "state": Capture.State.FAILED}
    except Exception:
        _capture_failed(capture, started_at, _("Kesalahan tak terduga saat menangkap halaman."))
        raise
    try:
        with cleanup_on_failure() as stored:
            names = _store(files, stored)
            with transaction.atomic():
                fields = _done_fields(page, files, names, captured_at)
                updated = Capture.objects.filter(
                    pk=capture.pk, state=Capture.State.RUNNING, started_at=started_at
                ).update(**fields)
                if not updated:  # taken as lost meanwhile (NETRA_CAPTURE_STALE): keep the failure
                    raise _Superseded
                for name, value in fields.items():
                    setattr(capture, name, value)
                _audit_done(capture, user, page)
    except _Superseded:
        return {"capture_id": capture_id, "state": "superseded"}
    added = capture_evidence_attach(capture)  # queued by "Jadikan temuan": the snapshot joins its evidence
    return {"capture_id": capture_id, "state": Capture.State.DONE, "evidence_added": added}


def _file_sha256(name: str) -> str | None:
    """SHA-256 of a stored file, None when it is missing."""
    if not name or not default_storage.exists(name):
        return None
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def capture_rehash(capture: Capture) -> list[str]:
    """The stored files of ``capture`` whose content no longer matches its hash ("warc", "rendered")."""
    failed = []
    if capture.warc_file and _file_sha256(capture.warc_file.name) != capture.warc_sha256:
        failed.append("warc")
    if capture.rendered_file and _file_sha256(capture.rendered_file.name) != capture.rendered_sha256:
        failed.append("rendered")
    return failed


@dataclass(frozen=True)
class CaptureVerifyReport:
    checked: int
    failed: dict[int, list[str]]  # capture id -> the files that do not match


def capture_verify_all() -> CaptureVerifyReport:
    """Re-hash every capture's stored files; audit each mismatch (a changed or vanished file)."""
    checked, failed = 0, {}
    for capture in Capture.objects.order_by("pk").iterator(chunk_size=200):
        checked += 1
        bad = capture_rehash(capture)
        if not bad:
            continue
        failed[capture.pk] = bad
        with transaction.atomic():
            event_record(
                actor="system",
                action="monitoring.capture_verify_failed",
                obj_type="monitoring.capture",
                obj_id=capture.pk,
                data={
                    "files": bad,
                    "warc_sha256": capture.warc_sha256,
                    "rendered_sha256": capture.rendered_sha256,
                },
            )
    return CaptureVerifyReport(checked, failed)
