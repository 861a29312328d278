"""The demo's prevention records: the seed articles' events and pledges, marked as demo data."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from netra.cases.demo import demo_load
from netra.cli import app
from netra.prevention.demo import prevention_demo_load
from netra.prevention.models import Event, Pledge

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    demo_load(roster_size=600, log=lambda *_: None)
    return prevention_demo_load(log=lambda *_: None)


def test_seed_events_and_pledges_are_there_once_and_marked_demo(demo):
    assert demo and "Bukittinggi" in demo[0]
    events = {e.region_code: e for e in Event.objects.all()}
    assert set(events) == {"13.75", "21"}
    assert events["13.75"].held_on == date(2024, 6, 14) and events["13.75"].organiser_kind == "bawaslu"
    assert events["21"].organiser_kind == "bkd" and events["21"].participation == "attended"
    pledges = {p.region_code: p for p in Pledge.objects.all()}
    assert pledges["32.04"].made_on == date(2024, 9, 30) and pledges["32.04"].kind == "deklarasi"
    assert pledges["21"].event == events["21"] and pledges["21"].method == "read_aloud"
    assert all(p.is_demo and p.template is not None for p in pledges.values())
    assert all(e.is_demo for e in events.values())
    assert prevention_demo_load(log=lambda *_: None) == []  # idempotent
    assert Event.objects.count() == 2 and Pledge.objects.count() == 2


def test_kabupaten_bandung_coverage_shows_the_deklarasi(demo):
    result = CliRunner().invoke(app, ["coverage", "--region", "32.04", "--json"])
    payload = json.loads(result.output)
    assert payload["region"] == "32.04" and payload["election"] == "Pilkada Serentak 2024"
    bandung = next(a for a in payload["agencies"] if a["agency"] == "Pemerintah Kabupaten Bandung")
    assert bandung["last_pledge"] == "2024-09-30"
    assert 0 < bandung["pledged"] < bandung["workforce"]
