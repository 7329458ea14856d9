"""A round-robin TCP load balancer for the topology test: asyncio, loopback, in a thread.

Each accepted connection goes to the next backend in turn (the one after, when that one refuses
the connection: a dead server, as nginx would) and bytes are piped both ways, so
HTTP keep-alive and WebSocket upgrades pass through as they would through nginx's stream proxy.
`route_of(client_port)` says which backend a client connection was given: the test uses it to
put two WebSocket clients on two different servers.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from contextlib import suppress


class Balancer:
    def __init__(self, backends: list[int], host: str = "127.0.0.1") -> None:
        self.backends = backends
        self.host = host
        self.port = 0
        self.routes: dict[int, int] = {}  # client's source port → backend port
        self._turn = itertools.cycle(backends)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> Balancer:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        future.result(timeout=10)
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        if self._thread.is_alive():
            with suppress(Exception):
                asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=5)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
        if not self._thread.is_alive() and not self._loop.is_closed():
            self._loop.close()

    def route_of(self, client_port: int) -> int | None:
        return self.routes.get(client_port)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        upstream = await self._connect()
        if upstream is None:
            writer.close()
            self._tasks.discard(task)
            return
        backend, up_reader, up_writer = upstream
        self.routes[int(writer.get_extra_info("peername")[1])] = backend
        try:
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        except asyncio.CancelledError:
            pass  # the balancer is stopping
        finally:
            for end in (writer, up_writer):
                end.close()
            self._tasks.discard(task)

    async def _connect(
        self,
    ) -> tuple[int, asyncio.StreamReader, asyncio.StreamWriter] | None:
        """The next backend that accepts, as nginx's `proxy_next_upstream error` would."""
        for _ in self.backends:
            backend = next(self._turn)
            try:
                return (backend, *await asyncio.open_connection(self.host, backend))
            except OSError:
                continue
        return None


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with suppress(Exception):
            if writer.can_write_eof():
                writer.write_eof()
