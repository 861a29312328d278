"""The recipient flags on the case (``Case.recommended_to_bkn`` / ``recommended_to_ppk``) always equal
what the case's recommendations say, after every service that writes recommendations: forwarding,
the KASN hand-over, the historical import and the generator; and BKN's and the PPKs' scopes that
read them find exactly the cases addressed to them."""

from datetime import date, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.accounts.models import Role
from netra.accounts.scoping import restrict
from netra.cases import selectors
from netra.cases.models import Case, Recommendation
from netra.cases.services.generate import cases_generate
from netra.cases.services.kasn import kasn_handover, kasn_waiting
from netra.cases.services.recipients import case_recipients_refresh
from tests.cases.helpers import act, case_in

pytestmark = pytest.mark.django_db

SUBJECTS = ("PNS", "PPPK", "PPNPN", "kepala_desa", "perangkat_desa")
KASN_ERA = date(2024, 8, 20)  # recommendations then went to KASN (handed over later)


def flags_match_recommendations() -> None:
    """Every case's flags equal "some recommendation of the case is addressed to BKN / a PPK"."""
    bkn = set(Recommendation.objects.filter(to_bkn=True).values_list("case_id", flat=True))
    ppk = set(Recommendation.objects.filter(to_ppk=True).values_list("case_id", flat=True))
    for pk, to_bkn, to_ppk in Case.objects.values_list("pk", "recommended_to_bkn", "recommended_to_ppk"):
        assert to_bkn == (pk in bkn), f"case {pk}: recommended_to_bkn={to_bkn}"
        assert to_ppk == (pk in ppk), f"case {pk}: recommended_to_ppk={to_ppk}"


def scopes_match_recommendations(world) -> None:
    """BKN's and the PPKs' case scopes (the flags) equal the scopes read from the recommendations."""
    for key in ("bkn", "ppk_bintan", "ppk_lingga"):
        user = world["staff"][key][Role.STAF_PENANGANAN]
        by_flags = set(selectors.case_queryset_for(user).values_list("pk", flat=True))
        addressed = restrict(Recommendation.objects.all(), user)
        by_recommendations = set(addressed.values_list("case_id", flat=True))
        assert by_flags == by_recommendations, key


def forwarded(world, subject: str, on: date, letter: str) -> Case:
    case = case_in(world, "diputus", terlapor_subject_type=subject)
    params = {"letter_number": letter, "forwarded_on": on}
    return act(world, case, "forward_recommendation", "pimpinan", params)


STEP = st.one_of(
    st.tuples(st.just("forward"), st.sampled_from(SUBJECTS), st.booleans()),
    st.tuples(st.just("handover"), st.booleans(), st.just(False)),
)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=4))
def test_flags_equal_the_recommendations_after_any_sequence_of_services(world, steps):
    national = world["staff"]["ri"][Role.PIMPINAN]
    for number, (step, first, second) in enumerate(steps):
        if step == "forward":
            on = KASN_ERA if second else timezone.localdate() - timedelta(days=1)
            forwarded(world, first, on, f"{number}/PP.01/{first}")
        else:
            waiting = [r.pk for r in kasn_waiting()]
            processed = {waiting[0]: date(2024, 8, 22)} if first and waiting else {}
            kasn_handover(user=national, processed=processed)
        flags_match_recommendations()
        scopes_match_recommendations(world)


def test_forwarding_sets_the_flags_bkn_and_the_ppk_then_see_the_case(world):
    case = forwarded(world, "PNS", timezone.localdate() - timedelta(days=1), "1/PP.01")
    case.refresh_from_db()
    assert case.recommended_to_bkn and case.recommended_to_ppk
    for key in ("bkn", "ppk_bintan"):
        assert case in selectors.case_queryset_for(world["staff"][key][Role.STAF_PENANGANAN])
    assert case not in selectors.case_queryset_for(world["staff"]["ppk_lingga"][Role.STAF_PENANGANAN])
    assert case in selectors.queue_for(world["staff"]["bkn"][Role.STAF_PENANGANAN])


def test_the_kasn_hand_over_turns_the_bkn_flag_on(world):
    case = forwarded(world, "PNS", KASN_ERA, "1/PP.01/VIII/2024")
    case.refresh_from_db()
    assert not case.recommended_to_bkn
    bkn = world["staff"]["bkn"][Role.STAF_PENANGANAN]
    assert case not in selectors.case_queryset_for(bkn)
    kasn_handover(user=world["staff"]["ri"][Role.PIMPINAN])
    case.refresh_from_db()
    assert case.recommended_to_bkn and case in selectors.case_queryset_for(bkn)


def test_a_case_without_recommendations_is_nobodys_but_bawaslus(world):
    case = case_in(world, "diputus")
    assert not case.recommended_to_bkn and not case.recommended_to_ppk
    for key in ("bkn", "ppk_bintan"):
        assert case not in selectors.case_queryset_for(world["staff"][key][Role.STAF_PENANGANAN])


def test_refresh_turns_a_flag_off_when_no_recommendation_says_so(world):
    case = forwarded(world, "PNS", timezone.localdate() - timedelta(days=1), "1/PP.01")
    Recommendation.objects.filter(case=case).update(to_bkn=False)  # as a re-addressing would
    case_recipients_refresh(case.pk)
    case.refresh_from_db()
    assert not case.recommended_to_bkn and case.recommended_to_ppk


def test_generated_cases_carry_the_flags_of_their_recommendations(world):
    cases_generate(user=world["staff"]["ri"][Role.ADMIN], count=300, seed=11)
    assert Case.objects.filter(recommended_to_bkn=True).exists()
    assert Case.objects.filter(recommended_to_ppk=True).exists()
    flags_match_recommendations()
    scopes_match_recommendations(world)


def test_the_migration_backfills_the_flags_from_stored_recommendations(world):
    forwarded(world, "PNS", timezone.localdate() - timedelta(days=1), "1/PP.01")
    forwarded(world, "kepala_desa", timezone.localdate() - timedelta(days=1), "2/PP.01")
    Case.objects.update(recommended_to_bkn=False, recommended_to_ppk=False)  # as before the migration
    migration = import_module("netra.cases.migrations.0015_case_recipient_flags_backfill")
    migration.recipients_backfill(apps, None)
    assert Case.objects.filter(recommended_to_bkn=True).count() >= 1
    flags_match_recommendations()


def test_imported_recommendations_set_the_flags(world, tmp_path):
    from netra.cases.importers import cases_import
    from tests.cases.test_import import GOOD, write_csv

    importer = world["staff"]["kepri"][Role.PIMPINAN]
    result = cases_import(write_csv(tmp_path / "kasus.csv", GOOD), user=importer)
    assert result.ok
    assert Recommendation.objects.exists()
    flags_match_recommendations()
    scopes_match_recommendations(world)
