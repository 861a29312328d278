"""Jurisdiction, in one place: which rows a user may read (``restrict``) and on which objects a user
may act (``can``). Every selector and every service that acts on an object asks here.

The rules (domain.md 2.2, 12):

* **Bawaslu/Panwaslu offices** see what lies in their region subtree: their own region and every
  region below it ("21.01" sees "21.01" and "21.01.04", never the sibling "21.71" nor the parent
  "21"). National offices have the empty code and see everything. They *act* (``HANDLE``) only on
  the cases their own office handles; covering a region lets them comment and make findings there
  (``SUPERVISE``), not take a case over.
* **BKN** sees cases with a recommendation addressed to BKN, and the whole roster.
* **A PPK** sees cases with a recommendation addressed to the PPK about a terlapor of its agency's
  subtree, and the roster of that subtree: the agency and all its units, at any depth (one rule).
* **The public** (anonymous, inactive or office-less users) sees none of these rows.
* **Prevention** (events, pledges and their lists and files): supervisory offices read and act
  (``SUPERVISE``) in their region subtree; BKN reads all; a PPK reads those of its agency subtree.
  The public sees only the public page's aggregates (``netra.prevention.selectors``), never a name.

Models are told apart by their label, so this module imports no other app: registry and cases
import accounts, never the other way round.
"""

from typing import Any, TypeAlias, TypeGuard

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from netra.accounts.models import Office, Role, User
from netra.law import regioncode

# Whoever a request carries: a staff user, a user without an office, the anonymous public, or nobody.
Viewer: TypeAlias = User | AnonymousUser | None
_SUBTREE_CACHE = "_netra_agency_subtree_ids"

VIEW = "view"  # read the row
HANDLE = "handle"  # act as the case's handling office (transitions, assignment, records)
FOLLOW_UP = "follow_up"  # record the sanction on a recommendation addressed to the user's office
SUPERVISE = "supervise"  # a supervisory office working inside its territory (comment, temuan, import)
ACTIONS = (VIEW, HANDLE, FOLLOW_UP, SUPERVISE)

_CASE = "cases.Case"
_RECIPIENTS = (Office.Kind.BKN, Office.Kind.PPK)


# Regions: the code tree is netra.law.regioncode's; this is its one translation into SQL ----------

# The apps' names for the tree rule (pure, so names/ and text/ use regioncode directly).
region_within = regioncode.within
region_below = regioncode.below


def region_subtree_q(code: str, field: str = "region_code") -> Q:
    """Rows whose region code (``field``) is ``code`` or below it; every row for "" (one indexed
    ``code = 'xx.yy' OR code LIKE 'xx.yy.%'`` on both engines, no recursive query)."""
    if code == regioncode.NATIONAL:
        return Q()
    return Q(**{field: code}) | Q(**{f"{field}__startswith": regioncode.descendant_prefix(code)})


def office_covers(office: Office, code: str) -> bool:
    """Whether region ``code`` lies in the office's territory (territorial only)."""
    return region_within(code, office.region_code)


# Who the user is ------------------------------------------------------------------------------


def is_staff(user: Viewer) -> TypeGuard[User]:
    """Active, authenticated and attached to an office; everybody else is the public."""
    return bool(
        isinstance(user, User) and user.is_authenticated and user.is_active and user.office_id is not None
    )


def _office(user: User) -> Office:
    """The office of a user ``is_staff`` accepted."""
    office = user.office
    if office is None:  # is_staff checked office_id; a stale object is a programming error
        raise LookupError("user has no office")
    return office


def is_supervisor(user: Viewer) -> bool:
    """Staff of a Bawaslu/Panwaslu office (as opposed to BKN or a PPK)."""
    return is_staff(user) and _office(user).kind in Office.SUPERVISORY


def region_q(user: Viewer, field: str = "region_code") -> Q:
    """Rows whose region code lies in the user's office territory; nothing for the public."""
    if not is_staff(user):
        return Q(pk__in=[])
    return region_subtree_q(_office(user).region_code, field)


def territory(user: Viewer) -> str | None:
    """The region code of the user's office ("" national); None for the public.

    A search block only (the name index is partitioned by region): rows still go through ``restrict``.
    """
    return _office(user).region_code if is_staff(user) else None


def agency_subtree_ids(office: Office) -> set[int]:
    """A PPK's agency and all its units at any depth; empty for other offices.

    One query per level of the agency tree, remembered on the office for the rest of the request.
    """
    if office.kind != Office.Kind.PPK or office.agency_id is None:
        return set()
    cached: set[int] | None = office.__dict__.get(_SUBTREE_CACHE)
    if cached is None:
        agencies = apps.get_model("registry", "Agency").objects  # registry imports accounts, not back
        cached, frontier = {office.agency_id}, {office.agency_id}
        while frontier:
            frontier = set(agencies.filter(parent_id__in=frontier).values_list("pk", flat=True)) - cached
            cached |= frontier
        office.__dict__[_SUBTREE_CACHE] = cached
    return set(cached)


def agency_q(user: Viewer, field: str = "agency") -> Q:
    """For PPK staff: rows whose agency (``field`` holds an Agency id/FK) lies in their subtree."""
    if not is_staff(user):
        return Q(pk__in=[])
    return Q(**{f"{field}__in": agency_subtree_ids(_office(user))})


# Reads ----------------------------------------------------------------------------------------


def _nothing() -> Q:
    return Q(pk__in=[])


def _recommendation_q(office: Office, prefix: str = "") -> Q:
    """Recommendations addressed to a BKN/PPK office (PPK: about a terlapor of its subtree)."""
    if office.kind == Office.Kind.BKN:
        return Q(**{f"{prefix}to_bkn": True})
    if office.kind == Office.Kind.PPK and office.agency_id is not None:
        return Q(**{f"{prefix}to_ppk": True, f"{prefix}terlapor__agency_id__in": agency_subtree_ids(office)})
    return _nothing()


def _related(model: type[Model], field: str) -> type[Model]:
    """The model at the other end of ``model.field`` (models are reached by name, not imported)."""
    related = model._meta.get_field(field).related_model
    if not isinstance(related, type):
        raise LookupError(f"{model._meta.label}.{field} is not a relation")
    return related


def _case_q(model: type[Model], user: User, action: str) -> Q:
    office = _office(user)
    if office.is_supervisory:
        if action in (VIEW, SUPERVISE):
            return region_q(user, "region_code")
        return Q(office_id=office.pk) if action == HANDLE else _nothing()
    if action not in (VIEW, FOLLOW_UP):
        return _nothing()
    recommendations = _related(model, "recommendations")
    return Q(pk__in=recommendations._default_manager.filter(_recommendation_q(office)).values("case_id"))


def _case_row_q(model: type[Model], user: User, action: str) -> Q:
    """Rows that belong to one case (evidence, comments...): those of the cases the user may see."""
    case_model = _related(model, "case")
    return Q(case_id__in=case_model._default_manager.filter(_case_q(case_model, user, action)).values("pk"))


def _internal_case_row_q(model: type[Model], user: User, action: str) -> Q:
    """Bawaslu's own working records of a case (comments, clarifications): supervisory offices, on
    the cases they see."""
    if not _office(user).is_supervisory:
        return _nothing()
    return _case_row_q(model, user, action)


def _recommendation_rows_q(model: type[Model], user: User, action: str) -> Q:
    office = _office(user)
    if office.is_supervisory:
        return _case_row_q(model, user, action)
    return _recommendation_q(office) if action in (VIEW, FOLLOW_UP) else _nothing()


def _clock_rows_q(model: type[Model], user: User, action: str) -> Q:
    """Follow-up clocks: those of the recommendations the user may read (or follow up)."""
    recommendations = _related(model, "recommendation")
    rows = recommendations._default_manager.filter(_recommendation_rows_q(recommendations, user, action))
    return Q(recommendation_id__in=rows.values("pk"))


def _letter_rows_q(model: type[Model], user: User, action: str) -> Q:
    """Issued letters: a supervisory office those of the cases it sees; BKN and a PPK the letters about
    the recommendations addressed to them (never an invitation or a notice of another case)."""
    office = _office(user)
    if office.is_supervisory:
        return _case_row_q(model, user, action)
    if action != VIEW:
        return _nothing()
    return Q(recommendation__isnull=False) & _recommendation_q(office, "recommendation__")


def _pegawai_q(model: type[Model], user: User, action: str) -> Q:
    office = _office(user)
    if action != VIEW:
        return _nothing()
    if office.kind == Office.Kind.PPK:
        return agency_q(user, "agency") | agency_q(user, "unit")
    return region_q(user, "region__code")


def _own_tokens_q(model: type[Model], user: User, action: str) -> Q:
    return Q(user_id=user.pk)


def _own_rows_q(model: type[Model], user: User, action: str) -> Q:
    return Q(user_id=user.pk)


def _own_notifications_q(model: type[Model], user: User, action: str) -> Q:
    return Q(recipient_id=user.pk) if action == VIEW else _nothing()


def _office_staff_q(model: type[Model], user: User, action: str) -> Q:
    return Q(office_id=user.office_id)


def _tally_q(model: type[Model], user: User, action: str) -> Q:
    """Pre-aggregated case counts: a supervisory office its territory, BKN the cases addressed to it.

    A PPK's cases are too few and too scattered for a tally: its statistics are counted live."""
    office = _office(user)
    if action != VIEW:
        return _nothing()
    if office.is_supervisory:
        return region_q(user, "region_code")
    return Q(to_bkn=True) if office.kind == Office.Kind.BKN else _nothing()


def _region_figures_q(model: type[Model], user: User, action: str) -> Q:
    """Figures per region or office (the vulnerability index, deadline compliance): supervisory
    offices read their territory, BKN reads all of them (national figures), a PPK none."""
    office = _office(user)
    if action != VIEW:
        return _nothing()
    if office.is_supervisory:
        return region_q(user, "region_code")
    return Q() if office.kind == Office.Kind.BKN else _nothing()


def _prevention_q(model: type[Model], user: User, action: str) -> Q:
    """Events and pledges: supervisory offices read and act (SUPERVISE) in their region subtree, BKN
    reads all, a PPK reads those of its agency subtree (an event: organiser or audience)."""
    office = _office(user)
    if office.is_supervisory:
        return region_q(user, "region_code") if action in (VIEW, SUPERVISE) else _nothing()
    if action != VIEW:
        return _nothing()
    if office.kind == Office.Kind.BKN:
        return Q()
    if model._meta.label == _PLEDGE:
        return agency_q(user, "agency")
    audience = model._meta.get_field("audience_agencies").remote_field.through  # type: ignore[union-attr]
    ids = agency_subtree_ids(office)
    heard = audience._default_manager.filter(agency_id__in=ids).values("event_id")
    return agency_q(user, "organiser_agency") | Q(pk__in=heard)


def _prevention_row_q(model: type[Model], user: User, action: str) -> Q:
    """Rows of one event or pledge (attendees, signatories, files): those of the visible parents."""
    found = _nothing()
    for field in ("event", "pledge"):
        try:
            parent = _related(model, field)
        except FieldDoesNotExist:
            continue
        visible = parent._default_manager.filter(_prevention_q(parent, user, action)).values("pk")
        found |= Q(**{f"{field}_id__in": visible})
    return found


_PLEDGE = "prevention.Pledge"
_PREVENTION = ("prevention.Event", _PLEDGE)

_RULES = {
    _CASE: _case_q,
    "prevention.Event": _prevention_q,
    _PLEDGE: _prevention_q,
    "prevention.Attendee": _prevention_row_q,
    "prevention.Signatory": _prevention_row_q,
    "prevention.Document": _prevention_row_q,
    "cases.Recommendation": _recommendation_rows_q,
    "cases.Evidence": _case_row_q,
    "cases.Comment": _internal_case_row_q,
    "cases.Clarification": _internal_case_row_q,
    "registry.Pegawai": _pegawai_q,
    "accounts.ApiToken": _own_tokens_q,
    "accounts.User": _office_staff_q,
    "cases.Reporter": _case_row_q,
    "notifications.Notification": _own_notifications_q,
    "notifications.Preference": _own_rows_q,
    "notifications.MailSettings": _own_rows_q,
    "notifications.CalendarToken": _own_rows_q,
    "analytics.CaseTally": _tally_q,
    "analytics.DeadlineTally": _region_figures_q,
    "analytics.RegionIndex": _region_figures_q,
    "cases.IssuedLetter": _letter_rows_q,
    "cases.FollowupClock": _clock_rows_q,
    "cases.LetterTemplate": _office_staff_q,
    "cases.FollowupTarget": _office_staff_q,
}


def restrict(qs: QuerySet[Any], user: Viewer, action: str = VIEW) -> QuerySet[Any]:
    """``qs`` narrowed to the rows ``user`` may read (``VIEW``) or act on (another action).

    Models without a rule here raise LookupError: adding a model to a selector means adding its
    rule, never a silent "everything".
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    rule = _RULES.get(qs.model._meta.label)
    if rule is None:
        raise LookupError(f"no jurisdiction rule for {qs.model._meta.label}")
    if not is_staff(user):
        return qs.none()
    return qs.filter(rule(qs.model, user, action))


# Acting on one object ------------------------------------------------------------------------


def _can_on_case(user: User, case: Any, action: str) -> bool:
    office = _office(user)
    if action == HANDLE:
        return office.is_supervisory and user.office_id == case.office_id
    if action == SUPERVISE:
        return office.is_supervisory and office_covers(office, case.region_code)
    if action == VIEW and office.is_supervisory:
        return office_covers(office, case.region_code)
    if office.kind not in _RECIPIENTS:
        return False
    return restrict(type(case).objects.filter(pk=case.pk), user, action).exists()


def _can_on_region(user: User, region: Any, action: str) -> bool:
    office = _office(user)
    return action == SUPERVISE and office.is_supervisory and office_covers(office, region.code)


def _can_on_prevention(user: User, obj: Any, action: str) -> bool:
    office = _office(user)
    if action == SUPERVISE:
        return office.is_supervisory and office_covers(office, obj.region_code)
    if action != VIEW:
        return False
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, VIEW).exists()


def can(user: Viewer, obj: Model, action: str) -> bool:
    """Whether ``user``'s office may take ``action`` on ``obj`` (a case, or a region for SUPERVISE).

    Jurisdiction only: the role a step needs is the caller's rule (``workflow.ACTIONS``).
    """
    if not is_staff(user):
        return False
    label = obj._meta.label
    if label == _CASE:
        return _can_on_case(user, obj, action)
    if label == "registry.Region":
        return _can_on_region(user, obj, action)
    if label in _PREVENTION:
        return _can_on_prevention(user, obj, action)
    raise LookupError(f"no jurisdiction rule for acting on {label}")


def sees_identities(user: Viewer, case: Any) -> bool:
    """The reporter's and witnesses' identities: the handling office's pimpinan and staf penanganan."""
    return is_staff(user) and can(user, case, HANDLE) and user.has_role(Role.PIMPINAN, Role.STAF_PENANGANAN)


# Described for people ------------------------------------------------------------------------


def _describe(office: Office) -> str:
    if office.kind == Office.Kind.BKN:
        return _("Rekomendasi yang diteruskan kepada BKN, seluruh Indonesia")
    if office.kind == Office.Kind.PPK:
        name = office.agency.name if office.agency else office.name
        return _("Rekomendasi tentang pegawai %(agency)s dan unit kerjanya") % {"agency": name}
    if office.region_code == "":
        return _("Seluruh Indonesia")
    label = office.region.name if office.region else office.region_code
    if office.kind == Office.Kind.PANWASLU_KECAMATAN:
        return label
    return _("%(region)s dan wilayah di bawahnya") % {"region": label}


def jurisdiction_of(user: User) -> dict[str, Any]:
    """What the user's office may see, in words, for the profile page and the API."""
    office = _office(user)
    return {
        "region_code": office.region_code,
        "national": office.region_code == "",
        "description": str(_describe(office)),
    }
