"""Factories and fixtures every test module may use. Factories are plain functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from django.test import Client

    from halqa.accounts.models import User
    from halqa.groups.models import Group

PASSWORD = "a calm river at dawn"

_counter = iter(range(1, 1_000_000))


@pytest.fixture(autouse=True)
def _fresh_channel_layer() -> Iterator[None]:
    """Each test gets its own channel-layer object. channels-redis ties a layer's receive() to
    one event loop, and each async test runs in a new loop: a receive the live hub cancelled as
    the previous test's loop closed made the next test's fail ("two event loops are trying to
    receive() at once"). A server has one loop for its life."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


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


def verified_staff_client(user: User, language: str | None = "en") -> Client:
    """A client logged in as `user` whose session passed two-factor (django_otp's session key),
    with the user's confirmed device (one is made when they have none). `language=None` sets no
    language cookie, so the site's default (Arabic) applies."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.accounts.twofactor import confirmed_device

    device = confirmed_device(user) or TOTPDevice.objects.create(
        user=user, name="phone", confirmed=True
    )
    client = Client()
    if language is not None:
        client.cookies["halqa_language"] = language
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(db: None) -> Callable[..., Client]:
    """`staff_client(user, language="en")`: see `verified_staff_client`."""
    return verified_staff_client


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
