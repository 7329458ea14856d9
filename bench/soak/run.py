"""`make soak`: simulated members against the one-machine and the two-server setups, with faults.

    python -m bench.soak.run [--scenario one|two|kill|redis|worker|disk ...] [--duration 300]
                             [--members 300] [--room-size 50] [--think 10] [--json PATH]

Scenarios (each on a fresh site in a temp dir, every process stopped at the end):
  one     the one-machine setup: SQLite, one `halqa serve`, one `halqa worker`
  two     two `halqa serve` behind a balancer, PostgreSQL, Redis, one `halqa worker`
  kill    `two`, and one server is killed (SIGKILL) a third of the way in
  redis   `two`, and Redis is stopped a third of the way in and started again 5 s later
  worker  `two`, and the worker is stopped for `--worker-outage` seconds while reminders fall due
  disk    `one` on a small tmpfs, filled a third of the way in and freed two thirds in
Prints one table per scenario (requests/s, p50/p99 per endpoint, errors, messages lost) and
the checks after it; exits 1 when any goal is missed. See docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.soak import load, setups  # noqa: E402
from bench.soak.report import summarise, table, verdict  # noqa: E402

SCENARIOS = ("one", "two", "kill", "redis", "worker", "disk")
REDIS_DOWN = 5.0
DRAIN = 90  # seconds: long enough for a reconnect backoff of up to 30 s and a slow handshake
LOAD_SLACK = 155  # seconds besides the load and the drain: connecting (at most 120), closing
DISK_MB = 96
FaultList = list[tuple[float, str, Callable[[], object]]]


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", action="append", choices=SCENARIOS)
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (300)")
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--room-size", type=int, default=50, help="WebSocket clients per room")
    parser.add_argument("--think", type=float, default=10, help="mean seconds between actions")
    parser.add_argument("--worker-outage", type=float, default=60)
    parser.add_argument(
        "--drain",
        type=float,
        default=DRAIN,
        help=f"seconds to wait after the load for acks and deliveries ({DRAIN})",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--logs", type=Path, help="copy the processes' logs to this directory")
    parsed = parser.parse_args(argv)
    parsed.scenario = parsed.scenario or list(SCENARIOS)
    return parsed


def run_scenario(name: str, opts: argparse.Namespace) -> dict[str, Any]:
    """One scenario on a fresh site; the summary with its checks."""
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"halqa-soak-{name}-") as tmp:
        try:
            with _setup(name, Path(tmp), opts) as setup:
                ready = time.monotonic()
                faults, check = _faults(name, setup, opts)
                stats, rooms, members, timing = asyncio.run(
                    asyncio.wait_for(
                        _load(setup, opts, faults), timeout=opts.duration + opts.drain + LOAD_SLACK
                    )
                )
                result = summarise(name, stats, rooms, timing, setup.events)
                result["setup_seconds"] = round(ready - began, 1)
                result["checks"] = {"stored": _stored(setup, rooms, members), **check()}
        finally:  # the servers' own words, also (above all) when the run failed
            if opts.logs:
                _copy_logs(Path(tmp), opts.logs / name)
    result["wall_seconds"] = round(time.monotonic() - began, 1)
    result["options"] = {
        k: v for k, v in vars(opts).items() if k not in ("json", "scenario", "logs")
    }
    result["ok"] = verdict(result)
    return result


@contextmanager
def _setup(name: str, tmp: Path, opts: argparse.Namespace) -> Iterator[setups.Setup]:
    size = (opts.members, opts.room_size)
    if name == "disk":
        with (
            _small_disk(tmp / "disk") as var_dir,
            setups.one_machine(tmp, *size, var_dir=var_dir) as setup,
        ):
            yield setup
    elif name == "one":
        with setups.one_machine(tmp, *size) as setup:
            yield setup
    else:
        with setups.two_servers(tmp, *size) as setup:
            yield setup


@contextmanager
def _small_disk(path: Path) -> Iterator[Path]:
    """A tmpfs of DISK_MB megabytes (needs root): the SQLite database and the var dir on it."""
    path.mkdir()
    subprocess.run(
        [_tool("mount"), "-t", "tmpfs", "-o", f"size={DISK_MB}m,mode=0700", "tmpfs", str(path)],
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run([_tool("umount"), "-l", str(path)], check=False, capture_output=True)


def _copy_logs(tmp: Path, to: Path) -> None:
    to.mkdir(parents=True, exist_ok=True)
    for log in tmp.glob("*.log"):
        shutil.copy(log, to / log.name)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed: the disk scenario needs it")
    return path


def _faults(
    name: str, setup: setups.Setup, opts: argparse.Namespace
) -> tuple[FaultList, Callable[[], dict[str, Any]]]:
    third = opts.duration / 3
    if name == "kill":
        return [(third, "kill -9 one server", lambda: setup.kill_server(0))], dict
    if name == "redis":
        assert setup.redis is not None
        redis = setup.redis
        return [
            (third, "Redis stopped", redis.stop),
            (third + REDIS_DOWN, "Redis started (empty)", redis.start),
        ], dict
    if name == "worker":
        return _worker_outage(setup, opts)
    if name == "disk":
        filler = setup.tmp / "disk" / "filler"
        return [
            (third, "disk filled", lambda: _fill(filler)),
            (2 * third, "space freed", filler.unlink),
        ], dict
    return [], dict


def _worker_outage(
    setup: setups.Setup, opts: argparse.Namespace
) -> tuple[FaultList, Callable[[], dict[str, Any]]]:
    """Stop the worker, queue reminders due while it is away, start it after the outage."""
    state: dict[str, Any] = {}
    start = opts.duration / 6

    def stop() -> None:
        setup.stop_worker()
        state["stopped"] = time.time()
        slug = setup.seeded["rooms"][0]["slug"]
        state["sessions"] = setup.site("reminders", slug, str(opts.worker_outage / 4), "4")

    def restart() -> None:
        state["restarted"] = time.time()
        setup.start_worker()

    def check() -> dict[str, Any]:
        sessions = state["sessions"]["sessions"]
        found = _wait_delivered(setup, [str(s["session_id"]) for s in sessions])
        group = sum(1 for m in setup.seeded["members"] if m["room"] == 0) + 1  # + the host
        return {
            "reminders": {
                "sessions": len(sessions),
                "members_each": group,
                "delivered_once": all(
                    r["tasks"] == ["SUCCESSFUL"]
                    and r["recipients"] == group
                    and r["max_per_recipient"] == 1
                    for r in found.values()
                ),
                "due_while_stopped": all(
                    state["stopped"] < s["due"] < state["restarted"] for s in sessions
                ),
                "late_seconds": [
                    round(found[str(s["session_id"])]["first"] - s["due"], 1)
                    if found[str(s["session_id"])]["first"]
                    else None
                    for s in sessions
                ],
                "outage_seconds": round(state["restarted"] - state["stopped"], 1),
            }
        }

    return [
        (start, "worker stopped", stop),
        (start + opts.worker_outage, "worker started", restart),
    ], check


def _wait_delivered(setup: setups.Setup, ids: list[str], timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        found = setup.site("delivered", *ids)
        if all(r["tasks"] == ["SUCCESSFUL"] for r in found.values()) or (
            time.monotonic() > deadline
        ):
            return found
        time.sleep(1)


def _fill(filler: Path) -> None:
    """Fill the tmpfs to the last byte: the next time SQLite needs a new page, it fails.
    (With 256 KB left, a 300-member run reused its WAL for 100 s and never ran out.)"""
    chunk = b"\0" * (1 << 16)
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise


async def _load(
    setup: setups.Setup, opts: argparse.Namespace, faults: FaultList
) -> tuple[load.Stats, list[load.Room], list[load.Member], dict[str, Any]]:
    stats = load.Stats()
    rooms = [
        load.Room(r["session_id"], r["slug"], list(r["threads"])) for r in setup.seeded["rooms"]
    ]
    http = load.Http(setup.origin, stats)
    members = []
    for data in setup.seeded["members"]:
        member = load.Member(setup.origin, data, rooms[data["room"]], http)
        room = rooms[data["room"]]
        member.live = load.LiveClient(setup.origin, data["cookie"], data["pseudonym"], room, stats)
        room.clients.append(member.live)
        members.append(member)
    clients = [member.live for member in members if member.live is not None]
    loads = [os.getloadavg()[0]]
    tasks = await load.connect_all(clients)
    try:
        t0 = time.monotonic()
        sampler = asyncio.create_task(_sample_load(loads))
        chaos = asyncio.create_task(load.run_faults(faults, t0, setup.events))
        await load.live_members(
            members, think=opts.think, until=t0 + opts.duration, stop=asyncio.Event()
        )
        await chaos
        t_end = time.monotonic()
        await load.drain(rooms, clients, timeout=opts.drain)
        sampler.cancel()
    finally:
        await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        http.pool.shutdown(wait=True, cancel_futures=True)
        for member in members:
            member.session.close()
    timing = {"t0": t0, "seconds": t_end - t0, "load_avg": loads}
    return stats, rooms, members, timing


async def _sample_load(loads: list[float]) -> None:
    while True:
        await asyncio.sleep(5)
        loads.append(os.getloadavg()[0])


def _stored(
    setup: setups.Setup, rooms: list[load.Room], members: list[load.Member]
) -> dict[str, Any]:
    """Every acknowledged write still in the database (and SQLite's integrity check)."""
    wanted = {
        "live": {str(room.session_id): sorted(room.seq_of.values()) for room in rooms},
        "threads": [t for m in members for t in m.threads],
        "posts": [p for m in members for p in m.posts],
    }
    return setup.site("stored", stdin=json.dumps(wanted))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    opts = options(argv)
    # Ctrl-C and SIGTERM unwind through every clean-up (processes, tmpfs, database); a shell
    # that starts a command in the background would otherwise have it ignore SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    if not setups.redis_server_available() and set(opts.scenario) - {"one", "disk"}:
        print("!! redis-server is not installed: the two-server scenarios need it", file=sys.stderr)
        return 2
    results: list[dict[str, Any]] = []
    for name in opts.scenario:
        print(f"== soak: {name} ({opts.members} members, {opts.duration:.0f} s)", flush=True)
        try:
            result = run_scenario(name, opts)
        except Exception as error:  # the next scenarios still run; this one failed
            traceback.print_exc()
            result = {"scenario": name, "ok": False, "failed": repr(error)}
        else:
            print(table(result), flush=True)
        results.append(result)
        if opts.json:  # after each scenario: a later failure keeps the earlier figures
            opts.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0 if all(result["ok"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
