"""What every notifications service shares: the clock, the audit call, preferences and row creation.

This app sits beside ``cases`` and is called by its services, so it reaches the case models by name
(``apps.get_model``), never by import: ``cases`` imports ``notifications``, not the other way round.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.utils import timezone

from netra.audit.services import event_record
from netra.notifications.models import Channel, Kind, MailSettings, Notification, Preference

# Email by default for what needs the recipient's action; the rest stays in the bell unless chosen.
EMAIL_BY_DEFAULT = {
    Kind.CASE_ASSIGNED,
    Kind.DEADLINE_24H,
    Kind.DEADLINE_TODAY,
    Kind.DEADLINE_PASSED,
    Kind.RECOMMENDATION_RECEIVED,
    Kind.FOLLOWUP_OVERDUE,
}
HANDLER_ROLES = ("pimpinan", "staf_penanganan")  # netra.accounts.models.Role values


def now() -> datetime:
    return timezone.now()


def model(label: str):
    """A model of another app by its label ("cases.Case")."""
    return apps.get_model(label)


def audit(*, actor: str, action: str, obj, data: dict | None = None) -> None:
    """One audit event in the caller's transaction."""
    event_record(actor=actor, action=action, obj_type=obj._meta.label_lower, obj_id=obj.pk, data=data)


@dataclass(frozen=True)
class Choice:
    in_app: bool
    email: bool


def default_choice(kind: str) -> Choice:
    return Choice(in_app=True, email=kind in EMAIL_BY_DEFAULT)


class Preferences:
    """The channels and digest mode of a set of users, read in two queries."""

    def __init__(self, user_ids: Iterable[int]) -> None:
        ids = set(user_ids)
        rows = Preference.objects.filter(user_id__in=ids)
        self._chosen = {(p.user_id, p.kind): Choice(p.in_app, p.email) for p in rows}
        self._digest = set(
            MailSettings.objects.filter(user_id__in=ids, digest=True).values_list("user_id", flat=True)
        )

    def channels(self, user, kind: str) -> list[str]:
        choice = self._chosen.get((user.pk, kind)) or default_choice(kind)
        found: list[str] = [Channel.IN_APP] if choice.in_app else []
        if choice.email and user.email:
            found.append(Channel.EMAIL)
        return found

    def digest(self, user) -> bool:
        return user.pk in self._digest


def reminder_key(
    *, kind: str, case_id: int, step: str, recipient_id: int, due: datetime, channel: str
) -> str:
    """Unique per kind + step + recipient + due (and channel): the same reminder exists once."""
    stamp = int(due.timestamp())
    return f"{kind}:{case_id}:{step}:{recipient_id}:{stamp}:{channel}"


def notifications_create(rows: list[Notification]) -> list[Notification]:
    """Store the rows whose key is new; returns those. Keys already present are left as they are."""
    if not rows:
        return []
    existing = set(Notification.objects.filter(key__in=[r.key for r in rows]).values_list("key", flat=True))
    fresh = [r for r in rows if r.key not in existing]
    # ignore_conflicts: a concurrent run that stored the same key first wins, without an error.
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    return fresh


def users_of(office_ids: Iterable[int], roles: Iterable[str] = HANDLER_ROLES) -> list:
    """Active users of the offices with one of ``roles``."""
    return list(
        model("accounts.User")
        .objects.filter(office_id__in=set(office_ids), role__in=list(roles), is_active=True)
        .order_by("pk")
    )


def recommendation_offices(case) -> list:
    """The BKN and PPK offices a case's recommendations are addressed to (PPK: the terlapor's agency
    or an agency above it, since a PPK answers for its units at any depth)."""
    office_model = model("accounts.Office")
    recs = list(model("cases.Recommendation").objects.filter(case=case).select_related("terlapor__agency"))
    found = []
    if any(r.to_bkn for r in recs):
        found += list(office_model.objects.filter(kind=office_model.Kind.BKN))
    agencies: set[int] = set()
    for rec in recs:
        agency = rec.terlapor.agency if rec.to_ppk and rec.terlapor else None
        while agency is not None:
            agencies.add(agency.pk)
            agency = agency.parent
    if agencies:
        found += list(office_model.objects.filter(kind=office_model.Kind.PPK, agency_id__in=agencies))
    return found


# The pelapor's email address is stored encrypted by the cases app; it registers how to open it
# (``netra.cases.apps``), so this app neither imports cases nor keeps a copy of the address.
_REPORTER_ADDRESS: list[Callable[[int], str]] = []


def reporter_address_source(reader: Callable[[int], str]) -> None:
    """Register the function that gives a case's reporter email ("" for none) from its case id."""
    _REPORTER_ADDRESS[:] = [reader]


def reporter_address(case_id: int) -> str:
    return _REPORTER_ADDRESS[0](case_id) if _REPORTER_ADDRESS else ""
