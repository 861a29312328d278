"""Test data builders shared by the case tests."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone


def report_data(election, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "election": election.pk,
        "region": "21.01.04",
        "description": "Kepala sekolah mengajak guru memilih pasangan calon nomor 2 dalam rapat dinas.",
        "place": "SDN 001 Gunung Kijang",
        "occurred_on": today - timedelta(days=1),
        "known_on": today - timedelta(days=1),
        "reporter_name": "Siti Aminah",
        "reporter_address": "Jl. Raya Kijang No. 5, Bintan",
        "reporter_phone": "081234567890",
        "terlapor_name": "Budi Santoso",
        "terlapor_position": "Kepala SDN 001",
        "terlapor_subject_type": "PNS",
        "terlapor_agency_name": "Dinas Pendidikan Kabupaten Bintan",
    }
    data.update(overrides)
    return data


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100


def photo(name="foto.jpg", content=JPEG):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def stream(content: bytes):
    return io.BytesIO(content)


