"""PPK follow-up compliance: the clock, the states, and the escalation steps with their letters."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from netra.accounts.models import Role
from netra.audit.models import Event
from netra.cases.models import FollowupState, IssuedLetter, LetterKind
from netra.cases.services.followup import followup_escalate_due, followup_state_set, followup_target_set
from tests.cases.helpers import act, case_in

pytestmark = pytest.mark.django_db


def _forwarded(world):
    case = case_in(world, "rekomendasi_diteruskan")
    return case, case.recommendations.get()


def test_forwarding_starts_the_clock_at_the_service_target(world):
    _case, rec = _forwarded(world)
    clock = rec.clock
    assert clock.state == FollowupState.BELUM
    assert clock.due_at > rec.forwarded_at
    assert clock.next_due_at == clock.due_at
    assert clock.escalation_step == 0


def test_nothing_is_escalated_before_the_target(world):
    _case, rec = _forwarded(world)
    assert followup_escalate_due(now=rec.clock.due_at - timedelta(hours=1)) == []
    assert list(IssuedLetter.objects.values_list("kind", flat=True)) == [LetterKind.PENERUSAN_REKOMENDASI]


def test_target_passed_then_second_lapse_issue_each_letter_once(world):
    case, rec = _forwarded(world)
    first = rec.clock.due_at + timedelta(minutes=1)
    taken = followup_escalate_due(now=first)
    assert [(e.step, [x.kind for x in e.letters]) for e in taken] == [
        (1, [LetterKind.PERMINTAAN_TINDAK_LANJUT])
    ]
    assert followup_escalate_due(now=first) == []  # idempotent: same now, nothing new
    rec.clock.refresh_from_db()
    assert rec.clock.escalation_step == 1 and rec.clock.next_due_at > first
    assert followup_escalate_due(now=rec.clock.next_due_at - timedelta(minutes=1)) == []
    second = rec.clock.next_due_at + timedelta(minutes=1)
    taken = followup_escalate_due(now=second)
    assert [x.kind for x in taken[0].letters] == [LetterKind.TEGURAN, LetterKind.PERMINTAAN_BLOKIR]
    assert followup_escalate_due(now=second + timedelta(days=400)) == []  # no third step
    letters = list(case.letters.order_by("pk"))
    assert [x.kind for x in letters] == [
        LetterKind.PENERUSAN_REKOMENDASI,
        LetterKind.PERMINTAAN_TINDAK_LANJUT,
        LetterKind.TEGURAN,
        LetterKind.PERMINTAAN_BLOKIR,
    ]
    assert all(x.pdf.startswith(b"%PDF") and len(x.sha256) == 64 for x in letters)
    assert letters[0].number == rec.letter_number  # the forwarding letter, archived when forwarded
    assert letters[1].number.startswith("001/TL/21.01/")
    assert Event.objects.filter(action="case.recommendation.escalate").count() == 2


def test_a_decision_stops_the_clock(world):
    _case, rec = _forwarded(world)
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    followup_state_set(user=bkn, recommendation_id=rec.pk, state="ditolak", reason="Terlapor sudah pensiun.")
    assert followup_escalate_due(now=rec.clock.due_at + timedelta(days=60)) == []


def test_in_progress_does_not_stop_the_clock(world):
    _case, rec = _forwarded(world)
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    followup_state_set(user=bkn, recommendation_id=rec.pk, state="dalam_proses")
    assert len(followup_escalate_due(now=rec.clock.due_at + timedelta(minutes=1))) == 1


def test_sanction_recorded_stops_the_clock(world):
    case, rec = _forwarded(world)
    from tests.cases.helpers import PATH

    _reached, action, actor, params = PATH[6]
    act(world, case, action, actor, params)
    rec.clock.refresh_from_db()
    assert rec.clock.state == FollowupState.SANKSI and rec.clock.acted_at is not None
    assert followup_escalate_due(now=rec.clock.due_at + timedelta(days=60)) == []


def test_refusal_needs_a_reason_and_only_the_addressee_may_set_it(world):
    _case, rec = _forwarded(world)
    with pytest.raises(ValidationError):
        followup_state_set(
            user=world["staff"]["bkn"][Role.PIMPINAN], recommendation_id=rec.pk, state="ditolak"
        )
    with pytest.raises(Http404):
        followup_state_set(
            user=world["staff"]["ppk_lingga"][Role.PIMPINAN], recommendation_id=rec.pk, state="dalam_proses"
        )


def test_office_target_changes_the_clock(world):
    bintan_head = world["staff"]["bintan"][Role.PIMPINAN]
    followup_target_set(user=bintan_head, days=3, unit="hari")
    _case, rec = _forwarded(world)
    assert (rec.clock.due_at - rec.forwarded_at) < timedelta(days=4)
    with pytest.raises(ValidationError):
        followup_target_set(user=bintan_head, days=0)
    with pytest.raises(PermissionDenied):
        followup_target_set(user=world["staff"]["bkn"][Role.PIMPINAN], days=5)


def test_the_scheduled_task_escalates_once(world, settings):
    """The task the worker's scheduler enqueues at every beat (NETRA_SCHEDULED_TASKS)."""
    from django.utils import timezone

    from netra.cases.tasks import followup_escalate

    case, rec = _forwarded(world)
    assert "netra.cases.tasks.followup_escalate" in settings.NETRA_SCHEDULED_TASKS
    FollowupClock = type(rec.clock)
    FollowupClock.objects.filter(pk=rec.clock.pk).update(
        due_at=timezone.now() - timedelta(hours=1), next_due_at=timezone.now() - timedelta(hours=1)
    )
    first = followup_escalate.call()
    assert [(row["case_id"], row["step"]) for row in first] == [(case.pk, 1)]
    assert followup_escalate.call() == []
