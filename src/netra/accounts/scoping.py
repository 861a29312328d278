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
  For cases both read the flags ``Case.recommended_to_bkn`` / ``recommended_to_ppk`` that the cases
  services keep equal to the recommendations (``netra.cases.services.recipients``); a PPK's rule
  then narrows to the recommendations about its agency subtree.
* **Elections and their scorer configuration**: supervisory offices read those concerning their
  territory (national, below it, or holding it); they edit (``SUPERVISE``) a configuration whose area
  their territory holds. BKN and PPK offices see none.
* **The public** (anonymous, inactive or office-less users) sees none of these rows.
* **Prevention** (events, pledges and their lists and files): supervisory offices read and act
  (``SUPERVISE``) in their region subtree; BKN reads all; a PPK reads those of its agency subtree.
  The public sees only the public page's aggregates (``netra.prevention.selectors``), never a name.
* **Monitoring** (items, sources, watched accounts, captures): supervisory offices read and triage
  (``SUPERVISE``) in their region subtree: an item by its region, falling back to the region of its
  source's office; sources and watched accounts by their office. BKN and PPK offices do not triage.

Models are told apart by their label, so this module imports no other app: registry and cases
import accounts, never the other way round.
"""

from typing import Any, TypeAlias, TypeGuard

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
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


def case_region_scope(user: Viewer) -> str:
    """The region whose subtree holds every case ``user`` may see: a supervisory office's own region;
    "" (no region bound) for the national office, BKN, a PPK and the public (whose scopes are not
    regions). A hint for the search index (``cases.fulltext.Within``): rows still go through
    ``restrict``."""
    if not is_staff(user) or not _office(user).is_supervisory:
        return regioncode.NATIONAL
    return _office(user).region_code


def narrower_region(scope: str, code: str) -> str:
    """Of a scope's region and a region filter, the one whose subtree bounds both filters' rows: the
    filter when it lies within the scope, else the scope."""
    return code if code and region_within(code, scope) else scope


def agency_subtree_ids(office: Office) -> set[int]:
    """A PPK's agency and all its units at any depth; empty for other offices.

    One recursive query whatever the tree's depth (a PPK's every page asks, several times), remembered
    on the office for the rest of the request.
    """
    if office.kind != Office.Kind.PPK or office.agency_id is None:
        return set()
    cached: set[int] | None = office.__dict__.get(_SUBTREE_CACHE)
    if cached is None:
        cached = _agency_subtree(office.agency_id)
        office.__dict__[_SUBTREE_CACHE] = cached
    return set(cached)


def _agency_subtree(root: int) -> set[int]:
    """``root`` and every agency below it (UNION, not UNION ALL: a cycle in the data cannot loop)."""
    agency = apps.get_model("registry", "Agency")  # registry imports accounts, not back
    meta, quote = agency._meta, connections[agency.objects.db].ops.quote_name
    table, key, parent = quote(meta.db_table), quote(meta.pk.column), quote(meta.get_field("parent").column)
    sql = (
        f"WITH RECURSIVE subtree(id) AS (SELECT {key} FROM {table} WHERE {key} = %s UNION "  # noqa: S608
        f"SELECT a.{key} FROM {table} a JOIN subtree s ON a.{parent} = s.id) SELECT id FROM subtree"
    )
    with connections[agency.objects.db].cursor() as cursor:
        cursor.execute(sql, [root])
        return {row[0] for row in cursor.fetchall()}


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
    # The recipient flags the cases services keep on the case (netra.cases.services.recipients): a
    # column filter that the partial indexes case_bkn_* / case_ppk_* serve in the list and queue orders.
    if office.kind == Office.Kind.BKN:
        return Q(recommended_to_bkn=True)
    if office.kind != Office.Kind.PPK or office.agency_id is None:
        return _nothing()
    recommendations = _related(model, "recommendations")
    about_agency = recommendations._default_manager.filter(_recommendation_q(office)).values("case_id")
    return Q(recommended_to_ppk=True, pk__in=about_agency)


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


def _related_regions_q(user: User, field: str) -> Q:
    """Rows whose region (``field``, a Region relation, null for "everywhere") concerns the office:
    the whole area, the office's territory and below, and the regions holding it (a kabupaten office
    reads its province's Pilgub)."""
    code = _office(user).region_code
    if code == regioncode.NATIONAL:
        return Q()
    return (
        Q(**{f"{field}__isnull": True})
        | region_subtree_q(code, f"{field}__code")
        | Q(**{f"{field}__code__in": regioncode.lineage(code)})
    )


def _election_q(model: type[Model], user: User, action: str) -> Q:
    """Elections and their scorer configuration: supervisory offices read those that concern their
    territory (national ones, their regions', those of the regions holding them); nobody else."""
    if not _office(user).is_supervisory or action != VIEW:
        return _nothing()
    if model._meta.label == _ELECTION:
        return _related_regions_q(user, "region")
    return _related_regions_q(user, "election__region") & _related_regions_q(user, "region")


_PLEDGE = "prevention.Pledge"
_PREVENTION = ("prevention.Event", _PLEDGE)
_ELECTION = "cases.Election"
_ELECTION_SETTING = "cases.ElectionSetting"


# Monitoring (issue 12): supervisory offices only; BKN and PPK offices do not triage. ---------------


def _monitoring_item_region_q(user: User) -> Q:
    """Items in the user's territory: the item's own region, else (no region found yet) the region of
    the office whose source brought it."""
    if _office(user).region_code == regioncode.NATIONAL:
        return Q()  # (an empty Q() OR'ed with another is that other, not "everything")
    own = region_q(user, "region_code")
    fallback = Q(region_code="") & region_q(user, "source__office__region_code")
    return own | fallback


def _monitoring_item_q(model: type[Model], user: User, action: str) -> Q:
    """Monitoring items: supervisory offices read and triage (SUPERVISE) those of their territory."""
    if not _office(user).is_supervisory or action not in (VIEW, SUPERVISE):
        return _nothing()
    return _monitoring_item_region_q(user)


def _monitoring_office_q(model: type[Model], user: User, action: str) -> Q:
    """Sources and watched accounts: those of the supervisory offices in the user's territory."""
    if not _office(user).is_supervisory or action not in (VIEW, SUPERVISE):
        return _nothing()
    return region_q(user, "office__region_code")


def _monitoring_capture_q(model: type[Model], user: User, action: str) -> Q:
    """Page captures: those of the items the user may read, and the user's own captures of no item."""
    if not _office(user).is_supervisory or action not in (VIEW, SUPERVISE):
        return _nothing()
    items = _related(model, "item")._default_manager.filter(_monitoring_item_region_q(user))
    return Q(item_id__in=items.values("pk")) | Q(item__isnull=True, captured_by_id=user.pk)


def monitoring_item_region_code(item: Any) -> str:
    """The region an item counts in for jurisdiction: its own, else its source office's."""
    return item.region_code or item.source.office.region_code


_MONITORING_ITEM = "monitoring.Item"
_MONITORING = (_MONITORING_ITEM, "monitoring.Source", "monitoring.WatchedAccount")

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
    "cases.Witness": _case_row_q,
    "notifications.Notification": _own_notifications_q,
    "notifications.Preference": _own_rows_q,
    "notifications.MailSettings": _own_rows_q,
    "notifications.CalendarToken": _own_rows_q,
    "analytics.CaseTally": _tally_q,
    "analytics.ComplianceTally": _tally_q,
    "analytics.DeadlineTally": _region_figures_q,
    "analytics.RegionIndex": _region_figures_q,
    "cases.IssuedLetter": _letter_rows_q,
    "cases.FollowupClock": _clock_rows_q,
    "cases.LetterTemplate": _office_staff_q,
    "cases.FollowupTarget": _office_staff_q,
    _MONITORING_ITEM: _monitoring_item_q,
    "monitoring.Source": _monitoring_office_q,
    "monitoring.WatchedAccount": _monitoring_office_q,
    "monitoring.Capture": _monitoring_capture_q,
    _ELECTION: _election_q,
    _ELECTION_SETTING: _election_q,
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


def _can_on_monitoring(user: User, obj: Any, action: str) -> bool:
    office = _office(user)
    if not office.is_supervisory or action not in (VIEW, SUPERVISE):
        return False
    if obj._meta.label == _MONITORING_ITEM:
        return office_covers(office, monitoring_item_region_code(obj))
    return office_covers(office, obj.office.region_code)


def _can_on_election_setting(user: User, setting: Any, action: str) -> bool:
    """SUPERVISE (edit) a configuration: a supervisory office whose territory holds the configured
    area: the national office for a national election's, a province's or kabupaten's office for its
    own Pilkada (a province's office also for the kabupaten of its province)."""
    office = _office(user)
    if not office.is_supervisory:
        return False
    code = setting.region_id or setting.election.region_id or regioncode.NATIONAL
    if action == SUPERVISE:
        return office_covers(office, code)
    if action == VIEW:
        return regioncode.related(code, office.region_code)
    return False


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
    if label in _MONITORING:
        return _can_on_monitoring(user, obj, action)
    if label == _ELECTION_SETTING:
        return _can_on_election_setting(user, obj, action)
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
