# ruff: noqa: F811 - the case tests' fixtures are imported by name and requested as parameters
"""The monitoring tests' world: the case tests' offices and regions, a roster, sources of each kind,
and the devset's Pilpres configuration as the election's scoring configuration."""

from pathlib import Path

import pytest

from netra.monitoring.models import Source
from netra.registry.models import Pegawai
from netra.registry.services.counters import counter_bump
from netra.text.election import ElectionConfig
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

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devset"

# name, NIP, agency key, region, position
ROSTER = [
    ("Siti Rahmawati", "198001012005012001", "bintan", "21.01.04", "guru"),
    ("Budi Santoso", "198203042006041002", "bintan", "21.01.04", "camat"),
    ("Ahmad Fauzi", "197905052003121003", "bintan", "21.01.04", ""),
    ("Ahmad Fauzi", "198512312010121004", "bintan", "21.01.06", ""),
    ("Rudi Hartono", "198707072011011006", "lingga", "21.04.01", "lurah"),
]


@pytest.fixture
def roster(world, regions):
    agencies = world["agencies"]
    people = {}
    for name, nip, agency, region, position in ROSTER:
        people[nip] = Pegawai.objects.create(
            full_name=name,
            name_normalized=name.lower(),
            nip=nip,
            agency=agencies[agency],
            region=regions.get(region) or regions[region.rsplit(".", 1)[0]],
            position=position,
            employment_type="pns",
        )
    counter_bump()
    return people


@pytest.fixture
def sources(world):
    offices = world["offices"]
    return {
        "upload": Source.objects.create(name="Ekspor X", kind=Source.Kind.UPLOAD, office=offices["bintan"]),
        "push": Source.objects.create(name="Mitra", kind=Source.Kind.PUSH, office=offices["bintan"]),
        "lingga": Source.objects.create(name="Ekspor X", kind=Source.Kind.UPLOAD, office=offices["lingga"]),
    }


@pytest.fixture
def pilpres_config():
    return ElectionConfig.load(DEVSET / "election_pilpres2024.toml")


@pytest.fixture
def pilpres(elections):
    """The test Pemilu configured in the database from the devset's Pilpres file (its dates too)."""
    import tomllib

    from netra.cases.services.elections import election_config_import

    election = elections["pemilu"]
    data = tomllib.loads((DEVSET / "election_pilpres2024.toml").read_text())
    outcome = election_config_import(election=election, data=data, region_code="", user=None)
    assert not outcome.errors, outcome.errors
    election.refresh_from_db()
    return election


@pytest.fixture
def config_for(pilpres_config):
    """Every election scores with the devset's Pilpres configuration (the pipeline's hook)."""
    return lambda election_id, region_code: pilpres_config
