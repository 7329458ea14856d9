"""The live room over WebSocket (docs/websocket.md), through the project's ASGI application."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import Client

from halqa.accounts.models import User
from halqa.asgi import application
from halqa.groups.models import Membership
from halqa.live import actions, presence
from halqa.live.models import LiveMessage, LiveSession

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest_asyncio.fixture(autouse=True)
async def _close_worker_connections() -> AsyncIterator[None]:
    """The worker thread's database connection outlives a test on PostgreSQL (CONN_MAX_AGE)."""
    yield
    await database_sync_to_async(connections.close_all)()


def _cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["halqa_session"].value


async def _socket(
    user: User | None, session_id: int, query: str = "", origin: str = "http://localhost"
) -> WebsocketCommunicator:
    headers = [(b"origin", origin.encode()), (b"host", b"localhost")]
    if user is not None:
        cookie = await database_sync_to_async(_cookie)(user)
        headers.append((b"cookie", f"halqa_session={cookie}".encode()))
    path = f"/ws/live/{session_id}/" + (f"?{query}" if query else "")
    return WebsocketCommunicator(application, path, headers=headers)


async def _join(
    user: User, session_id: int, query: str = ""
) -> tuple[WebsocketCommunicator, list[dict[str, Any]]]:
    """Connect and read up to `ready`: the state and the catch-up."""
    socket = await _socket(user, session_id, query)
    connected, _ = await socket.connect()
    assert connected
    frames = []
    while True:
        frame = await socket.receive_json_from(timeout=2)
        frames.append(frame)
        if frame["type"] == "ready":
            return socket, frames


async def _next(
    socket: WebsocketCommunicator, kind: str, skip: tuple[str, ...] = ("presence",)
) -> dict[str, Any]:
    """The next frame of type `kind`, skipping presence updates (and `skip`)."""
    while True:
        frame = await socket.receive_json_from(timeout=2)
        if frame["type"] == kind:
            return frame
        assert frame["type"] in skip, frame


async def _ack_and_message(socket: WebsocketCommunicator) -> tuple[int, int]:
    """The seqs of the ack and of the message event of one's own send, in either order."""
    seen: dict[str, int] = {}
    while len(seen) < 2:
        frame = await socket.receive_json_from(timeout=2)
        if frame["type"] == "presence":
            continue
        assert frame["type"] in ("ack", "message"), frame
        assert frame["type"] not in seen, frame
        seen[frame["type"]] = frame["seq"]
    return seen["ack"], seen["message"]


@database_sync_to_async
def _post(user: User, session: LiveSession, body: str) -> LiveMessage:
    return actions.post_live_message(author=user, session=session, body=body)


async def _closed_with(socket: WebsocketCommunicator) -> int:
    connected, _ = await socket.connect()
    assert connected  # accepted, then closed with a code the client can read
    output = await socket.receive_output(timeout=2)
    assert output["type"] == "websocket.close"
    return int(output["code"])


async def test_consumer_closes_4401_for_visitors(room: dict[str, Any]) -> None:
    assert await _closed_with(await _socket(None, room["session"].pk)) == 4401


async def test_consumer_closes_4404_for_outsiders_and_unknown_sessions(
    room: dict[str, Any],
) -> None:
    assert await _closed_with(await _socket(room["outsider"], room["session"].pk)) == 4404
    assert await _closed_with(await _socket(room["amal"], 999_999)) == 4404


async def test_consumer_refuses_other_origins(room: dict[str, Any]) -> None:
    socket = await _socket(room["amal"], room["session"].pk, origin="https://evil.example")
    connected, _ = await socket.connect()
    assert not connected


async def test_consumer_sends_state_history_and_ready(room: dict[str, Any]) -> None:
    for n in range(3):
        await _post(room["amal"], room["session"], f"hello {n}")
    socket, frames = await _join(room["sami"], room["session"].pk)
    assert frames[0] == {"type": "state", "open": True, "slow_mode": 0}
    assert [f["seq"] for f in frames if f["type"] == "message"] == [1, 2, 3]
    assert frames[1]["author"] == "amal_r"
    assert frames[1]["body_html"] == "<p>hello 0</p>\n"
    assert frames[-1] == {"type": "ready", "seq": 3}
    assert (await _next(socket, "presence"))["count"] >= 1
    await socket.disconnect()


async def test_two_members_each_receive_a_message_once(room: dict[str, Any]) -> None:
    session_id = room["session"].pk
    amal, _ = await _join(room["amal"], session_id)
    sami, _ = await _join(room["sami"], session_id)
    await amal.send_json_to({"type": "send", "body": "شكراً لوجودكم", "client_id": "c-1"})
    assert await _ack_and_message(amal) == (1, 1)
    message = await _next(sami, "message")
    assert (message["seq"], message["author"]) == (1, "amal_r")
    assert "شكراً لوجودكم" in message["body_html"]
    await sami.send_json_to({"type": "ping"})
    assert await _next(sami, "pong") == {"type": "pong"}
    assert await sami.receive_nothing(timeout=0.2)
    await amal.disconnect()
    await sami.disconnect()


async def test_resend_with_same_client_id_acks_without_storing(room: dict[str, Any]) -> None:
    socket, _ = await _join(room["amal"], room["session"].pk)
    await socket.send_json_to({"type": "send", "body": "hi", "client_id": "same"})
    assert await _ack_and_message(socket) == (1, 1)
    await socket.send_json_to({"type": "send", "body": "hi", "client_id": "same"})
    assert (await _next(socket, "ack"))["seq"] == 1  # no second message event
    assert await database_sync_to_async(LiveMessage.objects.count)() == 1
    await socket.disconnect()


async def test_reconnect_with_after_gets_exactly_the_missed(room: dict[str, Any]) -> None:
    session = room["session"]
    for n in range(2):
        await _post(room["amal"], session, f"before {n}")
    socket, frames = await _join(room["sami"], session.pk)
    await socket.disconnect()
    for n in range(3):
        await _post(room["amal"], session, f"missed {n}")
    socket, frames = await _join(room["sami"], session.pk, "after=2")
    assert [f["seq"] for f in frames if f["type"] == "message"] == [3, 4, 5]
    await _post(room["amal"], session, "live")
    assert (await _next(socket, "message"))["seq"] == 6
    await socket.send_json_to({"type": "resume", "after": 4})
    replay = [await _next(socket, "message"), await _next(socket, "message")]
    assert [f["seq"] for f in replay] == [5, 6]
    assert await _next(socket, "ready") == {"type": "ready", "seq": 6}
    await socket.disconnect()


async def test_after_zero_sends_the_whole_room_beyond_the_history(room: dict[str, Any]) -> None:
    @database_sync_to_async
    def fill() -> None:
        LiveMessage.objects.bulk_create(
            LiveMessage(session=room["session"], seq=n, author=room["amal"], body=f"m{n}")
            for n in range(1, 251)
        )
        LiveSession.objects.filter(pk=room["session"].pk).update(last_seq=250)

    await fill()
    recent, frames = await _join(room["sami"], room["session"].pk)
    assert [f["seq"] for f in frames if f["type"] == "message"] == list(range(201, 251))
    everything, frames = await _join(room["sami"], room["session"].pk, "after=0")
    assert [f["seq"] for f in frames if f["type"] == "message"] == list(range(1, 251))
    await recent.disconnect()
    await everything.disconnect()


async def test_live_event_ahead_of_a_gap_is_preceded_by_the_gap(room: dict[str, Any]) -> None:
    socket, _ = await _join(room["sami"], room["session"].pk)

    @database_sync_to_async
    def store_without_broadcast() -> None:  # as if its broadcast were lost between processes
        LiveMessage.objects.create(session=room["session"], seq=1, author=room["amal"], body="a")
        LiveSession.objects.filter(pk=room["session"].pk).update(last_seq=1)

    await store_without_broadcast()
    await _post(room["amal"], room["session"], "b")
    first, second = await _next(socket, "message"), await _next(socket, "message")
    assert [first["seq"], second["seq"]] == [1, 2]
    assert await socket.receive_nothing(timeout=0.2)
    await socket.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "invalid_json"),
        ("[1, 2]", "invalid_json"),
        ("[" * 16_000, "invalid_json"),
        ('{"type": "send", "body": "\\ud800"}', "invalid"),
        (json.dumps({"type": "send", "body": "x" * 17_000}), "too_large"),
        (json.dumps({"type": "dance"}), "unknown_type"),
        (json.dumps({"type": "send", "body": "", "client_id": "e"}), "invalid"),
        (json.dumps({"type": "send", "body": "\x00\x07 ", "client_id": "e"}), "invalid"),
        (json.dumps({"type": "send", "body": 5}), "invalid"),
        (json.dumps({"type": "send", "body": "hi", "client_id": "x" * 65}), "invalid"),
        (json.dumps({"type": "resume", "after": -1}), "invalid"),
        (json.dumps({"type": "resume", "after": "abc"}), "invalid"),
    ],
)
async def test_bad_frames_get_an_error_and_the_connection_stays(
    room: dict[str, Any], frame: str, code: str
) -> None:
    socket, _ = await _join(room["sami"], room["session"].pk)
    await socket.send_to(text_data=frame)
    error = await _next(socket, "error")
    assert error["code"] == code
    assert error["message"]
    await socket.send_json_to({"type": "ping"})
    assert await _next(socket, "pong") == {"type": "pong"}
    assert await database_sync_to_async(LiveMessage.objects.count)() == 0
    await socket.disconnect()


async def test_binary_frame_gets_an_error(room: dict[str, Any]) -> None:
    socket, _ = await _join(room["sami"], room["session"].pk)
    await socket.send_to(bytes_data=b"\xff\xfe")
    assert (await _next(socket, "error"))["code"] == "invalid_json"
    await socket.disconnect()


async def test_send_to_closed_room_gets_localised_error(room: dict[str, Any]) -> None:
    await database_sync_to_async(actions.close_room)(by=room["lead"], session=room["session"])
    socket, frames = await _join(room["amal"], room["session"].pk)
    assert frames[0]["open"] is False
    await socket.send_json_to({"type": "send", "body": "hello", "client_id": "k"})
    error = await _next(socket, "error")
    assert (error["code"], error["client_id"]) == ("closed", "k")
    assert error["message"] != "This room is closed for now: you can still read."  # Arabic
    await database_sync_to_async(actions.open_room)(by=room["lead"], session=room["session"])
    assert await _next(socket, "state") == {"type": "state", "open": True, "slow_mode": 0}
    await socket.disconnect()


async def test_slow_mode_and_mute_over_the_socket(room: dict[str, Any]) -> None:
    await database_sync_to_async(actions.set_slow_mode)(
        by=room["lead"], session=room["session"], seconds=30
    )
    socket, _ = await _join(room["sami"], room["session"].pk)
    await socket.send_json_to({"type": "send", "body": "one", "client_id": "1"})
    assert await _ack_and_message(socket) == (1, 1)
    await socket.send_json_to({"type": "send", "body": "two", "client_id": "2"})
    error = await _next(socket, "error")
    assert (error["code"], error["retry_after"] > 0) == ("slow_mode", True)
    assert "Slow mode is on" in error["message"]  # sami reads English
    await database_sync_to_async(actions.mute_member)(
        by=room["lead"], session=room["session"], user=room["sami"]
    )
    await socket.send_json_to({"type": "send", "body": "three", "client_id": "3"})
    assert (await _next(socket, "error"))["code"] == "muted"
    assert await database_sync_to_async(LiveMessage.objects.count)() == 1
    await socket.disconnect()


async def test_presence_counts_connections(room: dict[str, Any]) -> None:
    amal, _ = await _join(room["amal"], room["session"].pk)
    assert (await _next(amal, "presence"))["count"] == 1
    sami, _ = await _join(room["sami"], room["session"].pk)
    assert (await _next(amal, "presence"))["count"] == 2
    await sami.disconnect()
    assert (await _next(amal, "presence"))["count"] == 1
    await amal.disconnect()


async def test_heartbeat_repairs_a_lost_tail_and_rechecks_access(
    room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(presence, "CHECK", 0.05)
    monkeypatch.setattr(presence, "HEARTBEAT", 0.1)
    socket, _ = await _join(room["sami"], room["session"].pk)

    @database_sync_to_async
    def store_without_broadcast() -> None:  # the last broadcast was lost: nothing follows it
        LiveMessage.objects.create(session=room["session"], seq=1, author=room["amal"], body="a")
        LiveSession.objects.filter(pk=room["session"].pk).update(last_seq=1)

    await store_without_broadcast()
    assert (await _next(socket, "message"))["seq"] == 1
    await database_sync_to_async(Membership.objects.filter(user=room["sami"]).delete)()
    while True:
        output = await socket.receive_output(timeout=2)
        if output["type"] == "websocket.close":
            break
    assert output["code"] == 4404
