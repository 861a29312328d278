"""An invitation (undangan klarifikasi) to a pelapor or saksi names a person only the handling office's
pimpinan and staf penanganan may see: its archived PDF and DOCX are stored encrypted with the case's
data key, the letter list shows the party instead of the name, downloads by anyone else answer 404 on
the pages and the API, a download is audited as a view of the identity, the retention erase empties
the files, and migration 0022 seals what an older database archived in plaintext."""

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from netra.accounts.models import Role
from netra.accounts.services import token_create
from netra.audit.models import Event
from netra.cases import services
from netra.cases.models import Case, IssuedLetter, LetterKind, Status
from netra.cases.sealing import letter_bytes
from netra.cases.services.sealing import identities_erase_expired
from tests.cases.helpers import case_in
from tests.cases.test_letters_pdf import pdf_pages_text

pytestmark = pytest.mark.django_db
NAME = "Rahmat Hidayat"


def invited(world, party: str, name: str = NAME) -> tuple[Case, IssuedLetter]:
    case = case_in(world, "klarifikasi")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    item = services.clarification_schedule(
        user=staf, case=case, party=party, person_name=name,
        scheduled_at=timezone.now() + timedelta(days=1), place="Kantor Bawaslu Bintan",
    )  # fmt: skip
    [letter] = services.letter_issue(kind=LetterKind.UNDANGAN_KLARIFIKASI, case=case, user=staf)
    assert letter.clarification_id == item.pk
    return case, letter


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(page.split()) for page in pdf_pages_text(pdf))


def docx_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def stored_row(letter: IssuedLetter) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pdf, docx, addressee FROM cases_issuedletter WHERE id = %s", [letter.pk])
        pdf, docx, addressee = cursor.fetchone()
    return bytes(pdf) + bytes(docx) + addressee.encode("utf-8")


def download(user, letter: IssuedLetter, fmt: str = "pdf"):
    client = Client()
    client.force_login(user)
    return client.get(f"/kasus/{letter.case_id}/surat/{letter.pk}.{fmt}")


def page(user, case: Case) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/kasus/{case.pk}/").content.decode()


@pytest.mark.parametrize("party", ["saksi", "pelapor"])
def test_an_invitation_naming_a_pelapor_or_saksi_is_stored_only_encrypted(world, party):
    _case, letter = invited(world, party)
    letter.refresh_from_db()
    raw = stored_row(letter)
    assert letter.sealed and letter.addressee == party.capitalize()
    assert not bytes(letter.pdf).startswith(b"%PDF") and not bytes(letter.docx).startswith(b"PK")
    assert NAME.encode() not in raw and b"Rahmat" not in raw
    pdf, docx = letter_bytes(letter, "pdf"), letter_bytes(letter, "docx")
    assert NAME in flat(pdf) and NAME in docx_text(docx)
    assert letter.sha256 == hashlib.sha256(pdf).hexdigest()  # the hash of the letter as issued


def test_an_invitation_to_the_terlapor_stays_as_it_was(world):
    _case, letter = invited(world, "terlapor", name="Budi Santoso")
    letter.refresh_from_db()
    assert not letter.sealed and "Budi Santoso" in letter.addressee
    assert bytes(letter.pdf).startswith(b"%PDF") and letter_bytes(letter, "pdf") == bytes(letter.pdf)


@pytest.mark.parametrize(
    "office,role,opens",
    [
        ("bintan", Role.PIMPINAN, True),
        ("bintan", Role.STAF_PENANGANAN, True),
        ("bintan", Role.PENGAWAS, False),
        ("kepri", Role.PIMPINAN, False),
    ],
)
def test_only_the_roles_that_see_identities_open_a_sealed_invitation(world, office, role, opens):
    case, letter = invited(world, "saksi")
    user = world["staff"][office][role]
    for fmt in ("pdf", "docx"):
        answer = download(user, letter, fmt)
        assert answer.status_code == (200 if opens else 404)
    if opens:
        assert NAME in flat(download(user, letter).content)
    shown = page(user, case)
    assert (NAME in shown) is opens  # the handlers see it in the clarifications; the list names the party
    if 'data-testid="issued-letters"' in shown:  # an office that sees the case's letters at all
        assert ('data-testid="letter-sealed"' in shown) is not opens


def test_the_api_lists_the_party_and_refuses_the_file_to_a_pengawas(world):
    case, letter = invited(world, "saksi")
    for role, status in ((Role.PENGAWAS, 404), (Role.STAF_PENANGANAN, 200)):
        _row, raw = token_create(user=world["staff"]["bintan"][role], name="uji")
        api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        listed = api.get(f"/api/v1/cases/{case.pk}/letters").json()
        assert [(x["addressee"], x["sealed"]) for x in listed] == [("Saksi", True)]
        assert NAME not in str(listed)
        assert api.get(f"/api/v1/cases/{case.pk}/letters/{letter.pk}.pdf").status_code == status


def test_a_download_is_audited_as_a_view_of_the_identity(world):
    _case, letter = invited(world, "pelapor")
    assert download(world["staff"]["bintan"][Role.PIMPINAN], letter, "docx").status_code == 200
    event = Event.objects.filter(action="case.letter_download").latest("seq")
    assert event.data["identity"] is True and event.data["format"] == "docx"
    assert not Event.objects.filter(action="case.letter_download", actor__contains="pengawas").exists()
    download(world["staff"]["bintan"][Role.PENGAWAS], letter)  # refused: nothing opened, nothing audited
    assert Event.objects.filter(action="case.letter_download").count() == 1


def test_retention_erases_the_sealed_invitations(world, settings):
    case, letter = invited(world, "saksi")
    _case, terlapor_letter = invited(world, "terlapor", name="Budi Santoso")
    settings.NETRA_IDENTITY_RETENTION_DAYS = 30
    Case.objects.filter(pk=case.pk).update(
        status=Status.SELESAI, closed_at=timezone.now() - timedelta(days=31)
    )
    assert case.pk in identities_erase_expired()
    letter.refresh_from_db()
    assert bytes(letter.pdf) == b"" and bytes(letter.docx) == b"" and letter.erased_at is not None
    event = Event.objects.filter(action="case.reporter.erase", object_id=str(case.pk)).get()
    assert event.data["letters"] == 1
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    assert download(handler, letter).status_code == 404
    assert 'data-testid="letter-erased"' in page(handler, case)
    terlapor_letter.refresh_from_db()
    assert terlapor_letter.erased_at is None and bytes(terlapor_letter.pdf).startswith(b"%PDF")


def test_retention_finds_a_case_holding_only_a_sealed_invitation(world, settings):
    case, letter = invited(world, "saksi")
    erased = {"sealed": "", "erased_at": timezone.now()}
    from netra.cases.models import Clarification, Reporter

    Reporter.objects.filter(case=case).update(**erased)
    Clarification.objects.filter(case=case).update(**erased)
    settings.NETRA_IDENTITY_RETENTION_DAYS = 30
    Case.objects.filter(pk=case.pk).update(
        status=Status.SELESAI, closed_at=timezone.now() - timedelta(days=31)
    )
    assert identities_erase_expired() == [case.pk]
    assert IssuedLetter.objects.get(pk=letter.pk).erased_at is not None


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migration_seals_the_plaintext_invitations_of_an_older_database(world):
    case, sealed_now = invited(world, "saksi")
    _case, terlapor_letter = invited(world, "terlapor", name="Budi Santoso")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("cases", "0021_issued_letter_sealed")]
    executor.migrate(before)
    Old = executor.loader.project_state(before[0]).apps.get_model("cases", "IssuedLetter")
    plain_pdf, plain_docx = b"%PDF-1.7 undangan untuk " + NAME.encode(), b"PK docx untuk " + NAME.encode()
    old = Old.objects.create(
        case_id=case.pk, office_id=case.office_id, kind="undangan_klarifikasi",
        clarification_id=sealed_now.clarification_id, number="001/UND/21.02/XII/2026",
        issued_at=timezone.now(), issued_on=timezone.now().date(), addressee=f"Sdr. {NAME}",
        subject="Undangan klarifikasi", pdf=plain_pdf, docx=plain_docx,
        sha256=hashlib.sha256(plain_pdf).hexdigest(), sealed=False,
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    migrated = IssuedLetter.objects.get(pk=old.pk)
    assert migrated.sealed and migrated.addressee == "Saksi" and b"Rahmat" not in stored_row(migrated)
    assert (letter_bytes(migrated, "pdf"), letter_bytes(migrated, "docx")) == (plain_pdf, plain_docx)
    unchanged = IssuedLetter.objects.get(pk=sealed_now.pk)
    assert bytes(unchanged.pdf) == bytes(sealed_now.pdf)  # already sealed: left alone
    assert not IssuedLetter.objects.get(pk=terlapor_letter.pk).sealed
