"""KASN hand-over (issue 15 point 4): files stuck at KASN go to BKN (pending) or Kementerian PANRB
(already processed by KASN), audited with the legal basis, and BKN can then act on them."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases import selectors, services
from netra.cases.models import Case, Recommendation, Status, Transition
from netra.cases.services.kasn import BASIS, kasn_handover
from tests.cases.helpers import act, case_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def at_kasn(world, letter="1/PP.01/VIII/2024"):
    case = case_in(world, "diputus")
    params = {"letter_number": letter, "forwarded_on": date(2024, 8, 20)}
    return act(world, case, "forward_recommendation", "pimpinan", params)


def national(world):
    return world["staff"]["ri"][Role.PIMPINAN]


def test_before_the_hand_over_bkn_cannot_see_a_case_stuck_at_kasn(world):
    case = at_kasn(world)
    assert Recommendation.objects.get(case=case).recipients[0] == "KASN"
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    assert case.pk not in {c.pk for c in selectors.case_list_for(bkn)}


def test_pending_files_go_to_bkn_which_then_sees_and_acts_on_them(world):
    case = at_kasn(world)
    items = kasn_handover(user=national(world))
    assert [(i["case_id"], i["to"]) for i in items] == [(case.pk, "BKN")]
    rec = Recommendation.objects.get(case=case)
    assert rec.recipients[0] == "BKN" and rec.to_bkn and rec.handed_over_to == "BKN"
    assert rec.handed_over_at is not None and rec.reasons[-1] == f"BKN: {BASIS}"
    step = Transition.objects.get(case=case, action="kasn_handover")
    assert step.data["from"] == "KASN" and step.data["basis"] == BASIS
    event = Event.objects.filter(action="case.kasn_handover", object_id=str(case.pk)).get()
    assert event.data["to"] == ["BKN"] and "SE MenPANRB Nomor 4 Tahun 2024" in event.data["basis"]
    case = Case.objects.get(pk=case.pk)
    assert case.due_at > timezone.now()  # the follow-up clock restarted: no longer overdue for ever
    assert rec.clock.due_at == case.due_at and rec.clock.escalation_step == 0  # the compliance clock too
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    assert case.pk in {c.pk for c in selectors.case_list_for(bkn)}
    done = services.case_transition(
        user=bkn,
        case=case,
        action="record_followup",
        sanction_code="pp94-berat-a",
        imposed_by="Bupati Bintan",
        imposed_on=timezone.localdate(),
        letter_number="800/9/2026",
    )
    assert done.status == Status.TINDAK_LANJUT


def test_files_kasn_had_processed_go_to_kementerian_panrb(world):
    pending, processed = at_kasn(world, "1/A"), at_kasn(world, "2/B")
    rec = Recommendation.objects.get(case=processed)
    items = kasn_handover(user=national(world), processed={rec.pk: date(2024, 8, 22)})
    assert {i["case_id"]: i["to"] for i in items} == {pending.pk: "BKN", processed.pk: "KEMENPANRB"}
    rec.refresh_from_db()
    assert rec.recipients[0] == "KEMENPANRB" and not rec.to_bkn
    assert rec.kasn_processed_on == date(2024, 8, 22)


def test_dry_run_writes_nothing_and_a_second_run_finds_nothing(world):
    case = at_kasn(world)
    assert len(kasn_handover(user=national(world), dry_run=True)) == 1
    assert Recommendation.objects.get(case=case).handed_over_at is None
    kasn_handover(user=national(world))
    assert kasn_handover(user=national(world)) == []


def test_only_national_leaders_may_hand_over_and_processed_dates_precede_the_se(world):
    case = at_kasn(world)
    with pytest.raises(PermissionDenied):
        kasn_handover(user=world["staff"]["bintan"][Role.PIMPINAN])
    rec = Recommendation.objects.get(case=case)
    with pytest.raises(ValidationError):
        kasn_handover(user=national(world), processed={rec.pk: date(2024, 9, 5)})
    with pytest.raises(ValidationError):
        kasn_handover(user=national(world), processed={rec.pk + 999: date(2024, 8, 1)})
    assert Recommendation.objects.get(pk=rec.pk).handed_over_at is None


def test_one_button_for_the_national_office(client, world):
    case = at_kasn(world)
    client.force_login(national(world))
    page = client.get(reverse("cases:kasn_handover"))
    assert page.status_code == 200 and case.register_number in page.content.decode()
    assert client.post(reverse("cases:kasn_handover"), {}).status_code == 302
    assert Recommendation.objects.get(case=case).handed_over_to == "BKN"
    client.force_login(world["staff"]["bintan"][Role.PIMPINAN])
    assert client.get(reverse("cases:kasn_handover")).status_code == 403


def test_the_cli_hands_over_in_one_command(world, capsys):
    from typer.testing import CliRunner

    from netra.cli import app

    case = at_kasn(world)
    user = national(world).username
    result = CliRunner().invoke(app, ["cases", "kasn-handover", "--user", user, "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    assert [i["case_id"] for i in json.loads(result.output)["items"]] == [case.pk]
    assert Recommendation.objects.get(case=case).handed_over_at is None
    result = CliRunner().invoke(app, ["cases", "kasn-handover", "--user", user, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["dry_run"] is False
    assert Recommendation.objects.get(case=case).handed_over_to == "BKN"
