"""Factories and fixtures every test module may use. Factories are plain functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.test import Client

    from halqa.accounts.models import User
    from halqa.groups.models import Group

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
def make_group(db: None) -> Callable[..., Group]:
    """`make_group(visibility=..., join_policy=..., members=[...])` creates a group."""
    from halqa.groups.actions import add_member, create_group

    def make(*, members: tuple[Any, ...] = (), **fields: Any) -> Group:
        number = next(_counter)
        fields.setdefault("slug", f"group-{number}")
        fields.setdefault("name", f"Group {number}")
        fields.setdefault("description", "A quiet place to talk.")
        fields.setdefault("rules", ["Be kind.", "Respect privacy."])
        group = create_group(**fields)
        for user in members:
            add_member(user=user, group=group)
        return group

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


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The real Redis: required in CI, skipped loudly elsewhere when it is not running."""
    import os

    import redis

    url = os.environ.get("HALQA_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {url}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        print(f"\n!!! {message} — test SKIPPED !!!\n")
        pytest.skip(message)
    return url
