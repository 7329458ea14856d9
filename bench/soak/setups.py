"""The two setups the soak run drives, on loopback, each torn down whatever happens.

- `one_machine`: SQLite (WAL) in the run's temp dir, one `halqa serve`, one `halqa worker`,
  the in-memory channel layer.
- `two_servers`: two `halqa serve` processes behind the round-robin balancer of the topology
  test, one PostgreSQL database of its own (`halqa_soak_<pid>`), a Redis server of its own (started
  here on a free port, never the shared one, `--save ""`), one `halqa worker`.

Process handling (servers, migrate, the PostgreSQL database) is the scale-out test's
(tests/scaleout/harness.py); the balancer is the topology test's.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.scaleout import harness
from tests.topology.balancer import Balancer

POSTGRES = os.environ.get("HALQA_TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"
# One database per run: two runs at once must never drop each other's (it happened).
SOAK_DATABASE = f"halqa_soak_{os.getpid()}"


@dataclass
class Redis:
    """A redis-server of the run's own: no persistence, so a restart loses everything."""

    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    shutil.which("redis-server") or "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait(lambda: self._pong(), f"redis-server on {self.port}", self.log)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def _pong(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False


@dataclass
class Setup:
    """A running site: where members go (`origin`), and handles on what the faults hit."""

    name: str
    env: dict[str, str]
    tmp: Path
    servers: list[harness.Server]
    seeded: dict[str, Any]
    balancer: Balancer | None = None
    redis: Redis | None = None
    worker: harness.Server | None = None
    events: list[tuple[float, str]] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.balancer.origin if self.balancer else self.servers[0].origin

    def site(self, *args: str, stdin: str | None = None) -> dict[str, Any]:
        """Run bench/soak/site.py against this site's database; its JSON answer."""
        import json

        result = subprocess.run(
            [sys.executable, "-m", "bench.soak.site", *args],
            cwd=harness.ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"bench.soak.site {args[0]} failed:\n{result.stderr[-3000:]}")
        answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
        return answer

    def start_worker(self) -> None:
        env = {**self.env, "HALQA_VAR_DIR": str(self.tmp / "var-worker")}
        log = self.tmp / "worker.log"
        with log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "halqa.cli", "worker"],
                cwd=harness.ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.worker = harness.Server(port=0, process=process, log=log)

    def stop_worker(self) -> None:
        """As `systemctl stop` would: SIGTERM, the worker finishes its task and exits."""
        if self.worker is not None:
            harness.stop(self.worker, grace=30)

    def kill_server(self, index: int) -> None:
        self.servers[index].process.send_signal(signal.SIGKILL)
        self.servers[index].process.wait(timeout=10)

    def logs(self) -> str:
        parts = [f"--- {s.log.name}:\n{harness.tail(s.log)}" for s in self.servers]
        if self.worker is not None:
            parts.append(f"--- worker:\n{harness.tail(self.worker.log)}")
        return "\n".join(parts)


@contextmanager
def one_machine(
    tmp: Path, members: int, room_size: int, var_dir: Path | None = None
) -> Iterator[Setup]:
    var_dir = var_dir or tmp / "var"
    var_dir.mkdir(exist_ok=True)
    env = harness.base_env(var_dir)
    harness.migrate(env)
    with _running(Setup("one", env, tmp, [], {}), 1, members, room_size) as setup:
        yield setup


@contextmanager
def two_servers(tmp: Path, members: int, room_size: int) -> Iterator[Setup]:
    redis = Redis(port=harness.free_port(), log=tmp / "redis.log")
    with ExitStack() as stack:
        stack.callback(redis.stop)
        redis.start()
        database = stack.enter_context(harness.postgres_database(POSTGRES, name=SOAK_DATABASE))
        (tmp / "var").mkdir()
        env = harness.base_env(tmp / "var", database_url=database, redis_url=redis.url)
        harness.migrate(env)
        setup = Setup("two", env, tmp, [], {}, redis=redis)
        with _running(setup, 2, members, room_size) as setup:
            yield setup


@contextmanager
def _running(setup: Setup, servers: int, members: int, room_size: int) -> Iterator[Setup]:
    """Seed, start the servers (and a balancer in front of two), the worker; stop them all."""
    setup.seeded = setup.site("seed", str(members), str(room_size))
    try:
        with harness.servers(setup.env, servers, setup.tmp) as started:
            setup.servers = started
            if servers > 1:
                setup.balancer = Balancer([server.port for server in started]).start()
            setup.start_worker()
            yield setup
    finally:
        if setup.balancer is not None:
            setup.balancer.stop()
        setup.stop_worker()


def _wait(check: Any, what: str, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up:\n{harness.tail(log)}")
        time.sleep(0.1)


def redis_server_available() -> bool:
    return shutil.which("redis-server") is not None
