"""The real PostgreSQL for the topology test (required in CI, skipped loudly elsewhere); Redis
comes from tests/conftest.py's `redis_url`."""

from tests.scaleout.conftest import postgres_url  # noqa: F401 (a fixture, shared)
