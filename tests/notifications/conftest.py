"""Factories for notification tests: groups and notifications as plain functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.groups.models import Group
from halqa.notifications import actions
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification
from tests.api.conftest import JsonClient

_counter = iter(range(1, 1_000_000))


@pytest.fixture
def make_group(db: None) -> Callable[..., Group]:
    def make(**fields: Any) -> Group:
        number = next(_counter)
        fields.setdefault("slug", f"notified-{number}")
        fields.setdefault("name", f"Grief and Loss {number}")
        fields.setdefault("description", "A quiet place to talk.")
        return Group.objects.create(**fields)

    return make


@pytest.fixture
def make_notification(
    make_member: Callable[..., User], make_group: Callable[..., Group]
) -> Callable[..., Notification]:
    """`make_notification(recipient=..., kind=..., actor=..., group=...)`: stored as notify does."""

    def make(*, recipient: User, kind: str = Kind.REPLY, **fields: Any) -> Notification:
        fields.setdefault("actor", make_member(pseudonym=f"Quiet_Harbor_{next(_counter)}"))
        fields.setdefault("group", make_group())
        fields.setdefault("url", "/groups/somewhere/")
        notification = actions.notify(recipient=recipient, kind=kind, **fields)
        assert notification is not None
        return notification

    return make


@pytest.fixture
def english(member_client: Client) -> Client:
    member_client.cookies["halqa_language"] = "en"
    return member_client


@pytest.fixture
def api() -> JsonClient:
    return JsonClient()


@pytest.fixture
def token(member: User) -> str:
    return issue_token(user=member, name="test device")
