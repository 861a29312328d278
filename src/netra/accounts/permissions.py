"""Role checks for services and views. Territory checks live in ``scoping`` and ``offices``."""

from django.core.exceptions import PermissionDenied


def require_role(user, *roles: str) -> None:
    """Raise PermissionDenied unless ``user`` is active staff of an office holding one of ``roles``."""
    if not roles:
        raise ValueError("require_role needs at least one role")
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_role(*roles):
        raise PermissionDenied("Your role does not allow this action.")
