"""The case procedure as an explicit state machine (domain.md 2.3 and 12).

Each ``Action`` says from which statuses it may run, where it leads, which roles may take it and
which office: the handling office (Bawaslu/Panwaslu actions) or the office a recommendation is
addressed to (BKN/PPK follow-up). Offices that merely cover the case's region (a parent province,
Bawaslu RI) may read it but not act on it: handing a case to another level is a forwarding
(pelimpahan), never a silent takeover. Services enforce this table; the UI shows only what
``available_transitions`` returns.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import Role
from netra.accounts.scoping import FOLLOW_UP, HANDLE, can
from netra.cases.models import Kind, Status

HANDLING = "handling"  # user's office is the case's handling office
FOLLOWUP = "followup"  # user's office is BKN or the PPK the recommendation is addressed to


@dataclass(frozen=True)
class Action:
    name: str
    label: str | Promise  # lazily translated
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    roles: tuple[str, ...]
    office: str = HANDLING
    needs_reason: bool = False
    kinds: tuple[str, ...] = (Kind.LAPORAN, Kind.TEMUAN)


_HANDLERS = (Role.PIMPINAN, Role.STAF_PENANGANAN)
_LEADERS = (Role.PIMPINAN,)

ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action(
            "start_kajian_awal",
            _("Mulai kajian awal"),
            (Status.DITERIMA, Status.DITERUSKAN),
            (Status.KAJIAN_AWAL,),
            _HANDLERS,
        ),
        Action("register", _("Registrasi"), (Status.KAJIAN_AWAL,), (Status.DIREGISTRASI,), _LEADERS),
        Action(
            "reject",
            _("Tidak diregistrasi"),
            (Status.KAJIAN_AWAL,),
            (Status.TIDAK_DIREGISTRASI,),
            _LEADERS,
            needs_reason=True,
        ),
        Action(
            "forward",
            _("Teruskan ke pengawas yang berwenang"),
            (Status.DITERIMA, Status.KAJIAN_AWAL, Status.INFORMASI_AWAL),
            (Status.DITERUSKAN,),
            _LEADERS,
            needs_reason=True,
            kinds=(Kind.LAPORAN, Kind.TEMUAN, Kind.INFORMASI_AWAL),
        ),
        Action(
            "start_klarifikasi",
            _("Mulai klarifikasi"),
            (Status.DIREGISTRASI,),
            (Status.KLARIFIKASI,),
            _HANDLERS,
        ),
        Action(
            "start_kajian",
            _("Mulai kajian dugaan pelanggaran"),
            (Status.DIREGISTRASI, Status.KLARIFIKASI),
            (Status.KAJIAN,),
            _HANDLERS,
        ),
        Action(
            "decide",
            _("Putuskan"),
            (Status.KAJIAN,),
            (Status.DIPUTUS, Status.SELESAI),
            _LEADERS,
            needs_reason=True,
        ),
        Action(
            "forward_recommendation",
            _("Teruskan rekomendasi"),
            (Status.DIPUTUS,),
            (Status.REKOMENDASI_DITERUSKAN,),
            _LEADERS,
        ),
        Action(
            "record_followup",
            _("Catat sanksi yang dijatuhkan"),
            (Status.REKOMENDASI_DITERUSKAN,),
            (Status.TINDAK_LANJUT,),
            _HANDLERS,
            office=FOLLOWUP,
        ),
        Action("close", _("Tutup kasus"), (Status.TINDAK_LANJUT,), (Status.SELESAI,), _LEADERS),
        Action(
            "make_temuan",
            _("Jadikan temuan"),
            (Status.INFORMASI_AWAL,),
            (Status.DIJADIKAN_TEMUAN,),
            (Role.PIMPINAN, Role.PENGAWAS),
            needs_reason=True,
            kinds=(Kind.INFORMASI_AWAL,),
        ),
        Action(
            "archive",
            _("Arsipkan"),
            (Status.INFORMASI_AWAL,),
            (Status.DIARSIPKAN,),
            (Role.PIMPINAN, Role.PENGAWAS),
            needs_reason=True,
            kinds=(Kind.INFORMASI_AWAL,),
        ),
    )
}

# The step of netra.law.deadlines running while a case is in each open status. Every open status has a
# step or, in NO_DEADLINE_REASON, the reason it has none; closed statuses need neither.
STEP_FOR_STATUS: dict[str, str | None] = {
    Status.DITERIMA: "kajian_awal",
    Status.DITERUSKAN: "kajian_awal",
    Status.KAJIAN_AWAL: "kajian_awal",
    Status.DIREGISTRASI: "decision",
    Status.KLARIFIKASI: "decision_extended",
    Status.KAJIAN: "decision_extended",
    Status.DIPUTUS: "recommendation",
    Status.REKOMENDASI_DITERUSKAN: "ppk_followup",
    Status.TINDAK_LANJUT: None,
    Status.INFORMASI_AWAL: "temuan",
}
NO_DEADLINE_REASON: dict[str, str | Promise] = {
    Status.TINDAK_LANJUT: _(
        "Tanpa batas waktu: sanksi sudah dicatat; tidak ada ketentuan yang membatasi waktu penutupan kasus."
    ),
}
_CLOSED_REASON = _("Kasus ditutup: tidak ada tahap yang berjalan.")
_NO_ELECTION_REASON = _("Tanpa batas waktu: kasus belum dikaitkan dengan Pemilu atau Pemilihan.")

# What the reporter is told comes next, per status (public tracking page).
NEXT_STEP: dict[str, str | Promise] = {
    Status.DITERIMA: _("Kajian awal oleh pengawas pemilu"),
    Status.DITERUSKAN: _("Kajian awal oleh pengawas pemilu yang berwenang"),
    Status.KAJIAN_AWAL: _("Keputusan registrasi"),
    Status.DIREGISTRASI: _("Klarifikasi dan kajian"),
    Status.KLARIFIKASI: _("Kajian dugaan pelanggaran"),
    Status.KAJIAN: _("Putusan pleno"),
    Status.DIPUTUS: _("Penerusan rekomendasi kepada instansi berwenang"),
    Status.REKOMENDASI_DITERUSKAN: _("Tindak lanjut (sanksi) oleh instansi berwenang"),
    Status.TINDAK_LANJUT: _("Penutupan kasus"),
    Status.INFORMASI_AWAL: _("Penelusuran oleh pengawas pemilu"),
}


def step_for(case) -> str | None:
    """The deadline step of the case's current status; a fresh temuan runs on the temuan deadline."""
    if case.kind == Kind.TEMUAN and case.status == Status.DITERIMA:
        return "temuan"
    return STEP_FOR_STATUS.get(case.status)


def no_deadline_reason(case) -> str | Promise:
    """Why the case's current step has no deadline (closed, no election, or a step no law times)."""
    if case.is_closed:
        return _CLOSED_REASON
    if case.election_id is None:
        return _NO_ELECTION_REASON
    return NO_DEADLINE_REASON.get(case.status, "")


def office_may_act(user, case, action: Action) -> bool:
    """Jurisdiction of the step: the handling office, or the BKN/PPK office it is addressed to."""
    return can(user, case, FOLLOW_UP if action.office == FOLLOWUP else HANDLE)


def may(user, case, action: Action) -> bool:
    """Whether ``user`` may take ``action`` on ``case`` now (state, kind, role and office)."""
    return (
        case.status in action.sources
        and case.kind in action.kinds
        and user.is_authenticated
        and user.has_role(*action.roles)
        and office_may_act(user, case, action)
    )


def available_transitions(user, case) -> list[Action]:
    """Only the actions valid now for this user on this case, in procedure order."""
    return [action for action in ACTIONS.values() if may(user, case, action)]
