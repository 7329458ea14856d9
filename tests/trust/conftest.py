"""Fixtures for the publish policy tests (in fixtures.py, shared with other apps' tests)."""

from tests.trust.fixtures import circle, inject  # noqa: F401
