"""Evidence: type from content, hash and size at upload, untouched storage, access, re-verification."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases import selectors
from netra.cases.evidence import evidence_check, evidence_open
from netra.cases.models import Evidence
from netra.cases.services.evidence import evidence_verify_all
from tests.cases.helpers import JPEG, PNG, case_in

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def office_file(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("foto.jpg", JPEG, "image/jpeg"),
        ("FOTO.JPEG", JPEG, "image/jpeg"),
        ("layar.png", PNG, "image/png"),
        ("surat.pdf", PDF, "application/pdf"),
        ("video.mp4", MP4, "video/mp4"),
        ("kronologi.txt", "Pada hari Senin, Pak Budi berkata …".encode(), "text/plain"),
        (
            "laporan.docx",
            office_file("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "daftar.xlsx",
            office_file("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_types_are_detected_from_content(name, content, mime):
    checked = evidence_check(upload(name, content))
    assert checked.kind.mime == mime
    assert checked.sha256 == hashlib.sha256(content).hexdigest() and checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120),  # a Windows executable
        ("foto.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 120),  # a Linux executable
        ("foto.jpg", b"<html><body><script>alert(1)</script></body></html>"),  # HTML
        ("catatan.txt", b"<script>document.location='http://evil'</script>"),
        ("catatan.txt", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("catatan.txt", b"#!/bin/sh\nrm -rf /\n"),
        ("foto.jpg", PNG),  # mismatched extension
        ("surat.pdf", JPEG),
        ("laporan.docx", office_file("xlsx")),  # a workbook named as a document
        ("gambar.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),  # type not accepted at all
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("tanpa-ekstensi", JPEG),
        ("kosong.jpg", b""),
    ],
)
def test_rejected_by_content_or_type(name, content):
    with pytest.raises(ValidationError) as exc:
        evidence_check(upload(name, content))
    assert exc.value.messages and all(isinstance(m, str) and m for m in exc.value.messages)


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 40 + b";"


@pytest.mark.parametrize(("ext", "content"), [("jpg", JPEG), ("png", PNG), ("gif", GIF), ("pdf", PDF)])
def test_the_signature_shortcut_agrees_with_the_full_content_detection(ext, content):
    """A photo or PDF is accepted on its leading bytes without puremagic's full list (3 ms a file);
    puremagic itself must detect the same type from the same bytes, so nothing is let through that
    the full check would refuse."""
    from netra.cases.evidence import SIGNATURES, _detected_extensions

    kind = evidence_check(upload(f"bukti.{ext}", content)).kind
    assert content.startswith(SIGNATURES[kind.mime])
    assert ext in _detected_extensions(upload(f"bukti.{ext}", content))


def test_size_limit_from_settings(settings):
    settings.NETRA_MAX_UPLOAD_MB = 1
    big = JPEG + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        evidence_check(upload("besar.jpg", big))
    assert "1 MB" in exc.value.messages[0]
    assert evidence_check(upload("kecil.jpg", JPEG)).size == len(JPEG)


def test_stored_untouched_under_an_unguessable_name(world):
    case = case_in(world, "diterima")
    item = case.evidence.get(link="")
    assert item.original_name == "foto.jpg" and "foto" not in item.file.name
    assert item.uploaded_at is not None and item.content_type == "image/jpeg"
    with evidence_open(item) as handle:
        stored = handle.read()
    assert stored == JPEG and hashlib.sha256(stored).hexdigest() == item.sha256


def test_access_to_evidence_follows_case_access(world):
    case = case_in(world, "diterima")
    item = case.evidence.get()
    staff = world["staff"]
    assert selectors.evidence_get_for(staff["bintan"][Role.STAF_PENANGANAN], item.pk) == item
    assert selectors.evidence_get_for(staff["kepri"][Role.PIMPINAN], item.pk) == item
    for user in (
        staff["lingga"][Role.PIMPINAN],
        staff["bandung"][Role.STAF_PENANGANAN],
        staff["bintan"][Role.ANALIS],
        staff["bkn"][Role.PIMPINAN],
    ):
        with pytest.raises(Http404):
            selectors.evidence_get_for(user, item.pk)


def test_verify_all_detects_a_tampered_file(world):
    case = case_in(world, "diterima")
    item = case.evidence.get()
    assert evidence_verify_all().failed == []
    default_storage.delete(item.file.name)
    default_storage.save(item.file.name, io.BytesIO(JPEG + b"edited"))
    report = evidence_verify_all()
    assert report.failed == [item.pk] and report.checked == 1
    assert Evidence.objects.get(pk=item.pk).verified_ok is False
    assert Event.objects.filter(action="evidence.verify_failed", object_id=str(item.pk)).exists()


def test_links_must_be_http_urls_of_reasonable_length():
    from netra.cases.evidence import links_clean

    assert links_clean([" https://example.org/a ", ""]) == ["https://example.org/a"]
    for bad in (["javascript:alert(1)"], ["ftp://example.org/x"], ["https://example.org/" + "a" * 1000]):
        with pytest.raises(ValidationError):
            links_clean(bad)
