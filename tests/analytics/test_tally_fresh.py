"""The tally follows the cases between two full rebuilds: each case service announces the change
(``netra.cases.signals.cases_changed``), the ``tally_regions_refresh`` task recounts the regions and
offices concerned once the transaction commits, and the result equals a full rebuild."""

from datetime import date

import pytest
from django.test import override_settings

from netra.accounts.models import Role
from netra.analytics import selectors, services
from netra.analytics.models import CaseTally, ComplianceTally, DeadlineTally
from netra.cases.services.kasn import kasn_handover
from tests.cases.helpers import act, case_in

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def tally_rows() -> set[tuple]:
    return set(
        CaseTally.objects.values_list(
            "dimension",
            "key",
            "level",
            "region_code",
            "election_id",
            "to_bkn",
            "cases",
            "proven",
            "recommended",
            "sanctioned",
        )
    )


def deadline_rows() -> set[tuple]:
    return set(
        DeadlineTally.objects.values_list(
            "office_id", "region_code", "finished_on_time", "finished_late", "open_on_time", "open_overdue"
        )
    )


def compliance_rows() -> set[tuple]:
    return set(ComplianceTally.objects.values_list(*(f.name for f in ComplianceTally._meta.fields[1:])))


def equals_a_full_rebuild() -> None:
    incremental, deadlines, compliance = tally_rows(), deadline_rows(), compliance_rows()
    services.tally_refresh()
    assert incremental == tally_rows()
    assert deadlines == deadline_rows()
    assert compliance == compliance_rows()


@pytest.fixture
def built(world, make_case, agencies):
    make_case("21", kind="temuan", status="rekomendasi_diteruskan", violation="D-6", proven=True, to_bkn=True)
    make_case("21.04.01", subject="PPNPN", violation="D-6", proven=True, to_bkn=True, status="tindak_lanjut")
    make_case("32.04.05", violation="D-1", proven=True, kind="informasi_awal")
    services.tally_refresh()
    return tally_rows()


def national_total(world) -> int:
    ri = world["staff"]["ri"][Role.PIMPINAN]
    stats = selectors.case_stats_for(ri, by="region")
    assert stats.from_tally
    return stats.total.cases


@override_settings(TASKS=IMMEDIATE)
def test_a_new_case_shows_on_the_national_dashboard_once_its_service_commits(
    world, built, django_capture_on_commit_callbacks
):
    before = national_total(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case_in(world, "diterima")
    assert callbacks  # the refresh waits for the commit
    assert national_total(world) == before + 1
    equals_a_full_rebuild()


@override_settings(TASKS=IMMEDIATE)
def test_transitions_recommendations_and_the_kasn_hand_over_keep_the_tally_equal_to_a_rebuild(
    world, built, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_in(world, "diputus", terlapor_subject_type="PPPK")
        params = {"letter_number": "9/PP.01/VIII/2024", "forwarded_on": date(2024, 8, 20)}
        act(world, case, "forward_recommendation", "pimpinan", params)
    equals_a_full_rebuild()
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    addressed_before = selectors.case_stats_for(bkn, by="stage").total.cases
    with django_capture_on_commit_callbacks(execute=True):
        kasn_handover(user=world["staff"]["ri"][Role.PIMPINAN])  # the case is now BKN's too
    assert selectors.case_stats_for(bkn, by="stage").total.cases == addressed_before + 1
    equals_a_full_rebuild()


@override_settings(TASKS=IMMEDIATE)
def test_a_terlapor_correction_moves_the_subject_figures(world, built, django_capture_on_commit_callbacks):
    from netra.cases import services as case_services

    with django_capture_on_commit_callbacks(execute=True):
        case = case_in(world, "kajian_awal")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    with django_capture_on_commit_callbacks(execute=True):
        case_services.terlapor_update(
            user=staf, terlapor=case.terlapor.get(), data={"subject_type": "kepala_desa"}
        )
    ri = world["staff"]["ri"][Role.PIMPINAN]
    assert "kepala_desa" in {row.key for row in selectors.case_stats_for(ri, by="subject").rows}
    equals_a_full_rebuild()


def test_without_a_worker_the_refresh_waits_in_the_queue(world, built, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        case_in(world, "diterima")
    queued = DBTaskResult.objects.filter(task_path="netra.analytics.tasks.tally_regions_refresh")
    assert queued.exists()
    assert "21.01.04" in queued.first().args_kwargs["args"][0]
    assert tally_rows() == built  # not counted yet: the worker runs it


def test_nothing_is_refreshed_before_the_first_rebuild(world, make_case):
    make_case("21.01.04")
    assert services.tally_regions_refresh(region_codes=["21.01.04"], office_ids=[]) == 0
    assert not CaseTally.objects.exists()


def test_a_case_moved_out_of_a_region_leaves_no_row_behind(world, built):
    from netra.cases.models import Case

    Case.objects.filter(region_code__startswith="21.04").update(region_id="32.04.05", region_code="32.04.05")
    services.tally_regions_refresh(region_codes=["21.04.01", "32.04.05"])
    assert not CaseTally.objects.filter(region_code="21.04").exists()
    equals_a_full_rebuild()


@override_settings(TASKS=IMMEDIATE)
def test_a_followup_state_and_an_escalation_move_the_compliance_figures(
    world, built, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from netra.cases.services.followup import followup_escalate_due, followup_state_set

    with django_capture_on_commit_callbacks(execute=True):
        waiting = case_in(world, "rekomendasi_diteruskan")
        rejected = case_in(world, "rekomendasi_diteruskan")
    ri = world["staff"]["ri"][Role.PIMPINAN]
    before = {row.agency_id: row.overdue for row in selectors.ppk_compliance_for(ri)}
    ppk = world["staff"]["ppk_bintan"][Role.PIMPINAN]
    with django_capture_on_commit_callbacks(execute=True):
        followup_state_set(
            user=ppk,
            recommendation_id=rejected.recommendations.get().pk,
            state="ditolak",
            reason="Tidak terbukti.",
        )
    equals_a_full_rebuild()
    clock = waiting.recommendations.get().clock
    with django_capture_on_commit_callbacks(execute=True):
        followup_escalate_due(now=clock.due_at + timedelta(minutes=1))
    from django.utils import timezone

    after = {row.agency_id: row.overdue for row in selectors.ppk_compliance_for(ri)}  # the tally's
    assert after == {
        row.agency_id: row.overdue for row in selectors.ppk_compliance_for(ri, now=timezone.now())
    }
    assert sum(after.values()) > sum(before.values())  # the escalated clocks, refreshed by the task
    equals_a_full_rebuild()
