"""A send that waits for a busy database does not cost the connection its keepalive.

uvicorn (what `halqa serve` runs) reads nothing more from a WebSocket until the application asks
for the next message, and closes the socket 1011 "keepalive ping timeout" when a pong comes late.
A consumer that handled a `send` inside `receive` left the pongs unread for as long as the
database took, once a second frame had come in behind the first: under load (make soak, kill)
sockets were closed 1011. Here a real uvicorn server pings every 0.2 s and wants the pong within
0.5 s, while the store takes 2 s and a second frame follows the send.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn
from django.db import connections
from websockets.sync.client import connect

from halqa.asgi import application
from halqa.live import consumers
from halqa.live.models import LiveSession
from tests.sessions import signed_in_session

pytestmark = pytest.mark.django_db(transaction=True)
STORE_SECONDS = 2.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server() -> Iterator[str]:
    """uvicorn as `halqa serve` runs it (websockets-sansio), with a short keepalive."""
    port = _free_port()
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        ws="websockets-sansio",
        ws_ping_interval=0.2,
        ws_ping_timeout=0.5,
        lifespan="off",
        log_level="warning",
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(running.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    try:
        yield f"ws://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)
        connections.close_all()


@pytest.fixture
def slow_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """The database takes STORE_SECONDS to store a live message (a saturated server)."""
    real: Callable[..., Any] = consumers.post_live_message

    def slow(**fields: Any) -> Any:
        time.sleep(STORE_SECONDS)
        return real(**fields)

    monkeypatch.setattr(consumers, "post_live_message", slow)


def _frames_until(ws: Any, kind: str) -> dict[str, Any]:
    while True:
        frame = json.loads(ws.recv(timeout=10))
        if frame["type"] == kind:
            return dict(frame)


def test_a_slow_send_keeps_the_connection_and_is_acked(
    server: str, slow_store: None, room: dict[str, Any]
) -> None:
    session: LiveSession = room["session"]
    cookie = signed_in_session(room["amal"])
    with connect(
        f"{server}/ws/live/{session.pk}/",
        origin="http://localhost",  # type: ignore[arg-type]
        additional_headers={"Cookie": f"halqa_session={cookie}", "Host": "localhost"},
        ping_interval=None,  # the server pings; this client only answers
    ) as ws:
        _frames_until(ws, "ready")
        ws.send(json.dumps({"type": "send", "body": "Still here, thank you.", "client_id": "c1"}))
        ws.send(json.dumps({"type": "ping"}))  # a second frame while the first is handled
        ack = _frames_until(ws, "ack")  # closed 1011 long before this without the fix
        assert ack["client_id"] == "c1"
        assert _frames_until(ws, "pong") == {"type": "pong"}  # and in the order sent
    assert session.messages.get().body == "Still here, thank you."
