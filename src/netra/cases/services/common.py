"""Helpers every case service shares: errors, the audit call and the current time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from netra.audit.services import event_record


class TransitionNotAllowed(PermissionDenied):
    """The action is not valid for this user on this case in its current status."""


class CaseConflict(Exception):
    """Someone else changed the case first (compare-and-swap lost); reload and try again."""


__all__ = ["CaseConflict", "PermissionDenied", "TransitionNotAllowed", "ValidationError"]


def now():
    return timezone.now()


def actor_name(user) -> str:
    """The audit actor: a username, or "public" for a citizen without an account."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "public"
    return user.get_username()


def audit(*, user, action: str, obj, data: dict | None = None, office_code: str = "") -> None:
    """Record an audit event for ``obj`` (inside the caller's transaction)."""
    if not office_code and user is not None and getattr(user, "office", None) is not None:
        office_code = user.office.region_code
    event_record(
        actor=actor_name(user),
        action=action,
        obj_type=obj._meta.label_lower,
        obj_id=obj.pk,
        data=data,
        office_code=office_code,
    )
