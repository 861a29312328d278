"""Test data builders shared by the case tests."""

import io
from datetime import date, timedelta

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


# The path a laporan walks, as (status reached, action, actor key, params).
PATH = [
    ("kajian_awal", "start_kajian_awal", "staf_penanganan", {}),
    ("diregistrasi", "register", "pimpinan", {}),
    ("klarifikasi", "start_klarifikasi", "staf_penanganan", {}),
    ("kajian", "start_kajian", "staf_penanganan", {}),
    ("diputus", "decide", "pimpinan", {"outcome": "terbukti", "violation_code": "D-6"}),
    ("rekomendasi_diteruskan", "forward_recommendation", "pimpinan", {"letter_number": "123/PP.01/XI"}),
    (
        "tindak_lanjut",
        "record_followup",
        "bkn",
        {
            "sanction_code": "pp94-berat-a",
            "imposed_by": "Bupati Bintan",
            "imposed_on": date.today() - timedelta(days=2),
            "letter_number": "800/BKPSDM/12",
        },
    ),
    ("selesai", "close", "pimpinan", {}),
]
SIDE = {
    "tidak_diregistrasi": ("kajian_awal", "reject", "pimpinan", {"reason_code": "formil"}),
    "diteruskan": ("kajian_awal", "forward", "pimpinan", {"region": "21.04.01"}),
    "dijadikan_temuan": ("informasi_awal", "make_temuan", "pimpinan", {}),
    "diarsipkan": ("informasi_awal", "archive", "pimpinan", {}),
}


def _actor(world, key):
    from netra.accounts.models import Role

    if key == "bkn":
        return world["staff"]["bkn"][Role.STAF_PENANGANAN]
    return world["staff"]["bintan"][key]


def act(world, case, action, actor_key, params):
    from netra.cases import services

    records_before(world, case, action)
    return services.case_transition(
        user=_actor(world, actor_key), case=case, action=action, reason="Alasan uji " + action, **params
    )


def case_in(world, status, **overrides):
    """A case of Bawaslu Kabupaten Bintan walked through the real services up to ``status``."""
    from netra.cases import services

    election = world["elections"]["pilkada"]
    anonymous = status in ("informasi_awal", "dijadikan_temuan", "diarsipkan")
    data = report_data(
        election, anonymous=anonymous, terlapor_agency=world["agencies"]["dinas_bintan"].pk, **overrides
    )
    case, _code = services.laporan_submit_public(data=data, files=[photo()])
    if status in SIDE:
        before, action, actor, params = SIDE[status]
        case = case_in_from(world, case, before)
        return act(world, case, action, actor, params)
    return case_in_from(world, case, status)


KAJIAN_AWAL_MET = {
    "formil_pelapor": True,
    "formil_terlapor": True,
    "formil_waktu": True,
    "materiel_waktu_tempat": True,
    "materiel_uraian": True,
    "materiel_bukti": True,
}


def records_before(world, case, action):
    """What the guards require on file before ``action`` (written only if missing): the kajian awal
    before registration; a clarification held and the kajian dugaan (with its facts) before the
    decision."""
    from django.utils import timezone

    from netra.cases import services

    staf = _actor(world, "staf_penanganan")
    if action == "register" and not case.kajian.filter(stage="awal").exists():
        services.kajian_add(
            user=staf,
            case=case,
            stage="awal",
            analysis="Syarat lengkap.",
            conclusion="Dapat diregistrasi.",
            **KAJIAN_AWAL_MET,
        )
    if action != "decide":
        return
    if not case.clarifications.exists():
        item = services.clarification_schedule(
            user=staf,
            case=case,
            party="terlapor",
            person_name="Budi Santoso",
            scheduled_at=timezone.now(),
            place="Kantor Bawaslu",
        )
        services.clarification_record(
            user=staf,
            clarification=item,
            held_at=timezone.now(),
            record="Terlapor hadir dan memberi keterangan.",
        )
    if not case.kajian.filter(stage="dugaan").exists():
        services.kajian_add(
            user=staf,
            case=case,
            stage="dugaan",
            facts="Terlapor mengajak guru memilih.",
            analysis="Unsur terpenuhi.",
            conclusion="Terbukti.",
        )


def case_in_from(world, case, status):
    for reached, action, actor, params in PATH:
        if case.status == status:
            return case
        case = act(world, case, action, actor, params)
        assert case.status == reached
    assert case.status == status
    return case
