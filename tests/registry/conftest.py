"""Registry fixtures: a small slice of the region tree (loading all of it is one slow test)."""

import pytest

from netra.registry.services import agencies_import, agencies_seed, regions_load, roster_import

# Jawa Barat (Kota/Kabupaten Bandung), DIY (Jogja), Papua Barat and Papua Barat Daya (the remap).
TEST_PROVINCES = ("32", "34", "92", "96")


@pytest.fixture
def regions(db):
    return regions_load(max_level=3, provinces=TEST_PROVINCES)


HEADER = "nip,nama,instansi,unit,jabatan,status,kode_wilayah"
ROSTER_ROWS = [
    "198001012005011001,Drs. H. Moch. Djoko Santoso M.Si.,Pemkab Bandung,,Camat,PNS,32.04.05",
    "198203042006041002,Joko Susilo,Pemkab Bandung,,Guru,PNS,",
    "197905052003122003,Sri Wahyuni,Pemkot Bandung,,Lurah,PNS,",
    "198101012005011004,Djoko Santoso,Pemerintah Kabupaten Sorong,,Kepala Bidang,PNS,",
    "198512312010121002,Budi Hartono,BKN,,Analis Kepegawaian,PNS,",
]


@pytest.fixture
def agencies(regions, tmp_path):
    """Seeded agencies plus one unit, Dinas Pendidikan of Pemkab Bandung."""
    agencies_seed()
    units = tmp_path / "units.csv"
    units.write_text("nama,induk,jenis_unit\nDinas Pendidikan,Pemkab Bandung,dinas\n", encoding="utf-8")
    agencies_import(path=units)


@pytest.fixture
def roster(agencies, tmp_path):
    """Five civil servants: two in Kabupaten Bandung, one in Kota Bandung, one in Sorong, one at BKN."""
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([HEADER, *ROSTER_ROWS]) + "\n", encoding="utf-8")
    report = roster_import(path=path)
    assert report.errors == []
