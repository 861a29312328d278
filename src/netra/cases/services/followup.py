"""PPK follow-up compliance: every recommendation's clock (the office's service target, which no
statute sets), its state as BKN or the PPK records it, and the escalation steps with their letters.

The steps (docs/workflow.md, "Follow-up compliance"):

1. the service target passes without a decision (state belum or dalam proses): a surat permintaan
   tindak lanjut to the addressees, and the clock restarts for the same target from that day;
2. that second target passes too: a surat teguran to the addressees and a request to the Kepala BKN
   to block the personnel data in SIASN (Peraturan BKN 1/2023).

``followup_escalate_due(now=...)`` takes every step that is due, once: the step is claimed with a
compare-and-swap on ``FollowupClock.escalation_step`` and the letters are unique per recommendation
and kind, so two runs (or two workers) never send a letter twice.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from netra.accounts.models import Role
from netra.accounts.scoping import FOLLOW_UP, restrict
from netra.audit.services import event_record
from netra.cases import letterkinds
from netra.cases.law import followup_target_due, local_date
from netra.cases.models import (
    FollowupClock,
    FollowupState,
    FollowupTarget,
    IssuedLetter,
    LetterKind,
    Recommendation,
    Status,
)
from netra.cases.services.common import audit
from netra.cases.services.common import now as current_time
from netra.cases.services.letterissue import letter_store
from netra.cases.signals import cases_changed_send

SYSTEM_ACTOR = "system:followup"
OPEN_STATES = (FollowupState.BELUM, FollowupState.DALAM_PROSES)
ACTED_STATES = (FollowupState.SANKSI, FollowupState.DITOLAK)
STEPS = {
    1: (LetterKind.PERMINTAAN_TINDAK_LANJUT,),
    2: (LetterKind.TEGURAN, LetterKind.PERMINTAAN_BLOKIR),
}
MAX_TARGET_DAYS = 365


def _target_of(office) -> tuple[int | None, str | None]:
    target = FollowupTarget.objects.filter(office=office).first()
    return (target.days, target.unit) if target else (None, None)


def followup_due_from(rec: Recommendation, start: datetime) -> datetime:
    """The end of the service target of ``rec``'s forwarding office, counted from ``start``'s day."""
    case = rec.case
    days, unit = _target_of(case.office)
    # ppk_followup has the same service target in both regimes; an imported case may lack its election.
    regime = case.election.regime if case.election is not None else "pemilu"
    found = followup_target_due(
        regime=regime,
        start=local_date(start, case.region_code),
        region_code=case.region_code,
        days=days,
        unit=unit,
    )
    return found.due_at


def followup_clock_start(*, recommendation: Recommendation) -> FollowupClock:
    """Start (or restart, after a KASN hand-over) the clock of ``recommendation`` from its forwarding.

    Runs inside the forwarding's (or hand-over's) transaction, which audits it.
    """
    started = recommendation.handed_over_at or recommendation.forwarded_at
    due = followup_due_from(recommendation, started)
    clock, _created = FollowupClock.objects.update_or_create(
        recommendation=recommendation,
        defaults={"due_at": due, "next_due_at": due, "escalation_step": 0},
    )
    return clock


def clock_for(recommendation: Recommendation) -> FollowupClock:
    """The clock of ``recommendation``, started now if it was forwarded before clocks existed."""
    try:
        return recommendation.clock
    except FollowupClock.DoesNotExist:
        with transaction.atomic():
            return followup_clock_start(recommendation=recommendation)


def followup_acted(*, recommendation: Recommendation, at: datetime) -> None:
    """The sanction was recorded: the clock stops (inside the record_followup transition)."""
    clock = clock_for(recommendation)
    FollowupClock.objects.filter(pk=clock.pk).update(
        state=FollowupState.SANKSI, state_changed_at=at, acted_at=clock.acted_at or at
    )


def _recommendation_for(user, recommendation_id, case_id=None) -> Recommendation:
    rows = restrict(Recommendation.objects.select_related("case__office", "case__election"), user, FOLLOW_UP)
    if case_id is not None:
        rows = rows.filter(case_id=case_id)
    try:
        return rows.get(pk=int(recommendation_id))
    except (Recommendation.DoesNotExist, TypeError, ValueError):
        from django.http import Http404

        raise Http404("Rekomendasi tidak ditemukan.") from None


def followup_state_set(
    *, user, recommendation_id, state: str, reason: str = "", case_id=None, at=None
) -> FollowupClock:
    """BKN or the PPK addressed says where it stands: ``dalam_proses``, or ``ditolak`` with a reason
    (a decision not to sanction: the clock stops). A sanction is recorded by ``record_followup``."""
    rec = _recommendation_for(user, recommendation_id, case_id)
    if not user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN):
        raise PermissionDenied(_("Hanya pimpinan atau staf penanganan yang dapat mencatat tindak lanjut."))
    if state not in (FollowupState.DALAM_PROSES, FollowupState.DITOLAK):
        raise ValidationError({"state": _("Pilih dalam proses atau ditolak.")})
    reason = (reason or "").strip()
    if state == FollowupState.DITOLAK and not reason:
        raise ValidationError({"reason": _("Tuliskan alasan rekomendasi tidak ditindaklanjuti.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Paling banyak 2000 karakter.")})
    if rec.case.status != Status.REKOMENDASI_DITERUSKAN:
        raise ValidationError({"state": _("Rekomendasi ini tidak lagi menunggu tindak lanjut.")})
    at = at or current_time()
    clock = clock_for(rec)
    if clock.state not in OPEN_STATES:
        raise ValidationError({"state": _("Tindak lanjut rekomendasi ini sudah dicatat.")})
    with transaction.atomic():
        clock.state, clock.state_reason, clock.state_changed_at = state, reason, at
        if state == FollowupState.DITOLAK:
            clock.acted_at = at
        clock.save(update_fields=["state", "state_reason", "state_changed_at", "acted_at"])
        cases_changed_send(region_codes=[rec.case.region_code])  # the compliance figures
        audit(
            user=user,
            action="case.recommendation.followup_state",
            obj=rec,
            data={"case_id": rec.case_id, "state": state, "reason": reason},
        )
    return clock


def followup_target_set(*, user, days: int, unit: str = FollowupTarget.Unit.HARI_KERJA) -> FollowupTarget:
    """The user's office sets its own service target for PPK follow-up (pimpinan of a Bawaslu office)."""
    office = getattr(user, "office", None)
    if office is None or not office.is_supervisory or not user.has_role(Role.PIMPINAN):
        raise PermissionDenied(_("Hanya pimpinan kantor pengawas yang dapat mengatur target layanan."))
    if not isinstance(days, int) or not 1 <= days <= MAX_TARGET_DAYS:
        raise ValidationError({"days": _("Target layanan 1 sampai 365 hari.")})
    if unit not in FollowupTarget.Unit.values:
        raise ValidationError({"unit": _("Satuan tidak dikenal.")})
    with transaction.atomic():
        target, _created = FollowupTarget.objects.update_or_create(
            office=office, defaults={"days": days, "unit": unit}
        )
        audit(user=user, action="office.followup_target_set", obj=target, data={"days": days, "unit": unit})
    return target


@dataclass(frozen=True)
class Escalation:
    recommendation_id: int
    case_id: int
    step: int
    letters: tuple[IssuedLetter, ...]


def _due_clocks(at: datetime):
    """Clocks of recommendations still waiting whose next step is due at ``at``."""
    return (
        FollowupClock.objects.filter(
            state__in=OPEN_STATES,
            escalation_step__lt=max(STEPS),
            next_due_at__lt=at,
            recommendation__case__status=Status.REKOMENDASI_DITERUSKAN,
        )
        .select_related(
            "recommendation__case__office__region",
            "recommendation__case__election",
            "recommendation__terlapor__agency",
            "recommendation__terlapor__pegawai",
            "recommendation__created_by",
        )
        .order_by("next_due_at", "pk")
    )


def _escalate(clock: FollowupClock, at: datetime) -> Escalation | None:
    """Take the next step of one clock in its own transaction; None when another run took it."""
    rec, step = clock.recommendation, clock.escalation_step + 1
    case = rec.case
    next_due = followup_due_from(rec, at)
    try:
        with transaction.atomic():
            claimed = FollowupClock.objects.filter(pk=clock.pk, escalation_step=clock.escalation_step).update(
                escalation_step=step, next_due_at=next_due
            )
            if not claimed:
                return None
            cases_changed_send(region_codes=[case.region_code])  # an escalated clock counts as overdue
            earlier = {letter.kind: letter for letter in rec.letters.defer("pdf", "docx")}
            letters = []
            for kind in STEPS[step]:
                facts = letterkinds.LetterFacts(
                    case=case,
                    issued_on=local_date(at, case.region_code),
                    recommendation=rec,
                    earlier=earlier,
                    due_on=local_date(clock.due_at, case.region_code),
                    next_due_on=local_date(next_due if step == 1 else clock.next_due_at, case.region_code),
                )
                letter = letter_store(kind=kind, facts=facts, at=at)
                earlier[kind] = letter
                letters.append(letter)
            event_record(
                actor=SYSTEM_ACTOR,
                action="case.recommendation.escalate",
                obj_type="cases.recommendation",
                obj_id=rec.pk,
                data={
                    "case_id": case.pk,
                    "step": step,
                    "letters": [{"kind": x.kind, "number": x.number, "sha256": x.sha256} for x in letters],
                },
                office_code=case.office.region_code,
                at=at,
            )
    except IntegrityError:
        return None  # a concurrent run issued this step's letter first
    return Escalation(rec.pk, case.pk, step, tuple(letters))


def _clocks_missing() -> None:
    """Recommendations forwarded before clocks existed get theirs (counted from their forwarding)."""
    waiting = Recommendation.objects.filter(
        clock__isnull=True, case__status=Status.REKOMENDASI_DITERUSKAN
    ).select_related("case__office", "case__election")
    for rec in waiting:
        with transaction.atomic():
            followup_clock_start(recommendation=rec)
            event_record(
                actor=SYSTEM_ACTOR,
                action="case.recommendation.clock_start",
                obj_type="cases.recommendation",
                obj_id=rec.pk,
                data={"case_id": rec.case_id},
                office_code=rec.case.office.region_code,
            )


def followup_escalate_due(*, now: datetime | None = None) -> list[Escalation]:
    """Take every escalation step that is due at ``now`` (default: the current time), each once.

    Idempotent: a second run with the same ``now`` takes nothing. A clock two steps behind (the
    scheduler was down) takes one step per run, so the teguran never bears the same date as the
    permintaan it refers to.
    """
    at = now or current_time()
    _clocks_missing()
    taken = []
    for clock in list(_due_clocks(at)):
        done = _escalate(clock, at)
        if done is not None:
            taken.append(done)
    return taken
