"""Witnesses' identities are stored encrypted with the case's data key like the reporter's, opened only
for the roles that see the reporter, audited when shown, covered by key rotation, erased with the
reporter after the retention period, and sealed by migration 0011 when an older database held them in
plaintext."""

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
from netra.cases.models import Case, Status, Witness
from netra.cases.sealing import witnesses_open
from netra.cases.services.sealing import identities_erase_expired
from netra.cli import app
from netra.core.crypto import KeyUnavailable, master_ring, new_key_text
from tests.cases.helpers import case_in
from tests.cases.test_api import client_for

pytestmark = pytest.mark.django_db
runner = CliRunner()
WITNESS = {"name": "Rudi Hartono", "address": "Jl. Pelantar 7, Kijang", "phone": "081377788899"}


@pytest.fixture
def key_file(settings, tmp_path):
    settings.NETRA_MASTER_KEY = ""
    settings.NETRA_KEY_DIR = tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    return settings.NETRA_MASTER_KEY_FILE


@pytest.fixture
def witnessed(world, key_file):
    return case_in(world, "diterima", witnesses=[WITNESS])


def raw_witness_rows(case: Case) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_witness WHERE case_id = %s", [case.pk])
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def newest_seq() -> int:
    return Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_a_witness_is_stored_only_encrypted(witnessed):
    row = raw_witness_rows(witnessed)
    assert row, "the report's witness was stored"
    for plaintext in ("Rudi", "Hartono", "Pelantar", "081377788899"):
        assert plaintext not in row
    assert [(w.name, w.address, w.phone) for w in witnesses_open(Witness.objects.filter(case=witnessed))] == [
        tuple(WITNESS.values())
    ]


def test_a_witness_added_by_staff_is_stored_only_encrypted(world, witnessed):
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    services.witness_add(user=staf, case=witnessed, name="Wati Lestari", phone="0812000111")
    row = raw_witness_rows(witnessed)
    assert "Wati" not in row and "0812000111" not in row
    names = [w.name for w in selectors.witnesses_for(staf, witnessed)]
    assert names == ["Rudi Hartono", "Wati Lestari"]


def test_only_the_roles_that_see_the_reporter_get_witnesses_decrypted(world, witnessed):
    staff = world["staff"]
    for role in (Role.PIMPINAN, Role.STAF_PENANGANAN):
        detail = selectors.case_detail_for(staff["bintan"][role], witnessed.pk)
        assert [w.name for w in detail.witnesses] == ["Rudi Hartono"]
    for user in (staff["bintan"][Role.ANALIS], staff["bintan"][Role.PENGAWAS], staff["kepri"][Role.PIMPINAN]):
        assert selectors.witnesses_for(user, witnessed) == []
        assert selectors.case_detail_for(user, witnessed.pk).witnesses == []


@pytest.mark.parametrize(
    "office,role,sees",
    [
        ("bintan", Role.PIMPINAN, True),
        ("bintan", Role.STAF_PENANGANAN, True),
        ("bintan", Role.PENGAWAS, False),
        ("bintan", Role.ANALIS, False),
        ("kepri", Role.PIMPINAN, False),
    ],
)
def test_the_case_page_and_the_api_show_witnesses_to_the_same_roles(world, witnessed, office, role, sees):
    user = world["staff"][office][role]
    browser = Client()
    browser.force_login(user)
    page = browser.get(f"/kasus/{witnessed.pk}/").content.decode()
    assert ("Rudi Hartono" in page) is sees
    answer = client_for(user).get(f"/api/v1/cases/{witnessed.pk}").json()
    assert [w["name"] for w in answer["witnesses"]] == (["Rudi Hartono"] if sees else [])


def test_without_the_master_key_a_witness_does_not_open(settings, witnessed):
    settings.NETRA_MASTER_KEY = new_key_text()
    with pytest.raises(KeyUnavailable):
        witnesses_open(Witness.objects.filter(case=witnessed))


def test_a_witness_row_moved_to_another_case_does_not_open(world, witnessed):
    other = case_in(world, "diterima", witnesses=[{"name": "Lain"}])
    sealed = Witness.objects.get(case=witnessed).sealed
    Witness.objects.filter(case=other).update(sealed=sealed)
    with pytest.raises(KeyUnavailable):
        witnesses_open(Witness.objects.filter(case=other))


def test_rotation_keeps_witnesses_readable_after_the_old_key_is_dropped(world, witnessed):
    old_id = master_ring()[0].key_id
    result = runner.invoke(app, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    ring = master_ring()
    assert [k.key_id for k in ring] != [old_id] and len(ring) == 1
    assert [w.name for w in witnesses_open(Witness.objects.filter(case=witnessed))] == ["Rudi Hartono"]


def test_witness_views_are_audited_like_the_reporters(world, witnessed):
    handler = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    before = newest_seq()
    browser = Client()
    browser.force_login(handler)
    assert browser.get(f"/kasus/{witnessed.pk}/").status_code == 200
    assert client_for(handler).get(f"/api/v1/cases/{witnessed.pk}").status_code == 200
    views = Event.objects.filter(seq__gt=before, action="case.reporter.view").order_by("seq")
    assert [e.data for e in views] == [{"channel": "web", "witnesses": 1}, {"channel": "api", "witnesses": 1}]


def test_witnesses_shown_without_a_reporter_leave_their_own_event(world, key_file):
    tip = case_in(world, "informasi_awal", witnesses=[WITNESS])  # anonymous: no reporter
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    before = newest_seq()
    browser = Client()
    browser.force_login(handler)
    assert "Rudi Hartono" in browser.get(f"/kasus/{tip.pk}/").content.decode()
    events = Event.objects.filter(seq__gt=before, action__in=["case.reporter.view", "case.witness.view"])
    assert [(e.action, e.actor, e.data) for e in events] == [
        ("case.witness.view", handler.username, {"channel": "web", "witnesses": 1})
    ]
    outsider = Client()
    outsider.force_login(world["staff"]["bintan"][Role.ANALIS])
    before = newest_seq()
    assert "Rudi Hartono" not in outsider.get(f"/kasus/{tip.pk}/").content.decode()
    assert not Event.objects.filter(seq__gt=before, action="case.witness.view").exists()


def test_a_temuan_made_from_a_tip_carries_its_witnesses_sealed_with_its_own_key(world, key_file):
    temuan_source = case_in(world, "dijadikan_temuan", witnesses=[WITNESS])
    temuan = Case.objects.get(origin=temuan_source)
    assert "Rudi" not in raw_witness_rows(temuan)
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    assert [w.name for w in selectors.witnesses_for(handler, temuan)] == ["Rudi Hartono"]


def test_retention_erases_the_witnesses_with_the_reporter(world, settings, witnessed):
    settings.NETRA_IDENTITY_RETENTION_DAYS = 30
    tip = case_in(world, "informasi_awal", witnesses=[{"name": "Saksi Tanpa Pelapor"}])
    for case in (witnessed, tip):
        Case.objects.filter(pk=case.pk).update(
            status=Status.SELESAI, closed_at=timezone.now() - timedelta(days=31)
        )
    assert identities_erase_expired() == sorted([witnessed.pk, tip.pk])
    assert all(w.erased_at is not None and w.sealed == "" for w in Witness.objects.all())
    handler = world["staff"]["bintan"][Role.PIMPINAN]
    browser = Client()
    browser.force_login(handler)
    page = browser.get(f"/kasus/{witnessed.pk}/").content.decode()
    assert "Rudi" not in page and 'data-testid="witness-erased"' in page
    assert identities_erase_expired() == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migration_seals_plaintext_witnesses_and_drops_their_columns(world, key_file):
    case = case_in(world, "diterima")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # every app: going back in cases unapplies dependants
    before = [("cases", "0010_witness_sealed_identity")]
    executor.migrate(before)
    OldWitness = executor.loader.project_state(before[0]).apps.get_model("cases", "Witness")
    OldWitness.objects.create(
        case_id=case.pk, name="Rudi Hartono", address="Jl. Pelantar 7", phone="0813", sealed=""
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "cases_witness")}
    assert columns == {"id", "case_id", "sealed", "erased_at"}
    assert "Rudi" not in raw_witness_rows(case)
    opened = witnesses_open(Witness.objects.filter(case=case))
    assert [(w.name, w.address, w.phone) for w in opened] == [("Rudi Hartono", "Jl. Pelantar 7", "0813")]


@pytest.mark.parametrize(
    "office,role,sees", [("bintan", Role.PIMPINAN, True), ("kepri", Role.PIMPINAN, False)]
)
def test_a_witness_invited_to_clarify_is_named_in_the_timeline_only_for_the_handlers(
    world, key_file, office, role, sees
):
    from datetime import timedelta as days

    case = case_in(world, "klarifikasi", witnesses=[WITNESS])
    services.clarification_schedule(
        user=world["staff"]["bintan"][Role.STAF_PENANGANAN], case=case, party="saksi",
        person_name="Rudi Hartono", scheduled_at=timezone.now() + days(days=2), place="Kantor Bawaslu Bintan",
    )  # fmt: skip
    browser = Client()
    browser.force_login(world["staff"][office][role])
    page = browser.get(f"/kasus/{case.pk}/").content.decode()
    assert ("Rudi Hartono" in page) is sees
    assert ('data-testid="clarification-name-hidden"' in page) is not sees
