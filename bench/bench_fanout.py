"""Live fan-out: Halqa's live room against a bare `websockets` broadcast server, same run.

    python bench/bench_fanout.py [--quick] [--sizes 10,100,500] [--messages 60] [--rate 2]

One room; `size` clients connected and one sender posting `messages` messages on a fixed clock
(`rate` per second, open loop). For every message at every client: the time from the sender
writing it to the client reading it. Three targets, each on a fresh site:

- `baseline`: bench/fanout_baseline.py, a bare broadcast server (nothing stored or checked);
- `one`: one `halqa serve`, SQLite, in-memory channel layer;
- `two`: two `halqa serve` processes on PostgreSQL with the Redis channel layer, clients split
  between them, the sender on the first (skipped, loudly, without PostgreSQL and Redis).

Server processes are pinned to CPU 0, the client process (asyncio, `websockets`) to CPU 1;
PostgreSQL and Redis are not pinned. Prints a table (ratio of p50/p99 to the baseline's at the
same size) and writes every figure to var/bench/fanout.json. `--quick`: 10 and 100 clients.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.scaleout import harness  # noqa: E402
from tests.scaleout.room import RoomRun, run_room  # noqa: E402

SERVER_CPU = 0
CLIENT_CPU = 1
POSTGRES = os.environ.get("HALQA_TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"
REDIS = os.environ.get("HALQA_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
BENCH_REDIS_DB = 13
WARM_UP = 20


@dataclass
class Result:
    target: str
    clients: int
    messages: int
    rate: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    delivered_per_s: float
    expected: int
    delivered: int
    lost: int
    duplicated: int
    out_of_order: int
    errors: int
    client_cpu: float  # share of one core the client process used during the run
    server_cpu: float  # share of one core all server processes used together


def pin(pid: int, cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and cpu in os.sched_getaffinity(0):
        os.sched_setaffinity(pid, {cpu})


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summarise(target: str, run: RoomRun, size: int, count: int, rate: float) -> Result:
    receivers = run.inboxes[1:]  # index 0 is the sender
    sent_by_seq = {seq: run.sent_at[cid] for cid, seq in run.seq_of().items()}
    latencies = sorted(
        received - sent_by_seq[frame["seq"]]
        for inbox in receivers
        for received, frame in inbox.frames
        if frame["seq"] in sent_by_seq
    )
    delivered = duplicated = out_of_order = 0
    for inbox in receivers:
        seqs = [seq for seq in inbox.seqs() if seq in sent_by_seq]
        delivered += len(set(seqs))
        duplicated += len(seqs) - len(set(seqs))
        out_of_order += sum(1 for a, b in pairwise(seqs) if b <= a)
    expected = size * count
    span = max(run.last_receipt - run.first_send, 1e-9)

    def quantile(q: float) -> float:
        return (
            1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0
        )

    return Result(
        target=target,
        clients=size,
        messages=count,
        rate=rate,
        p50_ms=round(quantile(0.50), 2),
        p99_ms=round(quantile(0.99), 2),
        max_ms=round(1000 * latencies[-1], 2) if latencies else 0.0,
        delivered_per_s=round(sum(len(i.frames) for i in receivers) / span),
        expected=expected,
        delivered=delivered,
        lost=expected - delivered,
        duplicated=duplicated,
        out_of_order=out_of_order,
        errors=sum(len(inbox.errors) for inbox in run.inboxes),
        client_cpu=0.0,
        server_cpu=0.0,
    )


@dataclass
class Target:
    name: str
    servers: list[harness.Server]
    session_id: int
    cookies: list[str]  # [sender, receiver 1, ...]; empty for the baseline

    def opener(self, index: int) -> Callable[[], Any]:
        if not self.cookies:
            from websockets.asyncio.client import connect

            server = self.servers[0]
            url = f"ws://127.0.0.1:{server.port}/"
            return lambda: connect(
                url, compression=None, proxy=None, ping_interval=None, max_queue=4096
            )
        server = self.servers[0] if index == 0 else self.servers[(index - 1) % len(self.servers)]
        cookie = self.cookies[index]
        return lambda: harness.open_socket(server, self.session_id, cookie)


def warm_up(target: Target) -> None:
    """A few messages first: the first one pays for imports and caches, in any server."""
    openers = [target.opener(index) for index in range(3)]
    asyncio.run(run_room(openers, senders=[0], count=WARM_UP, interval=0.05, settle=10))


def measure(target: Target, size: int, count: int, rate: float) -> Result:
    openers = [target.opener(index) for index in range(size + 1)]
    pids = [server.process.pid for server in target.servers]
    marks: dict[str, tuple[float, float, float]] = {}

    def mark(name: str) -> Callable[[], None]:
        # CPU from the first send to the last delivery: not connecting, not disconnecting.
        def record() -> None:
            server = sum(cpu_seconds(pid) for pid in pids)
            marks[name] = (server, time.process_time(), time.monotonic())

        return record

    run = asyncio.run(
        run_room(
            openers,
            senders=[0],
            count=count,
            interval=1 / rate,
            settle=10,
            on_send=mark("start"),
            on_done=mark("end"),
        )
    )
    (server0, client0, wall0), (server1, client1, wall1) = marks["start"], marks["end"]
    wall = max(wall1 - wall0, 1e-9)
    result = summarise(target.name, run, size, count, rate)
    result.client_cpu = round((client1 - client0) / wall, 2)
    result.server_cpu = round((server1 - server0) / wall, 2)
    if run.timed_out:
        print(f"   ! {target.name} {size}: not every message arrived in time", flush=True)
    return result


@contextmanager
def baseline(log_dir: Path) -> Iterator[Target]:
    port = harness.free_port()
    log = log_dir / "baseline.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "fanout_baseline.py"), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = harness.Server(port=port, process=process, log=log)
    try:
        pin(process.pid, SERVER_CPU)
        harness.wait_until_up(server)
        yield Target("baseline", [server], 0, [])
    finally:
        harness.stop(server)


@contextmanager
def halqa(name: str, count: int, members: int, log_dir: Path) -> Iterator[Target]:
    var_dir = log_dir / name
    var_dir.mkdir()
    with site_env(name, var_dir) as env:
        harness.migrate(env)
        seeded = harness.seed(env, members)
        with harness.servers(env, count, log_dir) as started:
            for server in started:
                pin(server.process.pid, SERVER_CPU)
            yield Target(name, started, seeded.session_id, seeded.cookies)


@contextmanager
def site_env(name: str, var_dir: Path) -> Iterator[dict[str, str]]:
    if name == "one":
        yield harness.base_env(var_dir)
        return
    redis_url = harness.scaleout_redis_url(REDIS).rsplit("/", 1)[0] + f"/{BENCH_REDIS_DB}"
    harness.flush_redis(redis_url)
    try:
        with harness.postgres_database(POSTGRES) as database_url:
            yield harness.base_env(var_dir, database_url=database_url, redis_url=redis_url)
    finally:
        harness.flush_redis(redis_url)


def services_up() -> str:
    for kind, url in (("postgres", POSTGRES), ("redis", REDIS)):
        script = ROOT / "scripts" / "service_up.py"
        if subprocess.run([sys.executable, str(script), kind, url], check=False).returncode:
            return f"{kind} is not reachable at {url}"
    return ""


def table(results: list[Result]) -> str:
    base = {r.clients: r for r in results if r.target == "baseline"}
    lines = [
        "target    clients  p50 ms  p99 ms  max ms  deliv/s  p50 x  p99 x  lost dup order err"
        "  cpu srv/cli"
    ]
    for r in results:
        b = base.get(r.clients)
        p50x = f"{r.p50_ms / b.p50_ms:5.2f}" if b and b.p50_ms else "    -"
        p99x = f"{r.p99_ms / b.p99_ms:5.2f}" if b and b.p99_ms else "    -"
        lines.append(
            f"{r.target:9} {r.clients:7} {r.p50_ms:7.1f} {r.p99_ms:7.1f} {r.max_ms:7.1f}"
            f" {r.delivered_per_s:8.0f}  {p50x}  {p99x}  {r.lost:4} {r.duplicated:3}"
            f" {r.out_of_order:5} {r.errors:3}  {r.server_cpu:4.2f}/{r.client_cpu:4.2f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 and 100 clients only")
    parser.add_argument("--sizes", default="10,100,500")
    parser.add_argument("--messages", type=int, default=60)
    parser.add_argument("--rate", type=float, default=2.0, help="messages per second")
    parser.add_argument("--targets", default="baseline,one,two")
    options = parser.parse_args()
    sizes = [10, 100] if options.quick else [int(s) for s in options.sizes.split(",")]
    targets = options.targets.split(",")
    pin(0, CLIENT_CPU)
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    results: list[Result] = []
    notes: list[str] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="halqa-fanout-") as tmp:
        log_dir = Path(tmp)
        for name in targets:
            if name == "two" and (missing := services_up()):
                notes.append(f"two processes SKIPPED: {missing}")
                print(f"!!! {notes[-1]} !!!", flush=True)
                continue
            print(f"-- {name}", flush=True)
            context = (
                baseline(log_dir)
                if name == "baseline"
                else halqa(name, 1 if name == "one" else 2, max(sizes) + 1, log_dir)
            )
            with context as target:
                warm_up(target)
                for size in sizes:
                    try:
                        result = measure(target, size, options.messages, options.rate)
                    except Exception as error:  # a dropped connection is a result too
                        notes.append(f"{name} with {size} clients FAILED: {error}")
                        print(f"!!! {notes[-1]}", flush=True)
                        failed = True
                        continue
                    print("  ", json.dumps(asdict(result)), flush=True)
                    results.append(result)
    print(table(results), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f} (other work on the machine skews figures)")
    for note in notes:
        print(f"!!! {note}")
    out = ROOT / "var" / "bench" / "fanout.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": machine(),
        "options": vars(options),
        "results": [asdict(r) for r in results],
        "notes": notes,
    }
    out.write_text(json.dumps(report, indent=2))
    lost = sum(r.lost + r.duplicated + r.out_of_order for r in results)
    return 1 if lost or failed else 0


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "cpu": model,
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
    }


if __name__ == "__main__":
    sys.exit(main())
