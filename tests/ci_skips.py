"""In CI a skipped test is a failed test, so nothing that matters is silently left out.

A test skips with its reason when this machine lacks what it needs (Chromium, Redis, ``../shared``,
qpdf, ...): right for a developer's clone, wrong in CI, where ``.ci/run`` installs all of it and a skip
would hide a test that never ran. So when ``CI`` is set, every skip (``pytest.skip``, ``skipif``,
``importorskip``, at run or at collection) is reported as a failure with the skip's reason.

The one skip CI expects: a test marked ``postgresql`` runs on PostgreSQL only, and ``.ci/run`` runs
the suite on both engines, so on SQLite it skips (and in the PostgreSQL pass it runs or fails).
Expected failures (``xfail``) are not skips and are left alone.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

POSTGRESQL_ONLY = "runs on PostgreSQL only: CI runs it in its PostgreSQL pass"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _database_vendor() -> str:
    from django.db import connection

    return connection.vendor


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not any(item.get_closest_marker("postgresql") for item in items):
        return
    if _database_vendor() == "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("postgresql")
        if marker:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            why = f"{POSTGRESQL_ONLY} ({reason})" if reason else POSTGRESQL_ONLY
            item.add_marker(pytest.mark.skip(reason=why))


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _fail_in_ci(report: pytest.TestReport | pytest.CollectReport, expected: bool) -> None:
    if not (in_ci() and report.skipped) or expected or hasattr(report, "wasxfail"):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"skipped in CI: {_skip_reason(report)}\n"
        "CI=true turns every skip into a failure: install what the test needs (.ci/run does), "
        "or mark a PostgreSQL-only test with @pytest.mark.postgresql."
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    outcome = yield
    report = outcome.get_result()
    expected = item.get_closest_marker("postgresql") is not None and _database_vendor() != "postgresql"
    _fail_in_ci(report, expected)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, pytest.CollectReport, None]:
    outcome = yield
    _fail_in_ci(outcome.get_result(), expected=False)
