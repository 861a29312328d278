# ruff: noqa: F811 - the case tests' fixtures are imported by name and requested as parameters
"""The case tests' small world (Kepri: Bintan, Lingga; Jawa Barat: Bandung), its roster, monitoring
sources of Bintan and Lingga, and a builder of processed items (as the pipeline leaves them)."""

import hashlib
import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from netra.accounts.models import Role
from netra.monitoring.models import Cluster, Item, Source
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
from tests.prevention.conftest import pemkab_bandung, roster  # noqa: F401

_serial = itertools.count(1)


@pytest.fixture
def sources(world):
    offices = world["offices"]
    return {
        "bintan": Source.objects.create(
            name="Ekspor X Bintan", kind=Source.Kind.UPLOAD, office=offices["bintan"]
        ),
        "lingga": Source.objects.create(name="Umpan Lingga", kind=Source.Kind.FEED, office=offices["lingga"]),
    }


def match(pegawai, score=0.92, namesakes=1) -> dict:
    return {
        "pegawai_id": pegawai.pk,
        "name": pegawai.full_name,
        "nip": pegawai.nip or "",
        "agency": pegawai.agency.name,
        "score": score,
        "namesakes": namesakes,
    }


TEXT = "Ayo dukung paslon nomor 2 di Pilkada Bintan! #Bintan2Maju"
CUES = [
    {"start": 4, "end": 10, "field": "text", "kind": "support_verb", "text": "dukung"},
    {"start": 11, "end": 25, "field": "text", "kind": "candidate_number", "text": "paslon nomor 2"},
]


@pytest.fixture
def make_item(sources, regions):
    """make_item(source="bintan", region="21.01.04", **fields) -> a processed, still new item."""

    def make(source="bintan", region="21.01.04", **fields) -> Item:
        n = next(_serial)
        now = timezone.now()
        values = {
            "kind": Item.Kind.POST,
            "content_hash": hashlib.sha256(f"item-{n}".encode()).hexdigest(),
            "platform": "x",
            "author_handle": f"akun{n}",
            "author_name": f"Akun {n}",
            "text": TEXT,
            "url": "",
            "posted_at": now - timedelta(hours=3),
            "received_at": now - timedelta(hours=1),
            "state": Item.State.DONE,
            "processed_at": now,
            "score": 0.8,
            "violation_code": "KE-3",
            "indicator": "kegiatan_kampanye",
            "reason": "Mengajak memilih pasangan calon.",
            "cues": CUES,
            "priority": 0.5,
        }
        values.update(fields)
        values.setdefault("office", sources[source].office)  # the competent office, as the pipeline finds
        if region:
            values.setdefault("region", regions[region])
            values.setdefault("region_code", region)
        return Item.objects.create(source=sources[source], **values)

    return make


@pytest.fixture
def make_cluster():
    def make(items, coordinated=False) -> Cluster:
        now = timezone.now()
        cluster = Cluster.objects.create(
            size=len(items),
            account_count=len({i.author_handle for i in items}),
            first_seen_at=now,
            last_seen_at=now,
            coordinated=coordinated,
        )
        Item.objects.filter(pk__in=[i.pk for i in items]).update(cluster=cluster)
        for item in items:
            item.refresh_from_db()
        return cluster

    return make


@pytest.fixture
def officer(world):
    """officer("bintan") -> the office's pengawas (triages and makes temuan)."""
    return lambda key, role=Role.PENGAWAS: world["staff"][key][role]
