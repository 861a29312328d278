# ruff: noqa: F811 - the case tests' fixtures are imported by name and requested as parameters
"""The case tests' small world (Kepri: Bintan, Lingga; Jawa Barat: Bandung) plus a roster, Pemkab
Bandung, the template library, and builders for events, pledges and list files."""

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from netra.accounts.models import Role
from netra.prevention import services
from netra.registry.models import Agency, Pegawai
from netra.registry.services.counters import counter_bump
from tests.cases.conftest import (  # noqa: F401 - fixtures reused by name
    PASSWORD,
    agencies,
    elections,
    fast_passwords,
    make_user,
    media,
    offices,
    regions,
    staff,
    world,
)

# name, NIP, agency key, unit key, region
ROSTER = [
    ("Siti Rahmawati", "198001012005012001", "bintan", None, "21.01.04"),
    ("Budi Santoso", "198203042006041002", "bintan", "dinas_bintan", "21.01.04"),
    ("Ahmad Fauzi", "197905052003121003", "bintan", None, "21.01.04"),
    ("Ahmad Fauzi", "198512312010121004", "bintan", "dinas_bintan", "21.01.06"),
    ("Dewi Lestari", "199001012015032005", "bintan", None, "21.01.06"),
    ("Rudi Hartono", "198707072011011006", "lingga", None, "21.04.01"),
    ("Yusuf Maulana", "198808082012011007", "bandung", None, "32.04.05"),
    ("Rina Marlina", "198909092013012008", "bandung", None, "32.04.05"),
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Coverage is cached by version stamps; another test's rolled-back stamps must not be reused."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pemkab_bandung(regions):
    return Agency.objects.create(name="Pemerintah Kabupaten Bandung", kind="pemkab", region=regions["32.04"])


@pytest.fixture
def roster(world, pemkab_bandung):
    agencies = {**world["agencies"], "bandung": pemkab_bandung}
    people = [
        Pegawai.objects.create(
            full_name=name,
            name_normalized=name.lower(),
            nip=nip,
            agency=agencies[agency],
            unit=agencies[unit] if unit else None,
            region_id=region,
            employment_type="PNS",
        )
        for name, nip, agency, unit, region in ROSTER
    ]
    counter_bump()  # the name index rebuilds for this roster
    return people


@pytest.fixture
def templates(db):
    services.pledge_templates_ensure()
    from netra.prevention.models import PledgeTemplate

    return {t.kind: t for t in PledgeTemplate.objects.all()}


@pytest.fixture
def recorder(world):
    """recorder("bintan") -> the office's pimpinan (records events and pledges)."""
    return lambda key, role=Role.PIMPINAN: world["staff"][key][role]


@pytest.fixture
def make_event(world, regions, recorder):
    def make(office="bintan", region="21.01", **overrides):
        data = {
            "kind": "sosialisasi",
            "title": "Sosialisasi Netralitas ASN Kabupaten Bintan",
            "organiser_kind": "bawaslu",
            "organiser_name": "Bawaslu Kabupaten Bintan",
            "participation": "organised",
            "held_on": date(2024, 9, 10),
            "region": regions[region],
            "election": world["elections"]["pilkada"],
            "target_groups": ["ASN"],
            "invited_count": 50,
            "attending_count": 40,
            **overrides,
        }
        audience = overrides.pop("audience", None)
        data.pop("audience", None)
        return services.event_create(user=recorder(office), data=data, audience=audience or [])

    return make


@pytest.fixture
def make_pledge(world, regions, recorder, templates):
    def make(office="bintan", region="21.01", agency=None, **overrides):
        data = {
            "kind": "ikrar",
            "title": "Ikrar Netralitas ASN Pemkab Bintan",
            "agency": agency or world["agencies"]["bintan"],
            "election": world["elections"]["pilkada"],
            "made_on": date(2024, 9, 30),
            "region": regions[region],
            "method": "signed_all",
            "template": templates["ikrar"],
            **overrides,
        }
        return services.pledge_create(user=recorder(office), data=data)

    return make


def write_list(path: Path, rows: list[tuple], header=("nama", "nip", "instansi", "jabatan")) -> Path:
    """A list file: CSV, or XLSX when ``path`` ends in .xlsx."""
    if path.suffix == ".xlsx":
        book = Workbook()
        book.active.append(list(header))
        for row in rows:
            book.active.append(list(row))
        book.save(path)
        return path
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
