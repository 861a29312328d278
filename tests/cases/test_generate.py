"""Generated cases (``netra demo --cases N``): consistent with the workflow, the law and the counters,
spread over every stage and region, reproducible, one audit event."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from typer.testing import CliRunner

from netra.audit.models import Event
from netra.cases.deadlines import step_deadline
from netra.cases.models import Case, Kajian, RegisterCounter, Status
from netra.cases.services.generate import cases_generate
from netra.cli import app

pytestmark = pytest.mark.django_db
COUNT = 400
PAST_REGISTRATION = {
    Status.DIREGISTRASI,
    Status.KLARIFIKASI,
    Status.KAJIAN,
    Status.DIPUTUS,
    Status.REKOMENDASI_DITERUSKAN,
    Status.TINDAK_LANJUT,
}


@pytest.fixture
def generated(world):
    user = world["staff"]["ri"]["admin"]
    return cases_generate(user=user, count=COUNT, seed=5)


def test_every_generated_case_has_the_records_its_stage_needs(generated):
    cases = Case.objects.filter(pk__gte=generated.first_id).prefetch_related(
        "kajian", "clarifications", "recommendations", "followups", "transitions", "terlapor"
    )
    assert cases.count() == COUNT
    for case in cases:
        statuses = [t.to_status for t in case.transitions.all()]
        assert statuses[-1] == case.status and case.terlapor.all()
        awal = [k for k in case.kajian.all() if k.stage == Kajian.Stage.AWAL]
        if case.status in PAST_REGISTRATION or case.register_number:
            assert case.register_number and len(awal) == 1
            assert all(getattr(awal[0], name) for name in (*Kajian.FORMIL, *Kajian.MATERIEL))
        if case.decided_at is not None:
            assert any(k.stage == Kajian.Stage.DUGAAN for k in case.kajian.all())
            assert any(c.held_at for c in case.clarifications.all())
            assert case.decision.decided_at == case.decided_at
        if case.status in (Status.REKOMENDASI_DITERUSKAN, Status.TINDAK_LANJUT):
            assert case.recommendations.all() and case.violation_code
        if case.status == Status.TINDAK_LANJUT:
            followup = case.followups.get()
            assert case.sanction_lighter == followup.lighter


def test_deadlines_are_the_laws_answer_for_each_case(generated):
    for case in Case.objects.filter(pk__gte=generated.first_id).select_related("election")[:150]:
        entered = case.transitions.order_by("-at", "-pk").first().at
        expected = step_deadline(case, entered)
        assert (case.step, case.due_at, case.due_rule) == (expected.step, expected.due_at, expected.rule_id)


def test_generated_cases_spread_over_stages_regions_and_subjects(generated):
    cases = Case.objects.filter(pk__gte=generated.first_id)
    assert len(set(cases.values_list("status", flat=True))) >= 10
    assert {code[:2] for code in cases.values_list("region_code", flat=True)} == {"21", "32"}
    assert set(cases.values_list("kind", flat=True)) == {"laporan", "temuan", "informasi_awal"}
    assert len(set(cases.values_list("terlapor__subject_type", flat=True))) == 5
    assert len(set(cases.values_list("source", flat=True))) >= 3
    assert len(set(cases.values_list("election", flat=True))) >= 2
    assert all("Data sintetis" in text for text in cases.values_list("description", flat=True))


def test_one_audit_event_and_register_counters_continue(generated, world):
    events = Event.objects.filter(action="case.bulk_generate")
    assert events.count() == 1 and events.get().data["count"] == COUNT
    numbered = Case.objects.filter(pk__gte=generated.first_id).exclude(register_number=None)
    assert sum(RegisterCounter.objects.values_list("value", flat=True)) == numbered.count()


def test_the_same_seed_gives_the_same_cases(world):
    user = world["staff"]["ri"]["admin"]

    def signature():
        rows = Case.objects.order_by("pk").values_list(
            "kind", "status", "region_code", "received_at", "title", "receipt_code", "due_at"
        )
        return list(rows)

    class Undo(Exception):
        pass

    runs = []
    for _ in range(2):
        with pytest.raises(Undo), transaction.atomic():
            cases_generate(user=user, count=60, seed=11)
            runs.append(signature())
            raise Undo
    assert runs[0] == runs[1] and len(runs[0]) == 60


def test_a_bad_count_is_refused(world):
    with pytest.raises(ValidationError):
        cases_generate(user=world["staff"]["ri"]["admin"], count=0)


def test_cli_refuses_a_negative_count():
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--cases", "-3"])
    assert result.exit_code == 2 and "--cases" in result.output
