"""Cases (laporan, temuan, informasi awal) and everything recorded while handling them.

Only ``netra.cases.services`` writes these rows; users read them through ``netra.cases.selectors``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Regime(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu")
    PEMILIHAN = "pemilihan", _("Pemilihan (Pilkada)")


class Election(models.Model):
    """A configured Pemilu or Pemilihan event; its regime selects the law that applies."""

    name = models.CharField(_("nama"), max_length=200)
    regime = models.CharField(_("rezim"), max_length=10, choices=Regime.choices)
    # null = national election (every region); otherwise the province or kabupaten/kota holding it.
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    penetapan_calon = models.DateField(_("penetapan calon"), null=True, blank=True)
    campaign_start = models.DateField(_("awal kampanye"), null=True, blank=True)
    campaign_end = models.DateField(_("akhir kampanye"), null=True, blank=True)
    voting_day = models.DateField(_("hari pemungutan suara"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["-voting_day", "name"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        constraints = [models.UniqueConstraint(fields=["name"], name="uniq_election_name")]

    def __str__(self) -> str:
        return self.name


class ElectionSetting(models.Model):
    """The scorer's context for one election, for its whole area (``region`` null) or one region of a
    Pilkada: level, general slogans and hashtags, case-sensitive phrases; candidates and parties hang
    below. ``netra.cases.elections.scoring_config`` compiles it (``version`` invalidates its cache)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="settings")
    # null = the election's whole area; otherwise a province or kabupaten/kota of a Pilkada whose
    # candidates replace the wider list there (parties, slogans and hashtags add to it).
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(_("tingkat"), max_length=40, blank=True)
    slogans = models.JSONField(_("slogan umum"), default=list, blank=True)
    hashtags = models.JSONField(_("tagar umum"), default=list, blank=True)
    case_sensitive = models.JSONField(_("frasa peka huruf besar"), default=list, blank=True)
    note = models.CharField(_("sumber/catatan"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["election", "region"]
        verbose_name = _("konfigurasi pemilihan")
        verbose_name_plural = _("konfigurasi pemilihan")
        constraints = [
            models.UniqueConstraint(fields=["election", "region"], name="uniq_election_setting_region"),
            models.UniqueConstraint(
                fields=["election"],
                condition=models.Q(region__isnull=True),
                name="uniq_election_setting_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election} ({self.region_id or '*'})"


class ElectionCandidate(models.Model):
    """A candidate or pair under one ballot number, with the words that name and support them."""

    setting = models.ForeignKey(ElectionSetting, on_delete=models.CASCADE, related_name="candidates")
    number = models.PositiveSmallIntegerField(_("nomor urut"))
    names = models.JSONField(_("nama"), default=list)
    nicknames = models.JSONField(_("nama panggilan"), default=list, blank=True)
    parties = models.JSONField(_("partai pengusung"), default=list, blank=True)
    slogans = models.JSONField(_("slogan"), default=list, blank=True)
    hashtags = models.JSONField(_("tagar"), default=list, blank=True)
    gestures = models.JSONField(_("gestur"), default=list, blank=True)
    colour = models.CharField(_("warna"), max_length=7, blank=True)

    class Meta:
        ordering = ["setting", "number"]
        verbose_name = _("calon")
        verbose_name_plural = _("calon")
        constraints = [
            models.UniqueConstraint(fields=["setting", "number"], name="uniq_election_candidate_number")
        ]

    def __str__(self) -> str:
        return f"{self.number:02d} {self.names[0] if self.names else ''}"


class ElectionParty(models.Model):
    """A party the scorer knows by name and abbreviations; ``position`` keeps the file's order."""

    setting = models.ForeignKey(ElectionSetting, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("nama"), max_length=200)
    abbreviations = models.JSONField(_("singkatan"), default=list, blank=True)
    colour = models.CharField(_("warna"), max_length=7, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["setting", "position", "name"]
        verbose_name = _("partai")
        verbose_name_plural = _("partai")
        constraints = [models.UniqueConstraint(fields=["setting", "name"], name="uniq_election_party_name")]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    LAPORAN = "laporan", _("Laporan")
    TEMUAN = "temuan", _("Temuan")
    INFORMASI_AWAL = "informasi_awal", _("Informasi awal")


class Status(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    KAJIAN_AWAL = "kajian_awal", _("Kajian awal")
    DIREGISTRASI = "diregistrasi", _("Diregistrasi")
    TIDAK_DIREGISTRASI = "tidak_diregistrasi", _("Tidak diregistrasi")
    DITERUSKAN = "diteruskan", _("Diteruskan ke pengawas yang berwenang")
    KLARIFIKASI = "klarifikasi", _("Klarifikasi")
    KAJIAN = "kajian", _("Kajian dugaan pelanggaran")
    DIPUTUS = "diputus", _("Terbukti pelanggaran")
    REKOMENDASI_DITERUSKAN = "rekomendasi_diteruskan", _("Rekomendasi diteruskan")
    TINDAK_LANJUT = "tindak_lanjut", _("Sanksi dijatuhkan")
    SELESAI = "selesai", _("Selesai")
    INFORMASI_AWAL = "informasi_awal", _("Informasi awal")
    DIJADIKAN_TEMUAN = "dijadikan_temuan", _("Dijadikan temuan")
    DIARSIPKAN = "diarsipkan", _("Diarsipkan")


CLOSED_STATUSES = (
    Status.TIDAK_DIREGISTRASI,
    Status.SELESAI,
    Status.DIJADIKAN_TEMUAN,
    Status.DIARSIPKAN,
)


class SubjectType(models.TextChoices):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")
    PPNPN = "PPNPN", _("PPNPN/honorer")
    KEPALA_DESA = "kepala_desa", _("Kepala desa")
    PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa")
    LAINNYA = "lainnya", _("Lainnya")


class Source(models.TextChoices):
    WEB = "web", _("Formulir publik")
    API = "api", _("API")
    STAFF = "staff", _("Petugas")
    IMPORT = "import", _("Impor")
    MONITORING = "monitoring", _("Pemantauan")
    DEMO = "demo", _("Data demo")


class NonRegistrationReason(models.TextChoices):
    FORMIL = "formil", _("Syarat formil tidak terpenuhi")
    MATERIEL = "materiel", _("Syarat materiel tidak terpenuhi")
    DALUWARSA = "daluwarsa", _("Daluwarsa (melewati batas waktu pelaporan)")


class Case(models.Model):
    """One laporan, temuan or informasi awal, from intake to the sanction imposed."""

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, db_index=True)
    # The reporter's only handle on the case: random, unguessable, never derived from the pk.
    receipt_code = models.CharField(_("kode tanda terima"), max_length=12, unique=True)
    register_number = models.CharField(
        _("nomor registrasi"), max_length=80, unique=True, null=True, blank=True
    )
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT, related_name="+")
    # Denormalised from region for cheap jurisdiction filters (netra.accounts.scoping).
    region_code = models.CharField(max_length=13, db_index=True)
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="cases", verbose_name=_("kantor penangan")
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, db_index=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices, default=Source.WEB)
    # Deadline of the step the case is in now (netra.law.deadlines); null when no step is running.
    step = models.CharField(_("tahap"), max_length=24, blank=True)
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True, db_index=True)
    due_citation = models.CharField(_("dasar hukum batas waktu"), max_length=200, blank=True)
    # The rest of netra.law's answer: rule id, legal deadline or the office's service target, the
    # interpretations it rests on (or why the step has none), and whether any of it is unverified.
    due_rule = models.CharField(_("aturan batas waktu"), max_length=60, blank=True)
    due_kind = models.CharField(_("jenis batas waktu"), max_length=16, blank=True)
    due_note = models.CharField(_("catatan batas waktu"), max_length=400, blank=True)
    due_unverified = models.BooleanField(_("batas waktu belum terverifikasi"), default=False)

    occurred_on = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    known_on = models.DateField(_("tanggal diketahui"), null=True, blank=True)
    received_at = models.DateTimeField(_("diterima pada"))
    registered_at = models.DateTimeField(_("diregistrasi pada"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian kejadian"))
    place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    violation_code = models.CharField(_("jenis pelanggaran"), max_length=40, blank=True, db_index=True)
    non_registration_reason = models.CharField(
        _("alasan tidak diregistrasi"), max_length=12, choices=NonRegistrationReason.choices, blank=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("penangan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when a follow-up records a sanction lighter than the catalogue's class for the violation
    # (or one outside the catalogue), with a written reason on the follow-up; counted in statistics.
    sanction_lighter = models.BooleanField(
        _("sanksi lebih ringan dari katalog"), default=False, db_index=True
    )
    # A temuan made from an informasi awal keeps a link to the tip it came from.
    origin = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived_cases"
    )
    search_text = models.TextField(blank=True)
    # Whom the case's recommendations are addressed to, lifted from them so BKN's and the PPKs' scopes
    # (netra.accounts.scoping) are a column filter with indexes in the list and queue orders, not a
    # probe of cases_recommendation per row. Kept by services.recipients.case_recipients_refresh,
    # which every service that creates or readdresses a recommendation calls.
    recommended_to_bkn = models.BooleanField(default=False)
    recommended_to_ppk = models.BooleanField(default=False)
    deadline_state = ""  # not a field: the deadline's CSS state, set by the views for their templates

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        indexes = [
            models.Index(fields=["office", "status"], name="case_office_status"),
            # Keyset pages of the case list (newest first) at any scope: docs/benchmarks.md.
            models.Index(fields=["received_at", "id"], name="case_received"),
            # The queue: an office's open cases, nearest deadline first (netra.core.keyset).
            models.Index(fields=["office", "due_at", "received_at", "id"], name="case_office_due"),
            # BKN/PPK queues: recommendations awaiting follow-up, nearest deadline first.
            models.Index(fields=["status", "due_at", "received_at", "id"], name="case_status_due"),
            # BKN's and the PPKs' list and queue: only the cases addressed to them (docs/benchmarks.md).
            models.Index(
                fields=["received_at", "id"],
                condition=models.Q(recommended_to_bkn=True),
                name="case_bkn_received",
            ),
            models.Index(
                fields=["status", "due_at", "received_at", "id"],
                condition=models.Q(recommended_to_bkn=True),
                name="case_bkn_due",
            ),
            models.Index(
                fields=["received_at", "id"],
                condition=models.Q(recommended_to_ppk=True),
                name="case_ppk_received",
            ),
            models.Index(
                fields=["status", "due_at", "received_at", "id"],
                condition=models.Q(recommended_to_ppk=True),
                name="case_ppk_due",
            ),
        ]

    def __str__(self) -> str:
        return self.register_number or self.title

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def receipt_display(self) -> str:
        """The receipt code in groups of four, as printed for the reporter."""
        code = self.receipt_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    @property
    def receipt_masked(self) -> str:
        """The public reference of a report without a register number (``****-****-9HRA``): the
        notice board and its letter show it instead of the code, the reporter's key to tracking."""
        from netra.cases.receipts import receipt_code_masked

        return receipt_code_masked(self.receipt_code)


class RegisterCounter(models.Model):
    """The last register number issued per office, year and kind (incremented with F())."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "kind"], name="uniq_register_counter")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}/{self.kind}={self.value}"


class CaseKey(models.Model):
    """The case's data key, wrapped by the master key (``netra.core.crypto``): it encrypts the
    reporter's and the witnesses' identities and the evidence files of this case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="data_key")
    wrapped = models.CharField(max_length=200)  # "master key id:base64(nonce + sealed data key)"
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"key of case {self.case_id} under {self.wrapped.partition(':')[0]}"


class Reporter(models.Model):
    """The pelapor. Visible only to the handling office's pimpinan and staf penanganan.

    The identity (name, address, phone, email, NIK, birth, gender, occupation, nationality) is stored
    only encrypted with the case's data key, as JSON in ``sealed``; selectors open it for the roles
    that may see it. ``erased_at``: the retention period passed and the identity was erased.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="reporter")
    sealed = models.TextField(blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pelapor")
        verbose_name_plural = _("pelapor")

    def __str__(self) -> str:
        return f"pelapor kasus {self.case_id}"


class Terlapor(models.Model):
    """The person reported; ``pegawai`` is set once staff confirm the match on the roster."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="terlapor")
    name = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    agency = models.ForeignKey(
        "registry.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency_name = models.CharField(_("instansi"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    subject_type = models.CharField(_("status kepegawaian"), max_length=16, choices=SubjectType.choices)
    pegawai = models.ForeignKey(
        "registry.Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")
        indexes = [
            # A PPK's scope (accounts.scoping) reads the terlapor of its agency subtree: index-only.
            models.Index(fields=["agency", "id"], name="terlapor_agency_id"),
        ]

    def __str__(self) -> str:
        return self.name


class Witness(models.Model):
    """A witness named by the reporter or staff. Visible only to whoever sees the reporter.

    The identity (name, address, phone) is stored only encrypted with the case's data key, as JSON in
    ``sealed`` (``netra.cases.sealing.witness_open``). ``erased_at``: erased with the reporter's
    identity when the retention period passed.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="witnesses")
    sealed = models.TextField(blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("saksi")
        verbose_name_plural = _("saksi")

    def __str__(self) -> str:
        return f"saksi {self.pk} kasus {self.case_id}"


class Observation(models.Model):
    """The supervisor's observation record behind a temuan: what, when, where and how it was seen."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="observation")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    observed_at = models.DateTimeField(_("waktu pengawasan"))
    place = models.CharField(_("tempat"), max_length=300)
    method = models.TextField(_("cara pengawasan"))
    what = models.TextField(_("hasil pengawasan"))

    def __str__(self) -> str:
        return f"{self.case_id}: {self.observed_at:%Y-%m-%d}"


class Evidence(models.Model):
    """A file (stored untouched, hashed at upload) or a link offered as proof."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(max_length=300, blank=True)
    link = models.URLField(max_length=1000, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.BigIntegerField(default=0)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_ok = models.BooleanField(null=True)
    # Stored encrypted with the case's data key; False only for files stored before encryption.
    encrypted = models.BooleanField(default=False)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(link=""), name="evidence_file_or_link"
            )
        ]

    def __str__(self) -> str:
        return self.original_name or self.link


class Party(models.TextChoices):
    PELAPOR = "pelapor", _("Pelapor")
    TERLAPOR = "terlapor", _("Terlapor")
    SAKSI = "saksi", _("Saksi")
    AHLI = "ahli", _("Ahli")


class Attendance(models.TextChoices):
    """What became of an invitation to clarify; only "belum" keeps a decision waiting."""

    BELUM = "belum", _("Belum dilaksanakan")
    HADIR = "hadir", _("Hadir, klarifikasi dilaksanakan")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")


class Clarification(models.Model):
    """An invitation to clarify (undangan klarifikasi) and, once held, its record (berita acara).

    ``attendance`` says whether the party came; a berita acara is written either way (held_at is
    when it was held, or when the absence was recorded).

    The invitee's name and the berita acara are stored only encrypted with the case's data key, as
    JSON in ``sealed`` (``netra.cases.sealing.clarifications_open`` fills ``person_name`` and
    ``record`` on the instances a selector or service opened; they stay "" otherwise).
    ``erased_at``: erased with the reporter's identity when the retention period passed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarifications")
    party = models.CharField(_("pihak"), max_length=10, choices=Party.choices)
    sealed = models.TextField(blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    scheduled_at = models.DateTimeField(_("jadwal"))
    place = models.CharField(_("tempat"), max_length=300)
    held_at = models.DateTimeField(_("dilaksanakan"), null=True, blank=True)
    attendance = models.CharField(
        _("kehadiran"), max_length=12, choices=Attendance.choices, default=Attendance.BELUM
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Not columns: the opened texts (``netra.cases.sealing.clarifications_open``), "" until opened and
    # for a viewer who may not see a pelapor's or saksi's invitation (``texts_hidden`` then True).
    person_name = ""
    record = ""
    texts_hidden = False

    class Meta:
        ordering = ["scheduled_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.person_name}"

    @property
    def is_pending(self) -> bool:
        return self.attendance == Attendance.BELUM


class Kajian(models.Model):
    """A written study: the preliminary one (awal) or the study of the alleged violation."""

    class Stage(models.TextChoices):
        AWAL = "awal", _("Kajian awal")
        DUGAAN = "dugaan", _("Kajian dugaan pelanggaran")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="kajian")
    stage = models.CharField(max_length=8, choices=Stage.choices)
    # The officer's summary of the established facts: printed in the recommendation letter instead
    # of the citizen's own words. Required for the kajian dugaan (the services enforce it).
    facts = models.TextField(_("uraian singkat fakta"), blank=True)
    # Kajian awal: the syarat formil and syarat materiel checked (Perbawaslu 7/2022 Pasal 15(3)-(4),
    # UU 7/2017 Pasal 454(4); domain.md 2.2 and 12). Registration needs every one ticked.
    formil_pelapor = models.BooleanField(_("nama dan alamat pelapor"), default=False)
    formil_terlapor = models.BooleanField(_("pihak terlapor"), default=False)
    formil_waktu = models.BooleanField(_("disampaikan dalam batas waktu pelaporan"), default=False)
    materiel_waktu_tempat = models.BooleanField(_("waktu dan tempat kejadian"), default=False)
    materiel_uraian = models.BooleanField(_("uraian kejadian"), default=False)
    materiel_bukti = models.BooleanField(_("bukti"), default=False)
    analysis = models.TextField(_("analisis"))
    conclusion = models.TextField(_("kesimpulan"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage}"

    FORMIL = ("formil_pelapor", "formil_terlapor", "formil_waktu")
    MATERIEL = ("materiel_waktu_tempat", "materiel_uraian", "materiel_bukti")


class Decision(models.Model):
    class Outcome(models.TextChoices):
        TERBUKTI = "terbukti", _("Terbukti pelanggaran")
        BUKAN_PELANGGARAN = "bukan_pelanggaran", _("Bukan pelanggaran")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("putusan"), max_length=20, choices=Outcome.choices)
    violation_code = models.CharField(_("jenis pelanggaran"), max_length=40, blank=True)
    reasoning = models.TextField(_("pertimbangan"))
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.outcome}"


class Recommendation(models.Model):
    """Bawaslu's forwarding (penerusan) about one terlapor, addressed as netra.law.referral says."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    terlapor = models.ForeignKey(
        Terlapor, on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations"
    )
    recipients = models.JSONField(_("penerima"), default=list)
    copies = models.JSONField(_("tembusan"), default=list)
    reasons = models.JSONField(_("dasar"), default=list)
    # Recipient keys lifted out for scoping (BKN, PPK) without JSON lookups.
    to_bkn = models.BooleanField(default=False, db_index=True)
    to_ppk = models.BooleanField(default=False, db_index=True)
    letter_number = models.CharField(_("nomor surat"), max_length=100)
    forwarded_at = models.DateTimeField(_("diteruskan pada"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # KASN hand-over (SE MenPANRB 4/2024): when KASN had already issued its own recommendation to the
    # PPK (the file goes to Kementerian PANRB), and when and to whom the file was handed over.
    kasn_processed_on = models.DateField(_("diproses KASN pada"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("dialihkan pada"), null=True, blank=True)
    handed_over_to = models.CharField(_("dialihkan kepada"), max_length=40, blank=True)

    class Meta:
        ordering = ["forwarded_at", "pk"]
        indexes = [
            # BKN's and the PPKs' scope (accounts.scoping) probes these for every case a page scans.
            models.Index(fields=["case"], condition=models.Q(to_bkn=True), name="rec_case_to_bkn"),
            models.Index(fields=["case"], condition=models.Q(to_ppk=True), name="rec_case_to_ppk"),
            # ... and a PPK's goes from its terlapor to their cases through this one (index-only).
            models.Index(
                fields=["terlapor", "case"], condition=models.Q(to_ppk=True), name="rec_terlapor_case_to_ppk"
            ),
        ]

    def __str__(self) -> str:
        return self.letter_number


class FollowUp(models.Model):
    """The sanction imposed (or not) after a recommendation, recorded by BKN or the PPK."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="followups")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="followups"
    )
    sanction = models.CharField(_("sanksi"), max_length=300)
    # The option of netra.law.sanctions chosen ("lainnya" for free text), its class, the class the
    # catalogue sets for the violation, and why a lighter (or uncatalogued) sanction was imposed.
    sanction_code = models.CharField(_("kode sanksi"), max_length=40, blank=True)
    sanction_class = models.CharField(_("kelas sanksi"), max_length=12, blank=True)
    expected_class = models.CharField(_("kelas sanksi menurut katalog"), max_length=12, blank=True)
    lighter = models.BooleanField(_("lebih ringan dari katalog"), default=False)
    lighter_reason = models.TextField(_("alasan sanksi lebih ringan"), blank=True)
    imposed_by = models.CharField(_("dijatuhkan oleh"), max_length=200)
    imposed_on = models.DateField(_("tanggal"))
    letter_number = models.CharField(_("nomor surat"), max_length=100)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # The scan of the decree (SK), stored as the case's evidence (its content checked like any upload).
    decree_scan = models.ForeignKey(
        Evidence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pindaian SK"),
    )

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.sanction


class Comment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("komentar"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_id}@{self.case_id}"


class Transition(models.Model):
    """One step of the workflow: who moved the case from which status to which, when and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} -> {self.to_status}"


class FollowupState(models.TextChoices):
    """Where the PPK (or BKN) stands on one recommendation."""

    BELUM = "belum", _("Belum ditindaklanjuti")
    DALAM_PROSES = "dalam_proses", _("Dalam proses")
    SANKSI = "sanksi", _("Sanksi dijatuhkan")
    DITOLAK = "ditolak", _("Ditolak")


class LetterKind(models.TextChoices):
    """The letters of every step (``netra.cases.letterkinds`` holds what each one needs)."""

    PENERUSAN_REKOMENDASI = "penerusan_rekomendasi", _("Surat penerusan rekomendasi")
    UNDANGAN_KLARIFIKASI = "undangan_klarifikasi", _("Undangan klarifikasi")
    PEMBERITAHUAN_STATUS = "pemberitahuan_status", _("Pemberitahuan status laporan")
    PERMINTAAN_TINDAK_LANJUT = "permintaan_tindak_lanjut", _("Surat permintaan tindak lanjut")
    TEGURAN = "teguran", _("Surat teguran")
    PERMINTAAN_BLOKIR = "permintaan_blokir", _("Permintaan pemblokiran data kepegawaian (SIASN)")


# The letters about one recommendation: each is issued once.
RECOMMENDATION_LETTERS = ["penerusan_rekomendasi", "permintaan_tindak_lanjut", "teguran", "permintaan_blokir"]


class FollowupClock(models.Model):
    """The follow-up clock of one recommendation: its state, the service target and the escalations.

    ``due_at`` is the office's service target counted from the forwarding (never moved); ``next_due_at``
    is the clock of the next escalation step (the target again, counted from the last escalation).
    """

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="clock")
    state = models.CharField(
        _("status tindak lanjut"), max_length=16, choices=FollowupState.choices, default=FollowupState.BELUM
    )
    state_reason = models.TextField(_("alasan"), blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("target layanan"))
    next_due_at = models.DateTimeField(_("batas langkah berikutnya"), db_index=True)
    acted_at = models.DateTimeField(_("ditindaklanjuti pada"), null=True, blank=True)
    # 0: none yet; 1: permintaan tindak lanjut sent; 2: teguran and the BKN block request sent.
    escalation_step = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.state}"


class FollowupTarget(models.Model):
    """An office's own service target for PPK follow-up (no statute sets one: netra.law's
    ``ppk_followup`` rule is the default)."""

    class Unit(models.TextChoices):
        HARI_KERJA = "hari_kerja", _("hari kerja")
        HARI = "hari", _("hari kalender")

    office = models.OneToOneField("accounts.Office", on_delete=models.CASCADE, related_name="+")
    days = models.PositiveSmallIntegerField(_("target layanan (hari)"))
    unit = models.CharField(_("satuan"), max_length=10, choices=Unit.choices, default=Unit.HARI_KERJA)

    def __str__(self) -> str:
        return f"{self.office_id}: {self.days} {self.unit}"


class LetterCounter(models.Model):
    """Letter numbering: one sequence per office, year and letter kind."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32, choices=LetterKind.choices)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "kind"], name="letter_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}/{self.kind}: {self.value}"


class IssuedLetter(models.Model):
    """A letter as issued and archived: its number, addressee, the PDF and DOCX bytes and the PDF's
    SHA-256 (of the PDF as issued). Never changed after issue, except by the retention erase.

    An invitation to a pelapor or saksi names a person only the handlers may see: its PDF and DOCX are
    stored ``sealed`` with the case's data key (``netra.cases.sealing.letter_bytes`` opens them) and
    ``addressee`` holds the party, not the name; the retention erase empties both files."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis surat"), max_length=32, choices=LetterKind.choices)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    clarification = models.ForeignKey(
        Clarification, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    number = models.CharField(_("nomor surat"), max_length=100)
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    issued_on = models.DateField(_("tanggal surat"))
    addressee = models.CharField(_("kepada"), max_length=300)
    subject = models.CharField(_("hal"), max_length=300)
    pdf = models.BinaryField(editable=False)
    docx = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64)
    sealed = models.BooleanField(default=False, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["issued_at", "pk"]
        constraints = [
            # A recommendation's letters are issued once each, whatever runs twice.
            models.UniqueConstraint(
                fields=["recommendation", "kind"],
                condition=models.Q(
                    kind__in=[
                        "penerusan_rekomendasi",
                        "permintaan_tindak_lanjut",
                        "teguran",
                        "permintaan_blokir",
                    ]
                ),
                name="escalation_letter_once",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class LetterTemplate(models.Model):
    """What an office may word itself in one kind of letter: the opening and closing paragraphs and
    the signer. The legal citations, the numbering and the body the law fixes are not here."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis surat"), max_length=32, choices=LetterKind.choices)
    opening = models.TextField(_("paragraf pembuka"), max_length=1500, blank=True)
    closing = models.TextField(_("paragraf penutup"), max_length=600, blank=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "kind"], name="letter_template_unique")]

    def __str__(self) -> str:
        return f"{self.office_id}: {self.kind}"
