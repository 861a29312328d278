"""Socialisation events (sosialisasi, bimtek, rakor), pledges (deklarasi, ikrar, pakta integritas), the
people on their attendance and signatory lists matched to the roster, and their files.

Jurisdiction: ``netra.accounts.scoping`` (events and pledges by region; their rows through them).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    ASN = "ASN", _("ASN")
    PPPK = "PPPK", _("PPPK")
    PPNPN = "PPNPN", _("PPNPN/honorer")
    KEPALA_DESA = "kepala_desa", _("Kepala desa")
    PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa")


class MatchStatus(models.TextChoices):
    """How a listed person was linked to the roster."""

    NIP = "nip", _("Cocok menurut NIP")
    NAME = "name", _("Cocok menurut nama (satu-satunya di instansi)")
    AMBIGUOUS = "ambiguous", _("Nama sama dengan beberapa pegawai")
    UNMATCHED = "unmatched", _("Tidak ditemukan di roster")


class Event(models.Model):
    """A socialisation, technical guidance or coordination meeting on ASN neutrality."""

    class Kind(models.TextChoices):
        SOSIALISASI = "sosialisasi", _("Sosialisasi")
        BIMTEK = "bimtek", _("Bimbingan teknis")
        RAKOR = "rakor", _("Rapat koordinasi")

    class OrganiserKind(models.TextChoices):
        BAWASLU = "bawaslu", _("Bawaslu/Panwaslu")
        BKD = "bkd", _("BKD/BKPSDM")
        AGENCY = "instansi", _("Instansi")
        OTHER = "lainnya", _("Lainnya")

    class Participation(models.TextChoices):
        """Whether the recording office held the event or took part in another's."""

        ORGANISED = "organised", _("Diselenggarakan kantor ini")
        ATTENDED = "attended", _("Dihadiri kantor ini")

    kind = models.CharField(_("jenis kegiatan"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=300)
    organiser_kind = models.CharField(_("penyelenggara"), max_length=16, choices=OrganiserKind.choices)
    organiser_name = models.CharField(_("nama penyelenggara"), max_length=200)
    organiser_agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    participation = models.CharField(_("peran kantor"), max_length=12, choices=Participation.choices)
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("tanggal"), db_index=True)
    place = models.CharField(_("tempat"), max_length=300, blank=True)
    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(max_length=13, db_index=True)  # denormalised for the scoping filter
    election = models.ForeignKey(
        "cases.Election", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audience_agencies = models.ManyToManyField("registry.Agency", blank=True, related_name="+")
    target_groups = models.JSONField(_("kelompok sasaran"), default=list, blank=True)
    invited_count = models.PositiveIntegerField(_("jumlah undangan"), null=True, blank=True)
    attending_count = models.PositiveIntegerField(_("jumlah hadir"), null=True, blank=True)
    speakers = models.TextField(_("narasumber"), blank=True)  # one per line
    description = models.TextField(_("uraian"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("kegiatan sosialisasi")
        verbose_name_plural = _("kegiatan sosialisasi")

    def __str__(self) -> str:
        return self.title

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class PledgeTemplate(models.Model):
    """A version of a common pledge text; a new wording is a new version, old pledges keep theirs."""

    key = models.SlugField(max_length=60)
    version = models.PositiveSmallIntegerField()
    kind = models.CharField(_("jenis"), max_length=20)
    title = models.CharField(_("judul"), max_length=200)
    text = models.TextField(_("teks"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="uniq_pledge_template_version")
        ]
        verbose_name = _("templat ikrar")
        verbose_name_plural = _("templat ikrar")

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


def _public_token() -> str:
    return secrets.token_urlsafe(12)


class Pledge(models.Model):
    """A deklarasi, ikrar or pakta integritas of (the staff of) one agency for one election."""

    class Kind(models.TextChoices):
        DEKLARASI = "deklarasi", _("Deklarasi")
        IKRAR = "ikrar", _("Ikrar")
        PAKTA = "pakta_integritas", _("Pakta integritas")

    class Method(models.TextChoices):
        READ_ALOUD = "read_aloud", _("Dibacakan oleh perwakilan")
        SIGNED_ALL = "signed_all", _("Ditandatangani seluruh pegawai")
        DIGITAL = "digital", _("Ditandatangani secara elektronik")

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=300)
    agency = models.ForeignKey("registry.Agency", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    election = models.ForeignKey("cases.Election", on_delete=models.PROTECT, related_name="+")
    made_on = models.DateField(_("tanggal"), db_index=True)
    place = models.CharField(_("tempat"), max_length=300, blank=True)
    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(max_length=13, db_index=True)
    method = models.CharField(_("cara"), max_length=12, choices=Method.choices)
    template = models.ForeignKey(
        PledgeTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="pledges"
    )
    text = models.TextField(_("teks ikrar"))  # the words as pledged: the template's, or a custom text
    declared_signatories = models.PositiveIntegerField(
        _("jumlah penanda tangan menurut berita acara"), null=True, blank=True
    )
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges")
    # The verification URL carries this, not the id: pledges cannot be enumerated one by one.
    public_token = models.CharField(max_length=24, unique=True, default=_public_token, editable=False)
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_on", "-pk"]
        verbose_name = _("ikrar netralitas")
        verbose_name_plural = _("ikrar netralitas")

    def __str__(self) -> str:
        return self.title

    @property
    def is_custom_text(self) -> bool:
        return self.template_id is None


class RosterEntry(models.Model):
    """A person as written on a list (attendance, signatories) and the roster record it matched."""

    row = models.PositiveIntegerField()  # the file's row (header = 1), or the order entered
    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    agency_name = models.CharField(_("instansi"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    pegawai = models.ForeignKey(
        "registry.Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    match_status = models.CharField(max_length=10, choices=MatchStatus.choices)
    namesakes = models.PositiveIntegerField(default=0)  # roster records with this name in the agency
    # Denormalised from the event or pledge: coverage counts per election without a join.
    election = models.ForeignKey(
        "cases.Election", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["row"]

    def __str__(self) -> str:
        return self.name


class Attendee(RosterEntry):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")

    class Meta(RosterEntry.Meta):
        indexes = [models.Index(fields=["election", "pegawai"], name="attendee_election_pegawai")]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")


class Signatory(RosterEntry):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatories")

    class Meta(RosterEntry.Meta):
        indexes = [models.Index(fields=["election", "pegawai"], name="signatory_election_pegawai")]
        verbose_name = _("penanda tangan")
        verbose_name_plural = _("penanda tangan")


class Document(models.Model):
    """A material of an event or a scan of a pledge, stored untouched with its SHA-256."""

    class Kind(models.TextChoices):
        MATERIAL = "material", _("Materi")
        SCAN = "scan", _("Pindaian dokumen")
        ATTENDANCE = "attendance", _("Daftar hadir")
        SIGNATORIES = "signatories", _("Daftar penanda tangan")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    file = models.FileField(max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, pledge__isnull=True)
                | models.Q(event__isnull=True, pledge__isnull=False),
                name="document_of_event_or_pledge",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class Reach(models.Model):
    """One roster person reached for an election: when first socialised, when first pledged.

    A summary of the attendance and signatory lists, rewritten by the list services for the people a
    list import touches, so coverage is one ``GROUP BY`` without ``DISTINCT`` or a join to the lists
    (4.3 million staff). The person's instansi, unit and region are copied from the roster when the
    row is written (``netra coverage`` reports what the lists say at that time).
    """

    election = models.ForeignKey("cases.Election", on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("registry.Pegawai", on_delete=models.CASCADE, related_name="+")
    agency_id = models.IntegerField()
    unit_id = models.IntegerField(null=True)
    region_code = models.CharField(max_length=13, blank=True)
    socialised_on = models.DateField(null=True)
    pledged_on = models.DateField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "pegawai"], name="uniq_reach_person")]
        indexes = [
            models.Index(fields=["election", "region_code"], name="reach_election_region"),
            models.Index(fields=["election", "agency_id"], name="reach_election_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.election_id}:{self.pegawai_id}"
