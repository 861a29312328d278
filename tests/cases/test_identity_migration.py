"""Migration 0006 seals the identities stored in plaintext before encryption at rest, and 0007 drops
the plaintext columns: walked back to 0005 and forward again on a real database."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netra.cases.models import Reporter
from netra.cases.sealing import identity_open

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
BEFORE = [("cases", "0005_case_keys_and_sealed_identities")]


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()  # every app: going back in cases unapplies their dependants


def test_plaintext_identities_are_sealed_and_their_columns_dropped(world, settings, tmp_path):
    settings.NETRA_MASTER_KEY, settings.NETRA_KEY_DIR = "", tmp_path / "keys"
    settings.NETRA_MASTER_KEY_FILE = tmp_path / "keys" / "master.key"
    from tests.cases.helpers import case_in

    case = case_in(world, "informasi_awal")  # no reporter yet: one is added the old way
    latest = _latest()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_state = executor.loader.project_state(BEFORE[0]).apps
    OldReporter = old_state.get_model("cases", "Reporter")
    OldReporter.objects.create(
        case_id=case.pk, name="Rahmat Hidayat", address="Jl. Merdeka 1", nik="3201011501900001",
        email="rahmat@example.org", birth_date=datetime.date(1990, 1, 15), sealed="",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "cases_reporter")}
    assert columns == {"id", "case_id", "sealed", "erased_at"}
    identity = identity_open(Reporter.objects.get(case_id=case.pk))
    assert (identity.name, identity.nik, identity.birth_date) == (
        "Rahmat Hidayat",
        "3201011501900001",
        datetime.date(1990, 1, 15),
    )
