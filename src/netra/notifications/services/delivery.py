"""Email delivery: each pending email is claimed by compare-and-swap before the server is contacted,
and marked sent once the server accepted it, so two workers never send the same row. A row whose
claim is older than ``CLAIM_TIMEOUT`` without being sent (its worker died mid-send) is tried again:
that window is the only way a message can go out twice (docs/notifications.md)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from netra.audit.services import event_record
from netra.law.timezones import zoneinfo_for
from netra.notifications.models import Channel, Kind, MailSettings, Notification
from netra.notifications.services.common import model, reporter_address

CLAIM_TIMEOUT = timedelta(minutes=30)
BATCH = 200
NO_ADDRESS = "no address"  # nobody to send to: not retried (a later notification reads the new address)


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    failed: int = 0


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _due_text(row: Notification) -> str:
    if row.due is None or row.case is None:
        return ""
    zone = zoneinfo_for(row.case.region_code or None)
    local = row.due.astimezone(zone)
    return f"{local:%d-%m-%Y %H:%M} {local.tzname()}"


def _staff_message(row: Notification) -> tuple[str, str, str]:
    case, recipient = row.case, row.recipient
    if recipient is None:
        raise ValueError("a staff notification without its recipient")
    context = {
        "kind": Kind(row.kind).label,
        "case": case,
        "due": _due_text(row),
        "url": _site(reverse("cases:detail", args=[case.pk])) if case else _site("/"),
    }
    subject = f"[Netra] {context['kind']}: {case.register_number or case.title if case else ''}"
    return subject[:200], render_to_string("notifications/email/staff.txt", context), recipient.email


def reporter_message(row: Notification) -> tuple[str, str, str]:
    """The pelapor's email: the receipt code and the announced status, nobody's identity."""
    case = row.case
    if case is None:
        raise ValueError("a reporter notice without its case")
    decision = model("cases.Decision").objects.filter(case_id=case.pk).first()
    context = {
        "case": case,
        "status": row.detail,
        "status_label": dict(case._meta.get_field("status").choices or []).get(row.detail, row.detail),
        "decision": decision,
        "office": case.office.name,
        "track_url": _site(reverse("cases:track")),
    }
    subject = f"[Netra] Pemberitahuan status laporan {case.receipt_display}"
    return (
        subject,
        render_to_string("notifications/email/reporter.txt", context),
        reporter_address(case.pk),
    )


def _message(row: Notification) -> tuple[str, str, str]:
    with translation.override("id"):
        if row.kind == Kind.REPORTER_STATUS:
            return reporter_message(row)
        return _staff_message(row)


def _claim(row: Notification, at: datetime) -> bool:
    claimed = Notification.objects.filter(pk=row.pk, sent_at__isnull=True, claimed_at=row.claimed_at)
    return claimed.update(claimed_at=at) == 1


def _pending(at: datetime):
    stale = at - CLAIM_TIMEOUT
    return (
        Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=True, digest=False)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .exclude(failed=NO_ADDRESS)
        .select_related("case__office", "recipient")
        .order_by("created_at", "pk")[:BATCH]
    )


def _send_one(row: Notification, at: datetime, connection) -> bool:
    subject, body, to = _message(row)
    if not to:
        Notification.objects.filter(pk=row.pk).update(failed=NO_ADDRESS)
        return False
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], connection=connection).send()
    except (OSError, ValueError) as error:  # smtplib errors are OSErrors
        Notification.objects.filter(pk=row.pk).update(failed=str(error)[:300])
        return False
    Notification.objects.filter(pk=row.pk).update(sent_at=at, failed="")
    return True


def _record(action: str, at: datetime, result: Delivery) -> None:
    if result.sent or result.failed:
        with transaction.atomic():
            event_record(
                actor="system",
                action=action,
                obj_type="notifications.deliveryrun",
                obj_id=at.isoformat(),
                data={"sent": result.sent, "failed": result.failed},
            )


def email_deliver_pending(*, at: datetime) -> Delivery:
    """Send every pending (non-digest) email once; one audit event for the run."""
    sent = failed = 0
    with get_connection() as connection:
        # Batches until none is left: each row is claimed at ``at``, so a claimed row never returns.
        while batch := list(_pending(at)):
            for row in batch:
                if not _claim(row, at):
                    continue  # another worker took it
                if _send_one(row, at, connection):
                    sent += 1
                else:
                    failed += 1
    result = Delivery(sent, failed)
    _record("notifications.deliver", at, result)
    return result


def _digest_day(at: datetime):
    return at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _digest_one(settings_row: MailSettings, at: datetime, connection) -> bool:
    today = _digest_day(at)
    claimed = MailSettings.objects.filter(pk=settings_row.pk, last_digest_on=settings_row.last_digest_on)
    if claimed.update(last_digest_on=today) != 1:
        return False
    rows = list(
        Notification.objects.filter(
            recipient_id=settings_row.user_id, channel=Channel.EMAIL, digest=True, sent_at__isnull=True
        )
        .select_related("case", "recipient")
        .order_by("created_at", "pk")
    )
    user = settings_row.user
    if not rows or not user.email:
        return False
    with translation.override("id"):
        items = [{"kind": Kind(r.kind).label, "case": r.case, "due": _due_text(r)} for r in rows]
        body = render_to_string(
            "notifications/email/digest.txt", {"items": items, "url": _site("/notifikasi/")}
        )
        subject = f"[Netra] Ringkasan harian {today:%d-%m-%Y}: {len(rows)} pemberitahuan"
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection).send()
    Notification.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=at, claimed_at=at)
    return True


def digest_send_due(*, at: datetime) -> Delivery:
    """Each digest user's daily email, once a day from ``NETRA_DIGEST_HOUR`` (local time)."""
    local = at.astimezone(ZoneInfo(settings.TIME_ZONE))
    if local.hour < settings.NETRA_DIGEST_HOUR:
        return Delivery()
    due = MailSettings.objects.filter(digest=True).filter(
        Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=local.date())
    )
    sent = 0
    with get_connection() as connection:
        for row in due.select_related("user"):
            sent += _digest_one(row, at, connection)
    result = Delivery(sent, 0)
    _record("notifications.digest", at, result)
    return result
