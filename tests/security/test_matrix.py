"""The permission matrix (tests/security/matrix.py): one test per door, every role at it."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections

from tests.security import matrix
from tests.security.conftest import JOURNAL_SECRET, World

# Cells where the code disagrees with the table, in apps whose engineers are still at work:
# (kind, door path, role) -> reason. Each is a strict xfail, so the fix turns it red.
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}


def _marks(cell: matrix.Cell) -> list[pytest.MarkDecorator]:
    reason = KNOWN_BUGS.get((cell.kind, cell.door.path, cell.role))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def _params(*kinds: matrix.Door) -> list[object]:
    return [pytest.param(c, id=c.id, marks=_marks(c)) for c in matrix.cells(*kinds)]


def _check(cell: matrix.Cell, status: int, location: str, content: bytes) -> None:
    expected = cell.expected
    where = f"{cell.door.method} {cell.door.path} as {cell.role}: {status} {location}"
    if expected == matrix.ALLOW:
        redirected = status == 302 and not location.startswith(
            ("/accounts/login/", "/accounts/two")
        )
        assert 200 <= status < 300 or (cell.door.method == "POST" and redirected), where
        if cell.kind == "export":
            assert JOURNAL_SECRET in content.decode(), where
    elif expected == matrix.OWN_ONLY:
        assert 200 <= status < 300, where
        assert JOURNAL_SECRET not in content.decode(), where
    elif expected == matrix.LOGIN:
        assert status == 302, where
        assert location.startswith("/accounts/login/"), where
    else:
        assert status == int(expected), where


def _http(world: World, cell: matrix.Cell) -> None:
    actor = world.actors[cell.role]
    path = cell.door.path.format(**world.ids)
    if cell.door.kind == "page":
        method = getattr(actor.client, cell.door.method.lower())
        is_post = cell.door.method == "POST"
        response = method(path, cell.door.body or {}) if is_post else method(path)
    else:
        headers = {"Authorization": f"Bearer {actor.token}"} if actor.token else {}
        body = json.dumps(cell.door.body) if cell.door.body else ""
        response = actor.client.generic(
            cell.door.method, path, body, content_type="application/json", headers=headers
        )
        if cell.expected != matrix.ALLOW or response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json")
    _check(cell, response.status_code, response.get("Location", ""), response.content)


def _doors() -> list[object]:
    """One test per (object kind, door); it builds the world once and tries every role (the
    owner last: an allowed DELETE removes the object)."""
    rows: dict[str, list[matrix.Cell]] = {}
    for cell in matrix.cells("page", "api"):
        door = cell.door
        rows.setdefault(f"{cell.kind}-{door.kind}-{door.method}-{door.path}", []).append(cell)
    return [
        pytest.param(sorted(cells, key=lambda c: c.role == "member"), id=name)
        for name, cells in rows.items()
    ]


@pytest.mark.parametrize("cells", _doors())
def test_http_door(world: World, cells: list[matrix.Cell]) -> None:
    """Every role at one door; a cell listed in KNOWN_BUGS must fail (a strict xfail)."""
    wrong, fixed = [], []
    for cell in cells:
        known = KNOWN_BUGS.get((cell.kind, cell.door.path, cell.role))
        try:
            _http(world, cell)
        except AssertionError as error:
            if not known:
                wrong.append(str(error).splitlines()[0])
        else:
            if known:
                fixed.append(f"{cell.id}: passes now, remove it from KNOWN_BUGS ({known})")
    assert not wrong, "\n".join(wrong)
    assert not fixed, "\n".join(fixed)


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.parametrize("cell", _params("ws"))
async def test_websocket_door(cell: matrix.Cell, request: pytest.FixtureRequest) -> None:
    from halqa.asgi import application

    world: World = await database_sync_to_async(request.getfixturevalue)("world")
    actor = world.actors[cell.role]
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if actor.user is not None:
        cookie = actor.client.cookies["halqa_session"].value
        headers.append((b"cookie", f"halqa_session={cookie}".encode()))
    socket = WebsocketCommunicator(application, cell.door.path.format(**world.ids), headers=headers)
    try:
        connected, _ = await socket.connect()
        assert connected
        if cell.expected == matrix.ALLOW and not cell.door.path.startswith("/ws/live/"):
            assert await socket.receive_nothing(timeout=0.5)  # open, and quiet until a case
            return
        frame = await socket.receive_output(timeout=3)
        if cell.expected == matrix.ALLOW:
            assert frame["type"] == "websocket.send", frame
            assert json.loads(frame["text"])["type"] == "state", frame
        else:
            assert frame["type"] == "websocket.close", frame
            assert frame["code"] in (4401, 4404), frame
    finally:
        await socket.disconnect()
        await database_sync_to_async(connections.close_all)()
