"""Pre-aggregated figures (refreshed by ``services.tally_refresh``) and the vulnerability index.

Only ``netra.analytics.services`` writes these rows; users read them through ``selectors``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseTally(models.Model):
    """Cases counted per dimension value, per kabupaten/kota, election and BKN addressing.

    One row per (dimension, key, region_code, election, to_bkn): summing rows over any region
    subtree and election gives exact counts, because each case falls in exactly one such group for
    a given key (a case with two PNS terlapor counts once under "PNS").
    """

    dimension = models.CharField(max_length=16)  # total, type, subject, agency, stage, source, month
    key = models.CharField(max_length=60, blank=True)
    # The case's region code cut to province (level 1, 2 characters) or kabupaten/kota (level 2, 5
    # characters): every case is counted once at each level. National scopes read level 1, provincial
    # scopes level 2 (a few thousand rows either way); narrower scopes are counted live.
    level = models.PositiveSmallIntegerField(default=2)
    region_code = models.CharField(max_length=13)
    election_id = models.IntegerField(null=True, blank=True)
    to_bkn = models.BooleanField(default=False)
    cases = models.IntegerField(default=0)
    proven = models.IntegerField(default=0)
    recommended = models.IntegerField(default=0)
    sanctioned = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["level", "dimension", "region_code"], name="tally_level_dimension")]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.key}@{self.region_code}={self.cases}"


class DeadlineTally(models.Model):
    """Statutory deadline compliance per office at the last refresh (netra.law's stored answers)."""

    office = models.OneToOneField("accounts.Office", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=13, blank=True)  # the office's, for scoping
    finished_on_time = models.IntegerField(default=0)
    finished_late = models.IntegerField(default=0)
    open_on_time = models.IntegerField(default=0)
    open_overdue = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.office_id}: {self.finished_on_time}/{self.finished_late}"


class ComplianceTally(models.Model):
    """PPK follow-up compliance per instansi and kabupaten/kota at the last refresh: what the national,
    provincial and BKN dashboards read (a million cases hold some 400,000 recommendations, too many
    to group in a request). Rows are level-2 codes like CaseTally's; ``to_bkn`` is the recommendation's."""

    region_code = models.CharField(max_length=13)
    to_bkn = models.BooleanField(default=False)
    agency_id = models.IntegerField(null=True, blank=True)  # the instansi: the top of the agency record
    typed_name = models.CharField(max_length=255, blank=True)  # the terlapor's typed agency name
    recommendations = models.IntegerField(default=0)
    acted_within_target = models.IntegerField(default=0)
    acted_late = models.IntegerField(default=0)
    overdue = models.IntegerField(default=0)
    escalations = models.IntegerField(default=0)
    lighter_than_catalogue = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["region_code"], name="compliance_tally_region")]

    def __str__(self) -> str:
        return f"{self.agency_id}@{self.region_code}: {self.recommendations}"


class TallyRun(models.Model):
    """When the tallies were last rebuilt and how many cases they counted."""

    finished_at = models.DateTimeField()
    cases = models.IntegerField()
    seconds = models.FloatField()

    class Meta:
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} ({self.cases})"


class IndexWeights(models.Model):
    """One version of the index's weights and class thresholds, set by the national office.

    Never edited in place: a change adds a version, so every published score names the weights
    that produced it (``formula_version``).
    """

    violations_per_1000 = models.FloatField(_("pelanggaran per 1.000 ASN"), default=30)
    share_proven = models.FloatField(_("porsi terbukti"), default=15)
    repeat_offenders = models.FloatField(_("pelanggar berulang"), default=15)
    monitoring_signals = models.FloatField(_("sinyal pemantauan"), default=10)
    prevention_coverage = models.FloatField(_("cakupan pencegahan"), default=10)
    followup_compliance = models.FloatField(_("kepatuhan tindak lanjut PPK"), default=20)
    previous_election = models.FloatField(_("pemilihan sebelumnya"), default=20)
    threshold_high = models.FloatField(_("batas rawan tinggi"), default=60)
    threshold_medium = models.FloatField(_("batas rawan sedang"), default=30)
    note = models.CharField(_("catatan perubahan"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bobot indeks kerawanan")
        verbose_name_plural = _("bobot indeks kerawanan")

    def __str__(self) -> str:
        return f"weights {self.pk}"


class RegionIndex(models.Model):
    """A region's Indeks Kerawanan Netralitas ASN for one election (or all elections: null)."""

    region = models.ForeignKey("registry.Region", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=13, db_index=True)  # denormalised for scoping
    election_id = models.IntegerField(default=0)  # 0: every election together
    score = models.FloatField()
    klass = models.CharField(max_length=16)  # rawan tinggi | rawan sedang | rawan rendah
    formula_version = models.CharField(max_length=40)
    inputs = models.JSONField(default=dict)  # name -> raw value (null: not available)
    parts = models.JSONField(default=dict)  # name -> {"scaled", "weight", "points"}
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["region_code"]
        constraints = [
            models.UniqueConstraint(fields=["region", "election_id"], name="uniq_region_index_election"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code}: {self.score:.1f}"
