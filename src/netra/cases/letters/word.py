"""DOCX through docxtpl: ``letter.docx`` (built by ``template.py``) filled with the letter's data.

Staff open the result in a word processor and edit it before signing.
"""

import io
from importlib import resources

from docxtpl import DocxTemplate

from netra.cases.letters.data import Letter, clean_text, date_id
from netra.cases.letters.zipfix import normalise_zip

TEMPLATE = "letter.docx"


def _context(letter: Letter) -> dict:
    t = letter.terlapor
    return {
        "office": clean_text(letter.office_name).upper(),
        "number": clean_text(letter.number),
        "nature": clean_text(letter.nature),
        "attachment": clean_text(letter.attachment),
        "subject": clean_text(letter.subject),
        "place_date": clean_text(f"{letter.place}, {date_id(letter.date)}"),
        "recipients": [clean_text(r) for r in letter.recipients],
        "copies": [clean_text(c) for c in letter.copies],
        "register": clean_text(letter.register_number),
        "terlapor": {
            "name": clean_text(t.name),
            "nip": clean_text(t.nip or "-"),
            "position": clean_text(t.position or "-"),
            "agency": clean_text(t.agency or "-"),
        },
        "facts": clean_text(letter.facts),
        "violations": [
            {"name": clean_text(v.name), "citations": [clean_text(c) for c in v.citations]}
            for v in letter.violations
        ],
        "reasons": [clean_text(r) for r in letter.reasons],
        "recommendation": clean_text(letter.recommendation),
        "signatory_name": clean_text(letter.signatory_name),
        "signatory_role": clean_text(letter.signatory_role),
    }


def render_docx(letter: Letter) -> bytes:
    """The letter as an editable DOCX; the same letter always gives the same bytes."""
    template = resources.files(__package__).joinpath(TEMPLATE).read_bytes()
    document = DocxTemplate(io.BytesIO(template))
    # autoescape: user text may hold < > & which would otherwise break the document's XML.
    document.render(_context(letter), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())
