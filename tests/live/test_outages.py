"""Live rooms when Redis or the database fails (docs/reliability.md, findings 3 and 4): the
sender still gets its ack or a clear `unavailable`, nothing is stored twice, and no connection
is dropped for it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
import redis
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from channels_redis.core import RedisChannelLayer
from django.db import OperationalError, connections

from halqa.live import consumers, hub, presence
from halqa.live.models import LiveMessage
from tests.live.test_consumer import _join, _next, _socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture(autouse=True)
async def _close_worker_connections() -> AsyncIterator[None]:
    yield
    await database_sync_to_async(connections.close_all)()


@pytest.fixture
def fast_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presence, "CHECK", 0.05)
    monkeypatch.setattr(presence, "HEARTBEAT", 0.1)


async def _send(socket: WebsocketCommunicator, body: str, client_id: str) -> dict[str, Any]:
    await socket.send_json_to({"type": "send", "body": body, "client_id": client_id})
    return await _next(socket, "ack", skip=("presence", "message"))


async def _still_open(socket: WebsocketCommunicator) -> None:
    await socket.send_json_to({"type": "ping"})
    await _next(socket, "pong", skip=("presence", "message", "ack"))


async def _seqs_until(socket: WebsocketCommunicator, last: int) -> list[int]:
    seqs: list[int] = []
    while not seqs or seqs[-1] < last:
        seqs.append((await _next(socket, "message", skip=("presence", "ack")))["seq"])
    return seqs


def _stored() -> list[tuple[int, str]]:
    return list(LiveMessage.objects.order_by("seq").values_list("seq", "client_id"))


async def test_a_send_is_acked_while_the_channel_layer_fails_and_reaches_the_room_once(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch, fast_heartbeat: None
) -> None:
    session_id = room["session"].pk
    amal, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    layer = get_channel_layer()
    working = layer.group_send

    async def down(group: str, message: dict[str, Any]) -> None:
        raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")

    monkeypatch.setattr(layer, "group_send", down)
    assert (await _send(sami, "first", "c-1"))["seq"] == 1
    assert (await _send(sami, "second", "c-2"))["seq"] == 2
    await _still_open(sami)
    assert await _seqs_until(amal, 2) == [1, 2]  # the heartbeat's repair, from the database
    monkeypatch.setattr(layer, "group_send", working)  # the layer is back
    assert (await _send(sami, "third", "c-3"))["seq"] == 3
    assert await _seqs_until(amal, 3) == [3]
    await _still_open(amal)
    assert await database_sync_to_async(_stored)() == [(1, "c-1"), (2, "c-2"), (3, "c-3")]
    await sami.disconnect()  # its presence broadcast works again; no error either way
    await amal.disconnect()


async def test_presence_failing_on_connect_and_disconnect_keeps_the_connection(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(*args: Any) -> int:
        raise redis.TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(presence, "touch", down)
    monkeypatch.setattr(presence, "leave", down)
    amal, _ = await _join(room["amal"], room["session"].pk)
    sami, _ = await _join(room["sami"], room["session"].pk)
    await sami.disconnect()
    assert (await _send(amal, "still here", "c-1"))["seq"] == 1
    await amal.disconnect()


async def test_a_send_the_database_cannot_store_gets_unavailable_and_a_resend_stores_once(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    amal, _ = await _join(room["amal"], room["session"].pk)  # reads Arabic
    create = LiveMessage.objects.create

    def full(**fields: Any) -> LiveMessage:
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(LiveMessage.objects, "create", full)
    await amal.send_json_to({"type": "send", "body": "شكراً لكم", "client_id": "c-5f1e"})
    error = await _next(amal, "error")
    assert error["code"] == "unavailable"
    assert error["client_id"] == "c-5f1e"
    assert "لم يُحفظ شيء" in error["message"]
    assert await database_sync_to_async(_stored)() == []
    await _still_open(amal)
    monkeypatch.setattr(LiveMessage.objects, "create", create)  # space is back
    assert (await _send(amal, "شكراً لكم", "c-5f1e"))["seq"] == 1
    assert (await _send(amal, "شكراً لكم", "c-5f1e"))["seq"] == 1  # its ack was lost: again
    assert await database_sync_to_async(_stored)() == [(1, "c-5f1e")]
    await amal.disconnect()


async def test_the_english_message_for_a_busy_database(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sami, _ = await _join(room["sami"], room["session"].pk)  # reads English

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr(consumers, "post_live_message", locked)
    await sami.send_json_to({"type": "send", "body": "hello", "client_id": "c-1"})
    error = await _next(sami, "error")
    assert (error["code"], error["client_id"]) == ("unavailable", "c-1")
    assert "nothing was saved" in error["message"]
    await sami.send_json_to({"type": "resume", "after": 0})
    assert (await _next(sami, "ready"))["seq"] == 0  # reads still work, the socket too
    await sami.disconnect()


async def test_a_resume_the_database_cannot_read_gets_unavailable(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sami, _ = await _join(room["sami"], room["session"].pk)

    def too_many(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("FATAL: sorry, too many clients already")

    monkeypatch.setattr(consumers.queries, "messages_after", too_many)
    await sami.send_json_to({"type": "resume", "after": 0})
    error = await _next(sami, "error")
    assert (error["code"], error["client_id"]) == ("unavailable", None)
    await _still_open(sami)
    await sami.disconnect()


async def test_connect_while_the_database_cannot_answer_closes_4503(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_many(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection pool timeout")

    monkeypatch.setattr(consumers.queries, "recent_messages", too_many)
    socket = await _socket(room["amal"], room["session"].pk)
    connected, _ = await socket.connect()
    assert connected
    frames = []
    while True:
        output = await socket.receive_output(timeout=2)
        if output["type"] == "websocket.close":
            break
        frames.append(output["text"])
    assert output["code"] == consumers.CLOSE_UNAVAILABLE == 4503
    assert '"code": "unavailable"' in frames[-1]
    assert hub.members(room["session"].pk) == 0


async def test_a_redis_layer_that_cannot_be_reached_still_delivers_through_the_database(
    room: dict[str, Any], fast_heartbeat: None
) -> None:
    """channels-redis itself, pointed at a port where nothing listens: subscribing, sending
    and presence broadcasts all fail as in the soak run's Redis outage."""
    dead = RedisChannelLayer(hosts=[{"address": "redis://127.0.0.1:1", "socket_timeout": 0.2}])
    channel_layers.backends["default"] = dead  # _fresh_channel_layer clears it afterwards
    session_id = room["session"].pk
    amal, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    assert (await _send(sami, "are you there", "c-1"))["seq"] == 1
    assert (await _send(sami, "still there", "c-2"))["seq"] == 2
    assert await _seqs_until(amal, 2) == [1, 2]
    await _still_open(amal)
    await _still_open(sami)
    await sami.disconnect()
    await amal.disconnect()


async def test_the_room_subscribes_again_once_the_layer_is_back(
    room: dict[str, Any], fast_heartbeat: None
) -> None:
    dead = RedisChannelLayer(hosts=[{"address": "redis://127.0.0.1:1", "socket_timeout": 0.2}])
    channel_layers.backends["default"] = dead
    session_id = room["session"].pk
    amal, _ = await _join(room["amal"], session_id)
    assert hub._local()[session_id].channel is None  # joined all the same
    del channel_layers.backends["default"]  # the layer is back: the configured one
    for _ in range(100):
        if hub._local()[session_id].channel is not None:
            break
        await asyncio.sleep(0.05)
    assert hub._local()[session_id].channel is not None
    sami, _ = await _join(room["sami"], session_id)
    assert (await _send(sami, "back", "c-1"))["seq"] == 1
    assert await _seqs_until(amal, 1) == [1]
    await sami.disconnect()
    await amal.disconnect()
