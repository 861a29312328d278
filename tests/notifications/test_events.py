"""Notifications that follow an act: assignment, a new report, a workflow step; the reporter's emails
and the public notice board (no one's identity in either)."""

import pytest
from django.urls import reverse

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases import services as case_services
from netra.notifications.models import Notification, StatusNotice
from netra.notifications.services import notifications_send
from netra.notifications.services.common import now
from tests.cases.helpers import act, case_in
from tests.notifications.conftest import decoded

REPORTER_EMAIL = "siti.aminah@warga.example"
IDENTITIES = ["Siti Aminah", "Raya Kijang", "081234567890", "Budi Santoso", "Kepala SDN 001"]


def _reporter_case(world):
    return case_in(world, "kajian_awal", reporter_email=REPORTER_EMAIL)


def _mails(inbox):
    return [decoded(text) for text in inbox.to(REPORTER_EMAIL)]


def test_assignment_tells_the_handler_in_app_and_keeps_one_audit_event(world, submit):
    case = submit()
    pimpinan = world["staff"]["bintan"][Role.PIMPINAN]
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    events_before = Event.objects.count()

    case_services.case_assign(user=pimpinan, case=case, assignee=handler)

    row = Notification.objects.get(kind="case_assigned")
    assert (row.recipient, row.case_id, row.channel) == (handler, case.pk, "in_app")
    assert Event.objects.count() == events_before + 1


def test_a_new_public_report_reaches_the_office_handlers_only(world, submit):
    case = submit()
    recipients = set(
        Notification.objects.filter(kind="new_report", case=case).values_list("recipient", flat=True)
    )
    bintan = world["staff"]["bintan"]
    assert recipients == {bintan[Role.PIMPINAN].pk, bintan[Role.STAF_PENANGANAN].pk}


def test_registration_emails_the_reporter_with_the_receipt_code_and_no_identity(world, smtp):
    case = _reporter_case(world)
    case = act(world, case, "register", "pimpinan", {})

    notifications_send(now=now())

    mails = _mails(smtp)
    assert len(mails) == 1
    assert case.receipt_display in mails[0]
    assert case.register_number in mails[0]
    assert "telah diregistrasi" in mails[0]
    assert reverse("cases:track") in mails[0]
    for identity in IDENTITIES + [u.username for u in world["staff"]["bintan"].values()]:
        assert identity not in mails[0]


def test_each_announced_step_is_emailed_once(world, smtp):
    case = case_in(world, "rekomendasi_diteruskan", reporter_email=REPORTER_EMAIL)

    notifications_send(now=now())
    notifications_send(now=now())

    mails = _mails(smtp)
    statuses = ["telah diregistrasi", "terbukti pelanggaran", "rekomendasinya telah diteruskan"]
    assert [next(s for s in statuses if s in mail) for mail in mails] == statuses
    for mail in mails:
        assert case.receipt_display in mail
        assert all(identity not in mail for identity in IDENTITIES)


def test_not_registered_and_forwarded_are_announced(world, smtp):
    rejected = case_in(world, "tidak_diregistrasi", reporter_email=REPORTER_EMAIL)
    forwarded = case_in(world, "diteruskan", reporter_email=REPORTER_EMAIL)
    notifications_send(now=now())
    mails = _mails(smtp)
    assert any("tidak diregistrasi" in m and rejected.receipt_display in m for m in mails)
    assert any("dilimpahkan" in m and forwarded.receipt_display in m and "Lingga" in m for m in mails)


def test_no_email_without_an_address(world, smtp):
    case = case_in(world, "diregistrasi")
    notifications_send(now=now())
    assert smtp.messages == [] or all(REPORTER_EMAIL not in rcpt for rcpt, _t in smtp.messages)
    assert not Notification.objects.filter(kind="reporter_status", case=case).exists()
    assert StatusNotice.objects.filter(case=case, status="diregistrasi").exists()


def test_the_forwarded_office_and_bkn_are_told(world):
    forwarded = case_in(world, "diteruskan")
    lingga = {u.pk for u in world["staff"]["lingga"].values()}
    told = set(
        Notification.objects.filter(kind="new_report", case=forwarded).values_list("recipient", flat=True)
    )
    assert told & lingga

    recommended = case_in(world, "rekomendasi_diteruskan")
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    assert Notification.objects.filter(
        kind="recommendation_received", case=recommended, recipient=bkn
    ).exists()
    assert not Notification.objects.filter(
        kind="recommendation_received", recipient__office=world["offices"]["ppk_lingga"]
    ).exists()


def test_a_recorded_sanction_tells_the_sending_office(world):
    case = case_in(world, "tindak_lanjut")
    pimpinan = world["staff"]["bintan"][Role.PIMPINAN]
    assert Notification.objects.filter(kind="sanction_recorded", case=case, recipient=pimpinan).exists()


@pytest.mark.parametrize("status", ["diregistrasi", "tidak_diregistrasi"])
def test_the_notice_board_lists_the_status_without_identities(world, client, status):
    case = case_in(world, status, reporter_email=REPORTER_EMAIL)
    office = world["offices"]["bintan"]

    response = client.get(reverse("notices:board", args=[office.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert (case.register_number or case.receipt_masked) in page
    assert case.get_status_display() in page
    for identity in [*IDENTITIES, REPORTER_EMAIL, case.title, case.receipt_display]:
        assert identity not in page


def test_a_notice_board_exists_only_for_supervisory_offices(world, client):
    assert client.get(reverse("notices:board", args=[world["offices"]["bkn"].pk])).status_code == 404
    assert client.get(reverse("notices:board", args=[999_999])).status_code == 404


def test_the_notice_boards_are_listed_for_the_public(world, client):
    page = client.get(reverse("notices:index")).content.decode()
    assert reverse("notices:board", args=[world["offices"]["bintan"].pk]) in page
    assert "Badan Kepegawaian Negara" not in page


def test_a_pelimpahan_is_announced_on_the_board_of_the_office_reported_to(world):
    case = case_in(world, "diteruskan")
    notice = StatusNotice.objects.get(case=case, status="diteruskan")
    assert notice.office == world["offices"]["bintan"]


def test_the_notice_letter_is_issued_once_and_served_on_the_board(world, client):
    from netra.cases.models import IssuedLetter
    from netra.cases.tasks import status_notice_letter

    case = case_in(world, "diregistrasi", reporter_email=REPORTER_EMAIL)
    office = world["offices"]["bintan"]

    first = status_notice_letter.call(case.pk, "diregistrasi")
    again = status_notice_letter.call(case.pk, "diregistrasi")
    stale = status_notice_letter.call(case.pk, "kajian_awal")  # the case moved on: nothing issued

    assert first["number"] and again["number"] is None and stale["number"] is None
    letter = IssuedLetter.objects.get(case=case, kind="pemberitahuan_status")
    notice = StatusNotice.objects.get(case=case, status="diregistrasi")
    assert notice.letter == letter
    board = client.get(reverse("notices:board", args=[office.pk])).content.decode()
    assert reverse("notices:letter", args=[office.pk, notice.pk]) in board
    pdf = client.get(reverse("notices:letter", args=[office.pk, notice.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    other = world["offices"]["lingga"]
    assert client.get(reverse("notices:letter", args=[other.pk, notice.pk])).status_code == 404
