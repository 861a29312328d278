"""netra.accounts.scoping: restrict() and can() against real cases, recommendations and roster rows.

The access-matrix tests (test_api_access, test_views_access) check the screens; these check the
module itself: a PPK's agency subtree at any depth, reads and acts agreeing, and loud failures.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from netra.accounts.models import Role
from netra.accounts.scoping import FOLLOW_UP, HANDLE, SUPERVISE, VIEW, can, restrict
from netra.cases import selectors, workflow
from netra.cases.models import Case, Recommendation, Terlapor
from netra.registry.models import Agency, Pegawai, Region
from netra.registry.selectors import pegawai_list_for
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db


def _units_below(parent: Agency, depth: int) -> list[Agency]:
    """A chain of ``depth`` units below ``parent`` (bidang, seksi, sekolah...), deepest last."""
    chain = []
    for level in range(1, depth + 1):
        parent = Agency.objects.create(
            name=f"Unit tingkat {level} di bawah {parent.name}",
            kind="unit",
            parent=parent,
            region=parent.region,
        )
        chain.append(parent)
    return chain


def _recommended_case_about(world, agency: Agency) -> Case:
    """A case recommended to BKN and the PPK whose terlapor works at ``agency``."""
    case = case_in(world, "rekomendasi_diteruskan")
    # The case helper files every terlapor at the Dinas; only the employer changes here.
    Terlapor.objects.filter(case=case).update(agency=agency)
    return case


def _ppk(world, key="ppk_bintan", role=Role.STAF_PENANGANAN):
    return world["staff"][key][role]


@pytest.mark.parametrize("depth", [1, 3, 4, 6])
def test_a_ppk_sees_and_follows_up_a_terlapor_anywhere_in_its_agency_subtree(world, depth):
    deepest = _units_below(world["agencies"]["bintan"], depth)[-1]
    case = _recommended_case_about(world, deepest)
    ppk, other = _ppk(world), _ppk(world, "ppk_lingga")
    assert selectors.case_get_for(ppk, case.pk) == case
    assert can(ppk, case, FOLLOW_UP)
    assert "record_followup" in [a.name for a in workflow.available_transitions(ppk, case)]
    assert selectors.letter_recommendation_ids_for(ppk, case) == set(
        Recommendation.objects.filter(case=case).values_list("pk", flat=True)
    )
    with pytest.raises(Http404):
        selectors.case_get_for(other, case.pk)
    assert not can(other, case, FOLLOW_UP)


def test_a_ppk_follow_up_is_recorded_for_a_terlapor_five_levels_down(world):
    from netra.cases import services

    deepest = _units_below(world["agencies"]["bintan"], 5)[-1]
    case = _recommended_case_about(world, deepest)
    done = services.case_transition(
        user=_ppk(world),
        case=case,
        action="record_followup",
        reason="Sanksi dijatuhkan",
        sanction_code="pp94-berat-a",
        imposed_by="Bupati Bintan",
        imposed_on="2024-11-01",
        letter_number="800/7",
    )
    assert done.status == "tindak_lanjut" and done.followups.get().recommendation.case_id == case.pk


def _pegawai(name: str, agency: Agency, unit: Agency | None = None) -> Pegawai:
    return Pegawai.objects.create(
        full_name=name,
        name_normalized=name.lower(),
        agency=agency,
        unit=unit,
        employment_type="PNS",
        region=agency.region,
    )


def test_a_ppk_roster_is_its_agency_subtree_not_its_region(world):
    bintan = world["agencies"]["bintan"]
    deep_unit = _units_below(bintan, 4)[-1]
    kemenag = Agency.objects.create(
        name="Kantor Kemenag Kabupaten Bintan", kind="instansi_vertikal", region=bintan.region
    )
    own = _pegawai("Rina Deep", bintan, deep_unit)
    vertical = _pegawai("Agus Vertikal", kemenag)  # same kabupaten, another employer
    elsewhere = _pegawai("Dodi Lingga", world["agencies"]["lingga"])
    seen = set(pegawai_list_for(_ppk(world)))
    assert seen == {own}
    bawaslu_bintan = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    assert set(pegawai_list_for(bawaslu_bintan)) == {own, vertical}
    assert set(pegawai_list_for(world["staff"]["bkn"][Role.STAF_PENANGANAN])) == {own, vertical, elsewhere}


def test_restrict_and_can_agree_for_every_office_and_action(world):
    cases = [case_in(world, "diterima"), case_in(world, "rekomendasi_diteruskan")]
    for key, by_role in world["staff"].items():
        user = by_role[Role.PIMPINAN]
        for case in cases:
            for action in (VIEW, HANDLE, FOLLOW_UP, SUPERVISE):
                listed = restrict(Case.objects.filter(pk=case.pk), user, action).exists()
                assert can(user, case, action) is listed, (key, case.status, action)


def test_only_the_handling_office_handles_while_covering_offices_supervise(world):
    case = case_in(world, "diterima")
    for key in ("bintan", "kepri", "ri", "gunung_kijang"):
        user = world["staff"][key][Role.PIMPINAN]
        assert can(user, case, SUPERVISE), key
        assert can(user, case, HANDLE) is (key == "bintan"), key
    for key in ("lingga", "bandung", "bkn", "ppk_bintan"):
        assert not can(world["staff"][key][Role.PIMPINAN], case, SUPERVISE), key


def test_supervising_a_region_follows_the_subtree(world):
    region = Region.objects.get(code="21.01.04")
    assert can(world["staff"]["kepri"][Role.PENGAWAS], region, SUPERVISE)
    assert not can(world["staff"]["lingga"][Role.PENGAWAS], region, SUPERVISE)
    assert not can(world["staff"]["bkn"][Role.PIMPINAN], region, SUPERVISE)
    assert not can(world["staff"]["bintan"][Role.PENGAWAS], region, VIEW)  # only SUPERVISE on a region


def test_the_public_gets_nothing_and_unknown_rules_fail_loudly(world):
    case = case_in(world, "diterima")
    anonymous = AnonymousUser()
    assert not restrict(Case.objects.all(), anonymous).exists()
    assert not can(anonymous, case, VIEW)
    staff = world["staff"]["ri"][Role.PIMPINAN]
    with pytest.raises(LookupError):
        restrict(Region.objects.all(), staff)
    with pytest.raises(ValueError):
        restrict(Case.objects.all(), staff, "delete")
    with pytest.raises(LookupError):
        can(staff, world["agencies"]["bintan"], VIEW)
