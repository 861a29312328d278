"""Offices (a node in the supervision tree), staff users and their roles, API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class User(AbstractUser):
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
