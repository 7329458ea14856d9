"""At most HALQA_HTTP_THREADS HTTP requests of a process run Django at once; the rest wait
their turn in the event loop, holding no thread.

Under ASGI, Django runs each request's synchronous code in a thread of its own. A busy process
then runs a hundred requests side by side, and they queue on what every request touches: the
GIL, and the lock behind Django's active language (asgiref's Local; every `gettext`, number
format and `reverse` in a template takes it). In `make soak` (the one-machine setup, 300
members) a `py-spy dump` found 96 of 108 threads waiting on that lock: pages took 5 to 24 s
while the JSON API, which translates little, took 70 ms. A few requests at a time, in arrival
order, finish sooner than a hundred at once.

The slot is given back when the response starts, so a long download (a video) never holds
one while it streams.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from django.conf import settings

Scope = dict[str, Any]
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _semaphore() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    slots = _slots.get(loop)
    if slots is None:
        slots = _slots[loop] = asyncio.Semaphore(settings.HALQA_HTTP_THREADS)
    return slots


class BoundedHTTP:
    """ASGI wrapper for the HTTP application (halqa.asgi)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not settings.HALQA_HTTP_THREADS:
            await self.app(scope, receive, send)
            return
        slots = _semaphore()
        await slots.acquire()
        held = True

        def give_back() -> None:
            nonlocal held
            if held:
                held = False
                slots.release()

        async def send_and_free(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                give_back()
            await send(message)

        try:
            await self.app(scope, receive, send_and_free)
        finally:
            give_back()
