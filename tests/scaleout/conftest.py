"""The real PostgreSQL for the scale-out test: required in CI, skipped loudly elsewhere."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A URL of an existing PostgreSQL database whose user may create databases."""
    import psycopg

    url = os.environ.get("HALQA_TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as error:
        message = f"PostgreSQL is not reachable at {url}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        print(f"\n!!! {message} — test SKIPPED !!!\n")
        pytest.skip(message)
    return url
