"""The PDF as a reader gets it: valid for qpdf, rendered by poppler without a warning, the pages it
should have, the closing and signature on one page, the kop's logo. Needs Debian ``qpdf`` and
``poppler-utils``; without them the tests skip, except under CI=true where they fail."""

import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.cases.letters import Letter, Letterhead, Terlapor, logo_problem, render_pdf
from netra.cases.letters.data import logo_pixels
from tests.ci_skips import in_ci

TOOLS = ("qpdf", "pdftoppm", "pdftotext", "pdfinfo", "pdfimages")


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (Debian: apt-get install qpdf poppler-utils)"
        if in_ci():
            pytest.fail(message)  # CI installs them (.ci/run): a missing tool there is a failure
        pytest.skip(message)
    return path


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_require(tool), *args], capture_output=True, text=True, timeout=60)


def png(width: int = 8, height: int = 8) -> bytes:
    """A real (decodable) red RGB PNG, written by hand: the project has no imaging library."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


LOGO_KOP = Letterhead(("Badan Pengawas Pemilihan Umum", "Kabupaten Bintan"), logo=png())


NUMBER = "123/PP.01/K.KR-01/XI/2024"
KOP = Letterhead(
    ("Badan Pengawas Pemilihan Umum", "Kabupaten Bintan"),
    address="Jalan Contoh Nomor 1",
    phone="(0771) 000000",
    email="uji@contoh.test",
    website="contoh.test",
)


def make_letter(**overrides) -> Letter:
    data = {
        "number": NUMBER,
        "date": date(2024, 11, 3),
        "place": "Bintan",
        "letterhead": KOP,
        "office_name": "Bawaslu Kabupaten Bintan",
        "recipients": ("Kepala Badan Kepegawaian Negara",),
        "copies": ("Pejabat Pembina Kepegawaian Pemkab Bintan", "Bawaslu Provinsi Kepulauan Riau"),
        "terlapor": Terlapor("Budi Santoso", "199001012015031001", "Kepala SDN 001", "Dinas Pendidikan"),
        "register_number": "001/Reg/LP/PB/Kab/21.01/XI/2024",
        "facts": "Terlapor mengajak guru memilih pasangan calon nomor 2.",
        "violation": "mengajak memilih",
        "violation_basis": ("Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021",),
        "referral_basis": ("Pasal 3-4 Peraturan Presiden Nomor 92 Tahun 2024",),
        "recommendation": "Menindaklanjuti sesuai ketentuan.",
        "signatory_name": "Rina Kartika",
        "signatory_role": "Ketua Badan Pengawas Pemilihan Umum Kabupaten Bintan",
    }
    data.update(overrides)
    return Letter(**data)


def _with_pdf(pdf: bytes, action):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "surat.pdf")
        path.write_bytes(pdf)
        return action(path)


def qpdf_check(pdf: bytes) -> subprocess.CompletedProcess:
    return _with_pdf(pdf, lambda path: _run("qpdf", "--check", str(path)))


def rendered_page_count(pdf: bytes) -> int:
    """Renders every page with pdftoppm (as a person would see it) and fails on any poppler message."""

    def render(path: Path) -> int:
        result = _run("pdftoppm", "-png", "-r", "30", str(path), str(path.with_name("page")))
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return len(list(path.parent.glob("page-*.png")))

    return _with_pdf(pdf, render)


def pdf_pages_text(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext; pages split at form feeds)."""

    def extract(path: Path) -> list[str]:
        result = _run("pdftotext", "-layout", str(path), "-")
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return result.stdout.split("\f")[:-1]

    return _with_pdf(pdf, extract)


def image_count(pdf: bytes) -> int:
    def count(path: Path) -> int:
        result = _run("pdfimages", "-list", str(path))
        return len(result.stdout.splitlines()) - 2  # two header lines

    return _with_pdf(pdf, count)


def test_pdf_passes_qpdf_and_renders_on_one_page_without_warnings():
    pdf = render_pdf(make_letter())
    check = qpdf_check(pdf)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout
    assert check.stderr == ""
    assert rendered_page_count(pdf) == 1
    info = _with_pdf(pdf, lambda path: _run("pdfinfo", str(path)))
    assert info.stderr == "" and "Pages:           1" in info.stdout


def test_the_poppler_syntax_error_is_gone_and_the_pdf_stays_tagged():
    # typst writes /MarkInfo <</Marked true /Suspects false>>; poppler 22 reports the explicit false
    # as "Syntax Error: Suspects object is wrong type (boolean)".
    pdf = render_pdf(make_letter())
    assert b"/Suspects false" not in pdf
    assert b"/Marked true" in pdf and b"/StructTreeRoot" in pdf
    assert "Tagged:          yes" in _with_pdf(pdf, lambda path: _run("pdfinfo", str(path))).stdout


def test_layout_reads_like_a_surat_dinas():
    page = pdf_pages_text(render_pdf(make_letter()))[0]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert lines[0] == "BADAN PENGAWAS PEMILIHAN UMUM" and lines[1] == "KABUPATEN BINTAN"
    # Nomor on the left and place and date on the right of the same line, under the kop.
    nomor = next(line for line in lines if line.startswith("Nomor"))
    assert nomor.endswith("Bintan, 3 November 2024")
    order = [
        page.index(text)
        for text in ("Nomor", "Sifat", "Lampiran", "Hal", "Yth.", "Demikian", "Rina Kartika", "Tembusan")
    ]
    assert order == sorted(order)
    # The signature block sits on the right half of the page.
    signature = next(line for line in page.splitlines() if "Rina Kartika" in line)
    assert len(signature) - len(signature.lstrip()) > 30


def test_a_long_letter_keeps_closing_and_signature_together_on_the_last_page():
    facts = "Terlapor mengajak guru memilih pasangan calon nomor 2 dalam rapat dinas sekolah. " * 40
    pdf = render_pdf(make_letter(facts=facts))
    assert rendered_page_count(pdf) == 2
    pages = pdf_pages_text(pdf)
    closing = [i for i, text in enumerate(pages) if "Demikian disampaikan" in text]
    signed = [i for i, text in enumerate(pages) if "Rina Kartika" in text]
    assert closing == signed == [1]
    assert re.match(r"\s*-\s*2\s*-\n", pages[1])  # later pages carry their number at the top


@pytest.mark.parametrize("count", [8, 12])
def test_signature_never_sits_alone_whatever_the_length(count):
    # Lengths around a page break: the closing paragraph always goes with the signature.
    facts = "Uraian fakta hasil kajian yang disusun oleh petugas penanganan pelanggaran. " * count * 3
    pages = pdf_pages_text(render_pdf(make_letter(facts=facts)))
    closing = next(i for i, text in enumerate(pages) if "Demikian disampaikan" in text)
    assert "Rina Kartika" in pages[closing]
    assert "Ketua Badan Pengawas Pemilihan Umum" in pages[closing]


def test_logo_is_printed_in_the_kop_only_when_the_office_has_one():
    assert image_count(render_pdf(make_letter())) == 0
    pdf = render_pdf(make_letter(letterhead=LOGO_KOP))
    assert image_count(pdf) == 1
    assert qpdf_check(pdf).returncode == 0
    assert rendered_page_count(pdf) == 1


def test_logo_is_checked_by_its_content():
    assert logo_problem(png()) is None
    assert logo_problem(b"GIF89a" + b"\x00" * 50) == "format"
    assert logo_problem(b"<svg xmlns='http://www.w3.org/2000/svg'/>") == "format"
    assert logo_problem(png()[:40]) == "decode"  # a PNG signature on a truncated file
    assert logo_problem(b"\xff\xd8\xff\xe0" + b"\x00" * 100) == "pixels"  # no frame header
    assert logo_problem(_jpeg_header(64, 32) + b"\x00" * 64) == "decode"


def _jpeg_header(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    size = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    sof0 = b"\xff\xc0\x00\x11\x08" + size + b"\x03" + b"\x00" * 9
    return b"\xff\xd8" + app0 + sof0


def test_image_size_is_read_from_the_header_before_anything_decodes_it():
    assert logo_pixels(png(12, 5)) == (12, 5)
    assert logo_pixels(_jpeg_header(640, 480)) == (640, 480)
    # A few hundred bytes that would decode to 7.5 GB: refused on the header alone.
    bomb = png()[:16] + (50000).to_bytes(4, "big") * 2 + png()[24:]
    assert logo_problem(bomb) == "pixels"
    assert logo_problem(_jpeg_header(4001, 10)) == "pixels"
    assert logo_problem(png(4001, 1)) == "pixels"
    assert logo_problem(png(400, 120)) is None


def test_pdf_with_a_logo_is_deterministic():
    letter = make_letter(letterhead=replace(LOGO_KOP, address="Jalan Contoh"))
    assert render_pdf(letter) == render_pdf(letter)


def test_a_missing_tool_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _require("qpdf")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _require("qpdf")


def test_several_addressees_are_numbered_under_one_yth():
    page = pdf_pages_text(render_pdf(make_letter(recipients=("Kepala BKN", "Bupati Bintan"))))[0]
    lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    start = lines.index("Yth. 1. Kepala BKN")
    assert lines[start + 1 : start + 3] == ["2. Bupati Bintan", "di Tempat"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from("#$*_[]<>@\\`~=-+/'\":.{}\n"), max_size=400
    )
)
def test_any_text_gives_a_pdf_qpdf_and_poppler_accept(text):
    pdf = render_pdf(make_letter(facts=text, terlapor=Terlapor(text or "-", text)))
    assert qpdf_check(pdf).returncode == 0
    assert 1 <= rendered_page_count(pdf) <= 3
