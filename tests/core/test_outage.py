"""A database outage answers 503 with Retry-After (JSON for /api/, a Bahasa Indonesia page for the UI),
is logged once rather than per request, and the server serves again as soon as the database is back.

On PostgreSQL the test points the connection at a closed port (the shared server keeps running); on
SQLite, where the test database lives in memory and cannot be closed, the connection refuses to open.
"""

import logging

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client

from netra.core import views

OUTAGE_LOG = "database unreachable"


def _requests(client: Client) -> list:
    return [
        client.get("/api/v1/cases/elections"),
        client.get("/api/v1/registry/regions"),
        client.get("/kasus/lapor/"),
        client.get("/registri/wilayah/"),
    ]


def _assert_clean_outage(answers, caplog) -> None:
    api, api2, page, page2 = answers
    for answer in (api, api2, page, page2):
        assert answer.status_code == 503
        assert answer["Retry-After"] == "10"
    assert api["Content-Type"].startswith("application/json")
    assert set(api.json()) == {"detail", "errors"} and "basis data" in api.json()["detail"]
    assert page["Content-Type"].startswith("text/html")
    assert "Netra sedang tidak tersedia sebentar" in page.content.decode()
    outage_lines = [r for r in caplog.records if OUTAGE_LOG in r.getMessage()]
    assert len(outage_lines) == 1
    assert not [r for r in caplog.records if r.name == "django.request"]  # no traceback per request


@pytest.fixture
def fresh_outage_state():
    from django.core.cache import cache

    cache.delete(views.OUTAGE_KEY)
    views._outage_in_this_process = False
    yield
    cache.delete(views.OUTAGE_KEY)
    views._outage_in_this_process = False


@pytest.mark.postgresql(reason="points the PostgreSQL connection at a closed port")
@pytest.mark.django_db(transaction=True)
def test_postgresql_outage_is_a_clean_503_and_recovers(caplog, fresh_outage_state):
    client = Client(raise_request_exception=False)
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there: every connect is refused
    try:
        with caplog.at_level(logging.INFO):
            answers = _requests(client)
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    _assert_clean_outage(answers, caplog)
    with caplog.at_level(logging.INFO):
        assert client.get("/api/v1/cases/elections").status_code == 200
    assert any("reachable again" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_connection_that_cannot_open_is_a_clean_503(caplog, monkeypatch, fresh_outage_state):
    client = Client(raise_request_exception=False)

    def refuse(*args, **kwargs):
        raise OperationalError("unable to open database file")

    with monkeypatch.context() as patched:
        patched.setattr(connections["default"], "ensure_connection", refuse)
        with caplog.at_level(logging.INFO):
            answers = _requests(client)
    _assert_clean_outage(answers, caplog)
    assert client.get("/api/v1/cases/elections").status_code == 200


@pytest.mark.django_db
def test_other_server_errors_stay_500_and_json_under_the_api(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("netra.law.catalogue.all_types", broken)
    answer = Client(raise_request_exception=False).get("/api/v1/cases/violation-types")
    assert answer.status_code == 500 and "Retry-After" not in answer
    assert set(answer.json()) == {"detail", "errors"}
