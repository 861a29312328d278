"""The letters of the other steps (undangan klarifikasi, pemberitahuan status, permintaan tindak
lanjut, teguran, permintaan pemblokiran): one surat dinas layout with a free body.

The surat penerusan rekomendasi keeps its own template (``letter.typ``/``letter.docx``); these share
its kop, head, addressee, signature and tembusan, and differ only in the body: an opening paragraph,
an optional table of particulars (day, time, place...), numbered points, the legal basis as a lettered
list, and a closing paragraph.
"""

import io
from dataclasses import dataclass
from datetime import date
from importlib import resources

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from netra.cases.letters.data import Letterhead, clean_text, date_id
from netra.cases.letters.pdf import LOGO_FILE, _array, _content, compile_letter, document_source
from netra.cases.letters.zipfix import normalise_zip

TYPST_TEMPLATE = "notice.typ"
DOCX_TEMPLATE = "notice.docx"


@dataclass(frozen=True)
class Notice:
    number: str
    date: date
    place: str
    letterhead: Letterhead
    subject: str
    recipients: tuple[str, ...]
    opening: str
    closing: str
    signatory_name: str
    signatory_role: str
    # (label, value) rows printed as a table after the opening ("Hari, tanggal : Senin, ...").
    particulars: tuple[tuple[str, str], ...] = ()
    points: tuple[str, ...] = ()
    basis_intro: str = ""
    basis: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()
    nature: str = "Penting"
    attachment: str = "-"


def _arguments(notice: Notice) -> dict[str, str]:
    head = notice.letterhead
    rows = "".join(f"{_content(label)}, [:], {_content(value)}, " for label, value in notice.particulars)
    return {
        "kop": _array(_content(line) for line in head.lines),
        "address": _content(head.address) if head.address.strip() else "[]",
        "contact": _content(head.contact_line()) if head.contact_line() else "[]",
        "logo": f'"{LOGO_FILE}.{head.logo_format}"' if head.logo_format else "none",
        "number": _content(notice.number),
        "nature": _content(notice.nature),
        "attachment": _content(notice.attachment),
        "subject": _content(notice.subject),
        "place-date": _content(f"{notice.place}, {date_id(notice.date)}"),
        "recipients": _array(_content(r) for r in notice.recipients),
        "copies": _array(_content(c) for c in notice.copies),
        "opening": _content(notice.opening),
        "particulars": f"({rows})",
        "points": _array(_content(p) for p in notice.points),
        "basis-intro": _content(notice.basis_intro),
        "basis": _array(_content(c) for c in notice.basis),
        "closing": _content(notice.closing),
        "signatory-name": _content(notice.signatory_name),
        "signatory-role": _content(notice.signatory_role),
        "title": _content(f"Surat {notice.number}"),
    }


def notice_source(notice: Notice) -> str:
    return document_source(TYPST_TEMPLATE, "notice", _arguments(notice))


def render_notice_pdf(notice: Notice) -> bytes:
    """The notice as PDF; deterministic like ``render_pdf`` (embedded fonts, the letter's date)."""
    return compile_letter(notice_source(notice), on=notice.date, letterhead=notice.letterhead)


def _lettered(items) -> list[dict]:
    return [{"letter": chr(ord("a") + i % 26), "text": clean_text(text)} for i, text in enumerate(items)]


def _context(notice: Notice, document) -> dict:
    head = notice.letterhead
    logo = InlineImage(document, io.BytesIO(head.logo), height=Mm(22)) if head.logo_format else None
    return {
        "kop": [clean_text(line).upper() for line in head.lines],
        "address": clean_text(head.address),
        "contact": clean_text(head.contact_line()),
        "logo": logo,
        "number": clean_text(notice.number),
        "nature": clean_text(notice.nature),
        "attachment": clean_text(notice.attachment),
        "subject": clean_text(notice.subject),
        "place_date": clean_text(f"{notice.place}, {date_id(notice.date)}"),
        "recipients": [clean_text(r) for r in notice.recipients],
        "copies": [clean_text(c) for c in notice.copies],
        "opening": clean_text(notice.opening),
        "particulars": [{"label": clean_text(k), "value": clean_text(v)} for k, v in notice.particulars],
        "points": [{"no": i + 1, "text": clean_text(p)} for i, p in enumerate(notice.points)],
        "basis_intro": clean_text(notice.basis_intro),
        "basis": _lettered(notice.basis),
        "closing": clean_text(notice.closing),
        "signatory_name": clean_text(notice.signatory_name),
        "signatory_role": clean_text(notice.signatory_role),
    }


def render_notice_docx(notice: Notice) -> bytes:
    """The notice as an editable DOCX; the same notice always gives the same bytes."""
    template = resources.files(__package__).joinpath(DOCX_TEMPLATE).read_bytes()
    document = DocxTemplate(io.BytesIO(template))
    document.render(_context(notice, document), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())
