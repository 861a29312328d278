"""Evidence files: checked by content and hashed while streamed, then read back for download.

Nothing here writes: storing a checked file and re-verifying stored ones are services
(``netra.cases.services.evidence``). Files go through Django's default storage (local disk for the
demo, S3-compatible storage in production), encrypted with the case's data key
(``netra.cases.sealing``). The SHA-256 taken at upload, of the original bytes, is the legal
fingerprint: a download decrypts to exactly those bytes.
"""

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from netra.cases import evidence_active as active
from netra.cases.models import Evidence
from netra.cases.sealing import evidence_plaintext
from netra.core.crypto import KeyUnavailable
from netra.core.inputs import text_problem

CHUNK = 64 * 1024
SNIFF_BYTES = 64 * 1024
MAX_LINK_LENGTH = 1000


@dataclass(frozen=True)
class FileKind:
    mime: str
    label: str
    extensions: frozenset[str]


def _kind(mime: str, label: str, *extensions: str) -> FileKind:
    return FileKind(mime, label, frozenset(extensions))


ALLOWED = (
    _kind("image/jpeg", "JPEG", "jpg", "jpeg", "jfif", "jpe"),
    _kind("image/png", "PNG", "png"),
    _kind("image/webp", "WebP", "webp"),
    _kind("image/gif", "GIF", "gif"),
    _kind("application/pdf", "PDF", "pdf"),
    _kind("video/mp4", "MP4", "mp4", "m4v"),
    _kind("video/quicktime", "MOV", "mov", "qt"),
    _kind("audio/mpeg", "MP3", "mp3"),
    _kind("audio/mp4", "M4A", "m4a", "f4a"),
    _kind("audio/ogg", "OGG", "ogg", "oga", "opus"),
    _kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", "docx"),
    _kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "xlsx"),
    _kind("text/plain", "teks", "txt"),
)
# Office files are ZIP archives: the part that proves which one (and that no macros ride along).
_OFFICE_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_ACTIVE_TEXT = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"#!", b"<iframe", b"javascript:")


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, with its fingerprint."""

    upload: File
    name: str
    kind: FileKind
    sha256: str
    size: int


def max_upload_bytes() -> int:
    return int(getattr(settings, "NETRA_MAX_UPLOAD_MB", 25)) * 1024 * 1024


def extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _hash_and_size(upload, limit: int) -> tuple[str, int]:
    """SHA-256 and size, reading in chunks; stops as soon as the size limit is passed."""
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks(CHUNK) if hasattr(upload, "chunks") else iter(lambda: upload.read(CHUNK), b""):
        size += len(chunk)
        if size > limit:
            raise ValidationError(
                _("Berkas %(name)s terlalu besar: batasnya %(mb)s MB.")
                % {"name": upload.name, "mb": limit // (1024 * 1024)}
            )
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def _looks_like_plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # only a multibyte character cut at the sniff boundary is fine
            return False
    lowered = head.lstrip().lower()
    return not any(marker in lowered for marker in _ACTIVE_TEXT)


def _detected_extensions(upload) -> set[str]:
    upload.seek(0)
    try:
        matches = puremagic.magic_stream(upload)
    except puremagic.PureError:
        matches = []
    upload.seek(0)
    return {m.extension.lower().lstrip(".") for m in matches if m.extension}


def _office_part_present(upload, ext: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return _OFFICE_PART[ext] in names and not any(n.endswith("vbaProject.bin") for n in names)


def _content_matches(upload, ext: str, kind: FileKind, detected: set[str]) -> bool:
    if kind.mime == "text/plain":
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        upload.seek(0)
        return not detected and _looks_like_plain_text(head)
    if ext in _OFFICE_PART:
        return ext in detected and _office_part_present(upload, ext)
    return bool(kind.extensions & detected)


# Leading bytes that identify a kind for certain, as puremagic's own tests do (tests/cases/test_evidence.py
# checks both agree); any other file goes through puremagic's full list, about 3 ms a file.
SIGNATURES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "application/pdf": (b"%PDF-",),
}


def _signature_matches(upload, kind: FileKind) -> bool:
    signatures = SIGNATURES.get(kind.mime)
    if not signatures:
        return False
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head.startswith(signatures)


def _described(detected: set[str]) -> str:
    return ", ".join(sorted(detected)) if detected else _("tidak dikenali")


def evidence_check(upload) -> CheckedFile:
    """Check one uploaded file (type from its content, extension, size) and fingerprint it.

    Raises ValidationError with a message the reporter can act on.
    """
    name = PurePath(upload.name or "").name
    ext = extension(name)
    kind = next((k for k in ALLOWED if ext in k.extensions), None)
    if kind is None:
        allowed = ", ".join(sorted({e for k in ALLOWED for e in k.extensions}))
        raise ValidationError(
            _("Jenis berkas %(name)s tidak diterima. Berkas yang diterima: %(allowed)s.")
            % {"name": name or "?", "allowed": allowed}
        )
    sha256, size = _hash_and_size(upload, max_upload_bytes())
    if size == 0:
        raise ValidationError(_("Berkas %(name)s kosong.") % {"name": name})
    if _signature_matches(upload, kind):
        pass  # the common photo and PDF: their leading bytes settle it, without every magic test
    elif not _content_matches(upload, ext, kind, detected := _detected_extensions(upload)):
        raise ValidationError(
            _("Isi berkas %(name)s bukan %(label)s (terdeteksi: %(found)s). Berkas ditolak demi keamanan.")
            % {"name": name, "label": kind.label, "found": _described(detected)}
        )
    if problem := _active_content_problem(upload, ext, kind, name):
        raise ValidationError(problem)
    return CheckedFile(upload=upload, name=name, kind=kind, sha256=sha256, size=size)


IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "jfif", "jpe", "png", "gif", "webp"})


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _active_content_problem(upload, ext: str, kind: FileKind, name: str) -> str | None:
    """Why a file of the right type is still refused (netra.cases.evidence_active), or None."""
    if ext in IMAGE_EXTENSIONS:
        return _image_problem(_read_all(upload), ext, name)
    if kind.mime == "application/pdf" and (found := active.pdf_active_names(_read_all(upload))):
        return _(
            "PDF %(name)s berisi tindakan otomatis (%(what)s) yang dapat menjalankan program. "
            "Cetak ulang sebagai PDF biasa (Print to PDF) lalu kirim lagi."
        ) % {"name": name, "what": ", ".join(sorted(f"/{n}" for n in found))}
    if ext in _OFFICE_PART:
        return _archive_problem(upload, name)
    return None


def _image_problem(data: bytes, ext: str, name: str) -> str | None:
    if active.image_has_active_content(data, ext):
        return _(
            "Gambar %(name)s berisi kode HTML atau skrip yang disisipkan. Berkas ditolak demi keamanan; "
            "kirim foto asli dari kamera atau tangkapan layar baru."
        ) % {"name": name}
    size, limit = active.image_size(data, ext), int(settings.NETRA_MAX_IMAGE_PIXELS)
    if size is not None and size[0] * size[1] > limit:
        return _(
            "Gambar %(name)s terlalu besar: %(w)s x %(h)s piksel (batas %(mp)s megapiksel). "
            "Perkecil ukurannya lalu kirim lagi."
        ) % {"name": name, "w": size[0], "h": size[1], "mp": limit // 1_000_000}
    return None


def _archive_problem(upload, name: str) -> str | None:
    problem = active.archive_problem(
        upload,
        max_bytes=int(settings.NETRA_MAX_UNZIPPED_MB) * 1024 * 1024,
        max_ratio=int(settings.NETRA_MAX_ZIP_RATIO),
        max_entries=ARCHIVE_MAX_ENTRIES,
    )
    if problem is None:
        return None
    return _(
        "Dokumen %(name)s mengembang terlalu besar saat dibuka (batas %(mb)s MB, rasio %(ratio)s:1, "
        "%(entries)s bagian). Simpan ulang dokumen itu atau kirim sebagai PDF."
    ) % {
        "name": name,
        "mb": settings.NETRA_MAX_UNZIPPED_MB,
        "ratio": settings.NETRA_MAX_ZIP_RATIO,
        "entries": ARCHIVE_MAX_ENTRIES,
    }


ARCHIVE_MAX_ENTRIES = 10_000


def evidence_check_all(files) -> list[CheckedFile]:
    """Check every file; all problems are reported together, nothing is stored yet."""
    checked, errors = [], []
    for upload in files:
        try:
            checked.append(evidence_check(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def links_clean(links) -> list[str]:
    """Evidence links (posts, videos): http(s) URLs only."""
    validator, cleaned, errors = URLValidator(schemes=["http", "https"]), [], []
    for raw in links or []:
        url = str(raw).strip()
        if not url:
            continue
        if text_problem(url):
            errors.append(
                _("Tautan berisi karakter yang tidak diizinkan: %(url)s")
                % {"url": url[:200].replace("\x00", "")}
            )
            continue
        if len(url) > MAX_LINK_LENGTH:
            errors.append(
                _("Tautan terlalu panjang (paling banyak 1000 karakter): %(url)s…") % {"url": url[:80]}
            )
            continue
        try:
            validator(url)
        except ValidationError:
            errors.append(_("Tautan tidak valid: %(url)s") % {"url": url[:200]})
            continue
        cleaned.append(url)
    if errors:
        raise ValidationError({"links": errors})
    return cleaned


def evidence_open(evidence: Evidence):
    """The file's original bytes (decrypted), opened for reading in binary mode (the caller closes it)."""
    if not evidence.file:
        raise ValidationError(_("Bukti ini berupa tautan, bukan berkas."))
    return evidence_plaintext(evidence)


def evidence_rehash(evidence: Evidence) -> bool:
    """Whether the stored file still has the SHA-256 and size recorded at upload."""
    digest, size = hashlib.sha256(), 0
    try:
        with evidence_open(evidence) as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
    except (FileNotFoundError, KeyUnavailable):  # gone, or its ciphertext altered
        return False
    return digest.hexdigest() == evidence.sha256 and size == evidence.size
