"""Evidence of the right type that could still act on whoever opens it is refused with a clear message.

Every file here is crafted in the test: a JPEG/PNG with HTML after the image data, PDFs that run
JavaScript or launch programs (also hidden behind name escapes and compressed object streams), office
archives that expand too far, and images with too many pixels; next to each, the ordinary file passes.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.cases.evidence import evidence_check
from netra.cases.evidence_active import image_size, image_trailer, jpeg_end, pdf_active_names

HTML = b"<html><body><script>fetch('/kasus/')</script></body></html>"


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg(width=64, height=48, scan=b"\x12\xff\x00\x34\xff\xd0\x56" * 20) -> bytes:
    """A structurally complete baseline JPEG: SOI, APP0, DQT, SOF0, DHT, SOS, scan data, EOI."""
    return b"".join(
        [
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xFE, b"Dibuat oleh kamera ponsel"),
            _segment(0xDB, b"\x00" + bytes(range(1, 65))),
            _segment(0xC0, b"\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00"),
            _segment(0xC4, b"\x00" + b"\x01" * 16 + b"\x00" * 16),
            _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            scan,
            b"\xff\xd9",
        ]
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width=32, height=32) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def pdf(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (i, obj) for i, obj in enumerate(objects, start=1))
    return b"%PDF-1.7\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Bukti percakapan</w:document>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refused(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        evidence_check(upload(name, content))
    return " ".join(caught.value.messages)


# ------------------------------------------------------------------ images


def test_ordinary_jpeg_and_png_pass_and_end_where_their_data_ends():
    assert evidence_check(upload("foto.jpg", jpeg())).size > 0
    assert evidence_check(upload("layar.png", png())).size > 0
    assert jpeg_end(jpeg()) == len(jpeg())
    assert image_trailer(png(), "png") == b""


@pytest.mark.parametrize("name,image", [("foto.jpg", jpeg()), ("layar.png", png())])
def test_html_after_the_image_data_is_refused(name, image):
    message = refused(name, image + HTML)
    assert "HTML atau skrip" in message and name in message


def test_html_in_a_jpeg_comment_is_refused():
    image = jpeg().replace(b"Dibuat oleh kamera ponsel", b"<script>alert(1)</script>!!!!")
    assert "HTML atau skrip" in refused("foto.jpg", image)


def test_scan_bytes_that_look_like_a_marker_do_not_end_the_image_early():
    # Stuffed 0xFF00 and restart markers inside the scan; the trailer is only what follows EOI.
    image = jpeg(scan=b"\xff\x00<html\xff\xd3" * 4)
    assert image_trailer(image + b"PADDING", "jpg") == b"PADDING"


def test_harmless_bytes_after_the_image_are_allowed():
    # Cameras append maker data or a motion-photo video; only renderable HTML or script is refused.
    assert evidence_check(upload("foto.jpg", jpeg() + b"\x00\x00ftypmp42" + b"\x01" * 100)).size > 0


def test_images_above_the_pixel_limit_are_refused(settings):
    settings.NETRA_MAX_IMAGE_PIXELS = 1_000_000
    assert image_size(png(2000, 1000), "png") == (2000, 1000)
    assert image_size(jpeg(1500, 900), "jpg") == (1500, 900)
    assert "2000 x 1000 piksel" in refused("layar.png", png(2000, 1000))
    assert "megapiksel" in refused("foto.jpg", jpeg(1500, 900))
    assert evidence_check(upload("foto.jpg", jpeg(1000, 1000))).size > 0


def test_the_default_pixel_limit_refuses_a_decompression_bomb_header():
    assert "piksel" in refused("bom.png", png(50_000, 50_000))


# ------------------------------------------------------------------ PDF


def test_an_ordinary_pdf_with_an_open_view_action_passes():
    document = pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>", PAGES)
    assert evidence_check(upload("surat.pdf", document)).size > 0


@pytest.mark.parametrize(
    "catalog,what",
    [
        (b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", "/JS, /JavaScript"),
        (b"<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>", "/Launch"),
        (b"<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>", "/JS, /JavaScript"),
        (b"<< /Type /Catalog /Names << /JavaScript 3 0 R >> >>", "/JavaScript"),
    ],
)
def test_a_pdf_that_runs_code_is_refused(catalog, what):
    message = refused("surat.pdf", pdf(catalog, PAGES))
    assert what in message and "Print to PDF" in message


def test_javascript_hidden_in_a_compressed_object_stream_is_found():
    hidden = zlib.compress(b"3 0 << /S /JavaScript /JS (this.exportDataObject()) >>")
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(hidden),
        hidden,
    )
    document = pdf(CATALOG, PAGES, stream)
    assert pdf_active_names(document) == {"JS", "JavaScript"}
    assert "/JavaScript" in refused("surat.pdf", document)


# ------------------------------------------------------------------ office archives


def test_an_ordinary_docx_passes():
    assert evidence_check(upload("catatan.docx", docx())).size > 0


def test_a_docx_that_expands_past_the_size_limit_is_refused(settings):
    settings.NETRA_MAX_UNZIPPED_MB = 1
    message = refused("catatan.docx", docx({"word/media/isi.bin": b"\x00" * (2 * 1024 * 1024)}))
    assert "mengembang terlalu besar" in message and "catatan.docx" in message


def test_a_docx_with_an_extreme_expansion_ratio_is_refused():
    # 16 MB of zeros pack into ~16 KB: a 1000:1 ratio, far past the default 100:1.
    assert "rasio" in refused("catatan.docx", docx({"word/media/isi.bin": b"\x00" * (16 * 1024 * 1024)}))


def test_an_archive_refused_by_the_api_tells_the_citizen_why(world):
    from django.test import Client

    from netra.cases.models import Case
    from tests.cases.test_api import report_form

    bomb = upload("bukti.docx", docx({"word/media/isi.bin": b"\x00" * (16 * 1024 * 1024)}))
    answer = Client().post("/api/v1/cases/reports", {**report_form(world), "files": [bomb]})
    assert answer.status_code == 400
    assert "mengembang terlalu besar" in answer.json()["detail"]
    assert not Case.objects.exists()
