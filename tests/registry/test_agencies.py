import pytest
from openpyxl import Workbook

from netra.registry.models import Agency
from netra.registry.services import agencies_import, agencies_seed
from netra.registry.services.agencies import central_agency_rows
from netra.registry.tabular import TabularError


@pytest.fixture
def seeded(regions):
    return agencies_seed()


def test_seed_creates_central_and_regional_governments(seeded):
    central = central_agency_rows()
    kabkota = 27 + 5 + 7 + 6  # Jawa Barat, DIY, Papua Barat, Papua Barat Daya
    assert seeded.created == len(central) + 4 + kabkota
    bkn = Agency.objects.get(short_name="BKN")
    assert (bkn.kind, bkn.parent_id, bkn.region_id) == ("lembaga", None, None)
    pemkab = Agency.objects.get(region_id="32.04", parent__isnull=True)
    assert (pemkab.name, pemkab.short_name, pemkab.kind) == (
        "Pemerintah Kabupaten Bandung",
        "Pemkab Bandung",
        "pemkab",
    )
    pemkot = Agency.objects.get(region_id="32.73")
    assert (pemkot.name, pemkot.kind) == ("Pemerintah Kota Bandung", "pemkot")
    pemprov = Agency.objects.get(region_id="32")
    assert (pemprov.name, pemprov.short_name) == ("Pemerintah Provinsi Jawa Barat", "Pemprov Jawa Barat")


def test_seed_is_idempotent(seeded):
    count = Agency.objects.count()
    again = agencies_seed()
    assert (again.created, again.updated) == (0, 0)
    assert Agency.objects.count() == count


def test_central_data_file_has_unique_names_and_short_names():
    rows = central_agency_rows()
    assert len({r["name"] for r in rows}) == len(rows)
    assert len({r["short_name"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} == {"kementerian", "lembaga"}


def _write_csv(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_units_with_paths_codes_and_errors(seeded, tmp_path):
    path = _write_csv(
        tmp_path / "unit.csv",
        [
            "nama;induk;jenis_unit;singkatan;kode;kode_wilayah",
            "Dinas Pendidikan;Pemkab Bandung;dinas;Disdik;D-01;",
            "SD Negeri 1 Cileunyi;Pemerintah Kabupaten Bandung > Dinas Pendidikan;SD;;;32.04.05",
            "Puskesmas Soreang;D-01;puskesmas;;;",
            "Dinas Kesehatan;Pemkab Atlantis;dinas;;;",
            "Dinas Sosial;Pemkab Bandung;kantor rahasia;;;",
            ";Pemkab Bandung;dinas;;;",
            "Dinas Pendidikan;Pemkot Bandung;dinas;;;99.99",
        ],
    )
    report = agencies_import(path=path)
    assert (report.rows, report.created, report.rejected) == (7, 3, 4)
    assert [(e.row, e.column) for e in report.errors] == [
        (5, "induk"),
        (6, "jenis_unit"),
        (7, "nama"),
        (8, "kode_wilayah"),
    ]
    dinas = Agency.objects.get(external_code="D-01")
    assert (dinas.parent.short_name, dinas.unit_type, dinas.region_id, dinas.kind) == (
        "Pemkab Bandung",
        "dinas",
        "32.04",
        "unit",
    )
    school = Agency.objects.get(name="SD Negeri 1 Cileunyi")
    assert (school.parent_id, school.unit_type, school.region_id) == (dinas.pk, "sekolah", "32.04.05")
    assert Agency.objects.get(name="Puskesmas Soreang").parent_id == dinas.pk
    assert not Agency.objects.filter(name="Dinas Kesehatan").exists()


def test_import_units_again_changes_nothing_then_updates(seeded, tmp_path):
    lines = ["nama,induk,jenis_unit", "Dinas Pendidikan,Pemkab Bandung,dinas"]
    agencies_import(path=_write_csv(tmp_path / "a.csv", lines))
    again = agencies_import(path=_write_csv(tmp_path / "a.csv", lines))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = agencies_import(
        path=_write_csv(tmp_path / "a.csv", [lines[0], "Dinas Pendidikan,Pemkab Bandung,badan"])
    )
    assert changed.updated == 1
    assert Agency.objects.get(name="Dinas Pendidikan").unit_type == "badan"


def test_ambiguous_parent_is_reported(seeded, tmp_path):
    agencies_import(
        path=_write_csv(
            tmp_path / "a.csv",
            [
                "nama,induk,jenis_unit",
                "Dinas Pendidikan,Pemkab Bandung,dinas",
                "Dinas Pendidikan,Pemkot Bandung,dinas",
            ],
        )
    )
    report = agencies_import(
        path=_write_csv(tmp_path / "b.csv", ["nama,induk,jenis_unit", "SDN 2,Dinas Pendidikan,sekolah"])
    )
    assert report.rejected == 1 and "ambigu" in report.errors[0].reason


def test_import_units_from_xlsx(seeded, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nama Unit", "Instansi Induk", "Jenis Unit"])
    sheet.append(["Kecamatan Soreang", "Pemkab Bandung", "kecamatan"])
    workbook.save(tmp_path / "unit.xlsx")
    report = agencies_import(path=tmp_path / "unit.xlsx")
    assert (report.created, report.errors) == (1, [])


def test_missing_required_column_is_refused(seeded, tmp_path):
    with pytest.raises(TabularError, match="induk"):
        agencies_import(path=_write_csv(tmp_path / "a.csv", ["nama,jenis", "Dinas,dinas"]))
