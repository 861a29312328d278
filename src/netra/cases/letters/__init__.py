"""Official letters (surat penerusan rekomendasi) rendered to PDF (typst) and DOCX (docxtpl).

Pure: no Django imports. ``netra.cases.selectors.recommendation_letter_for`` builds the ``Letter``.
"""

from netra.cases.letters.data import Letter, Letterhead, Terlapor, date_id, logo_format, safe_filename
from netra.cases.letters.pdf import logo_problem, render_pdf, typst_escape, typst_source
from netra.cases.letters.word import render_docx

__all__ = [
    "Letter",
    "Letterhead",
    "Terlapor",
    "date_id",
    "logo_format",
    "logo_problem",
    "render_docx",
    "render_pdf",
    "safe_filename",
    "typst_escape",
    "typst_source",
]
