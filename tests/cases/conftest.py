"""A small world for case tests: Kepulauan Riau (Bintan, Lingga), Jawa Barat (Bandung), offices, users.

Office relations seen from Bawaslu Kabupaten Bintan (the handling office of most test cases):
own = Bintan, parent = Provinsi Kepri, grandparent = RI, sibling = Lingga, child = Panwaslu
Kecamatan Gunung Kijang, unrelated = Kabupaten Bandung / Provinsi Jawa Barat.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from netra.accounts.models import Office, Role, User
from netra.cases.models import Election
from netra.registry.models import Agency, Region
from tests.cases.helpers import photo, report_data

REGIONS = [
    ("21", "Kepulauan Riau", 1, "provinsi", None),
    ("21.01", "Kabupaten Bintan", 2, "kabupaten", "21"),
    ("21.01.04", "Gunung Kijang", 3, "kecamatan", "21.01"),
    ("21.01.06", "Bintan Timur", 3, "kecamatan", "21.01"),
    ("21.04", "Kabupaten Lingga", 2, "kabupaten", "21"),
    ("21.04.01", "Singkep", 3, "kecamatan", "21.04"),
    ("32", "Jawa Barat", 1, "provinsi", None),
    ("32.04", "Kabupaten Bandung", 2, "kabupaten", "32"),
    ("32.04.05", "Cileunyi", 3, "kecamatan", "32.04"),
]
PASSWORD = "uji-Netra-2024!"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Argon2 for ~100 fixture users would dominate the run; hashing strength is tested in accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def regions(db):
    found = {}
    for code, name, level, kind, parent in REGIONS:
        found[code] = Region.objects.create(
            code=code, name=name, level=level, kind=kind, parent=found.get(parent), timezone="WIB"
        )
    return found


@pytest.fixture
def agencies(regions):
    bintan = Agency.objects.create(name="Pemerintah Kabupaten Bintan", kind="pemkab", region=regions["21.01"])
    dinas = Agency.objects.create(
        name="Dinas Pendidikan Kabupaten Bintan", kind="unit", parent=bintan, region=regions["21.01"]
    )
    lingga = Agency.objects.create(name="Pemerintah Kabupaten Lingga", kind="pemkab", region=regions["21.04"])
    return {"bintan": bintan, "dinas_bintan": dinas, "lingga": lingga}


def _office(kind, name, region=None, parent=None, agency=None):
    code = region.code if region else (agency.region_id if agency else "")
    return Office.objects.create(
        kind=kind, name=name, region=region, region_code=code or "", parent=parent, agency=agency
    )


@pytest.fixture
def offices(regions, agencies):
    K = Office.Kind
    ri = _office(K.BAWASLU_RI, "Bawaslu RI")
    kepri = _office(K.BAWASLU_PROVINSI, "Bawaslu Provinsi Kepulauan Riau", regions["21"], ri)
    bintan = _office(K.BAWASLU_KABKOTA, "Bawaslu Kabupaten Bintan", regions["21.01"], kepri)
    return {
        "ri": ri,
        "kepri": kepri,
        "bintan": bintan,
        "lingga": _office(K.BAWASLU_KABKOTA, "Bawaslu Kabupaten Lingga", regions["21.04"], kepri),
        "gunung_kijang": _office(
            K.PANWASLU_KECAMATAN, "Panwaslu Kecamatan Gunung Kijang", regions["21.01.04"], bintan
        ),
        "jabar": (jabar := _office(K.BAWASLU_PROVINSI, "Bawaslu Provinsi Jawa Barat", regions["32"], ri)),
        "bandung": _office(K.BAWASLU_KABKOTA, "Bawaslu Kabupaten Bandung", regions["32.04"], jabar),
        "bkn": _office(K.BKN, "Badan Kepegawaian Negara"),
        "ppk_bintan": _office(K.PPK, "PPK Pemerintah Kabupaten Bintan", agency=agencies["bintan"]),
        "ppk_lingga": _office(K.PPK, "PPK Pemerintah Kabupaten Lingga", agency=agencies["lingga"]),
    }


@pytest.fixture
def make_user(db):
    counter = iter(range(1, 10_000))

    def make(office, role=Role.PIMPINAN, username=None):
        name = username or f"{office.kind}-{office.pk}-{role}-{next(counter)}"
        user = User(username=name, office=office, role=role)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def staff(offices, make_user):
    """staff[office_key][role] -> a user."""
    return {key: {role: make_user(office, role) for role in Role.values} for key, office in offices.items()}


@pytest.fixture
def elections(db):
    today = timezone.localdate()
    return {
        "pilkada": Election.objects.create(
            name="Pilkada Uji",
            regime="pemilihan",
            voting_day=today + timedelta(days=30),
            campaign_start=today - timedelta(days=30),
            campaign_end=today + timedelta(days=26),
        ),
        "pemilu": Election.objects.create(
            name="Pemilu Uji", regime="pemilu", voting_day=today + timedelta(days=60)
        ),
        "closed": Election.objects.create(
            name="Pemilu Lama", regime="pemilu", voting_day=date(2019, 4, 17), is_active=False
        ),
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def world(offices, staff, elections, media, agencies):
    return {"offices": offices, "staff": staff, "elections": elections, "agencies": agencies}


@pytest.fixture
def submit(world):
    from netra.cases import services

    def do(**overrides):
        data = report_data(world["elections"]["pilkada"], **overrides)
        case, _code = services.laporan_submit_public(data=data, files=[photo()])
        return case

    return do
