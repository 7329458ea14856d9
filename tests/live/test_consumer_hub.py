"""One subscription per room per process (halqa.live.hub), through the ASGI application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from django.db import connections

from halqa.groups.models import Membership
from halqa.live import actions, events, hub, presence
from halqa.live.consumers import LiveConsumer
from halqa.live.models import LiveMessage
from tests.live.test_consumer import _join, _next, _post

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture(autouse=True)
async def _close_worker_connections() -> AsyncIterator[None]:
    yield
    await database_sync_to_async(connections.close_all)()


def _consumers(session_id: int) -> list[LiveConsumer]:
    room = hub._local().get(session_id)
    return [member for member in room.members if isinstance(member, LiveConsumer)] if room else []


async def test_one_subscription_per_room_per_process(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    subscribe, unsubscribe = events.subscribe, events.unsubscribe

    async def counted_subscribe(session_id: int) -> str | None:
        calls.append("subscribe")
        return await subscribe(session_id)

    async def counted_unsubscribe(session_id: int, channel: str) -> None:
        calls.append("unsubscribe")
        await unsubscribe(session_id, channel)

    monkeypatch.setattr(events, "subscribe", counted_subscribe)
    monkeypatch.setattr(events, "unsubscribe", counted_unsubscribe)
    session_id = room["session"].pk
    amal, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    lead, _ = await _join(room["lead"], session_id)
    assert (calls, hub.members(session_id)) == (["subscribe"], 3)
    await _post(room["amal"], room["session"], "hello")
    for socket in (amal, sami, lead):
        assert (await _next(socket, "message"))["seq"] == 1
    for socket in (amal, sami, lead):
        await socket.disconnect()
    assert (calls, hub.members(session_id)) == (["subscribe", "unsubscribe"], 0)
    again, _ = await _join(room["sami"], session_id)  # a room emptied and filled again
    await _post(room["amal"], room["session"], "again")
    assert (await _next(again, "message"))["seq"] == 2
    assert calls == ["subscribe", "unsubscribe", "subscribe"]
    await again.disconnect()


async def test_a_reader_that_does_not_read_delays_nobody_else(room: dict[str, Any]) -> None:
    session_id = room["session"].pk
    stuck, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    (stuck_consumer,) = [c for c in _consumers(session_id) if c.user_id == room["amal"].pk]
    release = asyncio.Event()
    real_send = stuck_consumer.base_send

    async def blocked_send(message: dict[str, Any]) -> None:  # a full socket buffer
        await release.wait()
        await real_send(message)

    stuck_consumer.base_send = blocked_send
    for body in ("one", "two", "three"):
        await _post(room["lead"], room["session"], body)
    assert [(await _next(sami, "message"))["seq"] for _ in range(3)] == [1, 2, 3]
    release.set()
    assert [(await _next(stuck, "message"))["seq"] for _ in range(3)] == [1, 2, 3]
    await stuck.disconnect()
    await sami.disconnect()


async def test_a_message_stored_during_the_catch_up_arrives_once(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Joined before the history is read: the message is in both the history and the queue."""
    history = LiveConsumer._history

    def history_after_a_post(consumer: LiveConsumer) -> tuple[int, list[dict[str, Any]]]:
        actions.post_live_message(author=room["amal"], session=room["session"], body="meanwhile")
        return history(consumer)

    monkeypatch.setattr(LiveConsumer, "_history", history_after_a_post)
    socket, frames = await _join(room["sami"], room["session"].pk)
    assert [f["seq"] for f in frames if f["type"] == "message"] == [1]
    assert frames[-1] == {"type": "ready", "seq": 1}
    while not await socket.receive_nothing(timeout=0.3):  # no second copy of seq 1
        assert (await socket.receive_json_from())["type"] == "presence"
    await _post(room["amal"], room["session"], "after")
    assert (await _next(socket, "message"))["seq"] == 2
    await socket.disconnect()


async def test_heartbeat_closes_only_who_lost_access(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(presence, "CHECK", 0.05)
    monkeypatch.setattr(presence, "HEARTBEAT", 0.1)
    session_id = room["session"].pk
    amal, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    await database_sync_to_async(Membership.objects.filter(user=room["sami"]).delete)()
    while True:
        output = await sami.receive_output(timeout=2)
        if output["type"] == "websocket.close":
            break
    assert output["code"] == 4404
    assert hub.members(session_id) == 1
    await _post(room["lead"], room["session"], "still here")
    assert (await _next(amal, "message"))["seq"] == 1
    await amal.disconnect()


async def test_a_public_room_stays_open_to_readers_who_are_not_members(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(presence, "CHECK", 0.05)
    monkeypatch.setattr(presence, "HEARTBEAT", 0.1)
    room["group"].visibility = "public"
    await database_sync_to_async(room["group"].save)()
    reader, _ = await _join(room["outsider"], room["session"].pk)
    await asyncio.sleep(0.4)  # several heartbeats
    await _post(room["amal"], room["session"], "welcome")
    assert (await _next(reader, "message"))["seq"] == 1
    await reader.disconnect()


async def test_a_failing_connection_leaves_the_room_and_the_others_go_on(
    room: dict[str, Any],
) -> None:
    session_id = room["session"].pk
    broken, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    (broken_consumer,) = [c for c in _consumers(session_id) if c.user_id == room["amal"].pk]

    async def failing_send(message: dict[str, Any]) -> None:
        raise OSError("the client is gone")

    broken_consumer.base_send = failing_send
    try:
        await _post(room["lead"], room["session"], "one")
        assert (await _next(sami, "message"))["seq"] == 1
        for _ in range(100):  # it fails before sami's turn; a busy machine may still lag
            if hub.members(session_id) == 1:
                break
            await asyncio.sleep(0.05)
        assert hub.members(session_id) == 1
        await _post(room["lead"], room["session"], "two")
        assert (await _next(sami, "message"))["seq"] == 2
        assert await database_sync_to_async(LiveMessage.objects.count)() == 2
    finally:  # a failure must not leave a socket open for the database teardown to wait on
        await sami.disconnect()
        await broken.disconnect()


async def test_an_event_is_encoded_once_per_version() -> None:
    event = hub.Event(
        {
            "payload": {"type": "message", "seq": 3, "skip": True},
            "author_id": 7,
            "mine": {"type": "message", "seq": 3, "body_html": "<p>held</p>", "state": "held"},
            "full": {"type": "message", "seq": 3, "body_html": "<p>held</p>"},
        }
    )
    assert event.version(7, moderator=False) == "mine"
    assert event.version(7, moderator=True) == "mine"
    assert event.version(8, moderator=True) == "full"
    assert event.version(8, moderator=False) == "payload"
    assert event.text("full") is event.text("full")
    assert '"skip": true' in event.text()
    plain = hub.Event({"payload": {"type": "message", "seq": 4, "body_html": "سلام"}})
    assert plain.version(7, moderator=True) == "payload"
    assert "سلام" in plain.text()
