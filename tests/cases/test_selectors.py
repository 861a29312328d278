"""Selectors: jurisdiction, BKN/PPK visibility, filters, queue order, identities."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from netra.accounts.models import Role
from netra.cases import selectors
from netra.cases.models import Case
from tests.cases.helpers import case_in

pytestmark = pytest.mark.django_db


def ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def test_territory_scoping_own_parent_child_sibling_unrelated(world):
    bintan_case = case_in(world, "diterima")
    bandung_case = case_in(world, "diterima", region="32.04.05")
    staff = world["staff"]
    seen = {key: ids(selectors.case_list_for(staff[key][Role.ANALIS])) for key in world["offices"]}
    assert seen["bintan"] == seen["kepri"] == seen["gunung_kijang"] == {bintan_case.pk}
    assert seen["ri"] == {bintan_case.pk, bandung_case.pk}
    assert seen["bandung"] == seen["jabar"] == {bandung_case.pk}
    assert seen["lingga"] == seen["bkn"] == seen["ppk_bintan"] == seen["ppk_lingga"] == set()
    with pytest.raises(Http404):
        selectors.case_get_for(staff["lingga"][Role.PIMPINAN], bintan_case.pk)
    with pytest.raises(Http404):
        selectors.case_get_for(staff["bintan"][Role.PIMPINAN], "not-a-number")


def test_bkn_and_ppk_see_only_recommendations_addressed_to_them(world):
    recommended = case_in(world, "rekomendasi_diteruskan")
    case_in(world, "diputus")
    ppnpn = case_in(world, "rekomendasi_diteruskan", terlapor_subject_type="PPNPN")
    staff = world["staff"]
    assert ids(selectors.case_list_for(staff["bkn"][Role.STAF_PENANGANAN])) == {recommended.pk}
    # The PPK of Pemkab Bintan: the terlapor works in its Dinas Pendidikan (a unit of the Pemkab).
    assert ids(selectors.case_list_for(staff["ppk_bintan"][Role.PIMPINAN])) == {recommended.pk, ppnpn.pk}
    assert ids(selectors.case_list_for(staff["ppk_lingga"][Role.PIMPINAN])) == set()
    assert ids(selectors.queue_for(staff["bkn"][Role.STAF_PENANGANAN])) == {recommended.pk}


def test_reporter_identity_only_for_handling_pimpinan_and_staf(world):
    case = case_in(world, "kajian_awal")
    staff = world["staff"]
    allowed = {(k, r) for k in ("bintan",) for r in (Role.PIMPINAN, Role.STAF_PENANGANAN)}
    for key, users in staff.items():
        for role, user in users.items():
            reporter = selectors.reporter_for(user, case)
            assert (reporter is not None) is ((key, role) in allowed), (key, role)
    detail = selectors.case_detail_for(staff["kepri"][Role.PIMPINAN], case.pk)
    assert detail.reporter is None and detail.witnesses == []


def test_overdue_and_nearly_due_filters(world):
    overdue, nearly, later = (case_in(world, "diterima") for _ in range(3))
    now = timezone.now()
    Case.objects.filter(pk=overdue.pk).update(due_at=now - timedelta(hours=1))
    Case.objects.filter(pk=nearly.pk).update(due_at=now + timedelta(hours=20))
    Case.objects.filter(pk=later.pk).update(due_at=now + timedelta(days=3))
    user = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    assert ids(selectors.case_list_for(user, overdue=True)) == {overdue.pk}
    assert ids(selectors.case_list_for(user, nearly_due=True)) == {nearly.pk}
    assert [c.pk for c in selectors.queue_for(user)] == [overdue.pk, nearly.pk, later.pk]
    counts = selectors.queue_counts_for(user)  # one read of a small queue's due dates
    assert {key: (int(c), c.exact) for key, c in counts.items()} == {
        "total": (3, True),
        "overdue": (1, True),
        "due_soon": (1, True),
    }
    assert [selectors.deadline_state(Case.objects.get(pk=c.pk)) for c in (overdue, nearly, later)] == [
        "overdue",
        "nearly_due",
        "ok",
    ]


def test_closed_cases_are_never_overdue(world):
    closed = case_in(world, "tidak_diregistrasi")
    Case.objects.filter(pk=closed.pk).update(due_at=timezone.now() - timedelta(days=1))
    user = world["staff"]["bintan"][Role.PIMPINAN]
    assert ids(selectors.case_list_for(user, overdue=True)) == set()
    assert ids(selectors.queue_for(user)) == set()


def test_filters_by_subject_election_kind_and_search(world):
    pns = case_in(world, "diterima")
    ppnpn = case_in(world, "diterima", terlapor_subject_type="PPNPN", terlapor_name="Joko Widodo Saputra")
    tip = case_in(world, "informasi_awal")
    user = world["staff"]["bintan"][Role.PIMPINAN]
    assert ids(selectors.case_list_for(user, subject_type="PPNPN")) == {ppnpn.pk}
    assert ids(selectors.case_list_for(user, kind="informasi_awal")) == {tip.pk}
    assert ids(selectors.case_list_for(user, election=world["elections"]["pemilu"])) == set()
    assert ids(selectors.case_list_for(user, q="saputra")) == {ppnpn.pk}
    assert ids(selectors.case_list_for(user, q=pns.receipt_code)) == {pns.pk}
    assert ids(selectors.case_list_for(user, status=["diterima", "informasi_awal"])) == {
        pns.pk,
        ppnpn.pk,
        tip.pk,
    }


def test_inactive_or_officeless_users_see_nothing(world):
    case_in(world, "diterima")
    user = world["staff"]["ri"][Role.PIMPINAN]
    user.is_active = False
    user.save()
    assert ids(selectors.case_list_for(user)) == set()


def test_evidence_and_comments_of_a_case_outside_jurisdiction_are_not_listed(world):
    """The list selectors narrow their rows through ``restrict`` themselves: handed a case the user
    cannot see, evidence lists nothing and comments answer 404 (the case is looked up by id)."""
    from netra.cases import services

    case = case_in(world, "kajian_awal")
    staf = world["staff"]["bintan"][Role.STAF_PENANGANAN]
    services.evidence_add(user=staf, case=case, links=["https://example.org/bukti"])
    services.comment_add(user=staf, case=case, body="Catatan")
    assert len(selectors.evidence_list_for(staf, case)) == case.evidence.count() >= 2
    assert [c.body for c in selectors.comment_list_for(staf, case.pk)] == ["Catatan"]
    lingga = world["staff"]["lingga"][Role.STAF_PENANGANAN]
    assert list(selectors.evidence_list_for(lingga, case)) == []
    with pytest.raises(Http404):
        selectors.comment_list_for(lingga, case.pk)
