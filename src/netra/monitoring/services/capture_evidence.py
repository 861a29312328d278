"""A page capture as evidence of a case: the capture's stored files read back and hashed again, and a
queued capture added to the temuan it was queued for ("Jadikan temuan" on the item page). Kept apart
from ``services.capture`` (which calls ``capture_evidence_attach`` when a worker is done) and from
``services.triage`` (which builds a temuan's evidence with ``capture_files``) so neither imports the
other."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.cases.evidence import CheckedFile, FileKind
from netra.cases.models import Case, Evidence
from netra.cases.services.common import audit
from netra.cases.services.evidence import cleanup_on_failure, evidence_store
from netra.monitoring.models import Capture

log = logging.getLogger(__name__)

EVIDENCE_WARC = FileKind("application/warc", "WARC", frozenset({"warc"}))


def checked_file(data: bytes, name: str, kind: FileKind) -> CheckedFile:
    """Bytes Netra made itself (a capture's files, an item's record) as an evidence file."""
    upload = ContentFile(data, name=name)
    return CheckedFile(
        upload=upload, name=name, kind=kind, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )


_RENDERED_KINDS = {
    "pdf": FileKind("application/pdf", "PDF", frozenset({"pdf"})),
    "png": FileKind("image/png", "PNG", frozenset({"png"})),
}


def capture_files(capture) -> list[tuple[CheckedFile, str]]:
    """The capture's stored files (rendered page, then the gzipped WARC) as evidence files; each is
    hashed again on reading and must still match the hash the capture recorded."""
    found = []
    for stored, kind, expected, name, label in (
        (
            capture.rendered_file,
            _RENDERED_KINDS.get(capture.rendered_kind),
            capture.rendered_sha256,
            f"tangkapan-{capture.pk}.{capture.rendered_kind}",
            _("Tampilan halaman"),
        ),
        (
            capture.warc_file,
            EVIDENCE_WARC,
            capture.warc_sha256,
            f"tangkapan-{capture.pk}.warc.gz",
            _("Arsip WARC"),
        ),
    ):
        if not stored or kind is None:
            continue
        with default_storage.open(stored.name, "rb") as handle:
            data = handle.read()
        checked = checked_file(data, name, kind)
        if checked.sha256 != expected:
            raise ValidationError(
                _("Berkas tangkapan halaman berubah sejak ditangkap; tangkap ulang halaman.")
            )
        description = _("%(label)s %(url)s, ditangkap %(at)s") % {
            "label": label,
            "url": capture.url,
            "at": timezone.localtime(capture.captured_at).strftime("%Y-%m-%d %H:%M %Z"),
        }
        found.append((checked, description))
    return found


def capture_evidence_attach(capture: Capture) -> int:
    """Add a done capture to the evidence of the temuan it was queued for (the worker, right after
    ``capture_job_run``): its rendered page and WARC, hashed again against the capture. Idempotent: a
    file already in the case's evidence is not added twice. Audited (``monitoring.capture_attach``).
    Returns how many files were added."""
    if capture.case_id is None or capture.state != Capture.State.DONE or capture.captured_by is None:
        return 0
    try:
        files = capture_files(capture)
    except ValidationError as exc:  # a stored file changed since the capture: evidence stays as it was
        log.warning("capture %s not added to case %s: %s", capture.pk, capture.case_id, exc)
        return 0
    user = capture.captured_by
    with cleanup_on_failure() as stored, transaction.atomic():
        case = Case.objects.select_for_update().get(pk=capture.case_id)
        present = set(Evidence.objects.filter(case=case).values_list("sha256", flat=True))
        added = [(checked, description) for checked, description in files if checked.sha256 not in present]
        for checked, description in added:
            evidence_store(case=case, checked=checked, user=user, description=description, stored=stored)
        if added:
            hashes = [checked.sha256 for checked, _description in added]
            data = {"case_id": case.pk, "item_id": capture.item_id, "evidence": hashes}
            audit(user=user, action="monitoring.capture_attach", obj=capture, data=data)
    return len(added)
