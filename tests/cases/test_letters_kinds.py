"""Every kind of letter, as issued from a real case: a PDF typst compiles without a warning, qpdf
accepts and poppler renders silently, and a DOCX that carries the same text. Needs Debian ``qpdf``
and ``poppler-utils`` (skips without them, fails under CI=true, like test_letters_pdf)."""

import io
from datetime import timedelta

import pytest
import typst
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from docx import Document

from netra.accounts.models import Role
from netra.cases import services
from netra.cases.letterkinds import LetterFacts
from netra.cases.letters.notice import notice_source
from netra.cases.models import IssuedLetter, LetterKind
from netra.cases.sealing import letter_bytes
from netra.cases.services.followup import followup_escalate_due
from netra.cases.services.letterissue import letter_render, letter_template_check
from tests.cases.helpers import PATH, act, case_in
from tests.cases.test_letters_pdf import pdf_pages_text, qpdf_check, rendered_page_count

pytestmark = pytest.mark.django_db


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def every_letter(world):
    """A case whose recommendation went through both escalation steps, with a status notice and
    an invitation for each scheduled party: one letter of every kind."""
    case = case_in(world, "klarifikasi")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    invited = [
        services.clarification_schedule(
            user=staf,
            case=case,
            party=party,
            person_name=name,
            scheduled_at=timezone.now() - timedelta(hours=2),
            place="Kantor Bawaslu Kabupaten Bintan",
        )
        for party, name in (("pelapor", "Siti Aminah"), ("saksi", "Rahmat Hidayat"))
    ]
    services.letter_issue(kind=LetterKind.UNDANGAN_KLARIFIKASI, case=case, user=staf)
    for item in invited:
        services.clarification_record(
            user=staf, clarification=item, held_at=timezone.now(), record="Hadir dan memberi keterangan."
        )
    for _reached, action, actor, params in PATH[3:6]:  # kajian, decision, forwarding
        case = act(world, case, action, actor, params)
    services.letter_issue(kind=LetterKind.PEMBERITAHUAN_STATUS, case=case, user=None)
    clock = case.recommendations.get().clock
    followup_escalate_due(now=clock.due_at + timedelta(minutes=1))
    clock.refresh_from_db()
    followup_escalate_due(now=clock.next_due_at + timedelta(minutes=1))
    return case


def test_one_letter_of_every_kind_with_numbers_per_kind(every_letter):
    kinds = list(every_letter.letters.values_list("kind", "number"))
    assert {kind for kind, _n in kinds} == set(LetterKind.values)
    invitations = [n for kind, n in kinds if kind == LetterKind.UNDANGAN_KLARIFIKASI]
    assert len(invitations) == 2  # one per invitee
    assert [n.split("/")[0] for n in invitations] == ["001", "002"]
    assert next(n for k, n in kinds if k == LetterKind.TEGURAN).startswith("001/TG/21.01/")


def test_every_letter_is_a_clean_pdf_and_a_docx_with_the_same_text(every_letter):
    for letter in every_letter.letters.all():
        pdf = letter_bytes(letter, "pdf")
        check = qpdf_check(pdf)
        assert check.returncode == 0 and check.stderr == "", (letter.kind, check.stdout + check.stderr)
        assert rendered_page_count(pdf) >= 1
        text = " ".join(" ".join(page.split()) for page in pdf_pages_text(pdf))
        docx = _docx_text(letter_bytes(letter, "docx"))
        for expected in (letter.number, "BADAN PENGAWAS PEMILIHAN UMUM"):
            assert expected in text, (letter.kind, expected)
            assert expected in docx, (letter.kind, expected)


def test_notice_letters_compile_without_typst_warnings(every_letter):
    for letter in every_letter.letters.exclude(kind=LetterKind.PENERUSAN_REKOMENDASI):
        facts = LetterFacts(
            case=every_letter,
            issued_on=letter.issued_on,
            number=letter.number,
            recommendation=letter.recommendation,
            clarification=letter.clarification,
        )
        source = notice_source(letter_render(kind=letter.kind, facts=facts))
        _pdf, warnings = typst.compile_with_warnings(source.encode(), format="pdf", ignore_system_fonts=True)
        assert warnings == [], (letter.kind, warnings)


def test_the_forwarding_letter_compiles_without_typst_warnings(every_letter):
    from netra.cases.letterdata import letter_build
    from netra.cases.letters import typst_source

    source = typst_source(letter_build(every_letter.recommendations.get()))
    _pdf, warnings = typst.compile_with_warnings(source.encode(), format="pdf", ignore_system_fonts=True)
    assert warnings == []


def test_the_block_request_cites_the_bkn_regulation_and_names_the_ppk(every_letter):
    letter = every_letter.letters.get(kind=LetterKind.PERMINTAAN_BLOKIR)
    text = " ".join(" ".join(page.split()) for page in pdf_pages_text(letter_bytes(letter, "pdf")))
    assert "Peraturan Badan Kepegawaian Negara Nomor 1 Tahun 2023" in text
    assert "Pejabat Pembina Kepegawaian Pemerintah Kabupaten Bintan" in text
    assert "Kepala Badan Kepegawaian Negara" in letter.addressee


def test_the_status_notice_names_no_one(every_letter):
    letter = every_letter.letters.get(kind=LetterKind.PEMBERITAHUAN_STATUS)
    text = " ".join(pdf_pages_text(letter_bytes(letter, "pdf")))
    assert "Siti Aminah" not in text and "Budi Santoso" not in text
    assert "Kode tanda terima" in text


def test_the_escalation_letters_say_the_target_is_not_a_statute(every_letter):
    letter = every_letter.letters.get(kind=LetterKind.PERMINTAAN_TINDAK_LANJUT)
    text = " ".join(" ".join(page.split()) for page in pdf_pages_text(letter_bytes(letter, "pdf")))
    assert "bukan batas waktu yang ditetapkan peraturan perundang-undangan" in text


def test_an_office_words_its_own_opening_and_signer(world):
    head = world["staff"]["bintan"][Role.PIMPINAN]
    services.letter_template_save(
        user=head,
        kind=LetterKind.PEMBERITAHUAN_STATUS,
        data={"opening": "Dengan hormat, {kantor} mengumumkan:", "signatory_name": "Rina Kartika"},
    )
    case = case_in(world, "diregistrasi")
    [letter] = services.letter_issue(kind=LetterKind.PEMBERITAHUAN_STATUS, case=case, user=head)
    text = " ".join(" ".join(page.split()) for page in pdf_pages_text(letter_bytes(letter, "pdf")))
    assert "Dengan hormat, Bawaslu Kabupaten Bintan mengumumkan:" in text
    assert "Rina Kartika" in text


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"opening": "Nomor {nomor_rahasia}"}, "opening"),
        ({"opening": "Kurung { tidak berpasangan"}, "opening"),
        ({"closing": "x" * 601}, "closing"),
        ({"signatory_name": "{kantor}"}, "signatory_name"),
        ({"opening": "Baris\x07bel"}, "opening"),
    ],
)
def test_template_wording_is_validated(data, field):
    with pytest.raises(ValidationError) as caught:
        letter_template_check(LetterKind.TEGURAN, data)
    assert field in caught.value.message_dict


def test_only_a_pimpinan_of_a_supervisory_office_edits_templates(world):
    with pytest.raises(PermissionDenied):
        services.letter_template_save(
            user=world["staff"]["bkn"][Role.PIMPINAN], kind=LetterKind.TEGURAN, data={"opening": "x"}
        )
    with pytest.raises(PermissionDenied):
        services.letter_template_save(
            user=world["staff"]["bintan"][Role.STAF_PENANGANAN],
            kind=LetterKind.TEGURAN,
            data={"opening": "x"},
        )


def test_escalation_letters_cannot_be_issued_by_hand(world):
    case = case_in(world, "rekomendasi_diteruskan")
    with pytest.raises(ValidationError):
        services.letter_issue(
            kind=LetterKind.TEGURAN, case=case, user=world["staff"]["bintan"][Role.PIMPINAN]
        )
    assert not IssuedLetter.objects.filter(kind=LetterKind.TEGURAN).exists()


def test_another_office_may_not_issue_for_the_case(world):
    case = case_in(world, "diregistrasi")
    with pytest.raises(PermissionDenied):
        services.letter_issue(
            kind=LetterKind.PEMBERITAHUAN_STATUS, case=case, user=world["staff"]["lingga"][Role.PIMPINAN]
        )
