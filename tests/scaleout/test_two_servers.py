"""Scale-out for real: two `halqa serve` processes, one PostgreSQL, one Redis, one live room.

A fresh PostgreSQL database is created, migrated and seeded (a group, ten members, an open live
session); two servers start on free loopback ports with the Redis channel layer; ten WebSocket
clients connect, five to each; two of them, one per server, send 1,000 messages in turn. Every
client must receive every message exactly once, in seq order, with the text that was sent.
Every process started is stopped and the database dropped, whatever happens; the servers' logs
are printed when it fails.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.scaleout import harness
from tests.scaleout.room import RoomRun, run_room

CLIENTS = 10
MESSAGES = 1000
# About 20 s on an idle 2-core machine; the bound is for a loaded CI runner, never a hang.
ROOM_TIMEOUT = 120


def run_two_servers(postgres_url: str, redis_url: str, tmp_path: Any) -> RoomRun:
    layer_url = harness.scaleout_redis_url(redis_url)
    harness.flush_redis(layer_url)
    try:
        with harness.postgres_database(postgres_url) as database_url:
            env = harness.base_env(tmp_path, database_url=database_url, redis_url=layer_url)
            harness.migrate(env)
            seeded = harness.seed(env, CLIENTS)
            with harness.servers(env, 2, tmp_path) as started:

                def opener(index: int) -> Callable[[], Any]:
                    server = started[index % 2]
                    cookie = seeded.cookies[index]
                    return lambda: harness.open_socket(server, seeded.session_id, cookie)

                room = run_room(
                    [opener(index) for index in range(CLIENTS)],
                    senders=[0, 1],  # client 0 is on the first server, client 1 on the second
                    count=MESSAGES,
                    settle=15,
                )
                return asyncio.run(asyncio.wait_for(room, timeout=ROOM_TIMEOUT))
    finally:
        harness.flush_redis(layer_url)


@pytest.mark.services
def test_two_servers_deliver_every_message_once_in_order(postgres_url, redis_url, tmp_path):
    run = run_two_servers(postgres_url, redis_url, tmp_path)

    assert [inbox.errors for inbox in run.inboxes] == [[]] * CLIENTS
    seq_of = run.seq_of()
    assert sorted(seq_of.values()) == list(range(1, MESSAGES + 1))  # every send stored once
    body_of = {seq: run.bodies[cid] for cid, seq in seq_of.items()}
    for inbox in run.inboxes:
        assert inbox.seqs() == list(range(1, MESSAGES + 1))  # all, once, in order
        for _, frame in inbox.frames:
            assert body_of[frame["seq"]] in frame["body_html"]
    assert not run.timed_out
    for log in tmp_path.glob("serve-*.log"):  # never a client's address (DESIGN §5)
        assert not re.search(r"\d+\.\d+\.\d+\.\d+:\d+ - ", log.read_text(errors="replace")), log
