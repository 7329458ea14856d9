"""ws/moderation/: an opened case reaches an on-duty moderator's socket within a second."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.db import connections
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.models import User
from halqa.accounts.sessions import SessionStore  # the engine settings.SESSION_ENGINE names
from halqa.groups.models import Group
from halqa.moderation.cases import open_case
from halqa.moderation.enums import CaseKind
from halqa.moderation.models import ModeratorStatus
from halqa.routing import websocket_urlpatterns

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

PATH = "/ws/moderation/"


@pytest_asyncio.fixture(autouse=True)
async def _close_worker_connections() -> AsyncIterator[None]:
    yield
    await database_sync_to_async(connections.close_all)()


def _verified_session(user: User, device_owner: User | None = None) -> SessionStore:
    """A session that passed two-factor (django-otp's session key), as the pages leave it."""
    owner = device_owner or user
    device = TOTPDevice.objects.filter(user=owner, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=owner, name="phone", confirmed=True)
    session = SessionStore()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session


def _socket(user: Any, session: SessionStore | None = None) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), PATH)
    communicator.scope["user"] = user
    communicator.scope["session"] = session if session is not None else SessionStore()
    return communicator


async def _verified_socket(user: User) -> WebsocketCommunicator:
    return _socket(user, await database_sync_to_async(_verified_session)(user))


def _setup() -> tuple[User, User, User, Group]:
    moderator = User.objects.create_user(
        pseudonym="on_duty_mod", password="x" * 12, role="moderator"
    )
    off = User.objects.create_user(pseudonym="off_duty_mod", password="x" * 12, role="moderator")
    member = User.objects.create_user(pseudonym="someone", password="x" * 12)
    group = Group.objects.create(slug="ws-group", name="WS", description="d")
    ModeratorStatus.objects.create(user=moderator, on_duty=True)
    return moderator, off, member, group


async def test_case_opened_reaches_on_duty_moderator_live() -> None:
    moderator, off, member, group = await database_sync_to_async(_setup)()
    on_socket, off_socket = await _verified_socket(moderator), await _verified_socket(off)
    assert (await on_socket.connect())[0]
    assert (await off_socket.connect())[0]
    case = await database_sync_to_async(open_case)(
        kind=CaseKind.DANGER, subject=member, reason="flag:danger", group=group
    )
    message = await on_socket.receive_json_from(timeout=10)  # pushed, not polled: no timing here
    assert message == {
        "type": "case_opened",
        "case": case.pk,
        "kind": "danger",
        "urgency": 80,
        "group": "ws-group",
    }
    # Off duty: nothing.
    assert await off_socket.receive_nothing(timeout=0.2)
    await on_socket.disconnect()
    await off_socket.disconnect()


async def test_members_are_refused() -> None:
    _, _, member, _ = await database_sync_to_async(_setup)()
    socket = await _verified_socket(member)
    await _assert_refused(socket)


async def _assert_refused(socket: WebsocketCommunicator) -> None:
    connected, _ = await socket.connect()
    assert connected
    output = await socket.receive_output()
    assert output["type"] == "websocket.close"
    assert output["code"] == 4401
    await asyncio.sleep(0)


async def test_a_moderator_session_without_two_factor_is_refused() -> None:
    moderator, _, _, _ = await database_sync_to_async(_setup)()
    await _assert_refused(_socket(moderator, None))


async def test_another_members_device_in_the_session_is_refused() -> None:
    moderator, off, _, _ = await database_sync_to_async(_setup)()
    session = await database_sync_to_async(_verified_session)(moderator, off)
    await _assert_refused(_socket(moderator, session))


async def test_an_unconfirmed_device_is_refused() -> None:
    moderator, _, _, _ = await database_sync_to_async(_setup)()

    def unconfirmed() -> SessionStore:
        session = _verified_session(moderator)
        TOTPDevice.objects.filter(user=moderator).update(confirmed=False)
        return session

    session = await database_sync_to_async(unconfirmed)()
    await _assert_refused(_socket(moderator, session))
