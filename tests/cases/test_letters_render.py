"""The pure letter renderers (netra.cases.letters): typst escaping, PDF, DOCX, determinism."""

import io
import json
import subprocess
import sys
from datetime import date

import docx
import typst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.cases.letters import (
    Letterhead,
    Terlapor,
    date_id,
    render_docx,
    render_pdf,
    safe_filename,
    typst_escape,
    typst_source,
)
from tests.cases.test_letters_pdf import LOGO_KOP, NUMBER, make_letter, pdf_pages_text

# Reads escaped markup back as plain text: text, spaces and line breaks (nothing else may appear).
_PLAIN = """
#let plain(it) = if type(it) == str { it } else if it.has("text") { it.text } else if it.has("children") {
  it.children.map(plain).join("")
} else if it.func() == linebreak { "\\n" } else if it == [ ] { " " } else { panic(repr(it)) }
#metadata(plain([BODY]) + "") <out>
"""


def typst_reads(markup: str) -> str:
    source = _PLAIN.replace("BODY", markup)
    found = typst.query(source.encode(), "<out>", field="value", one=True, ignore_system_fonts=True)
    return json.loads(found)


def _expected(text: str) -> str:
    # What escaping promises: control characters dropped, every line end as "\n".
    from netra.cases.letters.data import clean_text

    return clean_text(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("#$*_[]<>@\\`~=-+/'\":.{}"), max_size=60)
)
def test_escaped_text_compiles_and_reads_back_verbatim(text):
    got = typst_reads(typst_escape(text))
    assert _squash(got) == _squash(_expected(text))


def _squash(text: str) -> str:
    # Typst collapses runs of ASCII spaces (and drops them at line ends); nothing else may differ.
    return "\n".join(" ".join(w for w in part.split(" ") if w) for part in text.split("\n"))


def test_markup_characters_stay_text():
    text = "#set page(width: 1cm) $x$ *bold* _em_ [a] <l> @ref `raw` \\ // c /* d */ - + = ~ -- ... 'q'"
    assert typst_reads(typst_escape(text)) == text


def test_line_breaks_survive():
    assert typst_reads(typst_escape("satu\ndua\r\ntiga")) == "satu\ndua\ntiga"


def test_pdf_is_a_pdf_whose_source_carries_the_letter():
    letter = make_letter(terlapor=Terlapor("Budi #1 [x] <a&b>"))
    pdf = render_pdf(letter)
    assert pdf.startswith(b"%PDF-")
    source = typst_source(letter)
    assert typst_escape(NUMBER) in source
    assert "Budi \\#1 \\[x\\] \\<a\\&b\\>" in source
    # The title (document metadata, stored uncompressed in the XMP packet) carries the number.
    assert f"Surat {NUMBER}".encode() in pdf


def test_pdf_is_deterministic():
    assert render_pdf(make_letter()) == render_pdf(make_letter())


def test_pdf_survives_hostile_text_in_every_field():
    hostile = '#panic("x") ] [ $ \\ */'
    head = Letterhead((hostile, hostile), hostile, hostile, hostile, hostile)
    letter = make_letter(
        number=hostile,
        place=hostile,
        office_name=hostile,
        recipients=(hostile,),
        copies=(hostile,),
        terlapor=Terlapor(hostile, hostile, hostile, hostile),
        register_number=hostile,
        facts=hostile,
        recommendation=hostile,
        violation=hostile,
        violation_basis=(hostile,),
        referral_basis=(hostile,),
        signatory_name=hostile,
        signatory_role=hostile,
        letterhead=head,
    )
    assert render_pdf(letter).startswith(b"%PDF-")
    assert render_docx(letter).startswith(b"PK")


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_docx_holds_number_recipients_copies_and_terlapor():
    text = _docx_text(render_docx(make_letter(recipients=("Kepala BKN", "Bupati Bintan"))))
    assert NUMBER in text
    assert "Yth.\t1. Kepala BKN" in text and "\t2. Bupati Bintan" in text
    assert "Tembusan:" in text
    assert "1. Pejabat Pembina Kepegawaian Pemkab Bintan" in text
    assert "2. Bawaslu Provinsi Kepulauan Riau" in text
    assert "Nama\t: Budi Santoso" in text
    assert "Bintan, 3 November 2024" in text
    assert "{{" not in text and "{%" not in text


def test_docx_carries_what_the_pdf_prints():
    letter = make_letter()
    # Compared without whitespace: the PDF wraps lines (even inside a number, after a slash).
    pdf_text = "".join("".join(pdf_pages_text(render_pdf(letter))).split())
    docx_text = "".join(_docx_text(render_docx(letter)).split())
    for expected in (
        "BADAN PENGAWAS PEMILIHAN UMUM",
        "KABUPATEN BINTAN",
        "Jalan Contoh Nomor 1",
        "Telepon (0771) 000000, Pos-el uji@contoh.test, Laman contoh.test",
        "Nomor",
        NUMBER,
        "Sifat",
        "Penting",
        "Lampiran",
        "Hal",
        "Penerusan Rekomendasi Dugaan Pelanggaran Netralitas",
        "Bintan, 3 November 2024",
        "Yth. Kepala Badan Kepegawaian Negara",
        "di Tempat",
        "nomor registrasi 001/Reg/LP/PB/Kab/21.01/XI/2024",
        "Budi Santoso",
        "199001012015031001",
        "Kepala SDN 001",
        "Dinas Pendidikan",
        "Uraian singkat fakta: Terlapor mengajak guru memilih pasangan calon nomor 2.",
        "pelanggaran netralitas berupa mengajak memilih, sebagaimana diatur dalam:",
        "Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Rekomendasi ini diteruskan kepada Saudara berdasarkan:",
        "Pasal 3-4 Peraturan Presiden Nomor 92 Tahun 2024",
        "Menindaklanjuti sesuai ketentuan.",
        "Demikian disampaikan",
        "Ketua Badan Pengawas Pemilihan Umum Kabupaten Bintan,",
        "Rina Kartika",
        "Tembusan:",
        "Bawaslu Provinsi Kepulauan Riau",
    ):
        assert "".join(expected.split()) in pdf_text, expected
        assert "".join(expected.split()) in docx_text, expected


def test_body_points_are_numbered_without_gaps():
    text = _docx_text(render_docx(make_letter(violation="", violation_basis=())))
    assert "3.\tRekomendasi ini diteruskan" in text and "4.\tMenindaklanjuti" in text
    assert "berupa" not in text
    text = _docx_text(render_docx(make_letter(referral_basis=())))
    assert "3.\tPerbuatan terlapor" in text and "4.\tMenindaklanjuti" in text
    assert "diteruskan kepada Saudara berdasarkan" not in text


def test_kop_leaves_out_what_the_office_has_not_given():
    bare = make_letter(letterhead=Letterhead(("Badan Pengawas Pemilihan Umum", "Kabupaten Lingga")))
    text = " ".join(pdf_pages_text(render_pdf(bare)))
    assert "KABUPATEN LINGGA" in text
    assert "Telepon" not in text and "Laman" not in text and "Pos-el" not in text
    assert "Telepon" not in _docx_text(render_docx(bare))


def test_docx_escapes_xml_and_drops_control_characters():
    text = _docx_text(render_docx(make_letter(facts="a < b & c > d\x00\x07 {{ number }} {% if x %}")))
    assert "a < b & c > d {{ number }} {% if x %}" in text


def test_docx_without_copies_has_no_tembusan():
    assert "Tembusan" not in _docx_text(render_docx(make_letter(copies=())))


def test_docx_is_deterministic_and_so_is_its_template():
    assert render_docx(make_letter(letterhead=LOGO_KOP)) == render_docx(make_letter(letterhead=LOGO_KOP))
    from netra.cases.letters import template

    assert render_docx(make_letter()) == render_docx(make_letter())
    assert template.build() == template.OUTPUT.read_bytes()


def test_helpers():
    assert date_id(date(2024, 8, 24)) == "24 Agustus 2024"
    assert safe_filename(NUMBER, "pdf") == "surat-123-PP.01-K.KR-01-XI-2024.pdf"
    assert safe_filename('../"évil"\r\n', "docx") == "surat-evil.docx"
    assert safe_filename("///", "pdf") == "surat-tanpa-nomor.pdf"


def test_the_letters_package_does_not_import_django():
    code = (
        "import sys, netra.cases.letters, netra.cases.letters.template; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_routing_key_of_the_law_has_an_addressee_in_the_letter():
    from netra.cases.letterdata import addressee_known
    from netra.cases.services.kasn import KEMENPANRB
    from netra.law.sources import rules

    keys = {raw[field] for _inst, raw in rules("referral") for field in ("recipient", "copy") if field in raw}
    assert {"kepala_desa", "camat", "BKN"} <= keys
    assert [key for key in sorted(keys | {KEMENPANRB}) if not addressee_known(key)] == []
