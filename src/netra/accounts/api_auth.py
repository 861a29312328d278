"""Authentication for the REST API: a bearer token, or the staff member's browser session.

Use ``auth=staff_auth`` on a ninja router or operation. Both methods accept only active users
attached to an office; session requests must carry the CSRF token (ninja's SessionAuth checks it).
"""

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from netra.accounts.models import ApiToken, User
from netra.accounts.scoping import is_staff
from netra.accounts.services_tokens import token_touch
from netra.accounts.services_twofactor import twofactor_enabled, twofactor_required


def is_staff_member(user) -> bool:
    """Active, authenticated and attached to an office (``scoping.is_staff``)."""
    return is_staff(user)


def user_for_token(raw: str):
    """The user a raw token belongs to, or None if it is unknown, revoked, or its user may not act."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__office")
        .filter(token_hash=ApiToken.hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not is_staff_member(token.user):
        return None
    token_touch(token=token)
    return token.user


def _needs_second_factor(user) -> bool:
    """A session that skipped a second factor the user has, or that their role requires."""
    if getattr(user, "is_verified", lambda: False)():
        return False
    return twofactor_required(user) or twofactor_enabled(user)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``."""

    def authenticate(self, request, token: str):
        user = user_for_token(token.strip())
        if user is not None:
            request.user = user
        return user


class StaffSessionAuth(SessionAuth):
    """The logged-in browser session of a staff member (CSRF checked on unsafe methods)."""

    def __call__(self, request):
        # No session cookie: nothing to check, and a failed bearer token should answer 401, not a
        # CSRF 403 from the session check.
        if self.param_name not in request.COOKIES:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if not is_staff_member(user) or _needs_second_factor(user):
            return None
        return user


class AuthedRequest(HttpRequest):
    """The request of an operation behind ``staff_auth``: ninja sets ``auth`` to the staff member.
    Only for annotations (``request: AuthedRequest``); ninja never builds one."""

    auth: User


token_auth = TokenAuth()
session_auth = StaffSessionAuth()
staff_auth = [token_auth, session_auth]
