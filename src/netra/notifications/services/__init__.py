"""Notifications services: the only code that writes the notifications app's rows."""

from netra.notifications.services.events import (
    announces,
    notify_case_assigned,
    notify_case_received,
    notify_case_transition,
)
from netra.notifications.services.notices import status_notice_letter_attach
from netra.notifications.services.run import notifications_send, reminders_run
from netra.notifications.services.settings import (
    calendar_token_create,
    calendar_token_revoke,
    notification_mark_read,
    notifications_mark_all_read,
    preferences_set,
)

__all__ = [
    "announces",
    "calendar_token_create",
    "calendar_token_revoke",
    "notification_mark_read",
    "notifications_mark_all_read",
    "notifications_send",
    "notify_case_assigned",
    "notify_case_received",
    "notify_case_transition",
    "preferences_set",
    "reminders_run",
    "status_notice_letter_attach",
]
