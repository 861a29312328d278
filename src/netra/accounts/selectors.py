"""Readers for accounts data that reaches users."""

from django.db.models import QuerySet
from django.http import Http404

from netra.accounts.models import ApiToken, User


def token_list_for(user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones included, marked)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


def token_get_for(user, token_id: int) -> ApiToken:
    """One of the user's own tokens; 404 for anybody else's."""
    token = ApiToken.objects.filter(user_id=user.pk, pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def jurisdiction_of(user) -> dict:
    """What the user's office may see, for display."""
    office = user.office
    if office.region_code == "":
        return {"region_code": "", "national": True, "description": "Seluruh Indonesia"}
    region = office.region or (office.agency.region if office.agency_id else None)
    label = region.name if region else office.region_code
    return {"region_code": office.region_code, "national": False, "description": label}


def user_get_active(user_id) -> "User | None":
    """An active user by primary key (for the second login step), or None."""
    return User.objects.select_related("office").filter(pk=user_id, is_active=True).first()
