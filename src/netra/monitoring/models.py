"""Monitoring sources, the items they bring (news articles and social-media posts), near-duplicate
clusters, watched accounts and evidence captures.

An item's life: ``Item.State`` tracks the pipeline (pending -> done, or failed and retried with
back-off, then parked with its error; a worker holds the items it processes by a ``Lease``);
``Item.Triage`` tracks the officer's decision once the pipeline is done. Jurisdiction:
``netra.accounts.scoping`` (sources by their office, items by the competent office's region, falling
back to the source's office).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """Where items come from, configured by an office: a news feed, an upload, or a partner's push."""

    class Kind(models.TextChoices):
        FEED = "feed", _("Umpan berita (RSS/Atom)")
        UPLOAD = "upload", _("Unggahan ekspor media sosial")
        PUSH = "push", _("API mitra")
        MANUAL = "manual", _("Tangkapan petugas")

    name = models.CharField(_("nama sumber"), max_length=200)
    kind = models.CharField(_("jenis sumber"), max_length=8, choices=Kind.choices)
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    # Feeds: the URL and the conditional-GET state; back-off after errors.
    url = models.URLField(_("alamat umpan"), max_length=1000, blank=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    fetch_interval = models.PositiveIntegerField(_("selang pengambilan (detik)"), default=900)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Seconds between two requests to this feed's host (shared by every process); empty: the
    # NETRA_FEED_HOST_DELAY setting.
    host_delay = models.PositiveIntegerField(_("jeda antarpermintaan ke host (detik)"), null=True, blank=True)
    # Uploads: the column mapping {netra field: column name in the file}; empty = documented defaults.
    column_mapping = models.JSONField(default=dict, blank=True)
    election = models.ForeignKey(
        "cases.Election", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("sumber pemantauan")
        verbose_name_plural = _("sumber pemantauan")
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="uniq_source_office_name")]

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    """Near-identical items (MinHash LSH over word shingles); grows across batches."""

    size = models.PositiveIntegerField(default=0)
    account_count = models.PositiveIntegerField(default=0)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    # Several civil servants posting the same text within a short time: a possible coordinated action.
    coordinated = models.BooleanField(default=False)
    coordinated_at = models.DateTimeField(null=True, blank=True)
    # The MinHash signature of the cluster's first item (uint32 x NUM_PERM): a post whose band bucket
    # leads here joins only if its estimated similarity to this signature reaches the threshold.
    signature = models.BinaryField(default=b"", blank=True)

    class Meta:
        verbose_name = _("klaster unggahan serupa")
        verbose_name_plural = _("klaster unggahan serupa")

    def __str__(self) -> str:
        return f"klaster {self.pk} ({self.size})"


class ClusterBand(models.Model):
    """One LSH band bucket of a cluster: items whose signature shares a bucket join that cluster."""

    band = models.PositiveSmallIntegerField()
    bucket = models.BigIntegerField()
    # No database foreign key (migration 0005): its deferred check cost about as much as the rest of a
    # band insert, 8.5 rows per post. Nothing relies on it: the pipeline writes a band only with a
    # cluster it inserted in the same transaction or read as stored, a stored cluster is never
    # deleted (only a cluster a worker started and lost a bucket race with, in that transaction,
    # after moving its bands), and Django's CASCADE is done by Django (index on cluster_id kept).
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="bands", db_constraint=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["band", "bucket"], name="uniq_cluster_band_bucket")]

    def __str__(self) -> str:
        return f"{self.band}:{self.bucket}"


class WatchedAccount(models.Model):
    """A social-media account an office watches, linked to the roster record of the ASN who owns it."""

    platform = models.CharField(_("platform"), max_length=40)
    # Lower case, without a leading "@".
    handle = models.CharField(_("akun"), max_length=200)
    pegawai = models.ForeignKey(
        "registry.Pegawai", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("catatan"), blank=True)
    is_demo = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "handle"]
        verbose_name = _("akun dipantau")
        verbose_name_plural = _("akun dipantau")
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="uniq_watched_platform_handle")
        ]

    def __str__(self) -> str:
        return f"{self.platform}:@{self.handle}"


class Lease(models.Model):
    """A worker's hold on a batch of waiting items until ``until`` (services.pipeline_queue): one row
    per batch in progress, so claiming writes nothing to the items themselves."""

    until = models.DateTimeField(db_index=True)
    item_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"lease {self.pk} ({len(self.item_ids)} items until {self.until:%H:%M:%S})"

    @classmethod
    def held_ids(cls, now=None) -> set[int]:
        """Items under a live lease (a handful of rows: one per batch in progress)."""
        leases = cls.objects.filter(until__gt=now or timezone.now()).values_list("item_ids", flat=True)
        return {pk for ids in leases for pk in ids}


class Item(models.Model):
    """One news article or social-media post, from arrival through the pipeline to triage."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Berita")
        POST = "post", _("Unggahan media sosial")

    class State(models.TextChoices):
        PENDING = "pending", _("Menunggu diproses")
        DONE = "done", _("Selesai diproses")
        FAILED = "failed", _("Gagal, akan dicoba lagi")
        PARKED = "parked", _("Gagal, disisihkan")

    # Waiting for the pipeline (the partial index item_pipeline_waiting); held while a live Lease names it.
    WAITING = (State.PENDING, State.FAILED)

    class Triage(models.TextChoices):
        NEW = "baru", _("Baru")
        ASSIGNED = "ditugaskan", _("Ditugaskan")
        DISMISSED = "diabaikan", _("Diabaikan")
        WATCHED = "dipantau", _("Dipantau")
        TEMUAN = "temuan", _("Dijadikan temuan")
        IRRELEVANT = "tidak_relevan", _("Tidak relevan (otomatis)")

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # SHA-256 of the normalised identity of the content (platform, URL, author, text): idempotency key.
    content_hash = models.CharField(max_length=64, unique=True)
    external_id = models.CharField(max_length=200, blank=True)
    platform = models.CharField(_("platform"), max_length=40, blank=True)
    author_handle = models.CharField(_("akun penulis"), max_length=200, blank=True)
    author_name = models.CharField(_("nama penulis"), max_length=300, blank=True)
    author_bio = models.TextField(_("bio penulis"), blank=True)
    title = models.CharField(_("judul"), max_length=500, blank=True)
    text = models.TextField(_("teks"))
    url = models.URLField(max_length=1000, blank=True)
    posted_at = models.DateTimeField(_("waktu unggah"), null=True, blank=True)
    reactions = models.PositiveIntegerField(default=0)
    shares = models.PositiveIntegerField(default=0)
    media_description = models.TextField(blank=True)
    raw = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField()  # ordered by through item_triage_queue; no query filters on it alone
    election = models.ForeignKey(
        "cases.Election", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Pipeline state.
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)  # completed, failed or lost with a dead worker
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    versions = models.JSONField(default=dict, blank=True)  # {stage name: stage version}
    processed_at = models.DateTimeField(null=True, blank=True)

    # What the pipeline found.
    language = models.CharField(max_length=8, blank=True)
    score = models.FloatField(null=True, blank=True)
    violation_code = models.CharField(max_length=32, blank=True)
    indicator = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    cues = models.JSONField(default=list, blank=True)  # [{"start", "end", "field", "kind", "text", ...}]
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    # This and the other mostly-empty links (assigned_to, case) are indexed where set only (Meta).
    watched_account = models.ForeignKey(
        WatchedAccount, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", db_index=False
    )
    # [{"pegawai_id", "name", "nip", "agency", "score", "namesakes"}], best first.
    author_matches = models.JSONField(default=list, blank=True)
    # Not indexed: no query filters items by it (the scoping filter reads region_code), and regions
    # are never deleted (PROTECT would read the items once if one were).
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    # The scoping filter (``code = X OR code LIKE 'X.%'``): one pattern-ops index serves both (Meta).
    region_code = models.CharField(max_length=13, blank=True)
    office = models.ForeignKey(  # the competent Bawaslu office; item_triage_queue starts with it
        "accounts.Office", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    priority = models.FloatField(default=0)

    # Triage.
    triage = models.CharField(max_length=16, choices=Triage.choices, default=Triage.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    dismiss_reason = models.TextField(_("alasan diabaikan"), blank=True)
    triaged_by = models.ForeignKey(  # no query filters on it: not indexed (every item write pays for one)
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitoring_items",
        db_index=False,
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-priority", "-received_at", "-pk"]
        verbose_name = _("butir pemantauan")
        verbose_name_plural = _("butir pemantauan")
        indexes = [
            # The queue's claim, sweep and due count: only items still waiting, oldest first.
            models.Index(
                fields=["next_attempt_at", "id"],
                name="item_pipeline_waiting",
                condition=models.Q(state__in=["pending", "failed"]),
            ),
            # PostgreSQL: varchar_pattern_ops answers both = and LIKE 'prefix%' under any collation (the
            # server's C.UTF-8 is not C); SQLite makes it a plain index.
            models.Index(fields=["region_code"], name="item_region_code", opclasses=["varchar_pattern_ops"]),
            # Links most items never get: a partial index costs an item write nothing while empty, and
            # still serves `link = X` (the case page, "assigned to me", a watched account's removal).
            *(
                models.Index(
                    fields=[link], name=f"item_{link}", condition=models.Q(**{f"{link}__isnull": False})
                )
                for link in ("watched_account", "assigned_to", "case")
            ),
            models.Index(
                fields=["office", "triage", "-priority", "-received_at", "-id"], name="item_triage_queue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class HostSlot(models.Model):
    """Politeness shared by every process: the next moment (Unix seconds) a host may be asked again.

    A fetcher reserves its slot with one atomic ``UPDATE ... SET next_at = max(next_at, now) + delay
    ... RETURNING next_at`` and waits outside any transaction (``services.politeness``)."""

    host = models.CharField(max_length=300, unique=True)  # "scheme://host:port", lower case
    next_at = models.FloatField(default=0)

    def __str__(self) -> str:
        return self.host


class Capture(models.Model):
    """A web page fetched once as evidence: the raw response as WARC and a rendered PDF/screenshot,
    each stored with its SHA-256 and capture time (also written to the audit log).

    A capture asked for on the item page or by "Jadikan temuan" on the page is queued
    (``State.PENDING``) and done by a worker (``tasks_capture.capture_run``); ``netra capture`` and
    ``netra monitor temuan`` store it done at once. ``case`` is the temuan whose evidence the capture
    becomes when the worker is done."""

    class State(models.TextChoices):
        PENDING = "pending", _("menunggu")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    url = models.URLField(max_length=1000)
    item = models.ForeignKey(Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="captures")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    warc_file = models.FileField(max_length=300, blank=True)
    warc_sha256 = models.CharField(max_length=64, blank=True)
    rendered_file = models.FileField(max_length=300, blank=True)
    rendered_kind = models.CharField(max_length=8, blank=True)  # "pdf" or "png"
    rendered_sha256 = models.CharField(max_length=64, blank=True)
    captured_at = models.DateTimeField()
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    error = models.TextField(blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.DONE)
    # Queued captures: when asked for and when a worker took it (captured_at: when the page was fetched,
    # the request time until then).
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="monitoring_captures"
    )

    class Meta:
        ordering = ["-captured_at", "-pk"]
        verbose_name = _("tangkapan halaman")
        verbose_name_plural = _("tangkapan halaman")
        constraints = [
            # At most one queued or running capture per item and URL: a second click joins it.
            models.UniqueConstraint(
                fields=["item", "url"],
                condition=models.Q(state__in=["pending", "running"]),
                name="uniq_capture_item_url_active",
            )
        ]

    def __str__(self) -> str:
        return self.url
