"""Notifications (in-app and email), each user's choices, the reporter's status notices, the public
notice board, calendar feed tokens and the scheduler's lease.

Only ``netra.notifications.services`` writes these rows; users read them through the selectors.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CASE_ASSIGNED = "case_assigned", _("Kasus ditugaskan kepada saya")
    DEADLINE_24H = "deadline_24h", _("Batas waktu dalam 24 jam")
    DEADLINE_TODAY = "deadline_today", _("Batas waktu hari ini")
    DEADLINE_PASSED = "deadline_passed", _("Batas waktu terlewati")
    NEW_REPORT = "new_report", _("Laporan baru di kantor saya")
    RECOMMENDATION_RECEIVED = "recommendation_received", _("Rekomendasi diterima (BKN, PPK)")
    SANCTION_RECORDED = "sanction_recorded", _("Sanksi dicatat")
    FOLLOWUP_OVERDUE = "followup_overdue", _("Tindak lanjut rekomendasi terlambat")
    REPORTER_STATUS = "reporter_status", _("Pemberitahuan status kepada pelapor")


# Reminders computed by the scheduler from the case's deadline; the rest follow an act of a service.
DEADLINE_KINDS = (Kind.DEADLINE_24H, Kind.DEADLINE_TODAY, Kind.DEADLINE_PASSED, Kind.FOLLOWUP_OVERDUE)
# What a user may choose (the reporter's emails are the law's, not a staff preference).
STAFF_KINDS = tuple(k for k in Kind if k != Kind.REPORTER_STATUS)


class Channel(models.TextChoices):
    IN_APP = "in_app", _("Di aplikasi")
    EMAIL = "email", _("Email")


class Notification(models.Model):
    """One message to one recipient on one channel.

    ``key`` makes it idempotent: kind + case + step + recipient + due + channel for a reminder (the
    same reminder is never created twice, even across worker restarts), the event's own identity for
    the rest. A reporter (no account) is the recipient when ``recipient`` is null: the address is read
    from the case when the email goes out, never copied here.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=32, choices=Kind.choices, db_index=True)
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    step = models.CharField(_("tahap"), max_length=24, blank=True)
    due = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    # The status a reporter notice announces (reporter_status), or the event's detail.
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    # Email: claimed by a sender (compare-and-swap) before it talks to the server, sent once accepted.
    digest = models.BooleanField(default=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failed = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
            models.Index(fields=["channel", "sent_at"], name="notification_outbox"),
        ]

    def __str__(self) -> str:
        return self.key


class Preference(models.Model):
    """A user's choice for one kind: in-app and/or email. No row: the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="uniq_notification_preference")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"


class MailSettings(models.Model):
    """Digest mode: one email a day with everything instead of one email per event."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.BooleanField(_("ringkasan harian"), default=False)
    last_digest_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}: digest={self.digest}"


class StatusNotice(models.Model):
    """A pemberitahuan status laporan for the office's notice board (papan pengumuman).

    Public: it carries the register number (or receipt code), the status and the date, never the
    reporter's identity and never the terlapor's name.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=24)
    reference = models.CharField(_("nomor"), max_length=80)
    violation_code = models.CharField(_("jenis pelanggaran"), max_length=40, blank=True)
    published_at = models.DateTimeField(_("diumumkan pada"), db_index=True)
    # The letter (PDF) of the notice, issued by the cases app's letter engine after the act commits.
    letter = models.ForeignKey(
        "cases.IssuedLetter", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["case", "status"], name="uniq_status_notice")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.status}"

    @property
    def status_label(self) -> str:
        """The case status's label (the cases app owns the vocabulary; reached by name)."""
        choices = apps.get_model("cases", "Case")._meta.get_field("status").choices or []
        return str(dict(choices).get(self.status, self.status))


class CalendarToken(models.Model):
    """The secret in a calendar feed's URL; only its SHA-256 is stored. Revoked: the feed answers 404."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    raw = ""  # not a field: the plain token, set only on the answer to its creation

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


class Lease(models.Model):
    """Who runs a singleton job (the reminder scheduler) until when; taken by compare-and-swap."""

    name = models.CharField(max_length=40, unique=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()
    last_tick_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.holder} until {self.expires_at}"
