"""Jurisdiction: which rows a user's office may see. Every selector builds on these helpers."""

from django.db.models import Q

from netra.accounts.models import Office


def region_q(user, field: str = "region_code") -> Q:
    """Rows whose region code lies in the user's office territory; nothing for users without one.

    National offices (Bawaslu RI, BKN) have the empty code and see every region. Cases of a
    kabupaten are visible to it, its province and RI, never to a sibling kabupaten.
    """
    office = getattr(user, "office", None)
    if not getattr(user, "is_authenticated", False) or office is None or not user.is_active:
        return Q(pk__in=[])
    if office.region_code == "":
        return Q()
    return Q(**{field: office.region_code}) | Q(**{f"{field}__startswith": office.region_code + "."})


def is_supervisor(user) -> bool:
    """Staff of a Bawaslu/Panwaslu office (as opposed to BKN or a PPK)."""
    office = getattr(user, "office", None)
    return bool(getattr(user, "is_authenticated", False) and office and office.kind in Office.SUPERVISORY)


def ppk_agency_ids(office: Office) -> set[int]:
    """The agency of a PPK office and all its units (a PPK disciplines the staff of all of them)."""
    from netra.registry.models import Agency

    if office.kind != Office.Kind.PPK or office.agency_id is None:
        return set()
    ids, frontier = {office.agency_id}, {office.agency_id}
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def agency_q(user, field: str = "agency") -> Q:
    """For PPK staff: rows whose agency (``field`` holds an Agency id/FK) is their agency or a unit of it.

    ``region_q`` is territorial only and gives a PPK its agency's whole region; selectors for PPK
    users must use this filter instead (or on top).
    """
    office = getattr(user, "office", None)
    if not getattr(user, "is_authenticated", False) or office is None or not user.is_active:
        return Q(pk__in=[])
    return Q(**{f"{field}__in": ppk_agency_ids(office)})
