"""Shared test setup. ``NETRA_DATABASE_URL`` picks the engine (SQLite by default, PostgreSQL in CI)."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# In CI (CI=true) a skip fails the run; PostgreSQL-only tests are marked `postgresql` (tests/ci_skips.py).
# pytest finds these hooks by name in this module, hence imported though never called here.
from tests.ci_skips import (  # noqa: F401
    pytest_collection_modifyitems,
    pytest_make_collect_report,
    pytest_runtest_makereport,
)

# Keep tests away from a developer's real data directory and secret.
os.environ.setdefault("NETRA_DATA_DIR", tempfile.mkdtemp(prefix="netra-test-"))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Hypothesis's per-example deadline is a timing test: on a loaded CI machine or under mutmut's
# trampolines (docs/testing.md) it fails examples that pass, so no deadline anywhere. CI also
# derandomizes: each run explores the same examples, so a landing cannot fail on a newly drawn one
# (developers' runs keep drawing new examples and find what CI would not).
hypothesis_settings.register_profile("netra", deadline=None, print_blob=True)
hypothesis_settings.register_profile("ci", parent=hypothesis_settings.get_profile("netra"), derandomize=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "netra")


def pytest_configure(config):
    """Fast password hashing in tests: argon2 costs ~50 ms a user and fixtures create many users."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _sqlite_flush_lifts_audit_guards()


def _sqlite_flush_lifts_audit_guards() -> None:
    """SQLite's triggers refuse DELETE on the audit tables, and Django empties SQLite tables with
    DELETE between transactional tests: drop the guards around the flush and put them back after."""
    import importlib

    from django.db.backends.sqlite3 import base  # noqa: F401  (imports operations without a cycle)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    guards = importlib.import_module("netra.audit.migrations.0004_guard_deletes_and_the_head")
    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if "audit_event" not in tables and "audit_chainhead" not in tables:
            return statements
        return [*guards.SQLITE_DOWN, *statements, *guards.SQLITE_UP]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, no autovacuum on the test tables. A test's transaction holds uncommitted rows
    for minutes; an ANALYZE meanwhile records them as absent (reltuples 0) and the planner then picks
    nested loops that run for minutes (seen in tests/registry/test_regions.py on a server with
    autovacuum on). The suite then runs as on a CI image with autovacuum off, on any server."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT format('ALTER TABLE %I.%I SET (autovacuum_enabled = false)', schemaname, tablename)"
                " FROM pg_tables WHERE schemaname = current_schema()"
            )
            for (statement,) in cursor.fetchall():
                cursor.execute(statement)


@pytest.fixture(autouse=True)
def _generous_intake_limits(settings):
    """Every test posts from 127.0.0.1 into one shared cache: the public intake limits
    (netra.core.ratelimit) would turn a busy test's later requests into 429s. Tests of the limits set
    their own rates (tests/cases/test_ratelimit.py)."""
    settings.NETRA_PUBLIC_REPORT_RATE = settings.NETRA_PUBLIC_REPORT_GLOBAL_RATE = "0/m"
    settings.NETRA_TRACK_RATE = settings.NETRA_TRACK_GLOBAL_RATE = "0/m"


@pytest.fixture(autouse=True)
def _rate_windows_do_not_turn(monkeypatch):
    """The intake limits count in fixed windows (a minute, a day) aligned to the clock: three posts
    that straddle a window's end would be counted in two windows and a limit test would pass only
    by luck of timing (CI met it once). The limiter's clock stands still at noon, mid-window."""
    import types

    import netra.core.ratelimit as ratelimit

    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 20_000 * 86_400 + 43_200.5))


@pytest.fixture(autouse=True)
def _twofactor_not_required(settings):
    """2FA is required of every staff account by default (NETRA_REQUIRE_2FA); the suite's users sign
    in with a password (force_login, the e2e ``login`` helper), so it is off here. The tests of the
    requirement switch it on (tests/accounts/test_sessions_and_headers.py)."""
    settings.NETRA_REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _reference_memos_cleared():
    """Regions and offices are cached per process (netra.core.memo); every test has its own rows."""
    from netra.core.memo import memos_clear

    memos_clear()
    yield
    memos_clear()
