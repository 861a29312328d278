"""The demo roster: its terlapor are on it, in their regions, so officers see roster suggestions."""

import pytest

from netra.accounts.models import User
from netra.cases.demo import demo_load
from netra.cases.demo_roster import registry_instansi
from netra.cases.models import Case, Source
from netra.cases.views.staff import attach_matches
from netra.registry.models import Pegawai

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ROSTER = 60


@pytest.fixture
def demo(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    return demo_load(roster_size=ROSTER, log=lambda *_: None)


class Detail:
    def __init__(self, case):
        self.case = case
        self.terlapor = list(case.terlapor.all())


def _open_demo_case(office_region: str) -> Case:
    return (
        Case.objects.filter(source=Source.DEMO, office__region_code=office_region)
        .exclude(status__in=["tidak_diregistrasi", "selesai"])
        .filter(terlapor__subject_type="PNS", terlapor__pegawai__isnull=True)
        .first()
    )


def test_each_asn_terlapor_is_on_the_roster_with_two_namesakes_and_no_row_is_dropped(demo):
    assert demo.roster == Pegawai.objects.count() > ROSTER
    assert not [note for note in demo.notes if "ditolak" in note]
    live = Case.objects.filter(source=Source.DEMO, election__name="Pilkada Serentak 2024")
    cases = live.filter(terlapor__subject_type__in=["PNS", "PPPK"])
    for terlapor in cases.values("region_code", "terlapor__name"):
        same_name = Pegawai.objects.filter(full_name=terlapor["terlapor__name"])
        assert same_name.count() >= 3, terlapor
        assert same_name.filter(region_id=terlapor["region_code"]).exists()
        assert same_name.filter(region__code__startswith=terlapor["region_code"][:5] + ".").count() >= 2
    assert Pegawai.objects.filter(agency__name="Pemerintah Kabupaten Bintan").count() >= 3


def test_bintan_officer_sees_the_terlapor_suggested_first(demo):
    case = _open_demo_case("21.01")
    officer = User.objects.get(username="bintan.pimpinan")
    detail = Detail(case)
    attach_matches(officer, detail)
    terlapor = detail.terlapor[0]
    assert terlapor.matches, "no roster suggestion on a demo case"
    best = terlapor.matches[0].pegawai
    assert best.full_name == terlapor.name
    if terlapor.nip:
        assert best.nip == terlapor.nip and best.region_id == case.region_code


def test_generated_agency_names_the_registry_spells_otherwise_are_mapped():
    assert registry_instansi("Badan Pertanahan Nasional").startswith("Kementerian Agraria dan Tata Ruang")
    assert registry_instansi("Pemerintah Kota Administrasi Jakarta Utara") == (
        "Pemerintah Provinsi Daerah Khusus Ibukota Jakarta > Kota Administrasi Jakarta Utara"
    )
    assert registry_instansi("Pemerintah Kabupaten Bandung") == "Pemerintah Kabupaten Bandung"
