"""Reading the audit log. The log is for the operator (``netra audit``), not shown to users yet: a
screen that shows an object's history to staff must first restrict the object itself through
``netra.accounts.scoping`` (audit sits below accounts and cannot import it)."""

from netra.audit.models import Event

# The operator's CLI reads the log on the server, without a user.
PUBLIC_READERS = ("events_recent",)


def events_recent(*, obj_type: str = "", obj_id: str = "", limit: int = 50) -> list[Event]:
    """The newest events (for the operator's CLI), optionally for one object, oldest first."""
    qs = Event.objects.all()
    if obj_type:
        qs = qs.filter(object_type=obj_type)
    if obj_id:
        qs = qs.filter(object_id=obj_id)
    return list(reversed(qs.order_by("-seq")[:limit]))
