"""Random JSON never makes the unauthenticated endpoints fail with a 500."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import JsonClient

FIELDS = ["pseudonym", "password", "confirm_min_age", "language", "country", "device_name"]
FIELDS += ["otp_code", "code", "new_password"]

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner)
)
bodies = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=8)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("path", ["/api/accounts/signup", "/api/accounts/login"])
@FUZZ
@given(body=bodies, lang=st.sampled_from(["ar", "en", "fr", ""]))
def test_random_json_never_fails_with_a_500(db, path, body, lang):
    cache.clear()
    response = JsonClient().post(path, raw=json.dumps(body), lang=lang)
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
