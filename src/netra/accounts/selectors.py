"""Readers for accounts data that reaches users."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from netra.accounts.models import ApiToken, Office, User


def token_list_for(user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones included, marked)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


def token_get_for(user, token_id: int) -> ApiToken:
    """One of the user's own tokens; 404 for anybody else's."""
    token = ApiToken.objects.filter(user_id=user.pk, pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def _describe(office) -> str:
    if office.kind == Office.Kind.BKN:
        return _("Rekomendasi yang diteruskan kepada BKN, seluruh Indonesia")
    if office.kind == Office.Kind.PPK:
        name = office.agency.name if office.agency_id else office.name
        return _("Rekomendasi tentang pegawai %(agency)s dan unit kerjanya") % {"agency": name}
    if office.region_code == "":
        return _("Seluruh Indonesia")
    label = office.region.name if office.region_id else office.region_code
    if office.kind == Office.Kind.PANWASLU_KECAMATAN:
        return label
    return _("%(region)s dan wilayah di bawahnya") % {"region": label}


def jurisdiction_of(user) -> dict:
    """What the user's office may see, for display (the rule itself lives in ``scoping``)."""
    office = user.office
    return {
        "region_code": office.region_code,
        "national": office.region_code == "",
        "description": str(_describe(office)),
    }


def user_get_active(user_id) -> "User | None":
    """An active user by primary key (for the second login step), or None."""
    return User.objects.select_related("office").filter(pk=user_id, is_active=True).first()
