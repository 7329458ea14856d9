"""Video files operators upload: what they are (by their first bytes), where they are kept,
and serving them to members with HTTP Range requests (phones seek by asking for byte ranges).

Files live in the default storage (settings.MEDIA_ROOT) under names Halqa makes up, never at a
public URL: `views.video` checks that the reader may see the resource, then either streams the
file itself or, with HALQA_MEDIA_ACCEL_REDIRECT, hands the path to nginx (X-Accel-Redirect).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import IO, Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils.http import http_date

# ISO base media (MP4) brands browsers play; QuickTime ("qt  "), HEIF images and the like are not.
MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V "}
)
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
CONTENT_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def sniff(head: bytes) -> str:
    """ ".mp4" or ".webm" for the first bytes of a video file browsers play, else ""."""
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return ".mp4"
    if head.startswith(EBML_MAGIC) and b"\x42\x82\x84webm" in head[:64]:  # DocType "webm"
        return ".webm"
    return ""


def video_name(instance: Any, filename: str) -> str:
    """`upload_to`: a random name (the uploader's file name says nothing to anyone), with the
    extension the content was recognised as."""
    extension = os.path.splitext(filename)[1].lower()
    return f"videos/{uuid.uuid4().hex}{extension if extension in CONTENT_TYPES else ''}"


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) for one `bytes=` range within `size`; None when the header asks for no
    range we serve (absent, several ranges, another unit): then the whole file is sent.

    Raises ValueError when the range cannot be satisfied (416).
    """
    found = _RANGE.match(header.strip())
    if not found:
        return None
    start, end = found.groups()
    if not start and not end:
        return None
    if not start:  # "bytes=-500": the last 500 bytes
        length = int(end)
        if length == 0 or size == 0:
            raise ValueError("empty suffix")
        return max(size - length, 0), size - 1
    first = int(start)
    last = min(int(end), size - 1) if end else size - 1
    if first >= size or last < first:
        raise ValueError("outside the file")
    return first, last


def serve(request: HttpRequest, name: str) -> HttpResponseBase:
    """The stored file `name` (the caller has checked access), whole or one byte range."""
    if settings.MEDIA_ACCEL_REDIRECT:
        return _accel(name)
    path = os.path.join(settings.MEDIA_ROOT, name)
    try:
        stat = os.stat(path)
    except OSError:
        return HttpResponse(status=404)
    size, modified = stat.st_size, http_date(stat.st_mtime)
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
    headers = {"Accept-Ranges": "bytes", "ETag": etag, "Last-Modified": modified}
    wanted = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range", "")
    if if_range and if_range not in (etag, modified):
        wanted = ""  # the file changed since the client's first part: send it all again
    try:
        span = byte_range(wanted, size)
    except ValueError:
        refused = HttpResponse(status=416, headers=headers)
        refused.headers["Content-Range"] = f"bytes */{size}"
        return refused
    first, last = span if span is not None else (0, size - 1)
    length = max(last - first + 1, 0)
    chunks: Iterator[bytes] | AsyncIterator[bytes]
    if isinstance(request, ASGIRequest):
        chunks = _read_async(path, first, length)
    else:
        chunks = _read(path, first, length)
    response = StreamingHttpResponse(
        chunks,
        status=206 if span else 200,
        content_type=content_type(name),
        headers={**headers, "Content-Length": str(length)},
    )
    if span:
        response.headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _accel(name: str) -> HttpResponse:
    """nginx serves the file (and its ranges) from an `internal` location."""
    response = HttpResponse(content_type=content_type(name))
    prefix = settings.MEDIA_ACCEL_REDIRECT.rstrip("/")
    response.headers["X-Accel-Redirect"] = f"{prefix}/{name}"
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _read(path: str, first: int, length: int) -> Iterator[bytes]:
    with open(path, "rb") as file:
        file.seek(first)
        yield from _chunks(file, length)


def _chunks(file: IO[bytes], length: int) -> Iterator[bytes]:
    while length > 0:
        data = file.read(min(CHUNK, length))
        if not data:
            return
        length -= len(data)
        yield data


def _open(path: str) -> IO[bytes]:
    return open(path, "rb")  # closed by the caller


def _release_connections() -> None:
    """Give this request's database connections back before the body streams: Django closes
    them only when the response ends, and a member watching a 20-minute video would hold one of
    the process's pooled PostgreSQL connections (HALQA_DB_POOL_MAX) all along. By the time the
    body is read every middleware has run; anything later that needs the database reconnects."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


async def _read_async(path: str, first: int, length: int) -> AsyncIterator[bytes]:
    """Under ASGI: the reads run in a thread, so a slow disk never blocks the event loop. The
    thread is the request's own (thread-sensitive), the one holding its database connections."""
    await sync_to_async(_release_connections)()
    file = await sync_to_async(_open)(path)
    try:
        await sync_to_async(file.seek)(first)
        while length > 0:
            data = await sync_to_async(file.read)(min(CHUNK, length))
            if not data:
                return
            length -= len(data)
            yield data
    finally:
        await sync_to_async(file.close)()
