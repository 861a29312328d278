"""Storing evidence files and re-verifying them: the writes of ``netra.cases.evidence``.

A checked file is saved to storage encrypted (``services.sealing``) under a random name, and the
SHA-256 of its original bytes recorded;
``evidence_verify_all`` re-hashes every stored file and audits each mismatch.
"""

import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from netra.audit.services import event_record
from netra.cases.evidence import CheckedFile, evidence_rehash, extension
from netra.cases.models import Evidence
from netra.cases.services.sealing import evidence_encrypted_file


def _storage_name(ext: str) -> str:
    # Random, so neither the case nor the reporter's file name can be guessed from the path.
    return f"evidence/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}.{ext}"


@contextmanager
def cleanup_on_failure():
    """Collect stored names; delete those files again if the block (and its transaction) fails.

    Use it outside ``transaction.atomic()`` so the rows roll back first, then the files go.
    """
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def evidence_store(
    *, case, checked: CheckedFile, user=None, description: str = "", stored: list | None = None
) -> Evidence:
    """Save a checked file to storage encrypted with the case's key; record its plaintext fingerprint.

    ``stored`` (from ``cleanup_on_failure``) receives the storage name for cleanup on failure. Storage
    writes it 0600 in 0700 folders (``FILE_UPLOAD_PERMISSIONS``).
    """
    sealed = evidence_encrypted_file(case=case, upload=checked.upload)
    with sealed:
        name = default_storage.save(_storage_name(extension(checked.name)), sealed)
    if stored is not None:
        stored.append(name)
    return Evidence.objects.create(
        case=case,
        file=name,
        original_name=checked.name[:255],
        content_type=checked.kind.mime,
        sha256=checked.sha256,
        size=checked.size,
        description=description[:300],
        uploaded_at=timezone.now(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        encrypted=True,
    )


def evidence_link_store(*, case, url: str, user=None, description: str = "") -> Evidence:
    return Evidence.objects.create(
        case=case,
        link=url,
        description=description[:300],
        uploaded_at=timezone.now(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    failed: list[int]


def evidence_verify_all() -> VerifyReport:
    """Re-hash every stored file; record the result on each row and audit every mismatch."""
    failed, checked = [], 0
    for evidence in Evidence.objects.exclude(file="").order_by("pk").iterator(chunk_size=200):
        ok = evidence_rehash(evidence)
        checked += 1
        with transaction.atomic():
            Evidence.objects.filter(pk=evidence.pk).update(verified_at=timezone.now(), verified_ok=ok)
            if not ok:
                failed.append(evidence.pk)
                event_record(
                    actor="system",
                    action="evidence.verify_failed",
                    obj_type="cases.evidence",
                    obj_id=evidence.pk,
                    data={"case_id": evidence.case_id, "sha256": evidence.sha256},
                )
    return VerifyReport(checked, failed)
