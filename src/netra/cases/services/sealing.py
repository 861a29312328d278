"""Writing what is stored encrypted for a case, re-wrapping data keys, and erasing old identities.

See ``netra.core.crypto`` for the scheme and ``netra.cases.sealing`` for the reading side.
"""

import hashlib
import secrets
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from netra.accounts.models import SealedTOTPDevice
from netra.audit.services import event_record
from netra.cases.models import (
    CLOSED_STATUSES,
    Case,
    CaseKey,
    Clarification,
    Evidence,
    IssuedLetter,
    Reporter,
    Witness,
)
from netra.cases.sealing import (
    case_data_key,
    case_key_context,
    clarification_context,
    clarification_encode,
    evidence_context,
    identity_context,
    identity_encode,
    letter_context,
    witness_context,
    witness_encode,
)
from netra.core.crypto import (
    data_key_new,
    data_key_unwrap,
    data_key_wrap,
    encrypt_chunks,
    master_ring,
    seal,
    wrapped_key_id,
)

SPOOL_BYTES = 5 * 1024 * 1024  # encrypted uploads above this spill to a temporary file


_KEY_ATTR = "_netra_data_key"  # the plaintext data key, kept on the case object that made or read it


def case_key_new(case: Case) -> bytes:
    """Create the data key of a case created in this transaction (no key can exist yet)."""
    data_key = data_key_new()
    CaseKey.objects.create(case=case, wrapped=data_key_wrap(data_key, context=case_key_context(case.pk)))
    setattr(case, _KEY_ATTR, data_key)
    return data_key


def case_key_ensure(case: Case) -> bytes:
    """The case's data key, created (and wrapped by the newest master key) the first time."""
    if (known := getattr(case, _KEY_ATTR, None)) is not None:
        return known
    existing = CaseKey.objects.filter(case=case).first()
    if existing is not None:
        data_key = case_data_key(existing)
    else:
        data_key = data_key_new()
        try:
            with transaction.atomic():
                CaseKey.objects.create(
                    case=case, wrapped=data_key_wrap(data_key, context=case_key_context(case.pk))
                )
        except IntegrityError:  # a concurrent upload to the same case made it first: use that one
            data_key = case_data_key(CaseKey.objects.get(case=case))
    setattr(case, _KEY_ATTR, data_key)
    return data_key


def reporter_create(*, case: Case, identity: dict) -> Reporter:
    """Store the pelapor encrypted; part of the intake that creates the case (its event covers it)."""
    key = case_key_ensure(case)
    sealed = seal(key, identity_encode(identity), context=identity_context(case.pk))
    return Reporter.objects.create(case=case, sealed=sealed)


def witness_create(*, case: Case, identity: dict) -> Witness:
    """Store a saksi encrypted with the case's data key; the caller's service audits the addition."""
    key = case_key_ensure(case)
    sealed = seal(key, witness_encode(identity), context=witness_context(case.pk))
    return Witness.objects.create(case=case, sealed=sealed)


def clarification_sealed(*, case: Case, name: str, record: str = "") -> str:
    """The ciphertext of a clarification's invitee name and berita acara (the caller stores it in
    ``Clarification.sealed`` and audits the change)."""
    key = case_key_ensure(case)
    return seal(key, clarification_encode(name=name, record=record), context=clarification_context(case.pk))


def letter_sealed(*, case: Case, content: bytes, fmt: str) -> bytes:
    """A letter's PDF or DOCX encrypted with the case's data key, as stored in ``IssuedLetter``."""
    key = case_key_ensure(case)
    return seal(key, content, context=letter_context(case.pk, fmt)).encode("ascii")


def evidence_encrypted_file(*, case: Case, upload) -> File:
    """The upload encrypted with the case's key, as a file Django's storage can save."""
    key = case_key_ensure(case)
    upload.seek(0)
    chunks = (
        upload.chunks(64 * 1024) if hasattr(upload, "chunks") else iter(lambda: upload.read(64 * 1024), b"")
    )
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (File closes it)
    for piece in encrypt_chunks(key, chunks, context=evidence_context(case.pk)):
        spool.write(piece)
    spool.seek(0)
    return File(spool, name="sealed")


@dataclass(frozen=True)
class RotateReport:
    key_id: str
    rewrapped: int
    total: int
    totp_rewrapped: int = 0
    totp_total: int = 0


def case_keys_rewrap() -> RotateReport:
    """Re-wrap every case key and every TOTP secret not yet under the newest master key; one audit
    event for the run. The case key also covers what it encrypts (reporters, witnesses, clarifications'
    names and berita acara, evidence): those ciphertexts need no change.

    Idempotent: a second run re-wraps nothing. Older master keys may leave the ring afterwards.
    """
    from netra.accounts.services_twofactor import totp_secrets_rewrap

    ring = master_ring()
    newest, rewrapped = ring[0].key_id, 0
    with transaction.atomic():
        for case_key in CaseKey.objects.select_for_update().order_by("pk"):
            if wrapped_key_id(case_key.wrapped) == newest:
                continue
            context = case_key_context(case_key.case_id)
            data_key = data_key_unwrap(case_key.wrapped, context=context, ring=ring)
            case_key.wrapped = data_key_wrap(data_key, context=context, ring=ring)
            case_key.save(update_fields=["wrapped"])
            rewrapped += 1
        total = CaseKey.objects.count()
        totp_rewrapped = totp_secrets_rewrap(ring)
        totp_total = SealedTOTPDevice.objects.count()
        event_record(
            actor="system", action="keys.rewrap", obj_type="keys.master", obj_id=newest,
            data={"rewrapped": rewrapped, "case_keys": total, "totp_rewrapped": totp_rewrapped,
                  "totp_secrets": totp_total},
        )  # fmt: skip
    return RotateReport(newest, rewrapped, total, totp_rewrapped, totp_total)


def case_keys_by_master() -> dict[str, int]:
    """How many case keys each master key wraps (for ``netra keys status``)."""
    counts: dict[str, int] = {}
    for wrapped in CaseKey.objects.values_list("wrapped", flat=True).iterator():
        counts[wrapped_key_id(wrapped)] = counts.get(wrapped_key_id(wrapped), 0) + 1
    return counts


def identities_due_for_erasure(now=None):
    """Cases closed longer ago than ``NETRA_IDENTITY_RETENTION_DAYS`` that still hold a reporter's or a
    witness's identity, a clarification's invitee name and berita acara, or an invitation naming them."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NETRA_IDENTITY_RETENTION_DAYS)
    holding = (
        Q(reporter__isnull=False, reporter__erased_at__isnull=True)
        | Q(witnesses__isnull=False, witnesses__erased_at__isnull=True)
        | Q(clarifications__isnull=False, clarifications__erased_at__isnull=True)
        | Q(letters__sealed=True, letters__erased_at__isnull=True)
    )
    closed = Case.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=cutoff)
    return closed.filter(pk__in=closed.filter(holding).values("pk")).select_related("office")


def identities_erase_expired(*, now=None) -> list[int]:
    """Erase the identities past retention (the pelapor's, every saksi's, every clarification's invitee
    name and berita acara, and the invitations naming a pelapor or saksi), one transaction and one
    audit event per case. The case, its record and its evidence stay; only the personal data goes."""
    now, days = now or timezone.now(), settings.NETRA_IDENTITY_RETENTION_DAYS
    erased = []
    for case in identities_due_for_erasure(now).order_by("pk"):
        with transaction.atomic():
            reporter = Reporter.objects.filter(case=case, erased_at__isnull=True).update(
                sealed="", erased_at=now
            )
            witnesses = Witness.objects.filter(case=case, erased_at__isnull=True).update(
                sealed="", erased_at=now
            )
            clarifications = Clarification.objects.filter(case=case, erased_at__isnull=True).update(
                sealed="", erased_at=now
            )
            letters = IssuedLetter.objects.filter(case=case, sealed=True, erased_at__isnull=True).update(
                pdf=b"", docx=b"", erased_at=now
            )
            if not (reporter or witnesses or clarifications or letters):
                continue  # another run erased them first
            event_record(
                actor="system",
                action="case.reporter.erase",
                obj_type="cases.case",
                obj_id=case.pk,
                office_code=case.office.region_code if case.office_id else "",
                data={"closed_at": case.closed_at, "retention_days": days, "reporter": bool(reporter),
                      "witnesses": witnesses, "clarifications": clarifications, "letters": letters},
            )  # fmt: skip
        erased.append(case.pk)
    return erased


@dataclass(frozen=True)
class SealReport:
    sealed: list[int]
    refused: list[int]  # the plaintext no longer matches its fingerprint: left as it is, for inquiry


def _fingerprint(name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with default_storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(64 * 1024), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _seal_one(evidence: Evidence) -> None:
    old_name = evidence.file.name
    with default_storage.open(old_name, "rb") as handle:
        sealed = evidence_encrypted_file(case=evidence.case, upload=handle)
    with sealed:
        new_name = default_storage.save(old_name.rsplit("/", 1)[0] + "/" + secrets.token_urlsafe(24), sealed)
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk, encrypted=False).update(file=new_name, encrypted=True)
        event_record(
            actor="system",
            action="evidence.seal",
            obj_type="cases.evidence",
            obj_id=evidence.pk,
            data={"case_id": evidence.case_id, "sha256": evidence.sha256},
        )
    default_storage.delete(old_name)


def evidence_seal_legacy() -> SealReport:
    """Encrypt the evidence files stored before encryption at rest, one audit event each.

    A file is sealed only if its bytes still match the SHA-256 taken at upload, so encryption never
    blesses an altered file; the new file replaces the old one only once its row points at it.
    """
    sealed, refused = [], []
    pending = Evidence.objects.filter(encrypted=False).exclude(file="").select_related("case")
    for evidence in pending.order_by("pk").iterator(chunk_size=200):
        try:
            fingerprint = _fingerprint(evidence.file.name)
        except FileNotFoundError:
            fingerprint = ("", 0)
        if fingerprint != (evidence.sha256, evidence.size):
            refused.append(evidence.pk)
            continue
        _seal_one(evidence)
        sealed.append(evidence.pk)
    return SealReport(sealed, refused)


def evidence_store_tighten() -> int:
    """Make an older local evidence store private: folders 0700, files 0600 (new ones are already).

    Returns how many entries changed; object storage (no local path) has nothing to do.
    """
    try:
        root = Path(default_storage.path("evidence"))
    except NotImplementedError:
        return 0
    changed = 0
    for path in [root, *root.rglob("*")] if root.exists() else []:
        wanted = 0o700 if path.is_dir() else 0o600
        if path.stat().st_mode & 0o777 != wanted:
            path.chmod(wanted)
            changed += 1
    return changed
