"""The pages and API of letters and follow-up: downloads of issued letters (scoped, audited), issuing
from the case page, the PPK's follow-up state, the decree scan, the letter templates page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.accounts.models import Role
from netra.accounts.services import token_create
from netra.audit.models import Event
from netra.cases.letterkinds import fill, spec_for
from netra.cases.models import FollowupState, LetterKind, LetterTemplate
from netra.cases.services.followup import followup_escalate_due
from netra.cases.services.letterissue import letter_template_check
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def escalated(world):
    case = case_in(world, "rekomendasi_diteruskan")
    followup_escalate_due(now=case.recommendations.get().clock.due_at + timedelta(minutes=1))
    return case


def test_issued_letters_download_scoped_and_audited(world, escalated):
    letter = escalated.letters.get(kind=LetterKind.PERMINTAAN_TINDAK_LANJUT)
    url = reverse("cases:issued_letter_download", args=[escalated.pk, letter.pk, "pdf"])
    ppk = _client(world["staff"]["ppk_bintan"][Role.PIMPINAN])
    response = ppk.get(url)
    assert response.status_code == 200 and response.content == bytes(letter.pdf)
    assert response["Content-Disposition"].startswith('attachment; filename="surat-001-TL-21.01-')
    assert Event.objects.filter(action="case.letter_download").count() == 1
    docx = ppk.get(reverse("cases:issued_letter_download", args=[escalated.pk, letter.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    for outsider in (world["staff"]["ppk_lingga"][Role.PIMPINAN], world["staff"]["lingga"][Role.PIMPINAN]):
        assert _client(outsider).get(url).status_code == 404
    assert ppk.get(url.replace(".pdf", ".exe")).status_code == 404


def test_ppk_does_not_see_invitations_but_the_office_does(world):
    case = case_in(world, "klarifikasi")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    from django.utils import timezone

    from netra.cases import services

    services.clarification_schedule(
        user=staf,
        case=case,
        party="terlapor",
        person_name="Budi Santoso",
        scheduled_at=timezone.now() + timedelta(days=1),
        place="Kantor Bawaslu",
    )
    page = _client(staf).post(reverse("cases:letter_issue", args=[case.pk]), {"kind": "undangan_klarifikasi"})
    assert page.status_code == 302
    [letter] = case.letters.all()
    assert letter.kind == LetterKind.UNDANGAN_KLARIFIKASI and "Budi Santoso" in letter.addressee
    detail = _client(staf).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-kind="undangan_klarifikasi"' in detail
    again = _client(staf).post(
        reverse("cases:letter_issue", args=[case.pk]), {"kind": "undangan_klarifikasi"}
    )
    assert again.status_code == 302 and case.letters.count() == 1  # nobody left to invite
    other = _client(world["staff"]["lingga"][Role.PIMPINAN])
    assert (
        other.post(
            reverse("cases:letter_issue", args=[case.pk]), {"kind": "pemberitahuan_status"}
        ).status_code
        == 404
    )


def test_ppk_records_in_progress_then_refusal_on_the_case_page(world):
    case = case_in(world, "rekomendasi_diteruskan")
    rec = case.recommendations.get()
    ppk = _client(world["staff"]["ppk_bintan"][Role.STAF_PENANGANAN])
    url = reverse("cases:followup_state", args=[case.pk, rec.pk])
    prefix = f"followup-{rec.pk}"
    assert ppk.post(url, {f"{prefix}-state": "ditolak", f"{prefix}-reason": ""}).status_code == 302
    rec.clock.refresh_from_db()
    assert rec.clock.state == FollowupState.BELUM  # refused without a reason: not recorded
    ppk.post(url, {f"{prefix}-state": "ditolak", f"{prefix}-reason": "Terlapor telah pensiun."})
    rec.clock.refresh_from_db()
    assert rec.clock.state == FollowupState.DITOLAK and rec.clock.acted_at is not None
    outsider = _client(world["staff"]["ppk_lingga"][Role.STAF_PENANGANAN])
    outsider.post(url, {f"{prefix}-state": "dalam_proses"})
    rec.clock.refresh_from_db()
    assert rec.clock.state == FollowupState.DITOLAK


def test_decree_scan_is_checked_by_content_and_kept_as_evidence(world):
    case = case_in(world, "rekomendasi_diteruskan")
    bkn = _client(world["staff"]["bkn"][Role.STAF_PENANGANAN])
    url = reverse("cases:transition", args=[case.pk, "record_followup"])
    fields = {
        "record_followup-sanction_code": "pp94-berat-a",
        "record_followup-imposed_by": "Bupati Bintan",
        "record_followup-imposed_on": (case.recommendations.get().forwarded_at.date()).isoformat(),
        "record_followup-letter_number": "800/12/BKPSDM/2024",
    }
    fake = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = bkn.post(url, {**fields, "record_followup-decree_scan": fake})
    assert refused.status_code == 400 and not case.followups.exists()
    scan = SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")
    done = bkn.post(url, {**fields, "record_followup-decree_scan": scan})
    assert done.status_code == 302, done.content.decode()[:2000]
    followup = case.followups.get()
    assert followup.decree_scan is not None and followup.decree_scan.case_id == case.pk
    assert followup.decree_scan.content_type == "application/pdf"
    assert case.recommendations.get().clock.state == FollowupState.SANKSI


def test_letter_template_page(world):
    head = _client(world["staff"]["bintan"][Role.PIMPINAN])
    url = reverse("cases:letter_template", args=["teguran"])
    assert head.get(url).status_code == 200
    bad = head.post(url, {"opening": "Nomor {rahasia}"})
    assert bad.status_code == 400 and "rahasia" in bad.content.decode()
    assert (
        head.post(url, {"opening": "Dengan hormat, {kantor} menegur.", "signatory_name": "Rina"}).status_code
        == 302
    )
    assert LetterTemplate.objects.get(kind="teguran").signatory_name == "Rina"
    assert Event.objects.filter(action="office.letter_template_update").exists()
    assert _client(world["staff"]["bkn"][Role.PIMPINAN]).get(url).status_code == 404
    assert head.get(reverse("cases:letter_template", args=["penerusan_rekomendasi"])).status_code == 404


def test_api_lists_issues_and_records(world, escalated):
    _row, raw = token_create(user=world["staff"]["bintan"][Role.PIMPINAN], name="uji")
    office = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    listed = office.get(f"/api/v1/cases/{escalated.pk}/letters").json()
    assert [row["kind"] for row in listed] == ["penerusan_rekomendasi", "permintaan_tindak_lanjut"]
    issued = office.post(
        f"/api/v1/cases/{escalated.pk}/letters",
        {"kind": "pemberitahuan_status"},
        content_type="application/json",
    )
    assert issued.status_code == 201 and issued.json()[0]["kind"] == "pemberitahuan_status"
    refused = office.post(
        f"/api/v1/cases/{escalated.pk}/letters", {"kind": "teguran"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "detail" in refused.json()
    pdf = office.get(f"/api/v1/cases/{escalated.pk}/letters/{listed[1]['id']}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    _row, raw = token_create(user=world["staff"]["ppk_bintan"][Role.PIMPINAN], name="uji")
    ppk = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    rec = escalated.recommendations.get()
    state = ppk.post(
        f"/api/v1/cases/{escalated.pk}/recommendations/{rec.pk}/followup-state",
        {"state": "dalam_proses"},
        content_type="application/json",
    )
    assert state.status_code == 200 and state.json()["state"] == "dalam_proses"
    assert [row["kind"] for row in ppk.get(f"/api/v1/cases/{escalated.pk}/letters").json()] == [
        "penerusan_rekomendasi",
        "permintaan_tindak_lanjut",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_wording_is_accepted_and_fills_or_refused_cleanly(text):
    try:
        cleaned = letter_template_check(LetterKind.TEGURAN, {"opening": text})
    except ValidationError as error:
        assert set(error.message_dict) <= {"opening"}
        return
    values = {name: "x" for name in spec_for(LetterKind.TEGURAN).placeholders}
    assert isinstance(fill(cleaned["opening"], values), str)


def test_status_notices_are_public_per_office_and_name_no_one(world):
    from netra.cases import selectors, services

    case = case_in(world, "diregistrasi")
    [notice] = services.letter_issue(kind=LetterKind.PEMBERITAHUAN_STATUS, case=case, user=None)
    assert Event.objects.filter(action="case.letter_issue").latest("seq").actor == "system:letters"
    office = world["offices"]["bintan"]
    assert [x.pk for x in selectors.status_notices_public(office_id=office.pk)] == [notice.pk]
    assert selectors.status_notices_public(office_id=world["offices"]["lingga"].pk) == []
    assert selectors.status_notice_public(office_id=office.pk, letter_id=notice.pk).sha256 == notice.sha256
    with pytest.raises(Http404):
        selectors.status_notice_public(office_id=world["offices"]["lingga"].pk, letter_id=notice.pk)
