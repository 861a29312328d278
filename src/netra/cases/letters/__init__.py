"""Official letters (surat penerusan rekomendasi) rendered to PDF (typst) and DOCX (docxtpl).

Pure: no Django imports. ``netra.cases.selectors.recommendation_letter_for`` builds the ``Letter``.
"""

from netra.cases.letters.data import Letter, Terlapor, Violation, date_id, safe_filename
from netra.cases.letters.pdf import render_pdf, typst_escape, typst_source
from netra.cases.letters.word import render_docx

__all__ = [
    "Letter",
    "Terlapor",
    "Violation",
    "date_id",
    "render_docx",
    "render_pdf",
    "safe_filename",
    "typst_escape",
    "typst_source",
]
