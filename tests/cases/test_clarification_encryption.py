"""Clarifications' invitee names and berita acara are stored only encrypted with the case's data key,
like witnesses: a pelapor's or saksi's invitation is opened only for the roles that see the reporter
(audited with the page), every invitation's letter still names its invitee for the officer issuing
it, key rotation keeps them readable, retention erases them, and migration 0018 seals what an older
database held in plaintext (and runs on an empty one)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases import selectors, services
from netra.cases.models import Case, Clarification, IssuedLetter, LetterKind, Status
from netra.cases.sealing import clarifications_open, letter_bytes
from netra.cases.services.sealing import identities_erase_expired
from netra.cli import app
from netra.core.crypto import KeyUnavailable, master_ring, new_key_text
from tests.cases.helpers import case_in
from tests.cases.test_letters_pdf import pdf_pages_text

pytestmark = pytest.mark.django_db
runner = CliRunner()
NAME, RECORD = "Rahmat Hidayat", "Saksi menerangkan melihat ajakan memilih di Balai Desa Kijang."


@pytest.fixture
def key_file(settings, tmp_path):
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    return settings.NETRA_MASTER_KEY_FILE


def invite(world, case, party="saksi", name=NAME, record=RECORD) -> Clarification:
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    item = services.clarification_schedule(
        user=staf, case=case, party=party, person_name=name,
        scheduled_at=timezone.now() - timedelta(hours=2), place="Kantor Bawaslu Bintan",
    )  # fmt: skip
    if record:
        services.clarification_record(user=staf, clarification=item, held_at=timezone.now(), record=record)
    return item


@pytest.fixture
def clarified(world, key_file):
    case = case_in(world, "klarifikasi")
    invite(world, case)
    return case


def raw_rows(case: Case) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_clarification WHERE case_id = %s", [case.pk])
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def newest_seq() -> int:
    return Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def page_for(user, case) -> str:
    browser = Client()
    browser.force_login(user)
    return browser.get(f"/kasus/{case.pk}/").content.decode()


def test_the_name_and_the_berita_acara_are_stored_only_encrypted(clarified):
    row = raw_rows(clarified)
    assert row, "the clarification was stored"
    for plaintext in ("Rahmat", "Hidayat", "Balai Desa", "ajakan memilih"):
        assert plaintext not in row
    item = Clarification.objects.get(case=clarified)
    clarifications_open([item])
    assert (item.person_name, item.record) == (NAME, RECORD)


@pytest.mark.parametrize(
    "office,role,sees",
    [
        ("bintan", Role.PIMPINAN, True),
        ("bintan", Role.STAF_PENANGANAN, True),
        ("bintan", Role.PENGAWAS, False),
        ("kepri", Role.PIMPINAN, False),
    ],
)
def test_a_saksi_invitation_is_opened_only_for_the_roles_that_see_the_reporter(
    world, clarified, office, role, sees
):
    user = world["staff"][office][role]
    page = page_for(user, clarified)
    assert (NAME in page) is sees
    assert (RECORD in page) is sees
    detail = selectors.case_detail_for(user, clarified.pk)
    if detail.clarifications:  # an office that sees the case's clarifications at all
        assert (detail.clarifications[0].person_name == NAME) is sees
        assert detail.clarifications[0].texts_hidden is not sees
        assert ('data-testid="clarification-record-hidden"' in page) is not sees


def test_a_terlapor_invitation_is_shown_to_whoever_sees_the_clarifications(world, key_file):
    case = case_in(world, "klarifikasi")
    invite(world, case, party="terlapor", name="Budi Santoso", record="Terlapor hadir.")
    assert "Budi Santoso" not in raw_rows(case) and "Terlapor hadir." not in raw_rows(case)
    page = page_for(world["staff"]["bintan"][Role.PENGAWAS], case)
    assert "Terlapor hadir." in page


def test_showing_a_saksi_invitation_is_audited_with_the_page(world, clarified):
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    before = newest_seq()
    page_for(handler, clarified)
    views = Event.objects.filter(seq__gt=before, action__startswith="case.").filter(action__endswith=".view")
    assert [(e.action, e.data.get("clarifications")) for e in views] == [("case.reporter.view", 1)]
    before = newest_seq()
    page_for(world["staff"]["bintan"][Role.PENGAWAS], clarified)
    assert not Event.objects.filter(seq__gt=before, action__endswith=".view").exists()


def test_the_invitation_letter_names_the_invitee_for_the_officer(world, key_file):
    case = case_in(world, "klarifikasi")
    item = invite(world, case, record="")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    services.letter_issue(kind=LetterKind.UNDANGAN_KLARIFIKASI, case=case, user=staf)
    letter = IssuedLetter.objects.get(clarification=item)
    assert NAME in " ".join(" ".join(page.split()) for page in pdf_pages_text(letter_bytes(letter, "pdf")))
    assert NAME not in raw_rows(case)


def test_the_record_service_keeps_the_name_and_the_api_returns_it(world, key_file):
    from tests.cases.test_api import client_for

    case = case_in(world, "klarifikasi")
    api = client_for(world["staff"]["bintan"][Role.STAF_PENANGANAN])
    made = api.post(
        f"/api/v1/cases/{case.pk}/clarifications",
        {
            "party": "saksi",
            "person_name": NAME,
            "scheduled_at": "2024-10-01T09:00:00+07:00",
            "place": "Kantor",
        },
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["person_name"] == NAME
    held = api.post(
        f"/api/v1/cases/{case.pk}/clarifications/{made.json()['id']}/record",
        {"held_at": "2024-10-01T10:00:00+07:00", "record": RECORD, "attendance": "hadir"},
        content_type="application/json",
    )
    assert held.status_code == 200 and held.json()["person_name"] == NAME
    item = Clarification.objects.get(case=case)
    clarifications_open([item])
    assert (item.person_name, item.record) == (NAME, RECORD)


def test_without_the_master_key_an_invitation_does_not_open(settings, clarified):
    settings.NETRA_MASTER_KEY = new_key_text()
    with pytest.raises(KeyUnavailable):
        clarifications_open(list(Clarification.objects.filter(case=clarified)))


def test_a_row_moved_to_another_case_does_not_open(world, clarified):
    other = case_in(world, "klarifikasi")
    invite(world, other, name="Lain", record="")
    Clarification.objects.filter(case=other).update(sealed=Clarification.objects.get(case=clarified).sealed)
    with pytest.raises(KeyUnavailable):
        clarifications_open(list(Clarification.objects.filter(case=other)))


def test_rotation_keeps_invitations_readable_after_the_old_key_is_dropped(clarified):
    old_id = master_ring()[0].key_id
    result = runner.invoke(app, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert [k.key_id for k in master_ring()] != [old_id]
    item = Clarification.objects.get(case=clarified)
    clarifications_open([item])
    assert (item.person_name, item.record) == (NAME, RECORD)


def test_retention_erases_the_invitations_with_the_reporter(world, settings, clarified):
    settings.NETRA_IDENTITY_RETENTION_DAYS = 30
    Case.objects.filter(pk=clarified.pk).update(
        status=Status.SELESAI, closed_at=timezone.now() - timedelta(days=31)
    )
    assert identities_erase_expired() == [clarified.pk]
    item = Clarification.objects.get(case=clarified)
    assert item.sealed == "" and item.erased_at is not None
    event = Event.objects.filter(action="case.reporter.erase", object_id=str(clarified.pk)).get()
    assert event.data["clarifications"] == 1
    assert identities_erase_expired() == []


def test_retention_finds_a_case_holding_only_invitations(world, settings, clarified):
    from netra.cases.models import Reporter

    settings.NETRA_IDENTITY_RETENTION_DAYS = 30
    Reporter.objects.filter(case=clarified).update(sealed="", erased_at=timezone.now())  # erased earlier
    Case.objects.filter(pk=clarified.pk).update(
        status=Status.SELESAI, closed_at=timezone.now() - timedelta(days=31)
    )
    assert identities_erase_expired() == [clarified.pk]
    assert not Clarification.objects.filter(case=clarified, erased_at__isnull=True).exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rows", [0, 2])
def test_migration_seals_plaintext_invitations_and_drops_their_columns(world, key_file, rows):
    case = case_in(world, "klarifikasi")
    author = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("cases", "0017_clarification_sealed_texts")]
    executor.migrate(before)
    Old = executor.loader.project_state(before[0]).apps.get_model("cases", "Clarification")
    for n in range(rows):
        Old.objects.create(
            case_id=case.pk, party="saksi", person_name=f"{NAME} {n}", record=RECORD if n else "",
            scheduled_at=timezone.now(), place="Kantor", created_by_id=author.pk, sealed="",
        )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "cases_clarification")
        }
    assert "person_name" not in columns and "record" not in columns and "sealed" in columns
    assert "Rahmat" not in raw_rows(case) and "Balai Desa" not in raw_rows(case)
    items = list(Clarification.objects.filter(case=case).order_by("pk"))
    clarifications_open(items)
    assert [(i.person_name, i.record) for i in items] == [
        (f"{NAME} {n}", RECORD if n else "") for n in range(rows)
    ]
