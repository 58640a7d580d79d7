"""The whole HTTP API against its own OpenAPI schema (schemathesis), for every role.

Generated requests (a bounded number per operation) are sent to the real WSGI app, on the
small ESCO world, as an anonymous visitor and as each role. Whatever comes in, the answer is
never a server error and always one that the schema describes (status, content type, body),
and errors are problem documents. This covers every pillar's router, not only matching's; it
lives here for the matching world of people, employers and vacancies it needs.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def _credentials(user) -> dict[str, dict[str, str]]:
    """Keyword arguments for `case.call`: a session cookie and a CSRF token, as a browser has."""
    if user is None:
        return {}
    client = Client()
    client.force_login(user)
    token = _get_new_csrf_string()
    return {"cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
            "headers": {"X-CSRFToken": token}}


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture
def connection_kept():
    """The WSGI app closes old connections around each request; the test database lives in
    this test's transaction, so keep it, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_answers_within_its_schema_for_every_role(esco_world, connection_kept):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("beheer", password="x-long-password-1")
    roles = [_credentials(person) for person in (
        None, esco_world.seeker_user, esco_world.employer_user, esco_world.coach,
        esco_world.analyst, admin)]
    # Every request is answered by the real app in this process, on the test database.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50  # every pillar's router is in the schema
    tried = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=4, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_within_schema(case):
            for credentials in roles:
                response = case.call(**credentials)
                case.validate_response(response, checks=CHECKS)
                if response.status_code >= 400:
                    assert response.headers["content-type"][0].startswith(
                        "application/problem+json"), (case.path, response.status_code)

        answers_within_schema()
        tried.append(operation.path)
    assert len(tried) == len(operations)
