"""The office tree: names, region codes, parent links, idempotence, competence."""

import pytest
from django.core.exceptions import ValidationError

from netra.accounts.models import Office
from netra.accounts.offices import office_for_region
from netra.accounts.scoping import office_covers
from netra.accounts.services import office_create, offices_ensure_tree
from netra.audit.models import Event
from netra.registry.models import Agency
from tests.accounts.helpers import make_regions, make_tree

pytestmark = pytest.mark.django_db
Kind = Office.Kind


def test_tree_follows_the_region_tree():
    offices = make_tree()
    assert offices["ri"].name == "Bawaslu Republik Indonesia" and offices["ri"].parent is None
    assert offices["bkn"].name == "Badan Kepegawaian Negara" and offices["bkn"].region_code == ""
    kepri = offices["21"]
    assert kepri.name == "Bawaslu Provinsi Kepulauan Riau"
    assert (kepri.kind, kepri.parent) == (Kind.BAWASLU_PROVINSI, offices["ri"])
    bintan = offices["21.01"]
    assert (bintan.name, bintan.region_code, bintan.parent) == ("Bawaslu Kabupaten Bintan", "21.01", kepri)
    assert offices["21.71"].name == "Bawaslu Kota Batam"
    assert offices["14.01"].parent == offices["14"]
    kecamatan = offices["21.01.01"]
    assert (kecamatan.name, kecamatan.parent) == ("Panwaslu Kecamatan Bintan Timur", bintan)


def test_ensure_tree_is_idempotent():
    make_regions()
    first = offices_ensure_tree()
    assert len(first) == 2 + 2 + 3  # RI, BKN, two provinces, three kab/kota
    assert offices_ensure_tree() == []
    assert Office.objects.count() == 7
    assert Event.objects.filter(action="office.create").count() == 7


def test_ensure_tree_for_some_regions_adds_their_province():
    make_regions()
    created = offices_ensure_tree(["21.01.01"])
    assert sorted(o.region_code for o in created) == ["", "", "21", "21.01"]


def test_ensure_tree_repairs_missing_parent_links():
    regions = make_regions()
    lonely = office_create(kind=Kind.BAWASLU_KABKOTA, region=regions["21.01"])
    assert lonely.parent is None
    offices_ensure_tree(["21.01"])
    lonely.refresh_from_db()
    assert lonely.parent.name == "Bawaslu Provinsi Kepulauan Riau"
    assert Event.objects.filter(action="office.reparent", object_id=str(lonely.pk)).exists()


def test_ensure_tree_rejects_unknown_codes():
    make_regions()
    with pytest.raises(ValidationError, match=r"99\.99"):
        offices_ensure_tree(["21.01", "99.99"])
    assert Office.objects.count() == 0


def test_office_create_checks_region_level_and_duplicates():
    regions = make_regions()
    with pytest.raises(ValidationError):
        office_create(kind=Kind.BAWASLU_KABKOTA, region=regions["21"])
    with pytest.raises(ValidationError):
        office_create(kind=Kind.BAWASLU_RI, region=regions["21"])
    with pytest.raises(ValidationError):
        office_create(kind=Kind.PPK)
    office_create(kind=Kind.BAWASLU_RI)
    with pytest.raises(ValidationError):
        office_create(kind=Kind.BAWASLU_RI)
    assert Office.objects.count() == 1


def test_ppk_office_is_named_after_its_agency_and_region():
    regions = make_regions()
    agency = Agency.objects.create(name="Pemerintah Kabupaten Bintan", kind="pemkab", region=regions["21.01"])
    ppk = office_create(kind=Kind.PPK, agency=agency)
    assert (ppk.name, ppk.region_code, ppk.parent) == ("PPK Pemerintah Kabupaten Bintan", "21.01", None)


def test_explicit_name_wins():
    assert office_create(kind=Kind.BKN, name="BKN Kantor Pusat").name == "BKN Kantor Pusat"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("21.01.01.2001", "21.01"), ("21.01.01", "21.01"), ("21.01", "21.01"), ("21", "21"), ("", "")],
)
def test_office_for_region_is_the_competent_bawaslu_office(code, expected):
    offices = make_tree()
    assert office_for_region(code) == offices[expected or "ri"]


def test_office_for_region_is_none_when_not_created():
    make_regions()
    offices_ensure_tree(["21.01"])
    assert office_for_region("14.01") is None


@pytest.mark.parametrize(
    ("office_key", "code", "covered"),
    [
        ("21.01", "21.01", True),
        ("21.01", "21.01.01", True),
        ("21.01", "21.71", False),
        ("21.01", "21", False),
        ("21.01", "21.010", False),
        ("21", "21.71.01", True),
        ("21", "14.01", False),
        ("ri", "14.01", True),
        ("bkn", "21.01", True),
    ],
)
def test_office_covers(office_key, code, covered):
    assert office_covers(make_tree()[office_key], code) is covered
