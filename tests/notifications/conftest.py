"""Factories for notification tests: groups and notifications as plain functions."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import types
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


# `channels.testing` imports daphne for its live-server test case, which Halqa does not use
# (uvicorn serves it). Without daphne installed, an empty stand-in lets WebsocketCommunicator load.
# The stand-ins carry a spec, so that another conftest doing the same check finds them.
def _stand_in(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    return module


if "daphne" not in sys.modules and importlib.util.find_spec("daphne") is None:
    _daphne_testing = _stand_in("daphne.testing")
    _daphne_testing.DaphneProcess = None  # type: ignore[attr-defined]
    sys.modules.setdefault("daphne", _stand_in("daphne"))
    sys.modules.setdefault("daphne.testing", _daphne_testing)


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
