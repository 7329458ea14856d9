"""Fixtures for growth tests: a fixed clock and a backend that keeps deferred tasks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from unittest import mock

import pytest


@pytest.fixture
def clock() -> Iterator[Any]:
    """`clock.set(aware_datetime)` fixes django.utils.timezone.now for the test."""

    class Clock:
        def __init__(self) -> None:
            self.patcher = mock.patch("django.utils.timezone.now")
            self.now = self.patcher.start()

        def set(self, moment: datetime) -> None:
            self.now.return_value = moment

    fixed = Clock()
    yield fixed
    fixed.patcher.stop()


@pytest.fixture
def deferring_backend(settings: Any) -> Iterator[Any]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Actions and charts build labels in the active language: English here, unless a test
    asks a page for Arabic."""
    from django.utils import translation

    with translation.override("en"):
        yield
