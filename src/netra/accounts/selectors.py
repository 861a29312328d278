"""Readers for accounts data that reaches users."""

from django.db.models import QuerySet
from django.http import Http404

from netra.accounts.models import ApiToken, User
from netra.accounts.scoping import VIEW, restrict

# Readers that need no user: the second login step looks its user up before anybody is logged in.
PUBLIC_READERS = ("user_get_active",)


def token_list_for(user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones included, marked)."""
    return restrict(ApiToken.objects.all(), user, VIEW).order_by("-created_at", "-pk")


def token_get_for(user, token_id: int) -> ApiToken:
    """One of the user's own tokens; 404 for anybody else's."""
    token = token_list_for(user).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    return token


def user_get_active(user_id) -> "User | None":
    """An active user by primary key (for the second login step), or None."""
    return User.objects.select_related("office").filter(pk=user_id, is_active=True).first()
