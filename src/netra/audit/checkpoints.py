"""Signed checkpoints of the audit chain, kept outside the database.

A checkpoint says "the chain had ``seq`` events and the newest one's hash was ``head_hash``", signed
with an Ed25519 key that lives in a file the database never sees. Checkpoints are appended to a JSON
Lines file (one per line, never rewritten) in ``NETRA_AUDIT_CHECKPOINT_DIR``. Whoever can rewrite the
database (even the whole chain and its head consistently, or with triggers switched off through
``session_replication_role = replica``) cannot forge a checkpoint, so ``chain_verify`` compares the
chain against the newest one. Nothing here touches the database.
"""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

CHECKPOINT_FILE = "checkpoints.jsonl"
FORMAT_VERSION = 1


class CheckpointError(Exception):
    """A checkpoint file or key that cannot be trusted (bad signature, unreadable, wrong key)."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head_hash: str
    at: str
    key_id: str
    signature: str = ""

    def message(self) -> bytes:
        """The signed bytes: the checkpoint's fields as canonical JSON."""
        fields = {"v": FORMAT_VERSION, "seq": self.seq, "head_hash": self.head_hash, "at": self.at}
        fields["key_id"] = self.key_id
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


def signing_key_path() -> Path:
    return Path(settings.NETRA_AUDIT_SIGNING_KEY_PATH)


def public_key_path() -> Path:
    return Path(settings.NETRA_AUDIT_PUBLIC_KEY_PATH)


def checkpoint_path() -> Path:
    return Path(settings.NETRA_AUDIT_CHECKPOINT_DIR) / CHECKPOINT_FILE


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` with mode 0600 (in a 0700 folder) and write ``data``; never overwrite."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def signing_key_generate(*, force: bool = False) -> str:
    """Create the Ed25519 key pair (private 0600, public beside it); return the key id.

    Refuses to replace an existing key unless ``force``: checkpoints signed by the old key then no
    longer verify with the new public key, so keep the old public key if you rotate.
    """
    private_path, public_path = signing_key_path(), public_key_path()
    if private_path.exists() and not force:
        raise CheckpointError(f"{private_path} already exists (use --force to replace it)")
    for path in (private_path, public_path):
        path.unlink(missing_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write_private(private_path, pem)
    public = private.public_key()
    public_pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    public_path.write_bytes(public_pem)
    return key_id(public)


def _load_private() -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(signing_key_path().read_bytes(), password=None)
    except FileNotFoundError:
        raise CheckpointError(
            f"no signing key at {signing_key_path()}: create one with `netra audit keygen`"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(f"{signing_key_path()} is not an Ed25519 private key")
    return key


def load_public() -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(public_key_path().read_bytes())
    except FileNotFoundError:
        raise CheckpointError(f"no public key at {public_key_path()} to check the checkpoints") from None
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(f"{public_key_path()} is not an Ed25519 public key")
    return key


def checkpoint_sign(seq: int, head_hash: str) -> Checkpoint:
    private = _load_private()
    at = datetime.now(UTC).isoformat(timespec="seconds")
    unsigned = Checkpoint(seq=seq, head_hash=head_hash, at=at, key_id=key_id(private.public_key()))
    signature = base64.b64encode(private.sign(unsigned.message())).decode("ascii")
    return Checkpoint(seq, head_hash, at, unsigned.key_id, signature)


def checkpoint_append(checkpoint: Checkpoint) -> Path:
    """Append one line (O_APPEND, fsync): earlier lines are never rewritten."""
    path = checkpoint_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    line = json.loads(checkpoint.message()) | {"signature": checkpoint.signature}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return path


def _parse(line: str, number: int) -> Checkpoint:
    try:
        raw = json.loads(line)
        checkpoint = Checkpoint(
            seq=int(raw["seq"]), head_hash=str(raw["head_hash"]), at=str(raw["at"]),
            key_id=str(raw["key_id"]), signature=str(raw["signature"]),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError):
        raise CheckpointError(f"checkpoint line {number} is not a checkpoint") from None
    if raw.get("v") != FORMAT_VERSION:
        raise CheckpointError(f"checkpoint line {number} has an unknown format version")
    return checkpoint


def _check_signature(checkpoint: Checkpoint, public: Ed25519PublicKey, number: int) -> None:
    if checkpoint.key_id != key_id(public):
        raise CheckpointError(f"checkpoint line {number} was signed by another key ({checkpoint.key_id})")
    try:
        public.verify(base64.b64decode(checkpoint.signature, validate=True), checkpoint.message())
    except (InvalidSignature, ValueError):
        raise CheckpointError(
            f"checkpoint line {number} has an invalid signature (forged or edited)"
        ) from None


def checkpoints_read() -> list[Checkpoint]:
    """Every checkpoint, oldest first, each signature checked; [] when none was ever written.

    Raises CheckpointError for a forged or edited line, or when the count goes backwards.
    """
    path = checkpoint_path()
    if not path.exists():
        return []
    public = load_public()
    found: list[Checkpoint] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        checkpoint = _parse(line, number)
        _check_signature(checkpoint, public, number)
        if found and checkpoint.seq < found[-1].seq:
            raise CheckpointError(f"checkpoint line {number} records fewer events than the one before it")
        found.append(checkpoint)
    return found
