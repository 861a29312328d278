"""Active content hidden in evidence that passed the type check: what a browser or viewer might run.

``netra.cases.evidence`` proves a file is the type it claims; this module looks inside it for what
can act on whoever opens it later (an officer, a court): HTML or script after the image data (a
"polyglot" a browser may render as a page), PDF JavaScript and launch actions, office archives that
expand to gigabytes, and images whose pixel count would exhaust a viewer's memory. Each check reads
the structure of the format, not just bytes anywhere, so ordinary photos and documents pass.
"""

import re
import struct
import zipfile
import zlib

# Text that makes a trailer executable or renderable as a page.
ACTIVE_MARKERS = (
    b"<html",
    b"<!doctype",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<body",
    b"<?php",
    b"<%",
    b"javascript:",
    b"<object",
    b"<embed",
)
# PDF names that run code or programs when the document is opened or a page is shown.
PDF_ACTIVE_NAMES = frozenset({"JS", "JavaScript", "Launch"})
PDF_STREAM_BUDGET = 64 * 1024 * 1024  # decompressed bytes inspected at most (a bomb stops here)


def _has_active_text(data: bytes) -> bool:
    lowered = data.lower()
    return any(marker in lowered for marker in ACTIVE_MARKERS)


# ------------------------------------------------------------------ images: where the image data ends


def _jpeg_scan_end(data: bytes, at: int) -> int:
    """From inside entropy-coded data, the index just past EOI (or len(data) when there is none).

    In scan data 0xFF is followed by 0x00 (stuffing) or RST0-7; any other marker ends the scan: EOI
    ends the image, and anything else (DHT, SOS of a progressive JPEG) is a segment to skip."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        marker = data[at + 1]
        if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            at += 1 if marker == 0xFF else 2
            continue
        if marker == 0xD9:
            return at + 2
        if at + 4 > len(data):
            return len(data)
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]


def jpeg_end(data: bytes) -> int:
    """Index just past the JPEG's EOI marker, following its segments (len(data) if malformed)."""
    at = 2  # after SOI
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return len(data)
        marker = data[at + 1]
        if marker == 0xD9:
            return at + 2
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker == 0xDA:  # start of scan: entropy-coded data follows its header
            return _jpeg_scan_end(data, at + 2 + length)
        at += 2 + length
    return len(data)


def png_end(data: bytes) -> int:
    """Index just past the PNG's IEND chunk and its CRC (len(data) if malformed)."""
    at = 8
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return min(at, len(data))
    return len(data)


def image_trailer(data: bytes, ext: str) -> bytes:
    """What follows the image data of a JPEG or PNG (b"" for other types)."""
    if ext in ("jpg", "jpeg", "jfif", "jpe") and data.startswith(b"\xff\xd8"):
        return data[jpeg_end(data) :]
    if ext == "png" and data.startswith(b"\x89PNG"):
        return data[png_end(data) :]
    return b""


def image_has_active_content(data: bytes, ext: str) -> bool:
    """HTML or script after the image data, or in a JPEG comment segment."""
    return _has_active_text(image_trailer(data, ext)) or _has_active_text(_jpeg_comments(data, ext))


def _jpeg_comments(data: bytes, ext: str) -> bytes:
    if ext not in ("jpg", "jpeg", "jfif", "jpe"):
        return b""
    found, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF and data[at + 1] not in (0xDA, 0xD9):
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if data[at + 1] == 0xFE:
            found.append(data[at + 4 : at + 2 + length])
        at += 2 + length
    return b"".join(found)


# ------------------------------------------------------------------ images: pixel count


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start-of-frame
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if marker == 0xDA:
            return None
        at += 2 + length
    return None


def image_size(data: bytes, ext: str) -> tuple[int, int] | None:
    """(width, height) from the header of a JPEG, PNG, GIF or WebP; None when it cannot be read."""
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


# ------------------------------------------------------------------ PDF


_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_STREAM = re.compile(rb"stream\r?\n")


def _pdf_names(data: bytes) -> set[str]:
    """Every /Name in the bytes, with #xx escapes decoded (``/J#61vaScript`` is ``/JavaScript``)."""
    names = set()
    for match in _PDF_NAME.finditer(data):
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        names.add(raw.decode("latin-1"))
    return names


def _pdf_streams(data: bytes):
    """The decompressed contents of the document's Flate streams (object streams hide dictionaries
    there), within PDF_STREAM_BUDGET bytes in all."""
    budget = PDF_STREAM_BUDGET
    for match in _PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0 or budget <= 0:
            return
        decompressor = zlib.decompressobj()
        try:
            inflated = decompressor.decompress(data[match.end() : end], budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        yield inflated


def pdf_active_names(data: bytes) -> set[str]:
    """The names among PDF_ACTIVE_NAMES the PDF uses, in its body or in its compressed streams."""
    found = _pdf_names(data) & PDF_ACTIVE_NAMES
    for inflated in _pdf_streams(data):
        found |= _pdf_names(inflated) & PDF_ACTIVE_NAMES
    return found


# ------------------------------------------------------------------ office archives


def archive_problem(upload, *, max_bytes: int, max_ratio: int, max_entries: int) -> str | None:
    """ "size", "ratio" or "entries" when the ZIP would expand too far, else None.

    The sizes are the ones the archive declares: Python's zipfile (and so openpyxl and docx readers)
    stops reading a member at its declared size, so a lying header cannot expand further."""
    upload.seek(0, 2)
    packed = max(upload.tell(), 1)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return None  # not an archive at all: the type check refuses it
    finally:
        upload.seek(0)
    expanded = sum(member.file_size for member in members)
    if len(members) > max_entries:
        return "entries"
    if expanded > max_bytes:
        return "size"
    if expanded / packed > max_ratio:
        return "ratio"
    return None
