"""What each transition records: numbers, deadlines, forwarding, decisions, recipients, follow-up."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.audit.services import chain_verify
from netra.cases import selectors, services
from netra.cases.models import Case, Decision, FollowUp, Recommendation, Status, Transition
from tests.cases.helpers import act, case_in, photo, report_data

pytestmark = pytest.mark.django_db


def _pimpinan(world, office="bintan"):
    return world["staff"][office][Role.PIMPINAN]


def test_register_issues_sequential_numbers_from_the_template(world):
    first, second = case_in(world, "diregistrasi"), case_in(world, "diregistrasi")
    today = timezone.localdate()
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][today.month - 1]
    assert first.register_number == f"001/Reg/LP/PW/Kab/21.01/{roman}/{today.year}"
    assert second.register_number == f"002/Reg/LP/PW/Kab/21.01/{roman}/{today.year}"
    assert first.registered_at is not None
    assert first.step == "decision" and first.due_at is not None


def test_every_transition_is_recorded_and_audited_in_a_sound_chain(world):
    case = case_in(world, "selesai")
    steps = list(Transition.objects.filter(case=case).values_list("from_status", "to_status"))
    assert steps == [
        ("", "diterima"),
        ("diterima", "kajian_awal"),
        ("kajian_awal", "diregistrasi"),
        ("diregistrasi", "klarifikasi"),
        ("klarifikasi", "kajian"),
        ("kajian", "diputus"),
        ("diputus", "rekomendasi_diteruskan"),
        ("rekomendasi_diteruskan", "tindak_lanjut"),
        ("tindak_lanjut", "selesai"),
    ]
    actions = set(Event.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    assert {"case.register", "case.decide", "case.forward_recommendation", "case.close"} <= actions
    assert chain_verify().ok
    assert case.closed_at is not None and case.due_at is None


def test_reason_is_required_where_the_law_needs_one(world):
    case = case_in(world, "kajian_awal")
    with pytest.raises(ValidationError) as exc:
        services.case_transition(user=_pimpinan(world), case=case, action="reject", reason_code="formil")
    assert "reason" in exc.value.message_dict
    case.refresh_from_db()
    assert case.status == "kajian_awal"


def test_daluwarsa_only_when_the_window_had_passed_at_receipt(world):
    fresh = case_in(world, "kajian_awal")
    with pytest.raises(ValidationError):
        act(world, fresh, "reject", "pimpinan", {"reason_code": "daluwarsa"})
    late_day = timezone.localdate() - timedelta(days=20)
    late = case_in(world, "kajian_awal", known_on=late_day, occurred_on=late_day)
    late = act(world, late, "reject", "pimpinan", {"reason_code": "daluwarsa"})
    assert late.status == Status.TIDAK_DIREGISTRASI and late.non_registration_reason == "daluwarsa"
    assert selectors.case_track(late.receipt_code).outcome_label.startswith("Daluwarsa")


def test_forward_moves_the_case_to_the_competent_office(world):
    case = case_in(world, "diteruskan")
    assert case.office == world["offices"]["lingga"] and case.region_code == "21.04.01"
    transition = Transition.objects.get(case=case, action="forward")
    assert transition.office == world["offices"]["bintan"]
    assert transition.data["to_office"] == "Bawaslu Kabupaten Lingga"
    bintan_staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    lingga_staf = world["staff"]["lingga"][Role.STAF_PENANGANAN]
    with pytest.raises(Exception):  # noqa: B017 - Http404: Bintan no longer sees it
        selectors.case_get_for(bintan_staf, case.pk)
    assert selectors.reporter_for(lingga_staf, case).name == "Siti Aminah"
    case = services.case_transition(user=lingga_staf, case=case, action="start_kajian_awal")
    assert case.status == "kajian_awal"


def test_forward_refuses_an_office_without_jurisdiction(world):
    case = case_in(world, "kajian_awal")
    with pytest.raises(ValidationError) as exc:
        act(world, case, "forward", "pimpinan", {"target_office": world["offices"]["bandung"].pk})
    assert "target_office" in exc.value.message_dict
    with pytest.raises(ValidationError):
        act(world, case, "forward", "pimpinan", {})  # the same office is competent: nothing to forward
    case.refresh_from_db()
    assert case.office == world["offices"]["bintan"]


def test_decide_not_a_violation_closes_the_case(world):
    case = case_in(world, "kajian")
    case = act(world, case, "decide", "pimpinan", {"outcome": "bukan_pelanggaran"})
    assert case.status == Status.SELESAI and case.closed_at is not None
    assert Decision.objects.get(case=case).outcome == "bukan_pelanggaran"
    assert selectors.case_track(case.receipt_code).outcome_label == "Bukan pelanggaran"


def test_decide_terbukti_needs_a_catalogue_violation(world):
    case = case_in(world, "kajian")
    with pytest.raises(ValidationError) as exc:
        act(world, case, "decide", "pimpinan", {"outcome": "terbukti", "violation_code": "X-99"})
    assert "violation_code" in exc.value.message_dict
    assert not Decision.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("forwarded_on", "recipient", "to_bkn"),
    [
        (date(2024, 8, 23), "KASN", False),
        (date(2024, 8, 24), "BKN", True),
    ],
)
def test_recommendation_recipients_follow_the_date_kasn_then_bkn(world, forwarded_on, recipient, to_bkn):
    case = case_in(world, "diputus")
    case = act(
        world,
        case,
        "forward_recommendation",
        "pimpinan",
        {"letter_number": "45/PP.01/XI", "forwarded_on": forwarded_on},
    )
    rec = Recommendation.objects.get(case=case)
    assert rec.recipients == [recipient] and rec.copies == ["PPK"]
    assert rec.to_bkn is to_bkn and rec.to_ppk is True
    assert rec.reasons
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    assert (case.pk in selectors.case_list_for(bkn).values_list("pk", flat=True)) is to_bkn


def test_ppnpn_recommendation_goes_to_the_kepala_daerah(world):
    case = case_in(world, "diputus", terlapor_subject_type="PPNPN")
    act(world, case, "forward_recommendation", "pimpinan", {"letter_number": "46/PP.01/XI"})
    rec = Recommendation.objects.get(case=case)
    assert rec.recipients == ["kepala_daerah"] and not rec.to_bkn and rec.to_ppk


def test_recommendation_needs_a_known_employment_status(world):
    case = case_in(world, "diputus", terlapor_subject_type="lainnya")
    with pytest.raises(ValidationError):
        act(world, case, "forward_recommendation", "pimpinan", {"letter_number": "47/PP.01/XI"})
    assert not Recommendation.objects.filter(case=case).exists()


def test_followup_recorded_by_the_ppk_of_the_terlapor(world):
    case = case_in(world, "rekomendasi_diteruskan")
    ppk = world["staff"]["ppk_bintan"][Role.PIMPINAN]
    case = services.case_transition(
        user=ppk,
        case=case,
        action="record_followup",
        sanction_code="pp94-berat-b",
        imposed_by="Bupati Bintan",
        imposed_on=timezone.localdate(),
        letter_number="862/BKPSDM/2026",
    )
    followup = FollowUp.objects.get(case=case)
    assert case.status == Status.TINDAK_LANJUT and followup.recorded_by == ppk
    assert followup.recommendation.to_ppk


def test_followup_date_cannot_be_in_the_future(world):
    case = case_in(world, "rekomendasi_diteruskan")
    with pytest.raises(ValidationError):
        services.case_transition(
            user=world["staff"]["bkn"][Role.PIMPINAN],
            case=case,
            action="record_followup",
            sanction_code="pp94-berat-a",
            imposed_by="y",
            imposed_on=timezone.localdate() + timedelta(days=3),
            letter_number="z",
        )


def test_make_temuan_creates_a_linked_temuan_with_the_evidence(world):
    tip = case_in(world, "dijadikan_temuan")
    temuan = Case.objects.get(origin=tip)
    assert temuan.kind == "temuan" and temuan.status == Status.DITERIMA
    assert temuan.office == tip.office and temuan.observation.what.startswith("Alasan uji")
    assert [e.sha256 for e in temuan.evidence.all()] == [e.sha256 for e in tip.evidence.all()]
    assert Transition.objects.get(case=tip, action="make_temuan").data["temuan_id"] == temuan.pk
    view = selectors.case_track(tip.receipt_code)
    assert view.status == Status.DIJADIKAN_TEMUAN and view.note


def test_assignment_only_to_handlers_of_the_office(world):
    case = case_in(world, "kajian_awal")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    case = services.case_assign(user=_pimpinan(world), case=case, assignee=staf)
    assert case.assigned_to == staf
    assert list(selectors.case_list_for(staf, assigned_to_me=True)) == [case]
    with pytest.raises(ValidationError):
        services.case_assign(
            user=_pimpinan(world), case=case, assignee=world["staff"]["lingga"]["staf_penanganan"]
        )
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied for a staf member
        services.case_assign(user=staf, case=case, assignee=None)


def test_clarification_and_kajian_records(world):
    case = case_in(world, "klarifikasi")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    item = services.clarification_schedule(
        user=staf,
        case=case,
        party="terlapor",
        person_name="Budi Santoso",
        scheduled_at=timezone.now() + timedelta(days=1),
        place="Kantor",
    )
    with pytest.raises(ValidationError):
        services.clarification_record(
            user=staf, clarification=item, held_at=timezone.now() + timedelta(days=1), record="x"
        )
    item = services.clarification_record(
        user=staf, clarification=item, held_at=timezone.now(), record="Terlapor mengakui hadir dalam rapat."
    )
    assert item.held_at is not None
    with pytest.raises(ValidationError) as missing_facts:
        services.kajian_add(user=staf, case=case, stage="dugaan", analysis="Analisis", conclusion="Terbukti")
    assert "facts" in missing_facts.value.message_dict
    kajian = services.kajian_add(
        user=staf,
        case=case,
        stage="dugaan",
        facts="Terlapor hadir berseragam dinas dalam kampanye pada 3 Oktober.",
        analysis="Analisis",
        conclusion="Terbukti",
    )
    assert kajian.author == staf
    assert kajian.facts.startswith("Terlapor hadir")
    with pytest.raises(ValidationError):
        services.kajian_add(user=staf, case=case, stage="awal", analysis="a", conclusion="b")


def test_comments_from_covering_supervisors_only(world):
    case = case_in(world, "kajian_awal")
    comment = services.comment_add(
        user=world["staff"]["kepri"][Role.PIMPINAN], case=case, body="Mohon dipercepat"
    )
    assert comment.pk
    for office in ("lingga", "bkn", "bandung"):
        with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
            services.comment_add(user=world["staff"][office][Role.PIMPINAN], case=case, body="x")


def test_evidence_added_by_staff_is_hashed(world):
    case = case_in(world, "kajian_awal")
    items = services.evidence_add(
        user=world["staff"]["bintan"][Role.STAF_PENANGANAN],
        case=case,
        files=[photo("tangkapan.jpg")],
        links=["https://example.org/a"],
    )
    assert len(items) == 2 and len(items[0].sha256) == 64


def test_deadline_steps_follow_the_status(world):
    received = case_in(world, "diterima")
    registered = case_in(world, "diregistrasi")
    clarifying = case_in(world, "klarifikasi")
    assert received.step == "kajian_awal"
    assert registered.step == "decision"
    assert clarifying.step == "decision_extended" and clarifying.due_at >= registered.due_at
    forwarded = case_in(world, "rekomendasi_diteruskan")
    assert forwarded.step == "ppk_followup" and forwarded.due_kind == "service_target"
    proven = case_in(world, "diputus")  # "Terbukti": the recommendation is due within the follow-up
    assert proven.step == "recommendation" and proven.due_at is not None


def test_informasi_awal_forwarded_stays_informasi_awal(world):
    tip = case_in(world, "informasi_awal")
    tip = act(world, tip, "forward", "pimpinan", {"region": "21.04.01"})
    assert tip.status == Status.INFORMASI_AWAL and tip.office == world["offices"]["lingga"]


def test_public_report_through_data_in_another_province(world):
    case, _code = services.laporan_submit_public(
        data=report_data(world["elections"]["pilkada"], region="32.04.05"), files=[]
    )
    assert case.office == world["offices"]["bandung"]


def test_staff_correct_the_terlapor_status_so_the_recommendation_can_be_addressed(world):
    case = case_in(world, "diputus", terlapor_subject_type="lainnya")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    terlapor = case.terlapor.get()
    with pytest.raises(ValidationError) as exc:
        services.terlapor_update(user=staf, terlapor=terlapor, data={"subject_type": "guru", "nip": "12ab"})
    assert {"subject_type", "nip"} <= set(exc.value.message_dict)
    services.terlapor_update(user=staf, terlapor=terlapor, data={"subject_type": "PPPK"})
    extra = services.terlapor_add(
        user=staf, case=case, data={"name": "Rekan Terlapor", "subject_type": "PNS"}
    )
    assert extra.case == case
    case = act(world, case, "forward_recommendation", "pimpinan", {"letter_number": "48/PP.01/XI"})
    assert Recommendation.objects.filter(case=case).count() == 2
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied outside the handling office
        services.terlapor_update(user=world["staff"]["kepri"][Role.PIMPINAN], terlapor=terlapor, data={})
