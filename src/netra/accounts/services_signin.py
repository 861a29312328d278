"""Audited sign-ins: every login and every failed login leaves one audit event.

Django's auth signals call these (``AccountsConfig.ready`` connects them): ``user_logged_in`` fires
once the whole login, second factor included, has succeeded; ``user_login_failed`` for every refused
password, including those django-axes refuses during a lockout. The OTP step records each wrong code
itself (``signin_failure_record(step="code")``).
"""

from django.db import transaction

from netra.audit.services import event_record

USERNAME_LIMIT = 64  # the longest username the log keeps (object ids are 64 characters)


def _client_address(request) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", "") or request.META.get("REMOTE_ADDR", "")


def signin_record(*, user, request) -> None:
    with transaction.atomic():
        event_record(
            actor=user.get_username(),
            action="account.login",
            obj_type="accounts.user",
            obj_id=user.pk,
            data={"ip": _client_address(request)},
            office_code=user.office.region_code if getattr(user, "office", None) else "",
        )


def signin_failure_record(*, username: str, request, step: str = "password") -> None:
    """A refused sign-in; the username as typed (it may name no account). ``step`` "code": the
    password was right but the second factor's code was not (``data.step`` says so)."""
    typed = (username or "")[:USERNAME_LIMIT] or "-"
    data = {"ip": _client_address(request), "username": typed}
    if step != "password":
        data["step"] = step
    with transaction.atomic():
        event_record(
            actor="public", action="account.login_failed", obj_type="accounts.login", obj_id=typed, data=data
        )


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    signin_record(user=user, request=request)


def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    signin_failure_record(username=str(credentials.get("username", "")), request=request)
