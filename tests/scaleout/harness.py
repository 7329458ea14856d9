"""Real `halqa serve` processes for the scale-out test and the fan-out benchmark.

Everything here talks to loopback only: PostgreSQL and Redis on 127.0.0.1, servers on free
ports of 127.0.0.1. Every process started here is stopped by `stop()` (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SESSION_COOKIE = "halqa_session"
# The Redis database the scale-out runs use, flushed before and after each run; the test
# settings use 0 (channel layer, with prefixes) and 1..n, 15 (caches).
SCALEOUT_REDIS_DB = int(os.environ.get("HALQA_SCALEOUT_REDIS_DB", "12"))


@dataclass
class Seeded:
    """What `tests/scaleout/seed.py` made: a live session and one session cookie per member."""

    session_id: int
    cookies: list[str]


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def ws_url(self, session_id: int) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/live/{session_id}/"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Site:
    """One database (SQLite file or PostgreSQL), one channel layer, n servers in front."""

    env: dict[str, str]
    servers: list[Server] = field(default_factory=list)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def base_env(var_dir: Path, *, database_url: str = "", redis_url: str = "") -> dict[str, str]:
    """The production settings (not the test ones), with a shared key and loopback only."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HALQA_", "DJANGO_", "PYTEST_")) and key.lower() != "http_proxy"
    }
    for name in ("DATABASE_URL", "REDIS_URL", "HTTP_PROXY", "HTTPS_PROXY", "https_proxy"):
        clean.pop(name, None)
    from cryptography.fernet import Fernet

    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "halqa.settings",
        "HALQA_VAR_DIR": str(var_dir),
        "HALQA_SECRET_KEY": secrets.token_urlsafe(48),
        "HALQA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "HALQA_ALLOWED_HOSTS": "127.0.0.1",
        "HALQA_LOG_LEVEL": "WARNING",
        "NO_PROXY": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def scaleout_redis_url(redis_url: str) -> str:
    return urlparse(redis_url)._replace(path=f"/{SCALEOUT_REDIS_DB}").geturl()


def flush_redis(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
    try:
        client.flushdb()
    finally:
        client.close()


def run(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run a command to completion in the repository; fail with its output if it fails."""
    result = subprocess.run(
        list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{args!r} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


def migrate(env: dict[str, str]) -> None:
    run(env, sys.executable, "-m", "halqa.cli", "migrate", timeout=180)


def seed(env: dict[str, str], members: int) -> Seeded:
    out = run(env, sys.executable, "-m", "tests.scaleout.seed", str(members), timeout=180)
    data = json.loads(out.strip().splitlines()[-1])
    return Seeded(session_id=int(data["session_id"]), cookies=list(data["cookies"]))


def start_server(env: dict[str, str], log_dir: Path) -> Server:
    """`halqa serve` on a free port. With DATABASE_URL each server gets its own var directory
    (`serve` collects static files there; two at once in one directory would race)."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    if env.get("DATABASE_URL"):
        env = {**env, "HALQA_VAR_DIR": str(log_dir / f"var-{port}")}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "halqa.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Server(port=port, process=process, log=log)


def wait_until_up(server: Server, timeout: float = 60) -> None:
    """Poll until the server answers HTTP; fail early with the log if the process died.

    Any HTTP answer counts (a page's own error is not what these runs are about), so the probe
    asks for a path nothing serves.
    """
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server on {server.port} exited:\n{tail(server.log)}")
        try:
            with opener.open(f"{server.origin}/static/scaleout-probe", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"server on {server.port} did not answer in {timeout} s:\n{tail(server.log)}"
    )


def stop(*servers: Server, grace: float = 3) -> None:
    """SIGTERM to all at once, then SIGKILL to whatever still runs after `grace` seconds."""
    for server in servers:
        if server.process.poll() is None:
            server.process.terminate()
    deadline = time.monotonic() + grace
    for server in servers:
        try:
            server.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)


def tail(log: Path, size: int = 3000) -> str:
    try:
        return log.read_text(errors="replace")[-size:]
    except OSError:
        return "(no log)"


@contextmanager
def servers(env: dict[str, str], count: int, log_dir: Path) -> Iterator[list[Server]]:
    """Start `count` servers on one site and stop them all on the way out, whatever happens."""
    started: list[Server] = []
    try:
        for _ in range(count):
            started.append(start_server(env, log_dir))
        for server in started:
            wait_until_up(server)
        yield started
    except BaseException:
        for server in started:  # what the servers said is the first thing to read on a failure
            print(f"--- halqa serve on port {server.port}:\n{tail(server.log)}", file=sys.stderr)
        raise
    finally:
        stop(*started)


@contextmanager
def postgres_database(admin_url: str, name: str = "") -> Iterator[str]:
    """A fresh, empty PostgreSQL database next to `admin_url`'s, dropped at the end. A `name`
    left by an interrupted run is dropped first."""
    import psycopg

    name = name or f"halqa_scaleout_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlparse(admin_url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def open_socket(server: Server, session_id: int, cookie: str) -> Any:
    """`websockets` client connection to the room, sent as a signed-in browser would send it.

    No compression on either side of the benchmark (the baseline has none either), no pings
    (runs are short), a deep queue so a slow reader never pushes back on the server.
    """
    from websockets.asyncio.client import connect

    return connect(
        server.ws_url(session_id),
        origin=server.origin,  # type: ignore[arg-type]
        additional_headers={"Cookie": f"{SESSION_COOKIE}={cookie}"},
        compression=None,
        proxy=None,
        open_timeout=30,
        ping_interval=None,
        max_queue=4096,
    )
