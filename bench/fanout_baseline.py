"""The baseline for live fan-out: a bare broadcast server written with `websockets`.

It speaks the part of Halqa's live protocol (docs/websocket.md) the benchmark uses, so the same
clients drive both: on connecting a client gets `{"type": "ready", "seq": n}`; a
`{"type": "send", "body": ..., "client_id": ...}` gets the next sequence number, an `ack` to the
sender and a `message` to everyone in the room, encoded once. Nothing is stored, nobody is
authenticated, nothing is screened: it is the floor any real server pays.

    python bench/fanout_baseline.py --port 8765
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import signal
from datetime import UTC, datetime

from websockets.asyncio.server import ServerConnection, broadcast, serve


class Room:
    def __init__(self) -> None:
        self.clients: set[ServerConnection] = set()
        self.seq = 0

    def post(self, body: str) -> tuple[int, str]:
        self.seq += 1
        message = {
            "type": "message",
            "seq": self.seq,
            "id": self.seq,
            "author": "baseline",
            "body_html": f"<p>{html.escape(body)}</p>",
            "created": datetime.now(UTC).isoformat(),
            "pinned": False,
        }
        return self.seq, json.dumps(message)


async def handle(connection: ServerConnection, room: Room) -> None:
    room.clients.add(connection)
    try:
        await connection.send(json.dumps({"type": "ready", "seq": room.seq}))
        async for raw in connection:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(data, dict) or data.get("type") != "send":
                continue
            seq, message = room.post(str(data.get("body", "")))
            ack = {"type": "ack", "client_id": data.get("client_id"), "seq": seq}
            await connection.send(json.dumps(ack))
            broadcast(room.clients, message)
    finally:
        room.clients.discard(connection)


async def main(port: int) -> None:
    room = Room()
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)

    async def handler(connection: ServerConnection) -> None:
        await handle(connection, room)

    async with serve(handler, "127.0.0.1", port, compression=None, max_queue=None):
        print(f"baseline serving on ws://127.0.0.1:{port}/", flush=True)
        await stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    asyncio.run(main(parser.parse_args().port))
