"""One input, one validation: the public form, the API and the case importer refuse the same values.

Each row of the table is one bad value, given to all three paths in their own vocabulary (form field,
API field, importer column); each path must refuse it on that field and store nothing.
"""

import csv
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import Role
from netra.cases.importers import cases_import
from netra.cases.models import Case
from tests.cases.test_api import report_form
from tests.cases.test_views_public import form_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()

# abstract field -> (API error key, importer column); the form's fields and the API's request fields
# carry the abstract names themselves.
FIELDS = {
    "terlapor_nip": ("terlapor.0.nip", "terlapor_nip"),
    "terlapor_name": ("terlapor.0.name", "terlapor_nama"),
    "terlapor_position": ("terlapor.0.position", "terlapor_jabatan"),
    "description": ("description", "uraian"),
    "place": ("place", "tempat"),
    "occurred_on": ("occurred_on", "tanggal_kejadian"),
    "known_on": ("known_on", "tanggal_diketahui"),
}
IMPORT_ALIASES = {"terlapor_subject_type": "terlapor_status"}

# (id, values, field refused, message every path shows; None where Django's form field speaks first)
BAD = [
    (
        "nip-123-unknown-status",
        {"terlapor_nip": "123", "terlapor_subject_type": "lainnya"},
        "terlapor_nip",
        "NIP tidak valid",
    ),
    (
        "nip-123-pns",
        {"terlapor_nip": "123", "terlapor_subject_type": "PNS"},
        "terlapor_nip",
        "NIP tidak valid",
    ),
    (
        "nip-month-13",
        {"terlapor_nip": "198501132010131001", "terlapor_subject_type": "PNS"},
        "terlapor_nip",
        "NIP tidak valid",
    ),
    (
        "ni-pppk-gender-0",
        {"terlapor_nip": "199001012023210001", "terlapor_subject_type": "PPPK"},
        "terlapor_nip",
        "NIP tidak valid",
    ),
    (
        "honorer-number-letters",
        {"terlapor_nip": "12AB", "terlapor_subject_type": "PPNPN"},
        "terlapor_nip",
        "NIP tidak valid",
    ),
    ("occurred-tomorrow", {"occurred_on": TOMORROW}, "occurred_on", "tidak boleh di masa depan"),
    (
        "known-tomorrow",
        {"known_on": TOMORROW, "occurred_on": YESTERDAY},
        "known_on",
        "tidak boleh di masa depan",
    ),
    (
        "known-before-occurred",
        {"occurred_on": YESTERDAY, "known_on": (TODAY - timedelta(days=3)).isoformat()},
        "known_on",
        "tidak boleh sebelum tanggal kejadian",
    ),
    ("escape-in-name", {"terlapor_name": "Budi\x1b[31m Santoso"}, "terlapor_name", "karakter kontrol"),
    ("nul-in-place", {"place": "SDN\x00001"}, "place", None),
    ("nul-in-description", {"description": "Kepala\x00 sekolah"}, "description", None),
    ("newline-in-name", {"terlapor_name": "Budi\nSantoso"}, "terlapor_name", "karakter kontrol"),
    ("bidi-override-in-name", {"terlapor_name": "Budi \u202eosotnaS"}, "terlapor_name", "pengubah arah teks"),
    (
        "bidi-isolate-in-position",
        {"terlapor_position": "Kepala \u2067SD\u2069"},
        "terlapor_position",
        "pengubah arah teks",
    ),
    ("name-too-long", {"terlapor_name": "N" * 201}, "terlapor_name", None),
    ("description-too-long", {"description": "U" * 10_001}, "description", None),
]
IDS = [row[0] for row in BAD]


def _refused_by_form(client, world, values, field):
    response = client.post(reverse("cases:report"), form_data(world["elections"]["pilkada"], **values))
    assert response.status_code == 400
    return [str(message) for message in response.context["form"].errors.get(field, [])]


def _refused_by_api(world, values, field):
    response = Client().post("/api/v1/cases/reports", report_form(world, **values))
    assert response.status_code == 400, response.content
    return response.json()["errors"].get(FIELDS[field][0], [])


IMPORT_HEADER = [
    "jenis",
    "pemilihan",
    "wilayah",
    "tanggal_diterima",
    "uraian",
    "status",
    "tempat",
    "tanggal_kejadian",
    "tanggal_diketahui",
    "pelapor_nama",
    "pelapor_alamat",
    "terlapor_nama",
    "terlapor_nip",
    "terlapor_jabatan",
    "terlapor_status",
]


def _import_row(values: dict) -> dict:
    row = {
        "jenis": "laporan",
        "pemilihan": "Pilkada Uji",
        "wilayah": "21.01.04",
        "tanggal_diterima": TODAY.isoformat(),
        "uraian": "Guru diajak memilih.",
        "status": "diterima",
        "tempat": "SDN 001",
        "tanggal_kejadian": YESTERDAY,
        "tanggal_diketahui": YESTERDAY,
        "pelapor_nama": "Andi",
        "pelapor_alamat": "Kijang",
        "terlapor_nama": "Budi Santoso",
        "terlapor_nip": "",
        "terlapor_jabatan": "Guru",
        "terlapor_status": "PNS",
    }
    for name, value in values.items():
        column = FIELDS[name][1] if name in FIELDS else IMPORT_ALIASES[name]
        row[column] = value
    return row


def _refused_by_import(world, tmp_path, values, field):
    path = tmp_path / "kasus.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, IMPORT_HEADER, delimiter=";")
        writer.writeheader()
        writer.writerow(_import_row(values))
    result = cases_import(path, user=world["staff"]["kepri"][Role.PIMPINAN])
    assert not result.ok
    return [error.reason for error in result.errors if error.column == FIELDS[field][1]]


@pytest.mark.parametrize(("name", "values", "field", "message"), BAD, ids=IDS)
def test_every_path_refuses_the_same_bad_value_and_stores_nothing(
    client, world, tmp_path, name, values, field, message
):
    refusals = {
        "form": _refused_by_form(client, world, values, field),
        "api": _refused_by_api(world, values, field),
        "import": _refused_by_import(world, tmp_path, values, field),
    }
    assert all(refusals.values()), refusals  # each path names the same field
    if message:
        for path, messages in refusals.items():
            assert any(message in text for text in messages), (path, messages)
    assert Case.objects.count() == 0


def test_the_same_good_values_pass_every_path(client, world, tmp_path):
    good = {"terlapor_nip": "198503302010011002", "terlapor_subject_type": "PNS", "terlapor_name": "Budi"}
    form = client.post(reverse("cases:report"), form_data(world["elections"]["pilkada"], **good))
    assert form.status_code == 302
    api = Client().post("/api/v1/cases/reports", report_form(world, **good))
    assert api.status_code == 201, api.content
    path = tmp_path / "kasus.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, IMPORT_HEADER, delimiter=";")
        writer.writeheader()
        writer.writerow(_import_row(good))
    assert cases_import(path, user=world["staff"]["kepri"][Role.PIMPINAN]).ok
    assert sorted(Case.objects.values_list("terlapor__nip", flat=True)) == ["198503302010011002"] * 3
