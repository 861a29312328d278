"""The schema is the API: schemathesis generates requests for every operation of the OpenAPI schema
(valid and invalid ones) against the real WSGI app and database, and each answer must be no 5xx,
have a status code the schema documents, and match the documented response schema.

Bounded (``MAX_EXAMPLES`` per operation) so the whole schema runs in well under three minutes on
SQLite; staff operations get a real API token of a handling office's pimpinan.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from netra.accounts.services import token_create
from tests.cases.helpers import case_in

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
MAX_EXAMPLES = 12
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _fuzz(operation, headers: dict) -> str | None:
    """The first failure of one operation, or None."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def run(case):
        case.call_and_validate(checks=CHECKS, headers=headers)

    try:
        run()
    except (Exception, BaseExceptionGroup) as failure:  # schemathesis raises a group of check failures
        return f"{operation.label}: {str(failure)[:1500]}"
    return None


@pytest.fixture
def connections_kept_open():
    """schemathesis calls the WSGI app directly, so Django's request signals close the database
    connection after each request, which on PostgreSQL ends the test's transaction; Django's own
    test client unhooks them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_answers_as_documented(world, connections_kept_open):
    from netra.wsgi import application

    case_in(world, "diterima")  # a case with evidence, so ids in paths can hit real rows
    _token, raw = token_create(user=world["staff"]["bintan"]["pimpinan"], name="schemathesis")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    failures = [f for op in operations if (f := _fuzz(op, {"Authorization": f"Bearer {raw}"}))]
    assert failures == [], "\n\n".join(failures)


def test_the_schema_documents_auth_validation_and_limit_errors(db):
    from django.test import Client

    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"401", "422", "404"} <= set(paths["/api/v1/cases/{case_id}"]["get"]["responses"])
    for intake in (paths["/api/v1/cases/reports"]["post"], paths["/api/v1/cases/track"]["post"]):
        assert {"422", "429"} <= set(intake["responses"])
    assert "/api/v1/cases/track/{code}" not in paths  # the deprecated route is not offered
    every = [op for ops in paths.values() for op in ops.values()]
    assert all("503" in op["responses"] for op in every)


def test_the_schema_has_no_duplicate_keys(db):
    """ninja keys responses by int, the added ones are strings: JSON with both is invalid to Swagger UI."""
    import json

    from django.test import Client

    def no_twins(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(Client().get("/api/v1/openapi.json").content, object_pairs_hook=no_twins)
