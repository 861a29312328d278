"""Seed central and regional agencies and the standard perangkat daerah under each regional government;
import agency units (OPD, schools, puskesmas...) from files."""

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from django.db import connection, transaction

from netra.accounts.scoping import region_below
from netra.registry.agency_lookup import AgencyLookup, AgencyNotFound
from netra.registry.models import Agency, Region
from netra.registry.resolve import RegionResolver
from netra.registry.tabular import RowError, read_rows

JAKARTA = "31"  # DKI's kab/kota are administrative units of the province, not autonomous governments

# Accepted unit types, with the spellings that mean them.
UNIT_TYPES = {
    "sekretariat": ("setda", "sekretariat daerah", "setwan", "sekretariat dprd"),
    "inspektorat": (),
    "dinas": (),
    "badan": (),
    "biro": (),
    "kantor": (),
    "satpol_pp": ("satpol pp", "satuan polisi pamong praja"),
    "kecamatan": ("distrik",),
    "kelurahan": ("desa",),
    "sekolah": ("sd", "smp", "sma", "smk", "slb", "sdn", "smpn", "sman", "smkn", "madrasah"),
    "puskesmas": (),
    "rumah_sakit": ("rs", "rsud", "rumah sakit"),
    "direktorat": ("ditjen", "direktorat jenderal", "deputi"),
    "kantor_wilayah": ("kanwil", "kantor wilayah"),
    "upt": ("uptd", "unit pelaksana teknis"),
    "lainnya": ("lain", "other"),
}
_UNIT_TYPE_BY_SPELLING = {
    spelling.replace(" ", "_"): canonical
    for canonical, spellings in UNIT_TYPES.items()
    for spelling in (canonical, *spellings)
}

AGENCY_COLUMNS = {
    "nama": ("name", "nama unit", "nama_unit", "unit", "nama instansi"),
    "induk": ("parent", "instansi induk", "induk instansi", "instansi", "parent agency"),
    "jenis_unit": ("unit_type", "jenis", "tipe", "type", "jenis unit"),
    "singkatan": ("short_name", "short name", "alias"),
    "kode": ("kode_instansi", "kode instansi", "kode unit", "external_code", "code"),
    "kode_wilayah": ("wilayah", "region", "region_code", "kode wilayah"),
}


@dataclass(frozen=True)
class AgencySeedResult:
    created: int
    updated: int


@dataclass
class AgencyImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len({e.row for e in self.errors})


def agencies_seed() -> AgencySeedResult:
    """Create the central agencies (data file) and a government for every loaded province and kab/kota.

    Idempotent: central agencies are keyed by name, regional governments by their region.
    """
    counts = [0, 0]
    with transaction.atomic():
        for row in central_agency_rows():
            _upsert_top_level(row["name"], row["short_name"], row["kind"], None, counts)
        provinces = {}
        for region in Region.objects.filter(level=Region.Level.PROVINSI):
            provinces[region.code] = _upsert_regional(region, None, counts)
        for region in Region.objects.filter(level=Region.Level.KABUPATEN_KOTA):
            jakarta_province = provinces.get(JAKARTA) if region_below(region.code, JAKARTA) else None
            _upsert_regional(region, jakarta_province, counts)
    return AgencySeedResult(created=counts[0], updated=counts[1])


def central_agency_rows() -> list[dict[str, str]]:
    text = (
        resources.files("netra.registry").joinpath("data", "central_agencies.csv").read_text(encoding="utf-8")
    )
    return list(csv.DictReader(text.splitlines()))


def _upsert_top_level(
    name: str, short_name: str, kind: str, region: Region | None, counts: list[int]
) -> Agency:
    agency = Agency.objects.filter(parent__isnull=True, name=name).first()
    return _save(agency, counts, name=name, short_name=short_name, kind=kind, region=region, parent=None)


def _upsert_regional(region: Region, jakarta_province: Agency | None, counts: list[int]) -> Agency:
    if jakarta_province is not None:  # Kota Administrasi Jakarta Pusat: a unit of Pemprov DKI
        unit_type = "kota_administrasi" if region.kind == "kota" else "kabupaten_administrasi"
        agency = Agency.objects.filter(region=region, kind=Agency.Kind.UNIT, parent=jakarta_province).first()
        return _save(
            agency,
            counts,
            name=region.name,
            short_name="",
            kind=Agency.Kind.UNIT,
            unit_type=unit_type,
            region=region,
            parent=jakarta_province,
        )
    kind, word, short_word = _regional_kind(region)
    agency = Agency.objects.filter(region=region, kind=kind, parent__isnull=True).first()
    bare = region.name.removeprefix("Kabupaten ").removeprefix("Kota ") if region.level == 2 else region.name
    return _save(
        agency,
        counts,
        name=f"Pemerintah {word} {bare}",
        short_name=f"{short_word} {bare}",
        kind=kind,
        region=region,
        parent=None,
    )


def _regional_kind(region: Region) -> tuple[str, str, str]:
    if region.level == Region.Level.PROVINSI:
        return Agency.Kind.PEMPROV, "Provinsi", "Pemprov"
    if region.kind == "kota":
        return Agency.Kind.PEMKOT, "Kota", "Pemkot"
    return Agency.Kind.PEMKAB, "Kabupaten", "Pemkab"


def _save(agency: Agency | None, counts: list[int], **values) -> Agency:
    if agency is None:
        counts[0] += 1
        return Agency.objects.create(**values)
    changed = {k: v for k, v in values.items() if getattr(agency, k) != v}
    if changed:
        for key, value in changed.items():
            setattr(agency, key, value)
        agency.save(update_fields=list(changed))
        counts[1] += 1
    return agency


# Standard perangkat daerah ------------------------------------------------------------------------

_GOVERNMENT_KINDS = (Agency.Kind.PEMPROV, Agency.Kind.PEMKAB, Agency.Kind.PEMKOT)
STANDARD_UNITS_BATCH = 2000  # rows read per round trip


@dataclass(frozen=True)
class StandardUnit:
    stem: str  # "Dinas Pendidikan": the government's place is appended
    unit_type: str
    levels: str  # "p" provinsi, "k" kabupaten/kota


def standard_unit_rows() -> list[StandardUnit]:
    """The nomenclature of data/perangkat_daerah.csv (PP 18/2016; see the file's header)."""
    path = resources.files("netra.registry").joinpath("data", "perangkat_daerah.csv")
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [StandardUnit(**row) for row in csv.DictReader(lines)]


def agency_units_seed_standard() -> AgencySeedResult:
    """Under every Pemprov, Pemkab and Pemkot: its standard dinas, badan, sekretariat and inspektorat
    ("Dinas Pendidikan Kabupaten Bandung"), and for a kabupaten/kota one kecamatan (or distrik) per
    loaded kecamatan region, all marked ``standard_nomenclature``.

    Bulk and idempotent: a unit already under the government with that name (imported or seeded
    before) is left as it is. DKI Jakarta's kota administrasi are units of the province, not
    governments, so they get none of their own.
    """
    rows = standard_unit_rows()
    governments = list(
        Agency.objects.filter(
            parent__isnull=True, kind__in=_GOVERNMENT_KINDS, region__isnull=False
        ).select_related("region")
    )
    units = Agency.objects.filter(parent__parent__isnull=True, parent__kind__in=_GOVERNMENT_KINDS)
    taken = set(units.values_list("parent_id", "name").iterator(STANDARD_UNITS_BATCH))
    kecamatan = _kecamatan_by_kabkota()
    fresh = []
    for government in governments:
        if government.region is None:  # only a government with its region has standard units
            continue
        for name, unit_type, region_id in _standard_units_of(government.region, rows, kecamatan):
            if (government.pk, name) not in taken:
                taken.add((government.pk, name))
                fresh.append((name, "", Agency.Kind.UNIT, unit_type, government.pk, region_id, "", True))
    _insert_units(fresh)
    return AgencySeedResult(created=len(fresh), updated=0)


def _place(region: Region) -> str:
    """ "Provinsi Jawa Barat", "Kabupaten Bandung", "Kota Bandung": how unit names end."""
    return f"Provinsi {region.name}" if region.level == Region.Level.PROVINSI else region.name


def _kecamatan_by_kabkota() -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list[tuple[str, str, str]]] = {}
    kecamatan = Region.objects.filter(level=Region.Level.KECAMATAN)
    rows = kecamatan.values_list("code", "name", "kind", "parent_id")
    for code, name, kind, parent in rows.iterator(STANDARD_UNITS_BATCH):
        found.setdefault(parent, []).append((code, name, kind))
    return found


def _standard_units_of(
    region: Region, rows: list[StandardUnit], kecamatan: dict
) -> list[tuple[str, str, str]]:
    """(name, unit type, region code) of each standard unit of the government of ``region``."""
    level = "p" if region.level == Region.Level.PROVINSI else "k"
    place = _place(region)
    units = [(f"{row.stem} {place}"[:200], row.unit_type, region.pk) for row in rows if level in row.levels]
    for code, name, kind in kecamatan.get(region.pk, []) if level == "k" else []:
        word = "Distrik" if kind == "distrik" else "Kecamatan"
        units.append((f"{word} {name}", "kecamatan", code))
    return units


def _insert_units(rows: list[tuple]) -> None:
    """One executemany INSERT: for the ~26,000 units of the whole country, bulk_create spends seconds
    building model instances and, on SQLite, some 200 statements of 124 rows; this takes a fraction."""
    columns = (
        "name",
        "short_name",
        "kind",
        "unit_type",
        "parent_id",
        "region_id",
        "external_code",
        "standard_nomenclature",
    )
    quote = connection.ops.quote_name
    # Identifiers come from the model's own metadata, values are bound as parameters.
    sql = (
        f"INSERT INTO {quote(Agency._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# Import of units ---------------------------------------------------------------------------------


def agencies_import(*, path: Path, encoding: str = "utf-8-sig") -> AgencyImportReport:
    """Upsert the units listed in a CSV/XLSX file, keyed by (parent, name); report every bad row.

    ``induk`` names the parent: its id, kode, name, singkatan or a path "Pemerintah Kabupaten
    Bandung > Dinas Pendidikan". Parents may be rows earlier in the same file.
    """
    report = AgencyImportReport()
    lookup, regions = AgencyLookup.load(), RegionResolver()
    rows = read_rows(path, AGENCY_COLUMNS, required=("nama", "induk"), encoding=encoding)
    with transaction.atomic():
        for number, row in rows:
            report.rows += 1
            errors, values = _unit_values(number, row, lookup, regions)
            if errors:
                report.errors.extend(errors)
                continue
            lookup.add(_upsert_unit(values, lookup, report))
    return report


def _unit_values(
    number: int, row: dict[str, str], lookup: AgencyLookup, regions: RegionResolver
) -> tuple[list[RowError], dict]:
    errors = []
    if not row["nama"]:
        errors.append(RowError(number, "nama", "", "nama unit kosong"))
    parent_id = None
    try:
        parent_id = lookup.find_id(row["induk"])
    except AgencyNotFound as exc:
        errors.append(RowError(number, "induk", row["induk"], str(exc)))
    unit_type = _UNIT_TYPE_BY_SPELLING.get(row.get("jenis_unit", "").strip().lower().replace(" ", "_"))
    if unit_type is None:
        reason = f"jenis unit tidak dikenal ({', '.join(UNIT_TYPES)})"
        errors.append(RowError(number, "jenis_unit", row.get("jenis_unit", ""), reason))
    region_id: str | Exception | None = lookup.by_id[parent_id].region_id if parent_id else None
    if row.get("kode_wilayah"):
        region_id = regions.resolve(row["kode_wilayah"])
        if isinstance(region_id, Exception):
            errors.append(RowError(number, "kode_wilayah", row["kode_wilayah"], str(region_id)))
    values = {
        "name": row["nama"][:200],
        "short_name": row.get("singkatan", "")[:60],
        "kind": Agency.Kind.UNIT,
        "unit_type": unit_type,
        "parent_id": parent_id,
        "region_id": region_id,
        "external_code": row.get("kode", "")[:40],
    }
    return errors, values


def _upsert_unit(values: dict, lookup: AgencyLookup, report: AgencyImportReport) -> Agency:
    current = lookup.child_named(values["parent_id"], values["name"])
    if current is None:
        report.created += 1
        return Agency.objects.create(**values)
    changed = {k: v for k, v in values.items() if getattr(current, k) != v}
    agency = Agency(pk=current.id, **values)
    if not changed:
        report.unchanged += 1
        return agency
    Agency.objects.filter(pk=current.id).update(**changed)
    report.updated += 1
    return agency
