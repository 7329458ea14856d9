"""Fixtures for account tests: a clean cache (throttle counts) and sign-up data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

GOOD_PASSWORD = "a calm river at dawn"


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signup_data() -> dict[str, Any]:
    return {
        "pseudonym": "Quiet_Harbor",
        "password": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "language": "en",
        "country": "",
        "confirm_min_age": "on",
    }
