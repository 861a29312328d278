"""One pass of the scheduled work: create the reminders due, send pending emails and due digests."""

from datetime import datetime

from netra.notifications.services.delivery import Delivery, digest_send_due, email_deliver_pending
from netra.notifications.services.reminders import Reminder, reminders_create


def reminders_run(*, now: datetime, dry_run: bool = False, send: bool = True) -> list[Reminder]:
    """The reminders created at ``now`` (or, with ``dry_run``, that would be: nothing is written or
    sent). With ``send``, pending emails (these and any left over) and due digests go out too."""
    created = reminders_create(now=now, dry_run=dry_run)
    if send and not dry_run:
        notifications_send(now=now)
    return created


def notifications_send(*, now: datetime) -> Delivery:
    single = email_deliver_pending(at=now)
    digests = digest_send_due(at=now)
    return Delivery(single.sent + digests.sent, single.failed + digests.failed)
