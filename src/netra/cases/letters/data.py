"""The plain data a letter is rendered from, and the text helpers both renderers share."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from netra.text.dates import format_date

# Every line terminator Python or typst knows, folded into "\n" before rendering.
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LOGO_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


@dataclass(frozen=True)
class Letterhead:
    """The kop surat: the institution's name lines (printed in capitals), address, contacts, logo.

    ``logo`` holds PNG or JPEG bytes (checked on upload); empty keeps the logo's place blank.
    """

    lines: tuple[str, ...]
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo: bytes = b""

    def contact_line(self) -> str:
        """``Telepon (0771) 1234, Pos-el a@b.go.id, Laman b.go.id``: only the contacts given."""
        parts = (("Telepon", self.phone), ("Pos-el", self.email), ("Laman", self.website))
        return ", ".join(f"{label} {value.strip()}" for label, value in parts if value.strip())

    @property
    def logo_format(self) -> str | None:
        return logo_format(self.logo)


@dataclass(frozen=True)
class Terlapor:
    name: str
    nip: str = ""
    position: str = ""
    agency: str = ""
    # Pledges signed and socialisations attended for the case's election, dated (netra.prevention).
    prevention: tuple[str, ...] = ()


@dataclass(frozen=True)
class Letter:
    number: str
    date: date
    place: str
    letterhead: Letterhead
    office_name: str
    recipients: tuple[str, ...]
    terlapor: Terlapor
    register_number: str
    facts: str
    recommendation: str
    signatory_name: str
    signatory_role: str
    copies: tuple[str, ...] = ()
    violation: str = ""
    # Formal citations ("Pasal 14 huruf i Peraturan Pemerintah Nomor 94 Tahun 2021 tentang ..."):
    # where the violation is defined, and why the letter goes to its addressees.
    violation_basis: tuple[str, ...] = ()
    referral_basis: tuple[str, ...] = ()
    subject: str = "Penerusan Rekomendasi Dugaan Pelanggaran Netralitas"
    nature: str = "Penting"
    attachment: str = "-"


def logo_format(data: bytes) -> str | None:
    """``"png"`` or ``"jpg"`` when ``data`` starts like one, else None (the content decides)."""
    return next((kind for magic, kind in _LOGO_MAGIC.items() if data.startswith(magic)), None)


_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def logo_pixels(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR or a JPEG's frame header, read before anything decodes the
    image (a small file may expand to gigabytes); None when the header cannot be found."""
    kind = logo_format(data)
    if kind == "png" and len(data) >= 24 and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if kind == "jpg":
        return _jpeg_pixels(data)
    return None


def _jpeg_pixels(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker, length = data[at + 1], int.from_bytes(data[at + 2 : at + 4], "big")
        if marker in _JPEG_SOF:
            return int.from_bytes(data[at + 7 : at + 9], "big"), int.from_bytes(data[at + 5 : at + 7], "big")
        at += 2 + length
    return None


def date_id(day: date) -> str:
    """``23 November 2026``: the date as Indonesian letters write it."""
    return format_date(day)


def clean_text(text: str) -> str:
    """``text`` with line ends as "\\n", tabs as spaces and other control characters dropped.

    Control characters cannot be printed, are invalid in DOCX XML, and docxtpl reads \\a and \\f as
    paragraph and page breaks.
    """
    text = _NEWLINES.sub("\n", str(text)).replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))


def safe_filename(number: str, extension: str) -> str:
    """``surat-123-PP.01-K.KR-01-XI-2024.pdf``: ASCII letters, digits, dot and dash only."""
    ascii_text = unicodedata.normalize("NFKD", number).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9.]+", "-", ascii_text).strip("-.")[:80] or "tanpa-nomor"
    return f"surat-{stem}.{extension}"
