"""Builds ``letter.docx``, the docxtpl template (Jinja tags inside a python-docx document).

The layout follows ``letter.typ`` (a Bawaslu surat dinas): kop table with the logo's cell, a double
rule, Nomor/Sifat/Lampiran/Hal left and place/date right, Yth., numbered body, closing kept with the
signature, tembusan. Run ``python -m netra.cases.letters.template`` after changing it and commit the
.docx; the output is byte-for-byte the same on every run (fixed document properties and zip dates).
"""

import io
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from netra.cases.letters.zipfix import normalise_zip

OUTPUT = Path(__file__).with_name("letter.docx")
NOTICE_OUTPUT = Path(__file__).with_name("notice.docx")
_FIXED = datetime(2024, 1, 1)
_TEXT_WIDTH = Cm(16)  # A4 less 3 cm left and 2 cm right margins


def _rule_below(paragraph) -> None:
    """The double line under the kop (python-docx has no API for paragraph borders)."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "thickThinSmallGap"), ("sz", "18"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    style.paragraph_format.space_after = Pt(0)
    props = document.core_properties
    props.author = props.last_modified_by = "Netra"
    props.title = "Surat penerusan rekomendasi"
    props.created = props.modified = props.last_printed = _FIXED
    props.revision = 1


def _cell_paragraph(cell, text: str, *, bold=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = cell.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return paragraph


def _kop(document) -> None:
    table = document.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    logo, name, spare = table.rows[0].cells
    for cell, width in ((logo, Cm(2.6)), (name, Cm(10.8)), (spare, Cm(2.6))):
        cell.width = width
    logo.paragraphs[0].text = "{% if logo %}{{ logo }}{% endif %}"
    name._tc.remove(name.paragraphs[0]._p)
    _cell_paragraph(name, "{%p for line in kop %}")
    _cell_paragraph(name, "{{ line }}", bold=True, size=14)
    _cell_paragraph(name, "{%p endfor %}")
    _cell_paragraph(name, "{%p if address %}")
    _cell_paragraph(name, "{{ address }}", size=10)
    _cell_paragraph(name, "{%p endif %}")
    _cell_paragraph(name, "{%p if contact %}")
    _cell_paragraph(name, "{{ contact }}", size=10)
    _cell_paragraph(name, "{%p endif %}")
    _rule_below(document.add_paragraph())
    document.add_paragraph("")


def _header_table(document) -> None:
    rows = (
        ("Nomor", "{{ number }}"),
        ("Sifat", "{{ nature }}"),
        ("Lampiran", "{{ attachment }}"),
        ("Hal", "{{ subject }}"),
    )
    table = document.add_table(rows=len(rows), cols=4)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = label, ":", value
        for cell, width in zip(row.cells, (Cm(2.3), Cm(0.5), Cm(8.2), Cm(5)), strict=True):
            cell.width = width
    date_cell = table.rows[0].cells[3]
    date_cell.text = "{{ place_date }}"
    date_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _addressees(document) -> None:
    document.add_paragraph("")
    document.add_paragraph("{%p for r in recipients %}")
    line = document.add_paragraph(
        "{% if loop.first %}Yth.{% endif %}\t"
        "{% if recipients|length > 1 %}{{ loop.index }}. {% endif %}{{ r }}"
    )
    line.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("di Tempat")
    document.add_paragraph("")


def _point(document, text: str, indent: float = 0.6):
    """A numbered body paragraph: the number hangs in the margin of the text."""
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.left_indent = Cm(indent)
    paragraph.paragraph_format.first_line_indent = Cm(-0.6)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(indent))
    paragraph.paragraph_format.space_before = Pt(4)
    return paragraph


def _basis(document, key: str) -> None:
    document.add_paragraph(f"{{%p for item in {key} %}}")
    _point(document, "{{ item.letter }}.\t{{ item.text }}", indent=1.2).paragraph_format.space_before = Pt(0)
    document.add_paragraph("{%p endfor %}")


def _body(document) -> None:
    _point(
        document,
        "1.\tBerdasarkan hasil penanganan dugaan pelanggaran netralitas dengan nomor registrasi "
        "{{ register }}, {{ office }} meneruskan rekomendasi terhadap:",
    )
    for label, key in (("Nama", "name"), ("NIP", "nip"), ("Jabatan", "position"), ("Instansi", "agency")):
        line = document.add_paragraph(f"{label}\t: {{{{ terlapor.{key} }}}}")
        line.paragraph_format.left_indent = Cm(1)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(3.3))
    _point(document, "2.\tUraian singkat fakta: {{ facts }}")
    document.add_paragraph("{%p if violation %}")
    _point(
        document,
        "{{ violation_no }}.\tPerbuatan terlapor tersebut merupakan pelanggaran netralitas "
        "berupa {{ violation }}{% if violation_basis %}, sebagaimana diatur dalam:"
        "{% else %}.{% endif %}",
    )
    _basis(document, "violation_basis")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p if referral_basis %}")
    _point(document, "{{ referral_no }}.\tRekomendasi ini diteruskan kepada Saudara berdasarkan:")
    _basis(document, "referral_basis")
    document.add_paragraph("{%p endif %}")
    _point(document, "{{ recommendation_no }}.\t{{ recommendation }}")


def _closing(document) -> None:
    closing = document.add_paragraph(
        "Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih."
    )
    closing.paragraph_format.space_before = Pt(8)
    signature = _signature(document)
    # Closing and signature stay on one page: each paragraph is kept with the next.
    for paragraph in (closing, *signature[:-1]):
        paragraph.paragraph_format.keep_with_next = True
    document.add_paragraph("{%p if copies %}")
    document.add_paragraph("")
    document.add_paragraph("Tembusan:")
    document.add_paragraph("{%p for c in copies %}")
    document.add_paragraph("{{ loop.index }}. {{ c }}").paragraph_format.keep_with_next = True
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")


def _signature(document) -> list:
    lines = []
    for text in ("", "{{ signatory_role }},", "", "", "", "{{ signatory_name }}"):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = text == "{{ signatory_name }}"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.left_indent = Cm(8)
        lines.append(paragraph)
    return lines


def build() -> bytes:
    """The template's bytes."""
    document = Document()
    _setup(document)
    _kop(document)
    _header_table(document)
    _addressees(document)
    _body(document)
    _closing(document)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


def _notice_body(document) -> None:
    """The free body of ``notice.typ``: opening, particulars, numbered points, basis."""
    document.add_paragraph("{{ opening }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph("{%p for row in particulars %}")
    line = document.add_paragraph("{{ row.label }}\t: {{ row.value }}")
    line.paragraph_format.left_indent = Cm(0.5)
    line.paragraph_format.tab_stops.add_tab_stop(Cm(4))
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for point in points %}")
    _point(document, "{{ point.no }}.\t{{ point.text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if basis %}")
    document.add_paragraph("{{ basis_intro }}").paragraph_format.space_before = Pt(4)
    _basis(document, "basis")
    document.add_paragraph("{%p endif %}")


def _notice_closing(document) -> None:
    closing = document.add_paragraph("{{ closing }}")
    closing.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    closing.paragraph_format.space_before = Pt(8)
    signature = _signature(document)
    for paragraph in (closing, *signature[:-1]):
        paragraph.paragraph_format.keep_with_next = True
    document.add_paragraph("{%p if copies %}")
    document.add_paragraph("")
    document.add_paragraph("Tembusan:")
    document.add_paragraph("{%p for c in copies %}")
    document.add_paragraph("{{ loop.index }}. {{ c }}").paragraph_format.keep_with_next = True
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")


def build_notice() -> bytes:
    """The bytes of ``notice.docx``, the template of every letter but the penerusan rekomendasi."""
    document = Document()
    _setup(document)
    document.core_properties.title = "Surat dinas"
    _kop(document)
    _header_table(document)
    _addressees(document)
    _notice_body(document)
    _notice_closing(document)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue())


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    NOTICE_OUTPUT.write_bytes(build_notice())
    print(OUTPUT, NOTICE_OUTPUT)
