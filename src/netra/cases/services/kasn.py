"""The KASN hand-over (issue 15 point 4): recommendations addressed to KASN and never followed up.

KASN stopped handling neutrality cases on 24 August 2024 [S] (UU 20/2023 dissolved it; Perpres
92/2024 gave the supervision of ASN neutrality to BKN [S]). SE MenPANRB Nomor 4 Tahun 2024 of
4 September 2024 [S] sent the files KASN had received but not yet processed to the Kepala BKN, and
those it had received and already processed (its own recommendation issued to the PPK) to the
Menteri PANRB. Sources: domain.md section 4 (lampost.co, tribunnews.com); the SE's own text was not
read, hence [S] and not [V].

A recommendation still waiting here has no office that can act on it: the case stays overdue for
ever and BKN gets a 404. ``kasn_handover`` readdresses each one (pending -> BKN, processed ->
Kementerian PANRB), records a transition and an audit event with the legal basis, and restarts the
follow-up clock from the hand-over; BKN then finds the case in its queue (``to_bkn``).
"""

from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.accounts.models import Office, Role
from netra.cases.deadlines import deadline_fields
from netra.cases.law import local_date
from netra.cases.models import Case, Recommendation, Status, Transition
from netra.cases.services.common import CaseConflict, audit, now
from netra.cases.services.followup import followup_clock_start
from netra.cases.services.recipients import case_recipients_refresh
from netra.cases.signals import cases_changed_send

KASN = "KASN"
BKN = "BKN"
KEMENPANRB = "KEMENPANRB"
SE_DATE = date(2024, 9, 4)
BASIS = (
    "SE MenPANRB Nomor 4 Tahun 2024 tentang Pengalihan Pelaksanaan Pengawasan Sistem Merit dalam "
    "Manajemen ASN (4 September 2024) [S]: berkas yang diterima KASN dan belum diproses dilaporkan "
    "kepada Kepala BKN; yang sudah diproses kepada Menteri PANRB. Perpres 92/2024 [S]."
)
AUTHORISED_OFFICES = (Office.Kind.BAWASLU_RI, Office.Kind.BKN)
AUTHORISED_ROLES = (Role.PIMPINAN, Role.ADMIN)


@dataclass(frozen=True)
class HandoverItem:
    recommendation_id: int
    case_id: int
    register_number: str
    terlapor: str
    forwarded_on: str
    kasn_processed_on: str | None
    to: str


def may_hand_over(user) -> bool:
    """Pimpinan or admin of Bawaslu RI or BKN: the national offices that take over KASN's files."""
    office = getattr(user, "office", None)
    return bool(
        user.is_authenticated
        and office is not None
        and office.kind in AUTHORISED_OFFICES
        and user.has_role(*AUTHORISED_ROLES)
    )


def kasn_waiting() -> list[Recommendation]:
    """Recommendations addressed to KASN, not handed over, whose case still waits for a follow-up."""
    found = (
        Recommendation.objects.filter(handed_over_at__isnull=True, case__status=Status.REKOMENDASI_DITERUSKAN)
        .select_related("case", "terlapor")
        .order_by("forwarded_at", "pk")
    )
    return [r for r in found if KASN in r.recipients]


def _target(processed_on: date | None) -> str:
    return KEMENPANRB if processed_on is not None else BKN


def _item(rec: Recommendation, processed_on: date | None) -> HandoverItem:
    return HandoverItem(
        recommendation_id=rec.pk,
        case_id=rec.case_id,
        register_number=rec.case.register_number or "",
        terlapor=rec.terlapor.name if rec.terlapor else "",
        forwarded_on=local_date(rec.forwarded_at, rec.case.region_code).isoformat(),
        kasn_processed_on=processed_on.isoformat() if processed_on else None,
        to=_target(processed_on),
    )


def _processed_dates(waiting: list[Recommendation], processed: dict) -> dict[int, date | None]:
    """Per recommendation, the day KASN processed it (stored or given now); checked against the SE."""
    ids = {r.pk for r in waiting}
    unknown = sorted(set(processed) - ids)
    if unknown:
        raise ValidationError(
            {
                "processed": _("Rekomendasi %(ids)s tidak menunggu di KASN.")
                % {"ids": ", ".join(map(str, unknown))}
            }
        )
    dates = {r.pk: processed.get(r.pk) or r.kasn_processed_on for r in waiting}
    late = sorted(pk for pk, day in dates.items() if day is not None and day >= SE_DATE)
    if late:
        raise ValidationError(
            {
                "processed": _("Tanggal diproses KASN harus sebelum 4 September 2024 (rekomendasi %(ids)s).")
                % {"ids": ", ".join(map(str, late))}
            }
        )
    return dates


def _readdress(rec: Recommendation, target: str) -> dict:
    recipients = [target if r == KASN else r for r in rec.recipients]
    reasons = [*rec.reasons, f"{target}: {BASIS}"]
    return {"recipients": recipients, "reasons": reasons, "to_bkn": rec.to_bkn or target == BKN}


def _hand_over_case(user, case: Case, recs: list[Recommendation], dates: dict, at) -> None:
    for rec in recs:
        target = _target(dates[rec.pk])
        Recommendation.objects.filter(pk=rec.pk, handed_over_at__isnull=True).update(
            handed_over_at=at,
            handed_over_to=target,
            kasn_processed_on=dates[rec.pk],
            **_readdress(rec, target),
        )
        rec.refresh_from_db(fields=["handed_over_at"])
        followup_clock_start(recommendation=rec)
    case_recipients_refresh(case.pk)
    cases_changed_send(region_codes=[case.region_code], office_ids=[case.office_id])
    # The follow-up clock restarts: netra.law counts from the day the file reached its new addressee.
    values = {"updated_at": at, **deadline_fields(case, at)}
    if Case.objects.filter(pk=case.pk, status=Status.REKOMENDASI_DITERUSKAN).update(**values) != 1:
        raise CaseConflict(
            _("Kasus ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.")
        )
    targets = sorted({_target(dates[r.pk]) for r in recs})
    data = {
        "recommendations": [r.pk for r in recs],
        "from": KASN,
        "to": targets,
        "basis": BASIS,
        "kasn_processed_on": {str(r.pk): dates[r.pk].isoformat() for r in recs if dates[r.pk]},
    }
    reason = _("Berkas yang tertahan di KASN dialihkan kepada %(to)s (SE MenPANRB 4/2024).") % {
        "to": ", ".join(targets)
    }
    Transition.objects.create(
        case=case,
        action="kasn_handover",
        from_status=case.status,
        to_status=case.status,
        actor=user,
        office=user.office,
        at=at,
        reason=reason,
        data=data,
    )
    audit(user=user, action="case.kasn_handover", obj=case, data=data)


def kasn_handover(
    *, user, dry_run: bool = False, processed: dict[int, date] | None = None, only: set[int] | None = None
) -> list[dict]:
    """Hand every recommendation waiting at KASN over (or ``only`` those ids): to BKN, or to
    Kementerian PANRB when KASN had already processed it (``processed``: recommendation id -> the
    day, adding to what is stored). With ``dry_run`` nothing is written. One dict per recommendation."""
    if not may_hand_over(user):
        raise PermissionDenied(
            _("Hanya pimpinan atau admin Bawaslu RI atau BKN yang dapat mengalihkan berkas KASN.")
        )
    waiting = [r for r in kasn_waiting() if only is None or r.pk in only]
    dates = _processed_dates(waiting, dict(processed or {}))
    items = [asdict(_item(r, dates[r.pk])) for r in waiting]
    if dry_run or not waiting:
        return items
    by_case: dict[int, list[Recommendation]] = {}
    for rec in waiting:
        by_case.setdefault(rec.case_id, []).append(rec)
    with transaction.atomic():
        at = now()
        for recs in by_case.values():
            _hand_over_case(
                user, Case.objects.select_related("election").get(pk=recs[0].case_id), recs, dates, at
            )
    return items
