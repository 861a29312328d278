"""Two officers acting on the same case at the same moment: exactly one wins, nothing half-written.

Needs real concurrent connections, so it runs on PostgreSQL (CI runs the suite there too); SQLite
serialises writers at BEGIN (IMMEDIATE transactions), which the compare-and-swap test covers.
"""

import threading

import pytest
from django.db import connections

from netra.accounts.models import Role
from netra.cases import services
from netra.cases.models import Case, RegisterCounter, Transition
from tests.cases.helpers import case_in, records_before

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql(reason="needs concurrent PostgreSQL connections"),
]


def test_concurrent_registration_gives_one_winner_and_one_number(world):
    case = case_in(world, "kajian_awal")
    records_before(world, case, "register")  # the kajian awal the registration guard needs on file
    pimpinan = world["staff"]["bintan"][Role.PIMPINAN]
    copies = [Case.objects.get(pk=case.pk) for _ in range(2)]
    barrier, outcomes = threading.Barrier(2), []

    def register(copy):
        try:
            barrier.wait()
            services.case_transition(user=pimpinan, case=copy, action="register")
            outcomes.append("ok")
        except services.CaseConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["conflict", "ok"]
    case.refresh_from_db()
    assert case.status == "diregistrasi" and case.register_number.startswith("001/")
    assert RegisterCounter.objects.get(office=case.office, kind="laporan").value == 1
    assert Transition.objects.filter(case=case, action="register").count() == 1
