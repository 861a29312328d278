"""The case stores what netra.law answers for its facts: start dates, time zone, rule, interpretations."""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from netra.accounts.models import Role
from netra.cases import workflow
from netra.cases.deadlines import deadline_fields
from netra.cases.models import Case, Kind, Status
from netra.cli import app
from netra.law import deadlines
from netra.law.timezones import ZONES, province_zone

from .helpers import act, case_in

D = date.fromisoformat
pytestmark = pytest.mark.django_db


def at_local(day: date, region_code: str, hour: int = 10) -> datetime:
    """A moment on ``day`` in the region's legal time zone (what an officer would type)."""
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(ZONES[province_zone(region_code)]))


def case_with(election, *, status, received, registered=None, region_code="21.01.04", known=None):
    """A case in memory with the dates given: deadline_fields only reads it."""
    return Case(
        kind=Kind.LAPORAN,
        status=status,
        election=election,
        region_code=region_code,
        known_on=known or received,
        received_at=at_local(received, region_code),
        registered_at=at_local(registered, region_code) if registered else None,
    )


def test_pemilihan_decision_counts_from_receipt_not_registration(world):
    """UU 1/2015 Pasal 134(5): received 1 Oct, registered 3 Oct -> decision due 4 Oct (not 6 Oct)."""
    case = case_with(
        world["elections"]["pilkada"],
        status=Status.DIREGISTRASI,
        received=D("2024-10-01"),
        registered=D("2024-10-03"),
    )
    fields = deadline_fields(case, case.registered_at)
    assert fields["step"] == "decision" and fields["due_rule"] == "pemilihan.decision"
    assert fields["due_at"] == datetime(2024, 10, 4, 23, 59, 59, 999999, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert "Pasal 134 ayat (5) [V]" in fields["due_citation"]


def test_pemilihan_extended_decision_counts_from_receipt_and_names_the_3_plus_2_reading(world):
    case = case_with(
        world["elections"]["pilkada"],
        status=Status.KLARIFIKASI,
        received=D("2024-10-01"),
        registered=D("2024-10-03"),
    )
    fields = deadline_fields(case, case.registered_at)
    assert fields["due_at"].date() == D("2024-10-06")  # 3 + 2 days after 1 Oct
    assert "3 + 2" in fields["due_note"] and fields["due_unverified"] is True


def test_pemilu_decision_counts_from_registration_not_receipt(world):
    """UU 7/2017 Pasal 454(7): received Fri 2 Feb 2024, registered Wed 7 Feb -> 7 hari kerja from 7 Feb."""
    case = case_with(
        world["elections"]["pemilu"],
        status=Status.DIREGISTRASI,
        received=D("2024-02-02"),
        registered=D("2024-02-07"),
    )
    fields = deadline_fields(case, case.registered_at)
    # 8 Feb Isra Mikraj, 9 Feb cuti bersama, 14 Feb voting day and weekends are skipped.
    assert fields["due_at"].date() == D("2024-02-21")  # from receipt it would be 16 Feb
    assert fields["due_rule"] == "pemilu.decision"
    assert "hari kerja" in fields["due_note"]  # Pasal 454(7) says "hari": an interpretation


@pytest.mark.parametrize(("region_code", "offset"), [("21.01.04", 7), ("64.01", 8), ("94.01", 9)])
def test_stored_decision_deadline_ends_at_local_midnight_of_the_province(world, region_code, offset):
    case = case_with(
        world["elections"]["pilkada"],
        status=Status.DIREGISTRASI,
        received=D("2024-11-25"),
        registered=D("2024-11-26"),
        region_code=region_code,
    )
    due_at = deadline_fields(case, case.registered_at)["due_at"]
    assert due_at.utcoffset() == timedelta(hours=offset) and due_at.date() == D("2024-11-28")


def test_terbukti_has_a_deadline_and_sanction_recorded_says_why_it_has_none(world):
    proven = case_with(
        world["elections"]["pilkada"],
        status=Status.DIPUTUS,
        received=D("2024-10-01"),
        registered=D("2024-10-02"),
    )
    fields = deadline_fields(proven, proven.registered_at)
    assert (fields["step"], fields["due_rule"]) == ("recommendation", "pemilihan.recommendation")
    assert fields["due_at"].date() == D("2024-10-06")
    assert "penerusan rekomendasi" in fields["due_note"]
    sanctioned = case_with(
        world["elections"]["pilkada"],
        status=Status.TINDAK_LANJUT,
        received=D("2024-10-01"),
        registered=D("2024-10-02"),
    )
    fields = deadline_fields(sanctioned, sanctioned.registered_at)
    assert fields["due_at"] is None and fields["due_note"].startswith("Tanpa batas waktu")


def test_every_open_status_has_a_step_or_a_reason():
    closed = {Status.TIDAK_DIREGISTRASI, Status.SELESAI, Status.DIJADIKAN_TEMUAN, Status.DIARSIPKAN}
    for status in set(Status) - closed:
        step = workflow.STEP_FOR_STATUS[status]
        assert step in deadlines.STEPS or workflow.NO_DEADLINE_REASON[status], status


def test_ppk_followup_is_stored_as_the_offices_service_target(world):
    case = case_in(world, "rekomendasi_diteruskan")
    assert (case.due_kind, case.due_rule, case.due_unverified) == ("service_target", "ppk_followup", True)
    assert "Tidak ditemukan ketentuan" not in case.due_citation
    assert case.due_citation.startswith("Target layanan kantor")


# Statuses whose step starts from receipt or registration (temuan and PPK follow-up have their own facts).
OWN_FACTS = (None, "temuan", "ppk_followup")
OPEN_STEPS = [status for status, step in workflow.STEP_FOR_STATUS.items() if step not in OWN_FACTS]
REGIONS = ["11.01", "21.01.04", "35.78", "51.71", "64.01", "73.71", "82.01", "94.01"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    regime=st.sampled_from(["pilkada", "pemilu"]),
    status=st.sampled_from(OPEN_STEPS),
    region_code=st.sampled_from(REGIONS),
    received=st.dates(date(2023, 1, 1), date(2026, 12, 31)),
    registered_after=st.integers(0, 20),
    known_before=st.integers(0, 20),
)
def test_stored_deadline_always_equals_the_law_answer_for_the_same_facts(
    world, regime, status, region_code, received, registered_after, known_before
):
    election = world["elections"][regime]
    registered = received + timedelta(days=registered_after)
    known = received - timedelta(days=known_before)
    case = case_with(
        election,
        status=status,
        received=received,
        registered=registered,
        region_code=region_code,
        known=known,
    )
    fields = deadline_fields(case, case.registered_at)
    facts = deadlines.Facts(
        regime=election.regime,
        province=region_code[:2],
        known=known,
        found=received,
        received=received,
        registered=registered,
    )
    expected = deadlines.answer(step=workflow.STEP_FOR_STATUS[status], facts=facts).deadline
    assert fields["due_at"] == expected.due_at
    assert fields["due_rule"] == expected.rule_id
    assert fields["due_unverified"] is (not expected.verified)


def test_cli_and_case_page_show_the_same_date_for_the_same_facts(client, world):
    case = case_in(world, "diregistrasi")
    Case.objects.filter(pk=case.pk).update(
        received_at=at_local(D("2024-10-01"), case.region_code),
        registered_at=at_local(D("2024-10-03"), case.region_code),
        known_on=D("2024-09-30"),
    )
    case.refresh_from_db()
    Case.objects.filter(pk=case.pk).update(**deadline_fields(case, case.registered_at))
    result = CliRunner().invoke(
        app,
        [
            "rules",
            "deadlines",
            "--regime",
            "pemilihan",
            "--known",
            "2024-09-30",
            "--received",
            "2024-10-01",
            "--registered",
            "2024-10-03",
            "--province",
            case.region_code,
            "--step",
            "decision",
            "--json",
        ],
    )
    answer = json.loads(result.stdout)["deadline"]
    assert answer["due"] == "2024-10-04"
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'datetime="2024-10-04T23:59:59.999999+07:00"' in page
    assert answer["interpretation_note"] in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert 'data-testid="marks-legend"' in page and "[V]" in page
    assert "Belum terverifikasi" in page


def test_case_list_explains_its_marks(client, world):
    case_in(world, "diterima")
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    page = client.get(reverse("cases:list")).content.decode()
    assert 'data-testid="marks-legend"' in page and "target layanan kantor" in page


def test_transition_then_same_facts_later_gives_the_same_answer(world):
    """Recomputing from the stored facts (a later transition, an import) changes nothing."""
    case = case_in(world, "klarifikasi")
    again = deadline_fields(case, case.updated_at + timedelta(days=3))
    assert again["due_at"] == case.due_at and again["due_rule"] == case.due_rule


def test_registered_case_by_the_service_counts_pemilihan_decision_from_receipt(world):
    case = case_in(world, "kajian_awal")
    Case.objects.filter(pk=case.pk).update(received_at=case.received_at - timedelta(days=2))
    case.refresh_from_db()
    registered = act(world, case, "register", "pimpinan", {})
    received_day = registered.received_at.astimezone(ZoneInfo("Asia/Jakarta")).date()
    assert registered.due_at.astimezone(ZoneInfo("Asia/Jakarta")).date() == received_day + timedelta(days=3)


def test_case_page_labels_the_service_target_and_states_why_a_step_has_no_deadline(client, world):
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    forwarded = case_in(world, "rekomendasi_diteruskan")
    page = client.get(reverse("cases:detail", args=[forwarded.pk])).content.decode()
    assert 'data-testid="service-target"' in page and "Target layanan kantor tahap ini" in page
    assert "Tidak ditemukan ketentuan" not in page
    sanctioned = case_in(world, "tindak_lanjut")
    assert sanctioned.due_at is None
    page = client.get(reverse("cases:detail", args=[sanctioned.pk])).content.decode()
    assert 'data-testid="no-deadline-reason"' in page
    assert "tidak ada ketentuan yang membatasi waktu penutupan kasus" in page
