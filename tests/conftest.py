"""Factories and fixtures every test module may use. Factories are plain functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.test import Client

    from halqa.accounts.models import User

PASSWORD = "a calm river at dawn"

_counter = iter(range(1, 1_000_000))


@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    """`make_member(pseudonym=..., role=..., password=...)` creates an active member."""

    from halqa.accounts.models import User

    def make(*, pseudonym: str | None = None, password: str = PASSWORD, **fields: Any) -> User:
        name = pseudonym or f"member_{next(_counter)}"
        return User.objects.create_user(pseudonym=name, password=password, **fields)

    return make


@pytest.fixture
def member(make_member: Callable[..., User]) -> User:
    return make_member(pseudonym="quiet_harbor")


@pytest.fixture
def member_client(member: User) -> Client:
    from django.test import Client

    client = Client()
    client.force_login(member)
    return client
