"""CI=true turns a skip into a failure that names the reason; only PostgreSQL-only tests on another
database skip (tests/ci_skips.py). Each case runs a small suite in a pytester sandbox."""

import pytest

pytest_plugins = ["pytester"]

SUITE = """
import pytest

def test_needs_a_tool():
    pytest.skip("needs qpdf (apt-get install qpdf)")

@pytest.mark.skipif(True, reason="needs ../shared")
def test_needs_shared_data():
    pass

@pytest.mark.postgresql(reason="needs row locks")
def test_on_postgresql_only():
    pass

@pytest.mark.xfail(reason="known gap", strict=True)
def test_expected_failure():
    assert False

def test_ordinary():
    assert True
"""


def run(pytester, monkeypatch, ci, source=SUITE):
    monkeypatch.setenv("CI", ci)
    pytester.makepyfile(test_sandbox=source)
    pytester.makeini("[pytest]\nmarkers =\n    postgresql(reason): PostgreSQL only\n")
    return pytester.runpytest_inprocess(
        "-p",
        "tests.ci_skips",
        "-p",
        "no:django",
        "-p",
        "no:randomly",
        "-rA",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
    )


def vendor():
    from django.db import connection

    return connection.vendor


def test_in_ci_every_skip_fails_with_its_reason(pytester, monkeypatch):
    result = run(pytester, monkeypatch, "true")
    postgresql = vendor() == "postgresql"
    # a skip in the call fails the test; a skipif (decided at setup) errors it: both fail the run
    result.assert_outcomes(
        passed=2 if postgresql else 1, failed=1, errors=1, skipped=0 if postgresql else 1, xfailed=1
    )
    result.stdout.fnmatch_lines(["*skipped in CI: needs qpdf (apt-get install qpdf)*"])
    result.stdout.fnmatch_lines(["*skipped in CI: needs ../shared*"])


def test_a_postgresql_only_test_skips_on_another_database_even_in_ci(pytester, monkeypatch):
    if vendor() == "postgresql":
        result = run(pytester, monkeypatch, "true")
        result.stdout.fnmatch_lines(["*PASSED test_sandbox.py::test_on_postgresql_only*"])
    else:
        result = run(pytester, monkeypatch, "true")
        result.stdout.fnmatch_lines(["*SKIPPED*runs on PostgreSQL only*needs row locks*"])


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_outside_ci_a_skip_stays_a_skip(pytester, monkeypatch, ci):
    result = run(pytester, monkeypatch, ci)
    postgresql = vendor() == "postgresql"
    result.assert_outcomes(passed=2 if postgresql else 1, skipped=2 if postgresql else 3, xfailed=1)


def test_in_ci_a_module_skipped_at_collection_fails(pytester, monkeypatch):
    source = 'import pytest\npytest.importorskip("no_such_module_here", reason="needs playwright")\n'
    result = run(pytester, monkeypatch, "true", source)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*skipped in CI: needs playwright*"])
