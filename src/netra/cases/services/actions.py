"""One planner per workflow action: validate its parameters and say what will change.

Planners run inside ``case_transition``'s transaction, before the compare-and-swap; records that
need the updated case are created in ``Plan.after``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netra.accounts.models import Office
from netra.accounts.offices import office_for_region
from netra.accounts.scoping import FOLLOW_UP, office_covers, restrict
from netra.cases import law
from netra.cases.evidence import evidence_check, extension
from netra.cases.law import local_date, sanction_menu, violation_exists
from netra.cases.models import (
    Case,
    Decision,
    Evidence,
    FollowUp,
    Kind,
    NonRegistrationReason,
    Recommendation,
    Status,
    SubjectType,
)
from netra.cases.report_input import ReportInput
from netra.cases.sealing import witnesses_open
from netra.cases.services import guards
from netra.cases.services.evidence import evidence_store
from netra.cases.services.followup import followup_acted, followup_clock_start
from netra.cases.services.letterissue import recommendation_letter_archive
from netra.cases.services.numbering import register_number_issue
from netra.cases.services.recipients import case_recipients_refresh
from netra.registry.models import Region

OTHER_SANCTION = "lainnya"  # netra.law.sanctions.OTHER: a sanction in free text


@dataclass
class Plan:
    """What an action will do: the new status, field updates, records to add afterwards."""

    to_status: str
    fields: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    after: Callable[[Case], None] | None = None


NEXT_STATUS = {
    "start_kajian_awal": Status.KAJIAN_AWAL,
    "start_klarifikasi": Status.KLARIFIKASI,
    "start_kajian": Status.KAJIAN,
}


def _date_param(value, name: str, default: date) -> date:
    if value in (None, ""):
        return default
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({name: _("Tanggal tidak valid (format TTTT-BB-HH).")}) from None


def _required(params: dict, *names: str, limits: dict | None = None) -> None:
    """Each of ``names`` filled in; each of ``limits`` no longer than its column allows."""
    errors = {n: _("Wajib diisi.") for n in names if not str(params.get(n) or "").strip()}
    for name, limit in (limits or {}).items():
        if len(str(params.get(name) or "").strip()) > limit:
            errors[name] = _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": limit}
    if errors:
        raise ValidationError(errors)


def plan_simple(*, user, case, reason, at, action: str = "", **_params) -> Plan:
    return Plan(NEXT_STATUS[action])


def plan_register(*, user, case, reason, at, **_params) -> Plan:
    """Registration needs the kajian awal on file (guards); a late laporan, a recorded reason."""
    blockers = guards.registration_blockers(case, late_reason=reason)
    if blockers:
        raise ValidationError(blockers)
    late = guards.late_report(case)
    data = {} if late is None else {"late": True, "report_window_due": late.due.isoformat()}
    number = register_number_issue(case, at)
    return Plan(Status.DIREGISTRASI, {"registered_at": at, "register_number": number}, data)


def _check_daluwarsa(case) -> None:
    if case.kind != Kind.LAPORAN:
        return
    if guards.late_report(case) is None:
        raise ValidationError(
            {
                "reason_code": _(
                    "Laporan diterima dalam batas waktu pelaporan (atau tanggal diketahui tidak tercatat), "
                    "jadi tidak dapat dinyatakan daluwarsa."
                )
            }
        )


def plan_reject(*, user, case, reason, at, reason_code: str = "", **_params) -> Plan:
    if reason_code not in NonRegistrationReason.values:
        raise ValidationError(
            {"reason_code": _("Pilih alasan: syarat formil, syarat materiel, atau daluwarsa.")}
        )
    if reason_code == NonRegistrationReason.DALUWARSA:
        _check_daluwarsa(case)
    fields = {"non_registration_reason": reason_code, "closed_at": at}
    return Plan(Status.TIDAK_DIREGISTRASI, fields, {"reason_code": reason_code})


def _region_param(case, region) -> Region:
    if region in (None, ""):
        return case.region
    if isinstance(region, Region):
        return region
    found = Region.objects.filter(pk=str(region).strip()).first()
    if found is None:
        raise ValidationError({"region": _("Wilayah tidak ditemukan.")})
    return found


def _office_param(target_office, region: Region) -> Office:
    if target_office in (None, ""):
        target = office_for_region(region.code)
    elif isinstance(target_office, Office):
        target = target_office
    else:
        target = Office.objects.filter(pk=target_office).first()
    if target is None or not target.is_supervisory:
        raise ValidationError({"target_office": _("Kantor pengawas tujuan tidak ditemukan.")})
    if not office_covers(target, region.code):
        raise ValidationError({"target_office": _("Kantor tujuan tidak berwenang atas wilayah kejadian.")})
    return target


def plan_forward(*, user, case, reason, at, target_office=None, region=None, **_params) -> Plan:
    """Bukan kewenangan: the case moves to the competent office (optionally with a corrected region)."""
    region = _region_param(case, region)
    target = _office_param(target_office, region)
    if target.pk == case.office_id:
        raise ValidationError({"target_office": _("Kantor tujuan sama dengan kantor penangan sekarang.")})
    to_status = Status.INFORMASI_AWAL if case.kind == Kind.INFORMASI_AWAL else Status.DITERUSKAN
    fields = {"office": target, "region": region, "region_code": region.code, "assigned_to": None, "step": ""}
    data = {
        "from_office": case.office.name,
        "to_office": target.name,
        "to_office_id": target.pk,
        "region": region.code,
    }
    return Plan(to_status, fields, data)


def plan_decide(*, user, case, reason, at, outcome: str = "", violation_code: str = "", **_params) -> Plan:
    blockers = guards.decision_blockers(case)
    if blockers:
        raise ValidationError(blockers)
    if outcome not in Decision.Outcome.values:
        raise ValidationError({"outcome": _("Pilih putusan: terbukti pelanggaran atau bukan pelanggaran.")})
    proven = outcome == Decision.Outcome.TERBUKTI
    violation_code = (violation_code or "").strip() if proven else ""
    if proven and not violation_exists(violation_code):
        raise ValidationError({"violation_code": _("Pilih jenis pelanggaran dari katalog.")})

    def after(updated: Case) -> None:
        Decision.objects.create(
            case=updated,
            outcome=outcome,
            violation_code=violation_code,
            reasoning=reason,
            decided_at=at,
            decided_by=user,
        )

    fields = {"decided_at": at, "violation_code": violation_code}
    if not proven:
        fields["closed_at"] = at
    to_status = Status.DIPUTUS if proven else Status.SELESAI
    return Plan(to_status, fields, {"outcome": outcome, "violation_code": violation_code}, after)


def plan_forward_recommendation(
    *, user, case, reason, at, letter_number: str = "", forwarded_on=None, **_params
) -> Plan:
    """Address one recommendation per terlapor to the recipients netra.law.referral names."""
    _required({"letter_number": letter_number}, "letter_number", limits={"letter_number": 100})
    forwarded = _date_param(forwarded_on, "forwarded_on", local_date(at, case.region_code))
    terlapor = list(case.terlapor.all())
    if not terlapor:
        raise ValidationError(
            {"terlapor": _("Kasus belum memiliki terlapor; rekomendasi tidak dapat dibuat.")}
        )
    routes = [(t, law.route_for(case, t, forwarded)) for t in terlapor]

    def after(updated: Case) -> None:
        for item, routing in routes:
            recommendation = Recommendation.objects.create(
                case=updated,
                terlapor=item,
                letter_number=letter_number.strip(),
                forwarded_at=at,
                created_by=user,
                **law.recommendation_fields(routing),
            )
            followup_clock_start(recommendation=recommendation)
            recommendation_letter_archive(recommendation=recommendation, at=at, user=user)
        case_recipients_refresh(updated.pk)

    data = {
        "letter_number": letter_number.strip(),
        "forwarded_on": forwarded.isoformat(),
        "recipients": sorted({r for _t, routing in routes for r in routing.recipients}),
    }
    return Plan(Status.REKOMENDASI_DITERUSKAN, {}, data, after)


def _recommendation_for(user, case) -> Recommendation:
    """The recommendation of ``case`` that the user's office (BKN or a PPK) answers with a follow-up."""
    found = restrict(case.recommendations.all(), user, FOLLOW_UP).first()
    if found is None:
        raise ValidationError(_("Tidak ada rekomendasi untuk kantor Anda pada kasus ini."))
    return found


def sanction_menu_for(user, case):
    """The sanction options for the recommendation ``user``'s office answers (None if it answers none)."""
    try:
        recommendation = _recommendation_for(user, case)
    except ValidationError:
        return None
    subject = recommendation.terlapor.subject_type if recommendation.terlapor else SubjectType.LAINNYA
    return sanction_menu(violation_code=case.violation_code, subject=subject)


def _sanction_choice(menu, code: str, text: str, lighter_reason: str) -> tuple:
    """(option, lighter, text to store); ValidationError for an option the law does not offer here,
    a free-text sanction without its text or reason, or a lighter one without a written reason."""
    option = next((o for o in menu.options if o.code == code), None)
    if option is None:
        raise ValidationError({"sanction_code": _("Pilih sanksi dari daftar yang sesuai jenis pelanggaran.")})
    errors = {}
    if option.code == OTHER_SANCTION and not text:
        errors["sanction"] = _("Tulis sanksi yang dijatuhkan.")
    lighter = menu.is_lighter(option)
    if option.code == OTHER_SANCTION and not lighter_reason:
        errors["lighter_reason"] = _("Sanksi di luar katalog memerlukan alasan tertulis.")
    elif lighter and not lighter_reason:
        errors["lighter_reason"] = _(
            "Sanksi ini lebih ringan dari kelas sanksi katalog untuk %(code)s (%(expected)s); "
            "tuliskan alasannya."
        ) % {"code": menu.violation_code, "expected": menu.expected_class}
    if errors:
        raise ValidationError(errors)
    return option, lighter, text if option.code == OTHER_SANCTION else option.text


def plan_record_followup(
    *,
    user,
    case,
    reason,
    at,
    sanction_code: str = "",
    sanction: str = "",
    lighter_reason: str = "",
    imposed_by: str = "",
    imposed_on=None,
    letter_number: str = "",
    note: str = "",
    decree_scan=None,
    **_params,
) -> Plan:
    """The sanction imposed, chosen from netra.law.sanctions; lighter than the catalogue's class (or
    outside it) needs a written reason and flags the case (``Case.sanction_lighter``)."""
    params = {"imposed_by": imposed_by, "letter_number": letter_number}
    _required(
        {**params, "imposed_on": imposed_on, "sanction_code": sanction_code},
        "sanction_code",
        "imposed_by",
        "imposed_on",
        "letter_number",
        limits={"imposed_by": 200, "letter_number": 100},
    )
    _required({"sanction": sanction}, limits={"sanction": 300})
    imposed = _date_param(imposed_on, "imposed_on", local_date(at, case.region_code))
    if imposed > local_date(at, case.region_code):
        raise ValidationError({"imposed_on": _("Tanggal sanksi tidak boleh di masa depan.")})
    recommendation = _recommendation_for(user, case)
    menu = sanction_menu_for(user, case)
    lighter_reason = (lighter_reason or "").strip()
    option, lighter, text = _sanction_choice(menu, sanction_code, (sanction or "").strip(), lighter_reason)
    scan = _decree_scan_check(decree_scan)

    def after(updated: Case) -> None:
        stored = (
            evidence_store(
                case=updated, checked=scan, user=user, description=f"Pindaian SK {letter_number.strip()}"
            )
            if scan is not None
            else None
        )
        followup_acted(recommendation=recommendation, at=at)
        FollowUp.objects.create(
            decree_scan=stored,
            case=updated,
            recommendation=recommendation,
            sanction=text,
            sanction_code=option.code,
            sanction_class=option.sanction_class,
            expected_class=menu.expected_class or "",
            lighter=lighter,
            lighter_reason=lighter_reason,
            imposed_by=imposed_by.strip(),
            imposed_on=imposed,
            letter_number=letter_number.strip(),
            note=(note or reason).strip(),
            recorded_by=user,
            recorded_at=at,
        )

    data = {
        "sanction": text,
        "sanction_code": option.code,
        "expected_class": menu.expected_class or "",
        "lighter": lighter,
        "imposed_on": imposed.isoformat(),
        "letter_number": letter_number,
    }
    return Plan(Status.TINDAK_LANJUT, {"sanction_lighter": True} if lighter else {}, data, after)


DECREE_SCAN_TYPES = ("pdf", "jpg", "jpeg", "png")


def _decree_scan_check(upload):
    """The scan of the SK, checked by its content like any evidence; only PDF or an image."""
    if upload is None:
        return None
    checked = evidence_check(upload)
    if extension(checked.name) not in DECREE_SCAN_TYPES:
        raise ValidationError({"decree_scan": _("Pindaian SK harus berupa PDF, JPEG atau PNG.")})
    return checked


def plan_close(*, user, case, reason, at, **_params) -> Plan:
    to_status = Status.DIARSIPKAN if case.status == Status.INFORMASI_AWAL else Status.SELESAI
    return Plan(to_status, {"closed_at": at})


def _temuan_input(case) -> ReportInput:
    return ReportInput(
        election=case.election,
        region=case.region,
        description=case.description,
        place=case.place,
        title=case.title,
        occurred_on=case.occurred_on,
        known_on=case.known_on,
        terlapor=[
            {
                "name": t.name,
                "nip": t.nip,
                "agency": t.agency,
                "agency_name": t.agency_name,
                "position": t.position,
                "subject_type": t.subject_type,
            }
            for t in case.terlapor.all()
        ],
        witnesses=[
            {"name": w.name, "address": w.address, "phone": w.phone}
            for w in witnesses_open(case.witnesses.all())
            if not w.erased
        ],
    )


def plan_make_temuan(*, user, case, reason, at, **_params) -> Plan:
    """The supervisor adopts an anonymous tip as their own finding: a new temuan linked to the tip."""
    from netra.cases.models import Source
    from netra.cases.services.casebuild import case_build

    observation = {
        "observer": user,
        "observed_at": at,
        "place": case.place or case.region.name,
        "method": _("Penelusuran atas informasi awal yang diterima"),
        "what": reason,
    }
    plan = Plan(Status.DIJADIKAN_TEMUAN, {"closed_at": at})

    def after(updated: Case) -> None:
        temuan = case_build(
            report=_temuan_input(updated),
            kind=Kind.TEMUAN,
            status=Status.DITERIMA,
            office=updated.office,
            source=Source.STAFF,
            user=user,
            received_at=at,
            observation=observation,
            origin=updated,
        )
        for item in updated.evidence.all():  # same stored bytes, same fingerprint: never copied or altered
            Evidence.objects.create(
                case=temuan,
                file=item.file.name,
                link=item.link,
                original_name=item.original_name,
                content_type=item.content_type,
                sha256=item.sha256,
                size=item.size,
                description=item.description,
                uploaded_at=item.uploaded_at,
                uploaded_by=item.uploaded_by,
            )
        plan.data["temuan_id"] = temuan.pk

    plan.after = after
    return plan
