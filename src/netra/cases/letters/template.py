"""Builds ``letter.docx``, the docxtpl template (Jinja tags inside a python-docx document).

Run ``python -m netra.cases.letters.template`` after changing it and commit the .docx; the output is
byte-for-byte the same on every run (fixed document properties and zip dates).
"""

import io
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from netra.cases.letters.zipfix import normalise_zip

OUTPUT = Path(__file__).with_name("letter.docx")
_FIXED = datetime(2024, 1, 1)


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
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2.5)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    style.paragraph_format.space_after = Pt(0)
    props = document.core_properties
    props.author = props.last_modified_by = "Netra"
    props.title = "Surat penerusan rekomendasi"
    props.created = props.modified = props.last_printed = _FIXED
    props.revision = 1


def _kop(document) -> None:
    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("{{ office }}")
    run.bold, run.font.size = True, Pt(14)
    _rule_below(head)
    document.add_paragraph("{{ place_date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _header_table(document) -> None:
    rows = (("Nomor", "{{ number }}"), ("Sifat", "{{ nature }}"), ("Lampiran", "{{ attachment }}"),
            ("Hal", "{{ subject }}"))
    table = document.add_table(rows=len(rows), cols=3)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = label, ":", value
        row.cells[0].width, row.cells[1].width, row.cells[2].width = Cm(2.5), Cm(0.5), Cm(12.5)


def _loop(document, head: str, line: str, tail: str = "{%p endfor %}", indent: float = 0) -> None:
    document.add_paragraph(head)
    paragraph = document.add_paragraph(line)
    paragraph.paragraph_format.left_indent = Cm(indent)
    document.add_paragraph(tail)


def _addressees(document) -> None:
    document.add_paragraph("")
    document.add_paragraph("Yth.")
    _loop(document, "{%p for r in recipients %}",
          "{% if recipients|length > 1 %}{{ loop.index }}. {% endif %}{{ r }}")
    document.add_paragraph("di tempat")
    document.add_paragraph("")


def _section(document, title: str) -> None:
    document.add_paragraph("")
    document.add_paragraph().add_run(title).bold = True


def _body(document) -> None:
    intro = ("Dengan hormat, bersama ini kami sampaikan penerusan rekomendasi atas perkara dengan nomor "
             "registrasi {{ register }}, terhadap terlapor:")
    document.add_paragraph(intro).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for label, key in (("Nama", "name"), ("NIP", "nip"), ("Jabatan", "position"), ("Instansi", "agency")):
        line = document.add_paragraph(f"{label}\t: {{{{ terlapor.{key} }}}}")
        line.paragraph_format.left_indent = Cm(1)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(3.5))
    _section(document, "Uraian singkat fakta")
    document.add_paragraph("{{ facts }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph("{%p if violations %}")
    _section(document, "Pelanggaran dan dasar hukum")
    document.add_paragraph("{%p for v in violations %}")
    document.add_paragraph("- {{ v.name }}")
    _loop(document, "{%p for c in v.citations %}", "– {{ c }}", indent=1)
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")


def _closing(document) -> None:
    document.add_paragraph("{%p if reasons %}")
    _section(document, "Dasar penerusan")
    _loop(document, "{%p for r in reasons %}", "- {{ r }}")
    document.add_paragraph("{%p endif %}")
    _section(document, "Rekomendasi")
    document.add_paragraph("{{ recommendation }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.")
    document.add_paragraph("")
    for text in ("{{ signatory_role }}", "", "", "", "{{ signatory_name }}"):
        document.add_paragraph(text).paragraph_format.left_indent = Cm(9)
    document.add_paragraph("{%p if copies %}")
    document.add_paragraph("")
    document.add_paragraph("Tembusan:")
    _loop(document, "{%p for c in copies %}", "{{ loop.index }}. {{ c }}")
    document.add_paragraph("{%p endif %}")


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


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(OUTPUT)
