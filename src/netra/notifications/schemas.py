"""API schemas for notifications."""

from datetime import datetime

from ninja import Schema


class NotificationOut(Schema):
    """One in-app notification of the authenticated user."""

    id: int
    kind: str
    kind_label: str
    case_id: int | None
    step: str
    due: datetime | None
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class UnreadOut(Schema):
    unread: int
