"""The soak harness (bench/soak, `make soak`) run small, so that it cannot rot.

Ten members for a few seconds against the one-machine setup (SQLite, one `halqa serve`, one
`halqa worker`: no outside service, so it runs in the SQLite and the PostgreSQL suites alike),
through pages, the API and live WebSockets; then the loss accounting on a room made by hand.
"""

from __future__ import annotations

from typing import Any

from bench.soak import run
from bench.soak.load import LiveClient, Room, Stats
from bench.soak.report import verdict

# Seconds of load: the rest (migrating a fresh SQLite database, seeding) takes 10-30 s.
DURATION = 6


def test_soak_one_machine_loses_nothing_and_answers_everything():
    opts = run.options(
        ["--scenario", "one", "--duration", str(DURATION), "--members", "10", "--think", "0.5"]
    )

    result = run.run_scenario("one", opts)

    assert result["errors"] == 0, result["error_kinds"]
    live = result["live"]
    assert live["acknowledged"] == live["sent"] > 0
    assert live["lost"] == live["duplicates"] == live["out_of_order"] == 0
    # Every client gets every message sent after it joined: ten clients, one room.
    assert live["delivered"] == 10 * live["acknowledged"]
    kinds = {label.split(" ")[0] for label in result["endpoints"]}
    assert {"page", "api", "live", "ws"} <= kinds
    assert result["checks"]["stored"] == {
        "missing_live": 0,
        "missing_threads": 0,
        "missing_posts": 0,
        "integrity": ["ok"],
    }
    assert result["ok"]


def test_soak_report_counts_a_missed_message_as_lost():
    room = Room(session_id=1, slug="soak-0", threads=[])
    stats = Stats()
    for name in ("a", "b"):
        client = LiveClient("http://127.0.0.1:1", "cookie", name, room, stats)
        client.start_seq = 0
        room.clients.append(client)
    room.seq_of = {"a-1": 1, "a-2": 2}
    room.sent_at = {"a-1": 0.0, "a-2": 0.0}
    room.clients[0].seen = {1, 2}
    room.clients[1].seen = {1}  # never got seq 2

    result = _summary(room, stats)

    assert result["live"]["lost"] == 1
    assert not verdict(result)


def _summary(room: Room, stats: Stats) -> dict[str, Any]:
    from bench.soak.report import summarise

    result = summarise("one", stats, [room], {"t0": 0.0, "seconds": 1.0, "load_avg": [0.0]}, [])
    result["checks"] = {
        "stored": {"missing_live": 0, "missing_threads": 0, "missing_posts": 0, "integrity": None}
    }
    return result
