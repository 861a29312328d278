"""DOCX through docxtpl: ``letter.docx`` (built by ``template.py``) filled with the letter's data.

Staff open the result in a word processor and edit it before signing.
"""

import io
from importlib import resources
from string import ascii_lowercase

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from netra.cases.letters.data import Letter, clean_text, date_id
from netra.cases.letters.zipfix import normalise_zip

TEMPLATE = "letter.docx"


def _lettered(items) -> list[dict]:
    """``a.``, ``b.``... for a sub-list (no legal basis list comes near 26 items)."""
    return [{"letter": ascii_lowercase[i % 26], "text": clean_text(text)} for i, text in enumerate(items)]


def _numbers(letter: Letter) -> dict[str, int]:
    """The numbers of the body's optional points (1 and 2 are always the terlapor and the facts)."""
    numbers, next_number = {}, 3
    for key, present in (
        ("violation_no", bool(letter.violation)),
        ("referral_no", bool(letter.referral_basis)),
        ("recommendation_no", True),
    ):
        if present:
            numbers[key], next_number = next_number, next_number + 1
    return numbers


def _letterhead(letter: Letter, document) -> dict:
    head = letter.letterhead
    logo = InlineImage(document, io.BytesIO(head.logo), height=Mm(22)) if head.logo_format else None
    return {
        "kop": [clean_text(line).upper() for line in head.lines],
        "address": clean_text(head.address),
        "contact": clean_text(head.contact_line()),
        "logo": logo,
    }


def _context(letter: Letter, document) -> dict:
    t = letter.terlapor
    return {
        **_letterhead(letter, document),
        **_numbers(letter),
        "number": clean_text(letter.number),
        "nature": clean_text(letter.nature),
        "attachment": clean_text(letter.attachment),
        "subject": clean_text(letter.subject),
        "place_date": clean_text(f"{letter.place}, {date_id(letter.date)}"),
        "recipients": [clean_text(r) for r in letter.recipients],
        "copies": [clean_text(c) for c in letter.copies],
        "register": clean_text(letter.register_number),
        "office": clean_text(letter.office_name),
        "terlapor": {
            "name": clean_text(t.name),
            "nip": clean_text(t.nip or "-"),
            "position": clean_text(t.position or "-"),
            "agency": clean_text(t.agency or "-"),
        },
        "facts": clean_text(letter.facts),
        "violation": clean_text(letter.violation),
        "violation_basis": _lettered(letter.violation_basis),
        "referral_basis": _lettered(letter.referral_basis),
        "recommendation": clean_text(letter.recommendation),
        "signatory_name": clean_text(letter.signatory_name),
        "signatory_role": clean_text(letter.signatory_role),
    }


def render_docx(letter: Letter) -> bytes:
    """The letter as an editable DOCX; the same letter always gives the same bytes."""
    template = resources.files(__package__).joinpath(TEMPLATE).read_bytes()
    document = DocxTemplate(io.BytesIO(template))
    # autoescape: user text may hold < > & which would otherwise break the document's XML.
    document.render(_context(letter, document), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())
