"""Background work for notifications: interfaces only, each calls one service (style rule 6)."""

from django.utils import timezone
from django_tasks import task

from netra.notifications.services.run import notifications_send, reminders_run


@task()
def reminders_send() -> dict:
    """Create the reminders due now and send pending emails (idempotent: enqueued by the scheduler)."""
    created = reminders_run(now=timezone.now())
    return {"created": len(created)}


@task()
def notifications_deliver() -> dict:
    """Send the emails waiting (enqueued when an act creates some)."""
    result = notifications_send(now=timezone.now())
    return {"sent": result.sent, "failed": result.failed}
