"""The registry with a realistic synthetic roster from netra.names.synthetic (every region, real units)."""

import csv

import pytest

from netra.names.synthetic import generate_roster, write_csv
from netra.registry.matching import roster_search
from netra.registry.models import Pegawai
from netra.registry.services import agencies_import, agencies_seed, regions_load, roster_import

SIZE = 3000
# Names the synthetic generator uses that are not instansi in their own right: BPN is part of
# Kementerian ATR/BPN, and DKI's kota/kabupaten administrasi are units of the province.
NOT_AGENCIES = (
    "Badan Pertanahan Nasional",
    "Pemerintah Kota Administrasi",
    "Pemerintah Kabupaten Administrasi",
)


@pytest.mark.slow
def test_synthetic_roster_imports_and_matches(db, tmp_path):
    regions_load(max_level=3)
    agencies_seed()
    roster_path = tmp_path / "roster.csv"
    write_csv(roster_path, SIZE, seed=7)
    units = _write_units(roster_path, tmp_path / "units.csv")
    assert agencies_import(path=units).created > 0

    report = roster_import(path=roster_path)
    assert report.rows == SIZE
    assert {e.column for e in report.errors} <= {"instansi"}
    assert all(e.value.startswith(NOT_AGENCIES) for e in report.errors)
    assert report.created == SIZE - report.rejected == Pegawai.objects.count()
    assert roster_import(path=roster_path).unchanged == report.created

    people = [p for p in generate_roster(SIZE, seed=7) if not p.instansi.startswith(NOT_AGENCIES)][:25]
    for person in people:
        ids = [m.id for m in roster_search(person.nama, region_code=person.kode_wilayah[:5], limit=5)]
        assert Pegawai.objects.get(nip=person.nip).pk in ids, person.nama


def _write_units(roster_path, units_path):
    """Every (instansi, unit) pair of the roster as a unit under its agency."""
    with roster_path.open(encoding="utf-8") as handle:
        pairs = {(row["instansi"], row["unit"]) for row in csv.DictReader(handle) if row["unit"]}
    with units_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nama", "induk", "jenis_unit"])
        writer.writerows([unit, agency, "lainnya"] for agency, unit in sorted(pairs))
    return units_path
