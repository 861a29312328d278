"""Offices (a node in the supervision tree), staff users and their roles, API tokens, authenticators."""

import hashlib
import secrets
import time
from base64 import b32encode
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP


class Office(models.Model):
    """A Bawaslu office, BKN, or the PPK of an agency. Jurisdiction: ``netra.accounts.scoping``."""

    class Kind(models.TextChoices):
        BAWASLU_RI = "bawaslu_ri", _("Bawaslu RI")
        BAWASLU_PROVINSI = "bawaslu_provinsi", _("Bawaslu Provinsi")
        BAWASLU_KABKOTA = "bawaslu_kabkota", _("Bawaslu Kabupaten/Kota")
        PANWASLU_KECAMATAN = "panwaslu_kecamatan", _("Panwaslu Kecamatan")
        BKN = "bkn", _("BKN")
        PPK = "ppk", _("Pejabat Pembina Kepegawaian (PPK)")

    SUPERVISORY = (Kind.BAWASLU_RI, Kind.BAWASLU_PROVINSI, Kind.BAWASLU_KABKOTA, Kind.PANWASLU_KECAMATAN)

    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    # Denormalised region code: "" for national offices; prefix of every case code it may see.
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Kop surat of the office's letters (netra.cases.letterdata): blank fields are left out of the
    # kop, never filled with invented values.
    letterhead_name = models.TextField(
        _("nama pada kop surat"),
        max_length=300,
        blank=True,
        help_text=_(
            "Satu baris kop per baris, misalnya BADAN PENGAWAS PEMILIHAN UMUM / KABUPATEN BINTAN. "
            "Kosong: dibentuk dari nama kantor."
        ),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("pos-el"), blank=True)
    website = models.CharField(_("laman"), max_length=200, blank=True)
    letter_place = models.CharField(
        _("tempat penandatanganan surat"),
        max_length=100,
        blank=True,
        help_text=_("Kosong: nama wilayah kantor."),
    )
    signatory_title = models.CharField(
        _("jabatan penanda tangan surat"),
        max_length=200,
        blank=True,
        help_text=_("Kosong: Ketua dan nama kantor."),
    )
    # PNG or JPEG, checked by decoding it (netra.cases.letters.logo_problem) before it is stored.
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)

    class Meta:
        ordering = ["region_code", "name"]
        verbose_name = _("kantor")
        verbose_name_plural = _("kantor")
        constraints = [models.UniqueConstraint(fields=["kind", "region", "agency"], name="uniq_office")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_supervisory(self) -> bool:
        return self.kind in self.SUPERVISORY


class Role(models.TextChoices):
    PIMPINAN = "pimpinan", _("Pimpinan")
    STAF_PENANGANAN = "staf_penanganan", _("Staf penanganan pelanggaran")
    PENGAWAS = "pengawas", _("Pengawas")
    ANALIS = "analis", _("Analis")
    ADMIN = "admin", _("Admin")


# The user FK of SealedTOTPDevice comes from django-otp's untyped Device: the plugin cannot name its manager.
class User(AbstractUser):  # type: ignore[django-manager-missing]
    """A staff member of one office. Citizens never need an account."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="staff")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, blank=True)

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.office_id is not None and self.role in roles


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    raw = ""  # not a field: the plain token, set only on the answer to its creation (never stored)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


def _totp_context(user_id: int) -> str:
    return f"netra:totp:{user_id}"


VERIFY_FIELDS = [
    "last_t",
    "drift",
    "throttling_failure_count",
    "throttling_failure_timestamp",
    "last_used_at",
]


class SealedTOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """A TOTP authenticator (RFC 6238) whose shared secret is stored only encrypted.

    django-otp's ``TOTPDevice`` keeps the secret in hex in the database; this device keeps it wrapped by
    the newest master key (``netra.core.crypto``, the same ring that wraps the case keys), bound to
    its user, so a copied database or dump cannot mint codes. ``netra keys rotate`` re-wraps it. The
    verification follows ``django_otp.plugins.otp_totp.models.TOTPDevice`` (throttling, drift, no
    code accepted twice).
    """

    sealed_key: models.CharField = models.CharField(
        max_length=200, editable=False
    )  # "master key id:base64(...)"
    step: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(default=30)
    t0: models.BigIntegerField = models.BigIntegerField(default=0)
    digits: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(
        choices=[(6, 6), (8, 8)], default=6
    )
    tolerance: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(default=1)
    drift: models.SmallIntegerField = models.SmallIntegerField(default=0)
    last_t: models.BigIntegerField = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("autentikator TOTP")
        verbose_name_plural = _("autentikator TOTP")

    def save(self, *args, **kwargs):
        if not self.sealed_key:  # a new device gets a fresh 20-byte secret, as django-otp's does
            self.secret_set(secrets.token_bytes(20))
        super().save(*args, **kwargs)

    def secret_set(self, secret: bytes) -> None:
        from netra.core.crypto import data_key_wrap

        self.sealed_key = data_key_wrap(secret, context=_totp_context(self.user_id))

    @property
    def bin_key(self) -> bytes:
        """The shared secret, unwrapped (``KeyUnavailable`` without the master key that wraps it)."""
        from netra.core.crypto import data_key_unwrap

        return data_key_unwrap(self.sealed_key, context=_totp_context(self.user_id))

    def rewrap(self, ring) -> bool:
        """Re-wrap the secret under the ring's newest key; False when it already is."""
        from netra.core.crypto import data_key_unwrap, data_key_wrap, wrapped_key_id

        if wrapped_key_id(self.sealed_key) == ring[0].key_id:
            return False
        secret = data_key_unwrap(self.sealed_key, context=_totp_context(self.user_id), ring=ring)
        self.sealed_key = data_key_wrap(secret, context=_totp_context(self.user_id), ring=ring)
        return True

    def verify_token(self, token) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            number = int(token)
        except (TypeError, ValueError):
            verified = False
        else:
            totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
            totp.time = time.time()
            verified = totp.verify(number, self.tolerance, self.last_t + 1)
            if verified:
                self.last_t = totp.t()
                if getattr(settings, "OTP_TOTP_SYNC", True):
                    self.drift = totp.drift
                self.throttle_reset(commit=False)
                self.set_last_used_timestamp(commit=False)
                # django-otp's Device protocol: verify_token stores the accepted step itself (as its own
                # devices do), so no code is accepted twice (tests/test_architecture.py STILL_WRITING)
                self.save(update_fields=VERIFY_FIELDS)
        if not verified:
            self.throttle_increment(commit=True)
        return bool(verified)

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    @property
    def config_url(self) -> str:
        """The otpauth:// URL an authenticator app scans (Google's Key Uri Format)."""
        label = str(self.user.get_username())
        params = {
            "secret": b32encode(self.bin_key),
            "algorithm": "SHA1",
            "digits": self.digits,
            "period": self.step,
        }
        query = urlencode(params)
        issuer = getattr(settings, "OTP_TOTP_ISSUER", "")
        if isinstance(issuer, str) and issuer:
            issuer = issuer.replace(":", "")
            label = f"{issuer}:{label}"
            query += f"&issuer={quote(issuer)}"
        return f"otpauth://totp/{quote(label)}?{query}"
