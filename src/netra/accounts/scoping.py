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
