"""Storing evidence files and re-verifying them: the writes of ``netra.cases.evidence``.

A checked file is saved to storage encrypted (``services.sealing``) under a random name, and the
SHA-256 of its original bytes recorded;
``evidence_verify_all`` re-hashes every stored file and audits each mismatch.
"""

import fcntl
import logging
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import FileField
from django.utils import timezone

from netra.audit.services import event_record
from netra.cases.evidence import CheckedFile, evidence_rehash, extension
from netra.cases.models import Evidence
from netra.cases.services.sealing import evidence_encrypted_file

logger = logging.getLogger("netra.evidence")


def _storage_name(ext: str) -> str:
    # Random, so neither the case nor the reporter's file name can be guessed from the path.
    return f"evidence/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}.{ext}"


class StoredFiles(list):
    """Storage names written inside a ``files_atomic`` block. ``witness``: a query that finds a row
    only if the block's transaction committed (set it once the row exists), to settle a failed commit."""

    witness = None


@contextmanager
def files_atomic():
    """``transaction.atomic()`` for a block that also writes files (their names go in the yielded list).

    A file is written before the row that names it, so a committed row always has its file. When the
    block fails or its transaction rolls back, the files are deleted. When the COMMIT itself fails
    (the connection dropped while committing), the transaction may have committed all the same:
    the files are then never deleted on the spot. If ``witness`` shows the rows are there, the block
    succeeded and no error is raised; otherwise the names go to the journal of unsettled files and
    the error propagates; ``files_settle`` (``netra evidence settle``) deletes those no row names
    once the database answers again.
    """
    stored = StoredFiles()
    outermost = not transaction.get_connection().in_atomic_block
    body_done = False
    try:
        with transaction.atomic():
            yield stored
            body_done = True
    except BaseException as exc:
        if not (body_done and outermost):  # rolled back for certain: the files go
            _delete(stored)
            raise
        if _committed(stored):
            logger.warning("the commit answered %r but the transaction is stored; files kept", exc)
            return
        files_journal_add(list(stored))
        raise


@contextmanager
def cleanup_on_failure():
    """Delete the files stored in the block if it fails; for writes outside one transaction (the
    demo). Around a transaction use ``files_atomic``, which also settles a failed commit."""
    stored = StoredFiles()
    try:
        yield stored
    except BaseException:
        _delete(stored)
        raise


def _delete(names) -> None:
    for name in names:
        default_storage.delete(name)


def _committed(stored: StoredFiles) -> bool:
    """Whether the failed commit stored the rows after all (False when that cannot be told now)."""
    if stored.witness is None:
        return False
    try:
        return bool(stored.witness.exists())
    except DatabaseError:
        return False


# ---------------------------------------------------------------- files whose commit is unsettled


def _journal_path() -> Path:
    return Path(settings.DATA_DIR) / "unsettled-files.log"


def files_journal_add(names: list[str]) -> None:
    """Record files whose transaction's outcome is unknown (one line each, appended atomically)."""
    if not names:
        return
    path = _journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().isoformat()
    lines = "".join(f"{stamp}\t{name}\n" for name in names)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, lines.encode())
    finally:
        os.close(fd)
    logger.warning("commit outcome unknown: %d file(s) journalled for `netra evidence settle`", len(names))


def _referenced(name: str) -> bool:
    """Whether any row of any model names ``name`` in a file field."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField) and model._base_manager.filter(**{field.name: name}).exists():
                return True
    return False


@dataclass(frozen=True)
class SettleReport:
    kept: int  # a committed row names the file
    deleted: int  # no row names it: its transaction rolled back
    pending: int  # too recent to judge, left in the journal


def files_settle(*, grace: timedelta = timedelta(seconds=60), now=None) -> SettleReport:
    """Settle the journal of files whose commit failed: keep those a row names, delete the others.

    Files younger than ``grace`` stay journalled (a commit in flight may still land). Raises
    DatabaseError while the database is unreachable, leaving the journal as it was.
    """
    path = _journal_path()
    if not path.exists():
        return SettleReport(0, 0, 0)
    cutoff = (now or timezone.now()) - grace
    kept = deleted = 0
    with path.open("r+") as journal:
        fcntl.flock(journal, fcntl.LOCK_EX)
        pending = []
        for line in journal.read().splitlines():
            stamp, _tab, name = line.partition("\t")
            if not name:
                continue
            if datetime.fromisoformat(stamp) > cutoff:
                pending.append(line)
            elif _referenced(name):
                kept += 1
            else:
                default_storage.delete(name)
                deleted += 1
        journal.seek(0)
        journal.truncate()
        journal.write("".join(f"{line}\n" for line in pending))
    return SettleReport(kept, deleted, len(pending))


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
