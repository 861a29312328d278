"""Small region and staff fixtures for account and audit tests (real rows, no mocks)."""

from netra.accounts.models import Office
from netra.accounts.services import office_create, offices_ensure_tree, user_create
from netra.registry.models import Region

PASSWORD = "Pengawas-Netral-2024!"

# code, name, level, kind, parent
REGIONS = [
    ("21", "Kepulauan Riau", 1, "provinsi", None),
    ("21.01", "Kabupaten Bintan", 2, "kabupaten", "21"),
    ("21.71", "Kota Batam", 2, "kota", "21"),
    ("21.01.01", "Bintan Timur", 3, "kecamatan", "21.01"),
    ("21.71.01", "Batam Kota", 3, "kecamatan", "21.71"),
    ("14", "Riau", 1, "provinsi", None),
    ("14.01", "Kabupaten Kampar", 2, "kabupaten", "14"),
]


def make_regions() -> dict[str, Region]:
    made = {}
    for code, name, level, kind, parent in REGIONS:
        made[code] = Region.objects.create(
            code=code, name=name, level=level, kind=kind, parent=made.get(parent), timezone="WIB"
        )
    return made


def make_tree() -> dict[str, Office]:
    """Regions plus the office tree; keys are region codes, "ri" and "bkn"."""
    regions = make_regions()
    offices_ensure_tree()
    offices = {o.region_code: o for o in Office.objects.filter(kind__startswith="bawaslu")}
    offices["ri"] = offices.pop("")
    offices["bkn"] = Office.objects.get(kind=Office.Kind.BKN)
    offices["21.01.01"] = office_create(kind=Office.Kind.PANWASLU_KECAMATAN, region=regions["21.01.01"])
    return offices


def make_user(username: str, office: Office, role: str = "staf_penanganan", **extra):
    return user_create(username=username, password=PASSWORD, office=office, role=role, **extra)


def national_office() -> Office:
    offices_ensure_tree([])
    return Office.objects.get(kind=Office.Kind.BAWASLU_RI)
