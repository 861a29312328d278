"""The demo's synthetic roster, loaded through the roster import service.

Two parts, every person invented (``netra.names.synthetic``):

* pegawai spread over Indonesia as the generator places them (``size`` rows);
* in the kabupaten of the demo cases, the invented terlapor of those cases themselves (same name and
  NIP, in the case's kecamatan) and two namesakes each (same name, another NIP; one in another
  kecamatan of the kabupaten, one in the neighbouring kabupaten), so an officer opening a demo case
  sees the roster suggest the right person above people who only share the name.

The generator names two kinds of agency as the registry does not (BPN is part of Kementerian ATR/BPN;
DKI Jakarta's kota/kabupaten administrasi are units of the province, not governments): those rows
are given the registry's names instead of being rejected.
"""

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path

from netra.law import regioncode
from netra.names.synthetic import CSV_COLUMNS, SyntheticPegawai, generate_roster

SEED = 2024
NAMESAKE_SEED = 8
COLUMNS = [c for c in CSV_COLUMNS if c != "unit"]  # synthetic units (SD Negeri 3 ...) are not seeded
_RENAMED = {"Badan Pertanahan Nasional": "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional"}
_DKI = "Pemerintah Provinsi Daerah Khusus Ibukota Jakarta"
_DKI_UNITS = ("Pemerintah Kota Administrasi ", "Pemerintah Kabupaten Administrasi ")
# Where a namesake from outside the case's kabupaten works: the neighbouring demo kabupaten.
_NEIGHBOUR = {"21.01": "21.04", "21.04": "21.01", "32.04": "32.73"}


@dataclass(frozen=True)
class DemoTerlapor:
    """A terlapor of a demo case as the demo files it: the invented person and the case's kecamatan."""

    person: SyntheticPegawai
    region: str  # kecamatan code
    instansi: str  # the registry name of the regional government


@dataclass(frozen=True)
class DemoRosterResult:
    loaded: int  # pegawai on the roster afterwards
    rejected: list[str]  # "row N: reason" for rows the import refused


def registry_instansi(name: str) -> str:
    """The name (or path) the registry knows a generated instansi by."""
    if name.startswith(_DKI_UNITS):
        return f"{_DKI} > {name.removeprefix('Pemerintah ')}"
    return _RENAMED.get(name, name)


def demo_roster_rows(size: int, terlapor: list[DemoTerlapor]) -> list[list[str]]:
    """The CSV rows: the demo terlapor and their namesakes first, then the spread."""
    rows = []
    # Namesakes take the NIPs of other invented people of the same status (a NIP and an NI PPPK differ).
    spare = list(generate_roster(40 * len(terlapor) + 40, seed=NAMESAKE_SEED))
    used = {entry.person.nip for entry in terlapor}
    for entry in terlapor:
        rows.append(_row(entry.person, entry.instansi, entry.region))
        for region in _namesake_regions(entry.region):
            nip = next(p.nip for p in spare if p.status == entry.person.status and p.nip not in used)
            used.add(nip)
            rows.append(_row(entry.person, _government_by_region(region), region, nip=nip))
    for person in generate_roster(size, seed=SEED):
        rows.append(_row(person, registry_instansi(person.instansi), person.kode_wilayah))
    return _unique_nips(rows)


def demo_roster_load(size: int, terlapor: list[DemoTerlapor]) -> DemoRosterResult:
    """Import the demo roster (idempotent: the import upserts by NIP)."""
    from netra.registry.services.roster import roster_import

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster-demo.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(demo_roster_rows(size, terlapor))
        report = roster_import(path=path)
    rejected = [f"baris {e.row}, {e.column}: {e.reason}" for e in report.errors]
    return DemoRosterResult(loaded=report.accepted, rejected=rejected)


def _row(person: SyntheticPegawai, instansi: str, region: str, *, nip: str = "") -> list[str]:
    values = {
        "nip": nip or person.nip,
        "nama": person.nama,
        "instansi": instansi,
        "jabatan": person.jabatan,
        "status": person.status,
        "kode_wilayah": region,
    }
    return [values[column] for column in COLUMNS]


def _namesake_regions(kecamatan: str) -> list[str]:
    """Another kecamatan of the same kabupaten, and the neighbouring demo kabupaten."""
    from netra.registry.models import Region

    kabupaten = regioncode.parent(kecamatan) or kecamatan
    sibling = (
        Region.objects.filter(parent_id=kabupaten)
        .exclude(code=kecamatan)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    return [sibling or kabupaten, _NEIGHBOUR.get(kabupaten, kabupaten)]


def _government_by_region(region: str) -> str:
    """The registry name of the Pemkab/Pemkot of a kabupaten (kode_wilayah of any level in it)."""
    from netra.registry.models import Agency

    kabupaten = regioncode.ancestor_at(region, regioncode.KABUPATEN_KOTA)
    agency = Agency.objects.filter(region_id=kabupaten, parent__isnull=True).first()
    return agency.name if agency else region


def _unique_nips(rows: list[list[str]]) -> list[list[str]]:
    """The first row of each NIP: the spread comes from another seed and could, rarely, repeat one."""
    seen, unique = set(), []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            unique.append(row)
    return unique
