"""region_q and permissions: own, parent, sibling, child, unrelated."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from netra.accounts.models import Office, User
from netra.accounts.permissions import require_role
from netra.accounts.scoping import is_supervisor, region_q
from netra.registry.models import Region
from tests.accounts.helpers import make_tree, make_user

pytestmark = pytest.mark.django_db

# Viewer office -> region codes it must see, among every region of the fixture.
VISIBLE = {
    "ri": {"21", "21.01", "21.71", "21.01.01", "21.71.01", "14", "14.01"},
    "21": {"21", "21.01", "21.71", "21.01.01", "21.71.01"},  # parent of both kab/kota
    "21.01": {"21.01", "21.01.01"},  # own and child; not the sibling 21.71, not the parent 21
    "21.71": {"21.71", "21.71.01"},
    "21.01.01": {"21.01.01"},  # a kecamatan does not see its kabupaten
    "14.01": {"14.01"},  # unrelated province
}


@pytest.mark.parametrize("viewer", sorted(VISIBLE))
def test_region_q_matrix(viewer):
    offices = make_tree()
    user = make_user("viewer", offices[viewer])
    seen = set(Region.objects.filter(region_q(user, "code")).values_list("code", flat=True))
    assert seen == VISIBLE[viewer]


def test_users_without_office_inactive_or_anonymous_see_nothing():
    offices = make_tree()
    inactive = make_user("inactive", offices["ri"])
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    inactive.refresh_from_db()
    homeless = User.objects.create_user("homeless", password="x")
    for user in (inactive, homeless, AnonymousUser()):
        assert not Region.objects.filter(region_q(user, "code")).exists()


def test_is_supervisor_only_for_bawaslu_and_panwaslu():
    offices = make_tree()
    assert is_supervisor(make_user("a", offices["21.01"]))
    assert is_supervisor(make_user("b", offices["21.01.01"]))
    assert not is_supervisor(make_user("c", offices["bkn"]))


def test_require_role():
    offices = make_tree()
    staf = make_user("staf", offices["21.01"], "staf_penanganan")
    require_role(staf, "staf_penanganan", "pimpinan")
    with pytest.raises(PermissionDenied):
        require_role(staf, "pimpinan")
    User.objects.filter(pk=staf.pk).update(is_active=False)
    staf.refresh_from_db()
    with pytest.raises(PermissionDenied):
        require_role(staf, "staf_penanganan")
    with pytest.raises(PermissionDenied):
        require_role(AnonymousUser(), "pimpinan")


def test_offices_of_kind():
    make_tree()
    assert Office.objects.filter(kind=Office.Kind.BAWASLU_KABKOTA).count() == 3


def test_agency_q_gives_a_ppk_its_agency_and_all_units_only():
    from netra.accounts.scoping import agency_q
    from netra.accounts.services import office_create
    from netra.registry.models import Agency

    offices = make_tree()
    region = Region.objects.get(code="21.01")
    pemkab = Agency.objects.create(name="Pemerintah Kabupaten Bintan", kind="pemkab", region=region)
    dinas = Agency.objects.create(name="Dinas Pendidikan", kind="unit", parent=pemkab, region=region)
    sekolah = Agency.objects.create(name="SD Negeri 1", kind="unit", parent=dinas, region=region)
    other = Agency.objects.create(name="Pemerintah Kota Batam", kind="pemkot")
    ppk = make_user("ppk", office_create(kind=Office.Kind.PPK, agency=pemkab), "pimpinan")
    seen = set(Agency.objects.filter(agency_q(ppk, "pk")).values_list("pk", flat=True))
    assert seen == {pemkab.pk, dinas.pk, sekolah.pk}
    assert other.pk not in seen
    assert not Agency.objects.filter(agency_q(make_user("bawaslu", offices["21.01"]), "pk")).exists()
