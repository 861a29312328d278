import datetime as dt

import pytest
from openpyxl import Workbook

from netra.registry.models import Agency, Pegawai
from netra.registry.services import roster_import
from netra.registry.services.counters import counter_value
from netra.registry.tabular import TabularError
from tests.registry.conftest import HEADER

GOOD = [
    "198001012005011001,Drs. H. Moch. Djoko Santoso M.Si.,Pemkab Bandung,Dinas Pendidikan,Kepala Dinas,PNS,",
    "19900215 201903 2 004,Siti Aminah S.Pd.,Pemerintah Kabupaten Bandung,,Guru,PPPK,32.04.05",
    ",Asep Sunandar,Pemkab Bandung,Dinas Pendidikan,Pengemudi,honorer,",
    "198512312010121002,Budi Hartono,BKN,,Analis Kepegawaian,PNS,",
]


def _csv(tmp_path, rows, header=HEADER, name="roster.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_good_rows_are_created_with_fields_derived_from_the_nip(agencies, tmp_path):
    report = roster_import(path=_csv(tmp_path, GOOD))
    assert (report.rows, report.created, report.errors) == (4, 4, [])
    djoko = Pegawai.objects.get(nip="198001012005011001")
    assert djoko.full_name == "Drs. H. Moch. Djoko Santoso M.Si."
    assert djoko.name_normalized == "muhamad joko santoso"
    assert (djoko.agency.short_name, djoko.unit.name, djoko.region_id) == (
        "Pemkab Bandung",
        "Dinas Pendidikan",
        "32.04",
    )
    assert (djoko.birth_date, djoko.tmt_cpns, djoko.gender) == (dt.date(1980, 1, 1), dt.date(2005, 1, 1), "L")
    siti = Pegawai.objects.get(nip="199002152019032004")
    assert (siti.employment_type, siti.gender, siti.region_id) == ("PPPK", "P", "32.04.05")
    asep = Pegawai.objects.get(full_name="Asep Sunandar")
    assert (asep.nip, asep.employment_type, asep.birth_date) == (None, "PPNPN", None)
    assert Pegawai.objects.get(nip="198512312010121002").region_id is None


def test_reimport_is_idempotent_and_updates_changes(agencies, tmp_path):
    roster_import(path=_csv(tmp_path, GOOD))
    version = counter_value()
    again = roster_import(path=_csv(tmp_path, GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert counter_value() == version  # nothing written, so matching indexes stay valid
    changed = [GOOD[0].replace("Kepala Dinas", "Sekretaris Dinas"), GOOD[2].replace("Pengemudi", "Satpam")]
    report = roster_import(path=_csv(tmp_path, changed))
    assert (report.created, report.updated) == (0, 2)
    assert Pegawai.objects.count() == 4
    assert Pegawai.objects.get(full_name="Asep Sunandar").position == "Satpam"
    assert counter_value() != version


BAD = [
    ("19800101200501100,Nama Satu,BKN,,,PNS,", "nip", "18 digit"),
    ("198002302005011001,Nama Dua,BKN,,,PNS,", "nip", "tanggal lahir"),
    ("198001012005013001,Nama Tiga,BKN,,,PNS,", "nip", "jenis kelamin"),
    ("1.98001012005011E+17,Nama Empat,BKN,,,PNS,", "nip", "teks"),
    (",Nama Lima,BKN,,,PNS,", "nip", "wajib"),
    ("198001012005011005,Nama Enam,Kementerian Khayalan,,,PNS,", "instansi", "tidak dikenal"),
    ("198001012005011006,Nama Tujuh,Pemkab Bandung,Dinas Rahasia,,PNS,", "unit", "tidak dikenal"),
    ("198001012005011007,Nama Delapan,Pemkab Bandung,,,PNS,99.99", "kode_wilayah", "tidak dikenal"),
    ("198001012005011008,Nama Sembilan,Pemkab Bandung,,,Kontrak,", "status", "PNS, PPPK atau PPNPN"),
    ("198001012005011009,,Pemkab Bandung,,,PNS,", "nama", "kosong"),
    ("198001012005011010,Nama Sebelas,Pemkab Bandung,,,PNS,Bandung", "kode_wilayah", "beberapa wilayah"),
]


@pytest.mark.parametrize(("row", "column", "reason"), BAD)
def test_every_kind_of_bad_row_is_reported_and_not_written(agencies, tmp_path, row, column, reason):
    report = roster_import(path=_csv(tmp_path, [GOOD[3], row]))
    assert report.created == 1  # the good row still goes in
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert reason in report.errors[0].reason
    assert Pegawai.objects.count() == 1


def test_duplicates_within_the_file_are_reported(agencies, tmp_path):
    rows = [GOOD[0], GOOD[0].replace("Kepala", "Wakil"), GOOD[2], GOOD[2]]
    report = roster_import(path=_csv(tmp_path, rows))
    assert report.created == 2
    assert [(e.row, e.column, e.reason) for e in report.errors] == [
        (3, "nip", "duplikat baris 2 dalam berkas yang sama"),
        (5, "nama", "duplikat baris 4 dalam berkas yang sama"),
    ]


def test_header_variants_and_default_status(agencies, tmp_path):
    header = "NIP Baru;Nama Lengkap;Nama Instansi;Unit Kerja;Nama Jabatan;Kode Wilayah"
    row = "198001012005011001;Joko Santoso;BKN;;Analis;"
    report = roster_import(path=_csv(tmp_path, [row], header=header), default_status="PNS")
    assert (report.created, report.errors) == (1, [])
    with pytest.raises(TabularError, match="status"):
        roster_import(path=_csv(tmp_path, [row], header=header))


def test_xlsx_roster(agencies, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Nama", "Instansi", "Unit", "Jabatan", "Status", "Kode Wilayah"])
    sheet.append(
        ["198001012005011001", "Joko Santoso", "Pemkab Bandung", "Dinas Pendidikan", "Guru", "PNS", 3204]
    )
    sheet.append(["bukan nip", "Nama Lain", "BKN", None, None, "PNS", None])
    # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has lost its last digits.
    sheet.append([198001012005011002, "Nama Angka", "BKN", None, None, "PNS", None])
    workbook.save(tmp_path / "roster.xlsx")
    report = roster_import(path=tmp_path / "roster.xlsx")
    assert report.created == 1
    assert [(e.row, e.column) for e in report.errors] == [(3, "nip"), (4, "nip")]
    assert "format kolom sebagai teks" in report.errors[1].reason
    assert Pegawai.objects.get().region_id == "32.04"


def test_small_batches_give_the_same_result(agencies, tmp_path):
    report = roster_import(path=_csv(tmp_path, GOOD), batch_size=1)
    assert report.created == 4 and Agency.objects.filter(name="Dinas Pendidikan").count() == 1


def test_government_named_through_a_region_alias(agencies, tmp_path):
    rows = [
        "198001012005011001,Joko Santoso,Pemprov Jabar,,Analis,PNS,",
        "198001012005011002,Joko Susilo,Pemkab Bandung Barat,,Guru,PNS,",
        "198001012005011003,Joko Widodo,Pemerintah Kab. Bandung,,Guru,PNS,",
    ]
    report = roster_import(path=_csv(tmp_path, rows))
    assert report.errors == []
    assert list(Pegawai.objects.order_by("nip").values_list("agency__region_id", flat=True)) == [
        "32",
        "32.17",
        "32.04",
    ]
