"""The state machine against the procedure: every action x status x role x office relation.

Expectations are written out here from the procedure (issue 5 and domain.md 2.3), not derived from
netra.cases.workflow, so a change to the table there must be a deliberate change here too.
"""

import pytest

from netra.accounts.models import Role
from netra.cases import services, workflow
from netra.cases.models import Case, Status, Transition
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db

HANDLERS = {Role.PIMPINAN, Role.STAF_PENANGANAN}
EXPECTED = {
    # action: (statuses it may start from, roles, offices: "handling" or the follow-up offices)
    "start_kajian_awal": ({"diterima", "diteruskan"}, HANDLERS, "handling"),
    "register": ({"kajian_awal"}, {Role.PIMPINAN}, "handling"),
    "reject": ({"kajian_awal"}, {Role.PIMPINAN}, "handling"),
    "forward": ({"diterima", "kajian_awal", "informasi_awal"}, {Role.PIMPINAN}, "handling"),
    "start_klarifikasi": ({"diregistrasi"}, HANDLERS, "handling"),
    "start_kajian": ({"diregistrasi", "klarifikasi"}, HANDLERS, "handling"),
    "decide": ({"kajian"}, {Role.PIMPINAN}, "handling"),
    "forward_recommendation": ({"diputus"}, {Role.PIMPINAN}, "handling"),
    # A PNS after 24 Aug 2024: recipient BKN, copy to the PPK of the terlapor's agency (Bintan).
    "record_followup": ({"rekomendasi_diteruskan"}, HANDLERS, {"bkn", "ppk_bintan"}),
    "close": ({"tindak_lanjut"}, {Role.PIMPINAN}, "handling"),
    "make_temuan": ({"informasi_awal"}, {Role.PIMPINAN, Role.PENGAWAS}, "handling"),
    "archive": ({"informasi_awal"}, {Role.PIMPINAN, Role.PENGAWAS}, "handling"),
}
STATUSES = [s for s in Status.values]


def _office_key(world, office):
    return next(key for key, value in world["offices"].items() if value == office)


def _expected(action, status, office_key, handling_key, role) -> bool:
    sources, roles, offices = EXPECTED[action]
    if status not in sources or role not in roles:
        return False
    return office_key == handling_key if offices == "handling" else office_key in offices


def test_the_table_covers_every_action():
    assert set(EXPECTED) == set(workflow.ACTIONS)


@pytest.mark.parametrize("status", STATUSES)
def test_every_action_for_every_role_and_office(world, status):
    case = case_in(world, status)
    handling_key = _office_key(world, case.office)
    transitions_before = Transition.objects.filter(case=case).count()
    for action in workflow.ACTIONS:
        for office_key, users in world["staff"].items():
            for role, user in users.items():
                want = _expected(action, status, office_key, handling_key, role)
                got = workflow.may(user, case, workflow.ACTIONS[action])
                assert got is want, (action, status, office_key, role)
                if not want:
                    with pytest.raises(services.TransitionNotAllowed):
                        services.case_transition(user=user, case=case, action=action, reason="uji")
    case.refresh_from_db()
    assert case.status == status
    assert Transition.objects.filter(case=case).count() == transitions_before


def test_available_transitions_lists_only_valid_actions(world):
    case = case_in(world, "kajian_awal")
    pimpinan = world["staff"]["bintan"][Role.PIMPINAN]
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    names = [a.name for a in workflow.available_transitions(pimpinan, case)]
    assert names == ["register", "reject", "forward"]
    assert workflow.available_transitions(staf, case) == []
    assert workflow.available_transitions(world["staff"]["kepri"][Role.PIMPINAN], case) == []


def test_unknown_action_is_a_validation_error(world):
    from django.core.exceptions import ValidationError

    case = case_in(world, "diterima")
    with pytest.raises(ValidationError):
        services.case_transition(user=world["staff"]["bintan"][Role.PIMPINAN], case=case, action="teleport")


def test_inactive_user_may_not_act(world):
    case = case_in(world, "diterima")
    user = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    user.is_active = False
    user.save()
    assert not workflow.may(user, case, workflow.ACTIONS["start_kajian_awal"])


def test_stale_case_loses_the_compare_and_swap(world):
    case = case_in(world, "diterima")
    stale = Case.objects.get(pk=case.pk)
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    services.case_transition(user=staf, case=case, action="start_kajian_awal")
    # The stale copy still says "diterima", so the state machine lets it try; the CAS refuses.
    with pytest.raises(services.CaseConflict):
        services.case_transition(user=staf, case=stale, action="start_kajian_awal")
    assert Transition.objects.filter(case=case, action="start_kajian_awal").count() == 1
