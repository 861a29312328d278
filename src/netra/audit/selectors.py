"""Reading the audit log. Callers check that the user may see the object before asking."""

from django.db.models import QuerySet

from netra.audit.models import Event


def events_for_object(user, obj_type: str, obj_id: str | int) -> QuerySet[Event]:
    """The history of one object, oldest first; empty for anonymous or inactive users."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Event.objects.none()
    return Event.objects.filter(object_type=obj_type, object_id=str(obj_id)).order_by("seq")


def events_recent(*, obj_type: str = "", obj_id: str = "", limit: int = 50) -> list[Event]:
    """The newest events (for the operator's CLI), optionally for one object, oldest first."""
    qs = Event.objects.all()
    if obj_type:
        qs = qs.filter(object_type=obj_type)
    if obj_id:
        qs = qs.filter(object_id=obj_id)
    return list(reversed(qs.order_by("-seq")[:limit]))
