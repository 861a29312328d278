"""Writers for what happens inside a step: assignment, comments, clarifications, kajian, people."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role, User
from netra.accounts.scoping import HANDLE, SUPERVISE, can
from netra.cases.models import (
    Attendance,
    Case,
    Clarification,
    Comment,
    Evidence,
    Kajian,
    Party,
    Status,
    Terlapor,
    Witness,
)
from netra.cases.sealing import clarification_opened
from netra.cases.services.common import audit
from netra.cases.services.sealing import clarification_sealed, witness_create
from netra.cases.services.search import search_text_refresh
from netra.cases.signals import cases_changed_send
from netra.notifications.services import notify_case_assigned

HANDLER_ROLES = (Role.PIMPINAN, Role.STAF_PENANGANAN)
COMMENT_ROLES = (Role.PIMPINAN, Role.STAF_PENANGANAN, Role.PENGAWAS)
CLARIFICATION_STATUSES = (Status.KLARIFIKASI, Status.KAJIAN)


def require_handling(user, case: Case, roles=HANDLER_ROLES) -> None:
    """The user must hold one of ``roles`` in the case's handling office, and the case be open."""
    if not (user.is_authenticated and user.has_role(*roles) and can(user, case, HANDLE)):
        raise PermissionDenied(_("Hanya kantor penangan kasus ini yang dapat melakukannya."))
    if case.is_closed:
        raise ValidationError(_("Kasus sudah ditutup."))


def _aware(value, name: str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError({name: _("Waktu tidak valid.")}) from None
    if not isinstance(value, datetime):
        raise ValidationError({name: _("Waktu wajib diisi.")})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _text(value, name: str, errors: dict, limit: int | None = None) -> str:
    text = str(value or "").strip()
    if not text:
        errors[name] = _("Wajib diisi.")
    elif limit is not None and len(text) > limit:
        errors[name] = _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": limit}
    return text


def case_assign(*, user, case: Case, assignee: User | None) -> Case:
    """The handling office's pimpinan assigns (or, with None, unassigns) a handler of that office."""
    require_handling(user, case, (Role.PIMPINAN,))
    eligible = assignee is None or (can(assignee, case, HANDLE) and assignee.has_role(*HANDLER_ROLES))
    if not eligible:
        raise ValidationError({"assignee": _("Penangan harus pimpinan atau staf penanganan kantor ini.")})
    with transaction.atomic():
        at = timezone.now()
        Case.objects.filter(pk=case.pk).update(assigned_to=assignee, updated_at=at)
        notify_case_assigned(case=case, assignee=assignee, at=at)
        audit(
            user=user,
            action="case.assign",
            obj=case,
            data={"assignee": assignee.get_username() if assignee else None},
        )
    case.refresh_from_db()
    return case


def comment_add(*, user, case: Case, body: str) -> Comment:
    """An internal note on the case by staff of a supervisory office that sees it."""
    if not (user.is_authenticated and user.has_role(*COMMENT_ROLES) and can(user, case, SUPERVISE)):
        raise PermissionDenied(_("Anda tidak dapat menambahkan komentar pada kasus ini."))
    errors: dict = {}
    body = _text(body, "body", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        comment = Comment.objects.create(case=case, author=user, body=body)
        audit(user=user, action="case.comment", obj=case, data={"comment_id": comment.pk})
    return comment


def clarification_schedule(
    *, user, case: Case, party: str, person_name: str, scheduled_at, place: str
) -> Clarification:
    """An invitation to clarify (pelapor, terlapor, saksi or ahli) during klarifikasi or kajian."""
    require_handling(user, case)
    if case.status not in CLARIFICATION_STATUSES:
        raise ValidationError(
            _("Undangan klarifikasi hanya dapat dibuat pada tahap klarifikasi atau kajian.")
        )
    errors: dict = {}
    if party not in Party.values:
        errors["party"] = _("Pilih pihak: pelapor, terlapor, saksi, atau ahli.")
    person_name = _text(person_name, "person_name", errors, 200)
    place = _text(place, "place", errors, 300)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = Clarification.objects.create(
            case=case,
            party=party,
            sealed=clarification_sealed(case=case, name=person_name),
            place=place,
            created_by=user,
            scheduled_at=_aware(scheduled_at, "scheduled_at"),
        )
        audit(
            user=user,
            action="case.clarification.schedule",
            obj=case,
            data={"clarification_id": item.pk, "party": party},
        )
    item.person_name = person_name  # the handler who typed it gets it back (the API's answer)
    return item


def clarification_record(
    *, user, clarification: Clarification, held_at, record: str, attendance: str = Attendance.HADIR
) -> Clarification:
    """The berita acara of a clarification: held with the party present (``hadir``) or recorded as
    not attended (``tidak_hadir``); either lets the case go on to a decision."""
    require_handling(user, clarification.case)
    errors: dict = {}
    record = _text(record, "record", errors)
    if attendance not in (Attendance.HADIR, Attendance.TIDAK_HADIR):
        errors["attendance"] = _("Pilih kehadiran: hadir atau tidak hadir.")
    if errors:
        raise ValidationError(errors)
    held = _aware(held_at, "held_at")
    if held > timezone.now():
        raise ValidationError({"held_at": _("Waktu pelaksanaan tidak boleh di masa depan.")})
    name = clarification_opened(clarification).person_name
    sealed = clarification_sealed(case=clarification.case, name=name, record=record)
    with transaction.atomic():
        Clarification.objects.filter(pk=clarification.pk).update(
            held_at=held, sealed=sealed, attendance=attendance
        )
        audit(
            user=user,
            action="case.clarification.record",
            obj=clarification.case,
            data={"clarification_id": clarification.pk, "attendance": str(attendance)},
        )
    clarification.refresh_from_db()
    return clarification_opened(clarification)


def kajian_add(
    *, user, case: Case, stage: str, analysis: str, conclusion: str, facts: str = "", **requirements
) -> Kajian:
    """The written kajian awal (during kajian_awal) or kajian dugaan pelanggaran (klarifikasi/kajian).

    A kajian dugaan must state the facts established (``facts``, "uraian singkat fakta"): the
    recommendation letter prints them instead of the citizen's own account. A kajian awal records
    which syarat formil and materiel are met (``requirements``: the booleans ``Kajian.FORMIL`` and
    ``Kajian.MATERIEL``); registration checks them.
    """
    unknown = set(requirements) - {*Kajian.FORMIL, *Kajian.MATERIEL}
    if unknown:
        raise TypeError(f"kajian_add: unknown requirements {sorted(unknown)}")
    require_handling(user, case)
    allowed: dict[str, tuple[str, ...]] = {
        Kajian.Stage.AWAL: (Status.KAJIAN_AWAL,),
        Kajian.Stage.DUGAAN: CLARIFICATION_STATUSES,
    }
    if stage not in allowed:
        raise ValidationError({"stage": _("Tahap kajian tidak dikenal.")})
    if case.status not in allowed[stage]:
        raise ValidationError({"stage": _("Kajian ini tidak dapat dibuat pada status kasus sekarang.")})
    errors: dict = {}
    analysis, conclusion = _text(analysis, "analysis", errors), _text(conclusion, "conclusion", errors)
    facts = str(facts or "").strip()
    if stage == Kajian.Stage.DUGAAN and not facts:
        errors["facts"] = _("Uraian singkat fakta wajib diisi pada kajian dugaan pelanggaran.")
    if errors:
        raise ValidationError(errors)
    ticks = {name: bool(value) for name, value in requirements.items()} if stage == Kajian.Stage.AWAL else {}
    with transaction.atomic():
        kajian = Kajian.objects.create(
            case=case,
            stage=stage,
            facts=facts,
            analysis=analysis,
            conclusion=conclusion,
            author=user,
            **ticks,
        )
        met = sorted(name for name, value in ticks.items() if value)
        audit(user=user, action=f"case.kajian.{stage}", obj=case, data={"kajian_id": kajian.pk, "met": met})
    return kajian


def witness_add(*, user, case: Case, name: str, address: str = "", phone: str = "") -> Witness:
    require_handling(user, case)
    errors: dict = {}
    name = _text(name, "name", errors, 200)
    if len((phone or "").strip()) > 40:
        errors["phone"] = _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": 40}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        witness = witness_create(
            case=case,
            identity={"name": name, "address": (address or "").strip(), "phone": (phone or "").strip()},
        )
        audit(user=user, action="case.witness.add", obj=case, data={"witness_id": witness.pk})
    return witness


def terlapor_confirm_pegawai(*, user, terlapor: Terlapor, pegawai) -> Terlapor:
    """Staff confirm which roster entry the terlapor is; NIP, agency and position follow the roster."""
    require_handling(user, terlapor.case)
    with transaction.atomic():
        Terlapor.objects.filter(pk=terlapor.pk).update(
            pegawai=pegawai,
            nip=pegawai.nip or terlapor.nip,
            agency=pegawai.agency,
            agency_name=pegawai.agency.name,
            position=pegawai.position or terlapor.position,
            subject_type=pegawai.employment_type,
        )
        audit(
            user=user,
            action="case.terlapor.confirm",
            obj=terlapor.case,
            data={"terlapor_id": terlapor.pk, "pegawai_id": pegawai.pk},
        )
        search_text_refresh(terlapor.case)
        cases_changed_send(region_codes=[terlapor.case.region_code])  # subject and agency figures
    terlapor.refresh_from_db()
    return terlapor


def evidence_add(*, user, case: Case, files=(), links=(), description: str = "") -> list:
    """Staff of the handling office attach more evidence; every file is checked before any is stored."""
    from netra.cases.evidence import evidence_check_all, links_clean
    from netra.cases.services.evidence import evidence_link_store, evidence_store, files_atomic
    from netra.core.inputs import text_problem

    require_handling(user, case, COMMENT_ROLES)
    if len(description or "") > 300:
        raise ValidationError({"description": _("Keterangan terlalu panjang (paling banyak 300 karakter).")})
    if problem := text_problem(description or ""):
        raise ValidationError({"description": problem})
    checked, urls = evidence_check_all(files), links_clean(links)
    if not checked and not urls:
        raise ValidationError(_("Pilih berkas atau isi tautan bukti."))
    with files_atomic() as stored:
        items = [
            evidence_store(case=case, checked=c, user=user, description=description, stored=stored)
            for c in checked
        ]
        if items:
            stored.witness = Evidence.objects.filter(pk=items[0].pk)  # settles a failed commit
        items += [evidence_link_store(case=case, url=url, user=user, description=description) for url in urls]
        audit(
            user=user,
            action="case.evidence.add",
            obj=case,
            data={"evidence": [{"id": e.pk, "sha256": e.sha256, "size": e.size} for e in items]},
        )
    return items


def _terlapor_values(data: dict) -> dict:
    from netra.cases.report_input import _terlapor_one

    errors: dict = {}
    values = _terlapor_one(dict(data), 0, errors)
    if not values.get("name"):
        errors["terlapor.0.name"] = _("Nama terlapor wajib diisi.")
    if errors:
        raise ValidationError({key.removeprefix("terlapor.0."): msg for key, msg in errors.items()})
    return values


def terlapor_add(*, user, case: Case, data: dict) -> Terlapor:
    """Another terlapor found during handling (name, nip, agency, agency_name, position, subject_type)."""
    require_handling(user, case)
    values = _terlapor_values(data)
    with transaction.atomic():
        terlapor = Terlapor.objects.create(case=case, **values)
        audit(user=user, action="case.terlapor.add", obj=case, data={"terlapor_id": terlapor.pk})
        search_text_refresh(case)
        cases_changed_send(region_codes=[case.region_code])  # subject and agency figures
    return terlapor


def terlapor_update(*, user, terlapor: Terlapor, data: dict) -> Terlapor:
    """Correct what the report said about a terlapor (e.g. the employment status staff established)."""
    require_handling(user, terlapor.case)
    current = {
        f: getattr(terlapor, f) for f in ("name", "nip", "agency", "agency_name", "position", "subject_type")
    }
    values = _terlapor_values({**current, **data})
    changed = sorted(k for k, v in values.items() if current.get(k) != v)
    with transaction.atomic():
        Terlapor.objects.filter(pk=terlapor.pk).update(**values)
        audit(
            user=user,
            action="case.terlapor.update",
            obj=terlapor.case,
            data={"terlapor_id": terlapor.pk, "changed": changed},
        )
        search_text_refresh(terlapor.case)
        cases_changed_send(region_codes=[terlapor.case.region_code])  # subject and agency figures
    terlapor.refresh_from_db()
    return terlapor
