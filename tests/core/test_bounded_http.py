"""halqa.core.bounded: at most HALQA_HTTP_THREADS requests of a process run Django at once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from halqa.core.bounded import BoundedHTTP

pytestmark = pytest.mark.asyncio


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


def _call(app: Any) -> Any:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    return app({"type": "http", "path": "/"}, _receive, send), sent


async def test_no_more_than_the_bound_run_at_once_and_all_finish(settings) -> None:
    settings.HALQA_HTTP_THREADS = 3
    running = peak = 0

    async def django(scope: Any, receive: Any, send: Any) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    calls = [_call(BoundedHTTP(django)) for _ in range(20)]
    await asyncio.gather(*(call for call, _ in calls))
    assert peak == 3
    assert all(sent[-1]["body"] == b"ok" for _, sent in calls)


async def test_a_streaming_response_gives_its_slot_back_when_it_starts(settings) -> None:
    settings.HALQA_HTTP_THREADS = 1
    release_stream = asyncio.Event()

    async def video(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await release_stream.wait()  # a long download, still streaming
        await send({"type": "http.response.body", "body": b"end"})

    async def page(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"page"})

    streaming = asyncio.ensure_future(_call(BoundedHTTP(video))[0])
    await asyncio.sleep(0)
    call, sent = _call(BoundedHTTP(page))
    await asyncio.wait_for(call, timeout=5)  # not stuck behind the stream
    assert sent[-1]["body"] == b"page"
    release_stream.set()
    await streaming


async def test_a_failing_request_gives_its_slot_back(settings) -> None:
    settings.HALQA_HTTP_THREADS = 1

    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await _call(BoundedHTTP(broken))[0]

    async def page(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})

    await asyncio.wait_for(_call(BoundedHTTP(page))[0], timeout=5)
