"""Envelope encryption at rest: AES-256-GCM data keys wrapped by a master key kept outside the database.

- The **master key ring** comes from ``NETRA_MASTER_KEY`` (base64 keys, newest first, comma
  separated) or from the key file ``NETRA_MASTER_KEY_FILE`` (one base64 key a line, newest first).
  When neither is set, the demo's key file is created once in ``NETRA_KEY_DIR`` with mode 0600.
  The newest key wraps; any key of the ring unwraps, so a rotation can re-wrap at leisure.
- A **data key** (32 random bytes) per case encrypts that case's secrets; only its wrapped form
  (``key id:base64(nonce + ciphertext)``) is stored, next to the case.
- Every ciphertext is bound to where it belongs by its associated data (a case key to its case, an
  identity to its case), so a row copied onto another case does not decrypt.

No Django model is imported here: migrations use these helpers too.
"""

import base64
import hashlib
import io
import os
import secrets
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
STREAM_MAGIC = b"NTRENC01"
STREAM_CHUNK = 64 * 1024
_LENGTH = struct.Struct(">I")


class KeyUnavailable(Exception):
    """No usable master key, or a ciphertext that no key of the ring opens (wrong key, or altered)."""


@dataclass(frozen=True)
class MasterKey:
    key_id: str
    key: bytes = b""

    def __repr__(self) -> str:  # never print key material
        return f"MasterKey({self.key_id})"


def key_id_of(key: bytes) -> str:
    return hashlib.sha256(b"netra-master-key:" + key).hexdigest()[:16]


def new_key_text() -> str:
    """A fresh master key as stored in a key file or ``NETRA_MASTER_KEY``."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def parse_ring(text: str) -> list[MasterKey]:
    ring = []
    for part in text.replace(",", " ").split():
        try:
            key = base64.b64decode(part, validate=True)
        except ValueError:
            raise KeyUnavailable("a master key is not valid base64") from None
        if len(key) != KEY_BYTES:
            raise KeyUnavailable(f"a master key must be {KEY_BYTES} bytes, not {len(key)}")
        ring.append(MasterKey(key_id_of(key), key))
    if not ring:
        raise KeyUnavailable("the master key ring is empty")
    return ring


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to a new 0600 file in a 0700 folder, atomically replacing any old one."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def key_file_in_use() -> Path | None:
    """The key file the ring comes from, or None when ``NETRA_MASTER_KEY`` gives it."""
    return None if settings.NETRA_MASTER_KEY else Path(settings.NETRA_MASTER_KEY_FILE)


def _demo_key_file(path: Path) -> bool:
    return path == Path(settings.NETRA_KEY_DIR) / "master.key"


def master_ring() -> list[MasterKey]:
    """The master keys, newest first. The demo's key file is created on first use."""
    path = key_file_in_use()
    if path is None:
        return parse_ring(settings.NETRA_MASTER_KEY)
    if not path.exists():
        if not _demo_key_file(path):
            raise KeyUnavailable(f"NETRA_MASTER_KEY_FILE {path} does not exist")
        write_private_file(path, new_key_text() + "\n")
    return parse_ring(path.read_text(encoding="ascii"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def seal(key: bytes, plaintext: bytes, *, context: str) -> str:
    """AES-GCM with a random nonce; ``context`` is authenticated, not stored."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return _b64(nonce + AESGCM(key).encrypt(nonce, plaintext, context.encode("utf-8")))


def unseal(key: bytes, token: str, *, context: str) -> bytes:
    try:
        raw = base64.b64decode(token, validate=True)
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
    except (InvalidTag, ValueError):
        raise KeyUnavailable(f"ciphertext for {context} does not open: wrong key or altered") from None


def data_key_new() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def data_key_wrap(data_key: bytes, *, context: str, ring: list[MasterKey] | None = None) -> str:
    """``key id:sealed data key`` under the newest master key."""
    newest = (ring or master_ring())[0]
    return f"{newest.key_id}:{seal(newest.key, data_key, context=context)}"


def wrapped_key_id(wrapped: str) -> str:
    return wrapped.partition(":")[0]


def data_key_unwrap(wrapped: str, *, context: str, ring: list[MasterKey] | None = None) -> bytes:
    key_id, _, token = wrapped.partition(":")
    master = next((k for k in ring or master_ring() if k.key_id == key_id), None)
    if master is None:
        raise KeyUnavailable(f"master key {key_id} is not in the key ring")
    return unseal(master.key, token, context=context)


# Files: a stream of sealed chunks, so a 25 MB file never sits in memory whole --------------------
# Layout: magic, 8-byte nonce prefix, then chunks of (4-byte length, ciphertext). Chunk n uses nonce
# prefix + n; its associated data names the file's context, n and whether it is the last chunk, so
# chunks cannot be reordered, dropped or the file cut short without failing.


def _chunk_aad(context: str, index: int, last: bool) -> bytes:
    return f"{context}|{index}|{int(last)}".encode()


def encrypt_chunks(key: bytes, chunks: Iterable[bytes], *, context: str) -> Iterator[bytes]:
    prefix, aead = secrets.token_bytes(8), AESGCM(key)
    yield STREAM_MAGIC + prefix
    index, pending = 0, None
    for chunk in chunks:
        if pending is not None:
            yield _sealed_chunk(aead, prefix, index, pending, context, last=False)
            index += 1
        pending = chunk
    yield _sealed_chunk(aead, prefix, index, pending or b"", context, last=True)


def _sealed_chunk(aead: AESGCM, prefix: bytes, index: int, data: bytes, context: str, *, last: bool) -> bytes:
    body = aead.encrypt(prefix + struct.pack(">I", index), data, _chunk_aad(context, index, last))
    return _LENGTH.pack(len(body)) + body


def is_encrypted_stream(head: bytes) -> bool:
    return head.startswith(STREAM_MAGIC)


class DecryptingReader(io.RawIOBase):
    """Reads the plaintext of an encrypted stream, chunk by chunk; raises KeyUnavailable on tampering."""

    def __init__(self, source, key: bytes, *, context: str):
        super().__init__()
        self._source, self._aead, self._context = source, AESGCM(key), context
        header = source.read(len(STREAM_MAGIC) + 8)
        if not is_encrypted_stream(header):
            raise KeyUnavailable(f"{context} is not an encrypted file")
        self._prefix, self._index, self._buffer, self._done = header[len(STREAM_MAGIC) :], 0, b"", False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes:
        length_bytes = self._source.read(_LENGTH.size)
        if len(length_bytes) < _LENGTH.size:
            raise KeyUnavailable(f"{self._context} was cut short")
        length = _LENGTH.unpack(length_bytes)[0]
        body = self._source.read(length)
        if len(body) != length:  # the file was cut, or its (unauthenticated) length field altered
            raise KeyUnavailable(f"{self._context} was cut short")
        nonce = self._prefix + struct.pack(">I", self._index)
        for last in (False, True):
            try:
                plain = self._aead.decrypt(nonce, body, _chunk_aad(self._context, self._index, last))
            except InvalidTag:
                continue
            if last and self._source.read(1):
                raise KeyUnavailable(f"{self._context} has bytes after its last chunk")
            self._index, self._done = self._index + 1, last
            return plain
        raise KeyUnavailable(f"{self._context}: chunk {self._index} does not open (altered or wrong key)")

    def readinto(self, buffer) -> int:
        while not self._buffer and not self._done:
            self._buffer = self._next_chunk()
        size = min(len(buffer), len(self._buffer))
        buffer[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size

    def close(self) -> None:
        self._source.close()
        super().close()
