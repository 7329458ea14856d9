from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from halqa.accounts.models import User
from tests.conftest import verified_staff_client


@pytest.fixture(autouse=True)
def _fresh_site_settings() -> Iterator[None]:
    """Site settings live in each process's memory: forget a test's row after it."""

    from halqa.console import site

    yield
    site.forget()


@pytest.fixture
def operator(make_member: Callable[..., User]) -> User:
    return make_member(pseudonym="night_keeper", role="operator")


@pytest.fixture
def operator_client(operator: User) -> Client:
    return verified_staff_client(operator)
