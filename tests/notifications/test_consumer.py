"""The live badge over the WebSocket: members only, their count on connect, updates after commit."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.test import Client

from halqa.accounts.models import User
from halqa.asgi import application
from halqa.conversations.actions import reply, start_thread
from halqa.groups.models import Group
from halqa.notifications import actions
from halqa.notifications.enums import Kind
from halqa.routing import websocket_urlpatterns

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

PATH = "/ws/notifications/"


@pytest_asyncio.fixture(autouse=True)
async def _close_worker_connections() -> AsyncIterator[None]:
    """database_sync_to_async runs in one worker thread whose connection outlives the test
    (CONN_MAX_AGE on PostgreSQL) and would keep the test database from being dropped."""
    yield
    await database_sync_to_async(connections.close_all)()


def _socket(user: User | AnonymousUser) -> WebsocketCommunicator:
    """Through the project's routes, with the user the session middleware would have set."""
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), PATH)
    communicator.scope["user"] = user
    return communicator


def _notify(recipient: User, *, fail: bool = False) -> None:
    with transaction.atomic():
        actions.notify(recipient=recipient, kind=Kind.REPLY, url="/x/")
        if fail:
            transaction.set_rollback(True)


async def _refused_with(socket: WebsocketCommunicator) -> int:
    connected, _ = await socket.connect()
    assert connected  # accepted, then closed: browsers only see our code after a handshake
    output = await socket.receive_output()
    assert output["type"] == "websocket.close"
    return int(output["code"])


async def test_consumer_refuses_visitors() -> None:
    assert await _refused_with(_socket(AnonymousUser())) == 4401


async def test_consumer_refuses_deactivated_members(make_member: Callable[..., User]) -> None:
    user = await database_sync_to_async(make_member)(is_active=False)
    assert await _refused_with(_socket(user)) == 4401


async def test_consumer_sends_the_count_on_connect(make_member: Callable[..., User]) -> None:
    user = await database_sync_to_async(make_member)()
    await database_sync_to_async(_notify)(user)
    socket = _socket(user)
    connected, _ = await socket.connect()
    assert connected
    assert await socket.receive_json_from() == {"type": "unread", "count": 1}
    await socket.disconnect()


async def test_consumer_relays_a_notification_after_commit(
    make_member: Callable[..., User],
) -> None:
    user = await database_sync_to_async(make_member)()
    socket = _socket(user)
    await socket.connect()
    assert await socket.receive_json_from() == {"type": "unread", "count": 0}
    await database_sync_to_async(_notify)(user)
    assert await socket.receive_json_from(timeout=2) == {"type": "unread", "count": 1}
    await database_sync_to_async(actions.mark_all_read)(user=user)
    assert await socket.receive_json_from(timeout=2) == {"type": "unread", "count": 0}
    await socket.disconnect()


async def test_consumer_sends_nothing_for_a_rolled_back_notification(
    make_member: Callable[..., User],
) -> None:
    user = await database_sync_to_async(make_member)()
    socket = _socket(user)
    await socket.connect()
    await socket.receive_json_from()
    await database_sync_to_async(_notify)(user, fail=True)
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()


async def test_consumer_tells_each_member_only_their_own(
    make_member: Callable[..., User],
) -> None:
    mine = await database_sync_to_async(make_member)()
    theirs = await database_sync_to_async(make_member)()
    socket = _socket(mine)
    await socket.connect()
    await socket.receive_json_from()
    await database_sync_to_async(_notify)(theirs)
    assert await socket.receive_nothing(timeout=0.3)
    await socket.send_json_to({"type": "anything"})  # clients have nothing to say: ignored
    assert await socket.receive_nothing(timeout=0.1)
    await socket.disconnect()


async def test_consumer_payload_never_carries_what_was_written(
    make_member: Callable[..., User], make_group: Callable[..., Group]
) -> None:
    secret = "zephyrquillmarrow"
    member = await database_sync_to_async(make_member)()
    actor = await database_sync_to_async(make_member)()
    group = await database_sync_to_async(make_group)()
    socket = _socket(member)
    await socket.connect()
    await socket.receive_json_from()

    def write() -> None:
        with transaction.atomic():
            thread = start_thread(author=member, group=group, title="Nights", body="Hard nights.")
            reply(author=actor, thread=thread, body=f"Me too, {secret}.")
            actions.notify(recipient=member, kind=Kind.REPLY, url="/x/", actor=actor, group=group)

    await database_sync_to_async(write)()
    payload = await socket.receive_from(timeout=2)
    assert json.loads(payload)["type"] == "unread"
    assert secret not in payload
    await socket.disconnect()


async def test_consumer_knows_members_by_their_session_cookie(
    make_member: Callable[..., User],
) -> None:
    user = await database_sync_to_async(make_member)()
    client = Client()
    await database_sync_to_async(client.force_login)(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    headers = [
        (b"cookie", cookie.encode()),
        (b"origin", b"http://localhost"),
        (b"host", b"localhost"),
    ]
    socket = WebsocketCommunicator(application, PATH, headers=headers)
    connected, _ = await socket.connect()
    assert connected
    assert await socket.receive_json_from() == {"type": "unread", "count": 0}
    await socket.disconnect()
    stranger = WebsocketCommunicator(application, PATH, headers=headers[1:])
    assert await _refused_with(stranger) == 4401
