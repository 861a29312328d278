"""Import of historical cases: row-by-row errors, all or nothing, dry run, CSV and XLSX."""

import csv

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from netra.accounts.models import Role
from netra.cases.importers import cases_import
from netra.cases.models import Case, FollowUp, Recommendation, Transition
from netra.cases.sealing import identity_open

pytestmark = pytest.mark.django_db

HEADER = [
    "jenis",
    "pemilihan",
    "wilayah",
    "tanggal_diterima",
    "uraian",
    "status",
    "nomor_registrasi",
    "pelapor_nama",
    "pelapor_alamat",
    "terlapor_nama",
    "terlapor_status",
    "putusan",
    "jenis_pelanggaran",
    "rekomendasi_nomor",
    "rekomendasi_tanggal",
    "sanksi",
    "sanksi_oleh",
    "sanksi_tanggal",
    "sanksi_nomor",
    "alasan_tidak_registrasi",
]
GOOD = [
    [
        "laporan",
        "Pilkada Uji",
        "21.01.04",
        "2024-10-02",
        "Guru mengajak memilih.",
        "tindak_lanjut",
        "001/Reg/LP/PW/Kab/21.01/X/2024",
        "Andi",
        "Kijang",
        "Budi",
        "PNS",
        "terbukti",
        "D-6",
        "10/PP.01/X/2024",
        "2024-10-10",
        "Teguran tertulis",
        "Bupati Bintan",
        "2024-11-01",
        "800/1/2024",
        "",
    ],
    [
        "temuan",
        "Pilkada Uji",
        "21.04.01",
        "2024-10-03",
        "Honorer berkampanye.",
        "selesai",
        "",
        "",
        "",
        "Cici",
        "PPNPN",
        "bukan_pelanggaran",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "informasi_awal",
        "Pilkada Uji",
        "21.01.06",
        "2024-10-04",
        "Info tanpa nama.",
        "informasi_awal",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "laporan",
        "Pemilu Uji",
        "21.01.04",
        "2024-01-20",
        "Camat di deklarasi.",
        "tidak_diregistrasi",
        "",
        "Dodi",
        "Tanjung Uban",
        "Eko",
        "PNS",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "daluwarsa",
    ],
]


def write_csv(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def importer(world):
    return world["staff"]["kepri"][Role.PIMPINAN]


def test_good_file_is_imported_with_its_records(world, importer, tmp_path):
    result = cases_import(write_csv(tmp_path / "kasus.csv", GOOD), user=importer)
    assert result.ok and result.rows == 4 and len(result.created) == 4
    first = Case.objects.get(register_number="001/Reg/LP/PW/Kab/21.01/X/2024")
    assert first.status == "tindak_lanjut" and first.office == world["offices"]["bintan"]
    assert identity_open(first.reporter).name == "Andi" and first.source == "import"
    rec = Recommendation.objects.get(case=first)
    assert rec.recipients == ["BKN"] and rec.copies == ["PPK"]
    assert FollowUp.objects.get(case=first).sanction == "Teguran tertulis"
    assert Case.objects.get(kind="temuan").office == world["offices"]["lingga"]
    assert Case.objects.get(kind="informasi_awal").status == "informasi_awal"
    assert Transition.objects.filter(action="import").count() == 4


def test_bad_rows_are_all_reported_and_nothing_is_imported(world, importer, tmp_path):
    bad = [
        GOOD[0],
        [
            "laporan",
            "Pilkada Tidak Ada",
            "21.01.04",
            "2024-13-40",
            "x",
            "diregistrasi",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "banding",
            "Pilkada Uji",
            "99.99",
            "2024-10-01",
            "",
            "kajian",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "laporan",
            "Pilkada Uji",
            "32.04.05",
            "2024-10-01",
            "Di Bandung.",
            "diputus",
            "002/X",
            "A",
            "B",
            "C",
            "PNS",
            "terbukti",
            "BUKAN-KODE",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    result = cases_import(write_csv(tmp_path / "kasus.csv", bad), user=importer)
    assert not result.ok and Case.objects.count() == 0
    by_row = {}
    for error in result.errors:
        by_row.setdefault(error.row, set()).add(error.column)
    assert 2 not in by_row
    assert {"pemilihan", "tanggal_diterima", "pelapor_nama", "nomor_registrasi"} <= by_row[3]
    assert {"jenis", "wilayah", "uraian"} <= by_row[4]
    assert {"wilayah", "jenis_pelanggaran"} <= by_row[5]  # Jawa Barat is outside Kepri; unknown code
    assert all(error.reason for error in result.errors)


def test_overlong_cells_are_reported(world, importer, tmp_path):
    row = list(GOOD[1])
    row[HEADER.index("terlapor_nama")] = "X" * 201
    result = cases_import(write_csv(tmp_path / "kasus.csv", [row]), user=importer)
    assert [(e.row, e.column) for e in result.errors] == [(2, "terlapor_nama")]
    assert Case.objects.count() == 0


def test_duplicate_register_numbers_are_refused(world, importer, tmp_path):
    result = cases_import(write_csv(tmp_path / "kasus.csv", [GOOD[0], GOOD[0]]), user=importer)
    assert [(e.row, e.column) for e in result.errors] == [(3, "nomor_registrasi")]
    assert Case.objects.count() == 0


def test_dry_run_validates_without_writing(world, importer, tmp_path):
    result = cases_import(write_csv(tmp_path / "kasus.csv", GOOD), user=importer, dry_run=True)
    assert result.ok and result.rows == 4 and result.created == [] and Case.objects.count() == 0


def test_xlsx_is_read_too(world, importer, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in GOOD[1:3]:
        sheet.append(row)
    book.save(tmp_path / "kasus.xlsx")
    result = cases_import(tmp_path / "kasus.xlsx", user=importer)
    assert result.ok and len(result.created) == 2


def test_missing_required_column_is_reported(world, importer, tmp_path):
    result = cases_import(write_csv(tmp_path / "kasus.csv", [["x"]], header=["jenis"]), user=importer)
    assert not result.ok and "kolom wajib" in result.errors[0].reason


def test_only_pimpinan_or_admin_of_a_supervisory_office(world, tmp_path):
    path = write_csv(tmp_path / "kasus.csv", GOOD)
    with pytest.raises(PermissionDenied):
        cases_import(path, user=world["staff"]["kepri"][Role.STAF_PENANGANAN])
    with pytest.raises(PermissionDenied):
        cases_import(path, user=world["staff"]["bkn"][Role.ADMIN])


def test_dates_must_run_occurred_known_received(world, importer, tmp_path):
    header = [*HEADER, "tanggal_kejadian", "tanggal_diketahui"]
    known_after_receipt = [*GOOD[1], "2024-10-01", "2024-10-05"]  # received 2024-10-03
    occurred_after_receipt = [*GOOD[2], "2024-10-05", ""]  # received 2024-10-04
    path = write_csv(tmp_path / "kasus.csv", [known_after_receipt, occurred_after_receipt], header=header)
    result = cases_import(path, user=importer)
    assert [(e.row, e.column) for e in result.errors] == [(2, "tanggal_diketahui"), (3, "tanggal_kejadian")]
    assert "setelah tanggal diterima" in result.errors[0].reason
    assert Case.objects.count() == 0


def test_control_characters_in_record_cells_are_reported(world, importer, tmp_path):
    row = list(GOOD[0])
    row[HEADER.index("sanksi")] = "Teguran\u202e tertulis"
    result = cases_import(write_csv(tmp_path / "kasus.csv", [row]), user=importer)
    assert [(e.row, e.column) for e in result.errors] == [(2, "sanksi")]
    assert Case.objects.count() == 0


def test_nip_is_stored_in_its_cleaned_form(world, importer, tmp_path):
    header = [*HEADER, "terlapor_nip"]
    row = [*GOOD[3], "19850330 201001 1 002"]
    result = cases_import(write_csv(tmp_path / "kasus.csv", [row], header=header), user=importer)
    assert result.ok, result.errors
    assert Case.objects.get().terlapor.get().nip == "198503302010011002"


def test_the_writes_go_through_the_import_service_with_an_audit_event(world, importer, tmp_path):
    from netra.audit.models import Event

    result = cases_import(write_csv(tmp_path / "kasus.csv", GOOD[:2]), user=importer)
    assert result.ok
    events = Event.objects.filter(action="case.import")
    assert sorted(int(e.object_id) for e in events) == sorted(result.created)


def test_a_region_cell_with_a_nul_is_an_error_not_a_database_failure(world, importer, tmp_path):
    row = list(GOOD[1])
    row[HEADER.index("wilayah")] = "21.04\x0001"
    result = cases_import(write_csv(tmp_path / "kasus.csv", [row]), user=importer)
    assert [(e.row, e.column) for e in result.errors] == [(2, "wilayah")]
    assert Case.objects.count() == 0
