"""What a user chooses (channels per kind, digest mode) and does with notifications (mark read), and
the calendar feed tokens created on the settings page."""

import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from netra.notifications.models import STAFF_KINDS, CalendarToken, MailSettings, Notification, Preference
from netra.notifications.services.common import audit, now


def _staff_only(user) -> None:
    if not (user.is_authenticated and user.is_active and user.office_id):
        raise PermissionDenied("Hanya petugas yang memiliki pengaturan pemberitahuan.")


def preferences_set(*, user, choices: dict[str, tuple[bool, bool]], digest: bool) -> None:
    """Store ``kind -> (in_app, email)`` for every staff kind given, and the digest mode."""
    _staff_only(user)
    with transaction.atomic():
        for kind in STAFF_KINDS:
            if kind in choices:
                in_app, email = choices[kind]
                Preference.objects.update_or_create(
                    user=user, kind=kind, defaults={"in_app": in_app, "email": email}
                )
        settings_row, _created = MailSettings.objects.get_or_create(user=user)
        MailSettings.objects.filter(pk=settings_row.pk).update(digest=digest)
        data = {"digest": digest, "choices": {k: list(v) for k, v in sorted(choices.items())}}
        audit(actor=user.get_username(), action="notifications.preferences", obj=user, data=data)


def notification_mark_read(*, user, notification: Notification, at: datetime | None = None) -> int:
    """Mark one of the user's in-app notifications read (0 when it already was)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied("Bukan pemberitahuan Anda.")
    with transaction.atomic():
        changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=at or now()
        )
        if changed:
            audit(actor=user.get_username(), action="notification.read", obj=notification)
    return changed


def notifications_mark_all_read(*, user, at: datetime | None = None) -> int:
    """Mark every unread in-app notification of the user read; returns how many."""
    with transaction.atomic():
        changed = Notification.objects.filter(
            recipient_id=user.pk, channel="in_app", read_at__isnull=True
        ).update(read_at=at or now())
        if changed:
            audit(
                actor=user.get_username(), action="notifications.read_all", obj=user, data={"count": changed}
            )
    return changed


def calendar_token_create(*, user) -> CalendarToken:
    """A new feed token for the user's office deadlines; ``token.raw`` holds it, shown this once."""
    _staff_only(user)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = CalendarToken.objects.create(
            user=user, token_hash=CalendarToken.hash(raw), prefix=raw[:8], created_at=now()
        )
        audit(actor=user.get_username(), action="calendar_token.create", obj=token)
    token.raw = raw
    return token


def calendar_token_revoke(*, user, token: CalendarToken) -> CalendarToken:
    """Revoke one of the user's feed tokens: its URL answers 404 from now on."""
    if token.user_id != user.pk:
        raise PermissionDenied("Bukan token Anda.")
    with transaction.atomic():
        CalendarToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now())
        audit(actor=user.get_username(), action="calendar_token.revoke", obj=token)
    token.refresh_from_db()
    return token
