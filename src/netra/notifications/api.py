"""/api/v1/notifications/: my in-app notifications, the unread count, mark read."""

from ninja import Router

from netra.accounts.api_auth import AuthedRequest, staff_auth
from netra.notifications.schemas import NotificationOut, UnreadOut
from netra.notifications.selectors import notification_get_for, notification_list_for, unread_count_for
from netra.notifications.services import notification_mark_read

router = Router(auth=staff_auth, tags=["notifications"])
LIMIT = 100


@router.get("/", response=list[NotificationOut])
def notifications_list(request: AuthedRequest, unread: bool = False):
    """The newest 100 (only the unread ones with ``?unread=true``)."""
    return list(notification_list_for(request.auth, unread_only=unread)[:LIMIT])


@router.get("/unread", response=UnreadOut)
def notifications_unread(request: AuthedRequest):
    return UnreadOut(unread=unread_count_for(request.auth))


@router.post("/{notification_id}/read", response=NotificationOut)
def notifications_read(request: AuthedRequest, notification_id: int):
    notification = notification_get_for(request.auth, notification_id)
    notification_mark_read(user=request.auth, notification=notification)
    notification.refresh_from_db()
    return notification
