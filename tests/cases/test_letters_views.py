"""Letter downloads from the case page: who gets them, what they hold, and the audit trail."""

import io
import re

import docx
import pytest
from django.urls import reverse

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases import selectors
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The case lies in Bintan Timur (21.01.06). Offices that see the case (territory) or are addressed by
# its recommendation (BKN, PPK of Bintan).
GETS = {"bintan", "kepri", "ri", "bkn", "ppk_bintan"}
OFFICES = ["bintan", "kepri", "ri", "lingga", "gunung_kijang", "bandung", "jabar", "bkn", "ppk_bintan",
           "ppk_lingga"]


@pytest.fixture
def case(world):
    return case_in(world, "rekomendasi_diteruskan", region="21.01.06",
                   description="Siti Aminah melihat kepala sekolah mengajak guru memilih paslon 2.")


@pytest.fixture
def rec(case):
    return case.recommendations.get()


def _urls(case, rec):
    return {fmt: reverse(f"cases:letter_{fmt}", args=[case.pk, rec.pk]) for fmt in ("pdf", "docx")}


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_handling_office_downloads_both_formats(client, world, case, rec):
    client.force_login(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    urls = _urls(case, rec)
    pdf = client.get(urls["pdf"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="surat-123-PP.01-XI.pdf"'
    assert pdf.content.startswith(b"%PDF-")
    assert b"Surat 123/PP.01/XI" in pdf.content
    word = client.get(urls["docx"])
    assert word.status_code == 200
    assert word["Content-Type"] == DOCX_TYPE
    assert word["Content-Disposition"] == 'attachment; filename="surat-123-PP.01-XI.docx"'
    text = _docx_text(word.content)
    assert "123/PP.01/XI" in text
    assert "Budi Santoso" in text
    assert "BAWASLU KABUPATEN BINTAN" in text
    assert "Tembusan:" in text


def test_letter_cites_the_catalogue_and_the_routing(client, world, case, rec):
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    text = _docx_text(client.get(_urls(case, rec)["docx"]).content)
    assert rec.reasons and all(reason.split(":")[0] in text for reason in rec.reasons)
    assert "Pelanggaran dan dasar hukum" in text
    assert re.search(r"–\s+\S", text)  # at least one citation line from netra.law.catalogue
    assert any("[S]" in r or "[M]" in r for r in rec.reasons)  # stored with Netra's confidence marks...
    assert not re.search(r"\[[A-Z]\]", text)  # ...which an official letter does not print


def test_reporter_identity_never_appears(client, world, case, rec):
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    word = client.get(_urls(case, rec)["docx"]).content
    text = _docx_text(word)
    assert "Siti Aminah" not in text and "081234567890" not in text
    assert "[identitas pelapor] melihat kepala sekolah" in text
    user = world["staff"]["bintan"][Role.PIMPINAN]
    _rec, letter = selectors.recommendation_letter_for(user, case.pk, rec.pk)
    assert "Siti Aminah" not in repr(letter)


@pytest.mark.parametrize("office", OFFICES)
def test_letters_follow_case_visibility(client, world, case, rec, office):
    client.force_login(world["staff"][office][Role.PIMPINAN])
    urls = _urls(case, rec)
    expected = 200 if office in GETS else 404
    assert client.get(urls["pdf"]).status_code == expected
    assert client.get(urls["docx"]).status_code == expected


@pytest.mark.parametrize("role", [Role.ANALIS, Role.ADMIN])
def test_statistics_and_admin_roles_get_404(client, world, case, rec, role):
    client.force_login(world["staff"]["bintan"][role])
    assert client.get(_urls(case, rec)["pdf"]).status_code == 404
    assert not Event.objects.filter(action="case.recommendation.letter_download").exists()


def test_anonymous_is_sent_to_login(client, case, rec):
    response = client.get(_urls(case, rec)["pdf"])
    assert response.status_code == 302
    assert "/login" in response["Location"] or "masuk" in response["Location"]


def test_recommendation_of_another_case_answers_404(client, world, case, rec):
    other = case_in(world, "diputus", title="Kasus lain")
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    assert client.get(reverse("cases:letter_pdf", args=[other.pk, rec.pk])).status_code == 404


def test_each_download_is_audited(client, world, case, rec):
    user = world["staff"]["bintan"][Role.PIMPINAN]
    client.force_login(user)
    urls = _urls(case, rec)
    client.get(urls["pdf"])
    client.get(urls["docx"])
    events = Event.objects.filter(action="case.recommendation.letter_download").order_by("seq")
    assert [(e.actor, e.object_id, e.data["format"]) for e in events] == [
        (user.username, str(rec.pk), "pdf"), (user.username, str(rec.pk), "docx")]


def test_case_page_links_the_letters(client, world, case, rec):
    urls = _urls(case, rec)
    client.force_login(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert urls["pdf"] in page and urls["docx"] in page
    client.force_login(world["staff"]["bintan"][Role.ANALIS])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert urls["pdf"] not in page


@pytest.mark.parametrize(("office", "expected"), [("bintan", 200), ("lingga", 404), ("bkn", 200)])
def test_api_returns_the_pdf_with_the_same_rules(world, case, rec, office, expected):
    from tests.cases.test_api import BASE, client_for

    api = client_for(world["staff"][office][Role.PIMPINAN])
    response = api.get(f"{BASE}/{case.pk}/recommendations/{rec.pk}/letter.pdf")
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert response["Content-Disposition"] == 'attachment; filename="surat-123-PP.01-XI.pdf"'
    else:
        assert response.json()["detail"]
    downloads = Event.objects.filter(action="case.recommendation.letter_download").count()
    assert downloads == (1 if expected == 200 else 0)


def test_api_without_token_is_refused(client, case, rec):
    response = client.get(f"/api/v1/cases/{case.pk}/recommendations/{rec.pk}/letter.pdf")
    assert response.status_code == 401
