"""Schemathesis over /api/openapi.json, with a signed-in member's token: no 500s, and every
response (status, content type, body) conforms to the OpenAPI document.

Bounded: a few examples per operation (HALQA_FUZZ_EXAMPLES raises it for a longer run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.api import api

EXAMPLES = int(os.environ.get("HALQA_FUZZ_EXAMPLES", "3"))

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
# These end the fuzzing member's own session or account: each example would then be a 401.
schema = schema.exclude(path_regex=r"^/api/accounts/(logout|tokens/\{token_id\})$").exclude(
    method="DELETE", path="/api/accounts/me"
)


def _app(path: str) -> str:
    return path.split("/")[2]


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """The WSGI app closes the database connection after each request, which would end the
    test's transaction on PostgreSQL; Django's test client unhooks the same signal."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_member(db: None, make_member: Any, make_group: Any) -> tuple[User, str]:
    user = make_member(pseudonym="fuzz_member")
    make_group(slug="open-circle", members=(user,))
    return user, issue_token(user=user, name="fuzz")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_and_never_fails(case: Any, fuzz_member: tuple[User, str]) -> None:
    cache.clear()  # throttles would otherwise turn later examples into 429s
    _, token = fuzz_member
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    response = case.call()
    case.validate_response(response, checks=CHECKS)


def _body_operations(app: str) -> list[tuple[str, str, dict[str, Any]]]:
    spec = api.get_openapi_schema()
    return [
        (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        if _app(path) == app
        for method, operation in item.items()
        if isinstance(operation, dict) and "requestBody" in operation
    ]


@pytest.mark.parametrize("app", sorted({_app(p) for p in api.get_openapi_schema()["paths"]}))
def test_body_errors_documented(app: str) -> None:
    """Every operation that takes a body documents the 400 a non-object body gets."""
    missing = [
        f"{method} {path}"
        for method, path, operation in _body_operations(app)
        if "400" not in {str(code) for code in operation["responses"]}
    ]
    assert not missing, missing


def test_goal_reminder_time_with_a_zone_is_refused(fuzz_member: tuple[User, str]) -> None:
    from tests.api.conftest import JsonClient

    _, token = fuzz_member
    body = {
        "title": "",
        "template": "reach_out",
        "cadence": "daily",
        "weekdays": [],
        "times_per_week": 1,
        "reminder_time": "00:00:00Z",
    }
    response = JsonClient().post("/api/growth/goals", body, token=token)
    assert response.status_code == 422, response.status_code
    assert list(response.json()["fields"]) == ["reminder_time"]


def test_nul_byte_in_an_api_address_gets_json(fuzz_member: tuple[User, str]) -> None:
    from tests.api.conftest import JsonClient

    _, token = fuzz_member
    response = JsonClient().get("/api/notifications/?page=%00", token=token)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "bad_request"
