"""The scale-out topology on loopback, and a member's journey through it (`make test-topology`).

A round-robin load balancer (tests/topology/balancer.py) stands in front of two `halqa serve`
processes; both use one fresh PostgreSQL database and one Redis; one `halqa worker` runs the
task queue. Everything a member does goes THROUGH THE BALANCER, with plain HTTP and WebSocket
clients: sign up, join a group, start a thread (the other member reads it), talk in a live room
with one member on each server (each sees the other's message), and receive the "session
starting soon" reminder, which only the worker process creates (it is checked absent before the
worker starts). Bounded in time; every process started is stopped and the database dropped.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests

from tests.scaleout import harness
from tests.topology.balancer import Balancer

PASSWORD = "a calm river at dawn"
# Its own Redis database (the scale-out test uses 12): flushed before and after.
REDIS_DB = 13
STEP_TIMEOUT = 60


def _site(env: dict[str, str], *args: str) -> dict[str, Any]:
    out = harness.run(env, sys.executable, "-m", "tests.topology.site", *args, timeout=120)
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


class Member:
    """A member's browser without JavaScript: cookies, CSRF tokens from the forms it is shown."""

    def __init__(self, origin: str, pseudonym: str) -> None:
        self.origin = origin
        self.pseudonym = pseudonym
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy between the test and loopback

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.origin + path, timeout=30)
        assert response.status_code == 200, (path, response.status_code, response.text[-500:])
        return response

    def submit(self, page: str, action: str, data: dict[str, str]) -> requests.Response:
        form = self.get(page).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token, f"no form with a CSRF token on {page}"
        response = self.http.post(
            self.origin + action,
            data={**data, "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": self.origin + page},
            timeout=30,
        )
        assert response.status_code < 400, (action, response.status_code, response.text[-800:])
        return response

    @property
    def session_cookie(self) -> str:
        return str(self.http.cookies.get(harness.SESSION_COOKIE) or "")

    def sign_up(self) -> None:
        self.submit(
            "/accounts/signup/",
            "/accounts/signup/",
            {
                "pseudonym": self.pseudonym,
                "password": PASSWORD,
                "password2": PASSWORD,
                "language": "en",
                "country": "",
                "confirm_min_age": "on",
            },
        )
        assert self.session_cookie, f"{self.pseudonym} is not signed in after signing up"

    def reminder_opens(self) -> str:
        """The inbox shows the reminder; opening it (a POST) leads where? Returns the path."""
        inbox = self.get("/notifications/").text
        # The group's name sits between Unicode isolates (FSI … PDI), as every name does.
        assert "A live session in \u2068Topology circle\u2069 starts soon" in inbox
        opened = re.findall(r'action="(/notifications/\d+/open/)"', inbox)
        assert len(opened) == 1, opened
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', inbox)
        assert token
        response = self.http.post(
            self.origin + opened[0],
            data={"csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": self.origin + "/notifications/"},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302, response.status_code
        return str(response.headers["Location"])


async def _open(balancer: Balancer, session_id: int, member: Member) -> tuple[Any, int]:
    """A WebSocket to the room through the balancer, and the server port it was given."""
    from websockets.asyncio.client import connect

    socket = await connect(
        f"ws://127.0.0.1:{balancer.port}/ws/live/{session_id}/",
        origin=balancer.origin,  # type: ignore[arg-type]
        additional_headers={"Cookie": f"{harness.SESSION_COOKIE}={member.session_cookie}"},
        proxy=None,
        open_timeout=30,
    )
    await _frame(socket, lambda frame: frame.get("type") == "ready")
    backend = balancer.route_of(int(socket.local_address[1]))
    assert backend is not None
    return socket, backend


async def _frame(socket: Any, wanted: Any) -> dict[str, Any]:
    async def read() -> dict[str, Any]:
        while True:
            frame: dict[str, Any] = json.loads(await socket.recv())
            assert frame.get("type") != "error", frame
            if wanted(frame):
                return frame

    return await asyncio.wait_for(read(), timeout=STEP_TIMEOUT)


async def _live_across_servers(balancer: Balancer, session_id: int, a: Member, b: Member) -> None:
    socket_a, server_a = await _open(balancer, session_id, a)
    sockets = [socket_a]
    try:
        for _ in range(4):  # round robin: the next connection or the one after goes elsewhere
            socket_b, server_b = await _open(balancer, session_id, b)
            sockets.append(socket_b)
            if server_b != server_a:
                break
        assert server_b != server_a, "the balancer put both members on one server"

        for sender, receiver, text in (
            (socket_a, socket_b, "Good evening from the first server"),
            (socket_b, socket_a, "And hello from the second one"),
        ):
            await sender.send(json.dumps({"type": "send", "body": text, "client_id": text[:8]}))
            got = await _frame(
                receiver,
                lambda frame, t=text: frame.get("type") == "message" and t in frame["body_html"],
            )
            assert got["seq"] >= 1
    finally:
        for socket in sockets:
            await socket.close()


def _wait_for(what: str, check: Any, timeout: float = STEP_TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.5)


@pytest.mark.services
def test_member_journey_through_a_load_balancer(postgres_url, redis_url, tmp_path: Path):
    layer_url = urlparse(redis_url)._replace(path=f"/{REDIS_DB}").geturl()
    harness.flush_redis(layer_url)
    worker: subprocess.Popen[bytes] | None = None
    worker_log = tmp_path / "worker.log"
    try:
        with harness.postgres_database(postgres_url) as database_url:
            env = harness.base_env(tmp_path, database_url=database_url, redis_url=layer_url)
            harness.migrate(env)
            slug = _site(env, "group")["slug"]
            with harness.servers(env, 2, tmp_path) as started:
                balancer = Balancer([server.port for server in started]).start()
                try:
                    # The health check docs/deploy.md gives load balancers, on both servers.
                    for _ in started:
                        Member(balancer.origin, "anonymous").get("/accounts/login/")
                    a = Member(balancer.origin, "Quiet_Harbor")
                    b = Member(balancer.origin, "نسمة_المساء")
                    for member in (a, b):
                        member.sign_up()
                        member.submit(f"/groups/{slug}/", f"/groups/{slug}/join/", {})

                    # A thread, read by the other member (through whichever server).
                    thread = a.submit(
                        f"/groups/{slug}/threads/new/",
                        f"/groups/{slug}/threads/new/",
                        {"title": "Evenings are hard", "body": "Does anyone else feel it?"},
                    )
                    assert "/threads/" in thread.url
                    assert "Does anyone else feel it?" in b.get(urlparse(thread.url).path).text
                    assert "Evenings are hard" in b.get(f"/groups/{slug}/threads/").text

                    # A live session starting in ten minutes: its reminder waits in the queue.
                    session_id = int(_site(env, "session", slug)["session_id"])
                    queued = _site(env, "reminders", str(session_id))
                    assert [task["status"] for task in queued["tasks"]] == ["READY"]
                    assert queued["notified"] == []

                    asyncio.run(
                        asyncio.wait_for(
                            _live_across_servers(balancer, session_id, a, b), timeout=120
                        )
                    )

                    # The worker process delivers the reminder.
                    worker_env = {**env, "HALQA_VAR_DIR": str(tmp_path / "var-worker")}
                    with worker_log.open("wb") as out:
                        worker = subprocess.Popen(
                            [sys.executable, "-m", "halqa.cli", "worker"],
                            cwd=harness.ROOT,
                            env=worker_env,
                            stdout=out,
                            stderr=subprocess.STDOUT,
                        )
                    # The notifications are written inside the task and the task's row is
                    # marked finished just after, so wait for both.
                    done = _wait_for(
                        "the worker's reminder",
                        lambda: (
                            (found := _site(env, "reminders", str(session_id)))["notified"]
                            and all(
                                task["status"] not in ("READY", "RUNNING")
                                for task in found["tasks"]
                            )
                            and found
                        ),
                        timeout=90,
                    )
                    assert worker.poll() is None, harness.tail(worker_log)
                    assert done["notified"] == sorted(
                        ["Quiet_Harbor", "نسمة_المساء", "topology_host"]
                    )
                    (task,) = done["tasks"]
                    assert task["status"] == "SUCCESSFUL"
                    assert task["worker_ids"], "the reminder was not run by a worker"
                    for member in (a, b):
                        assert member.reminder_opens() == f"/live/{session_id}/"

                    # Both servers answered members through the balancer.
                    assert set(balancer.routes.values()) == {s.port for s in started}
                finally:
                    balancer.stop()
                    if worker is not None:
                        harness.stop(harness.Server(port=0, process=worker, log=worker_log))
    except BaseException:
        print(f"--- halqa worker:\n{harness.tail(worker_log)}", file=sys.stderr)
        raise
    finally:
        harness.flush_redis(layer_url)
