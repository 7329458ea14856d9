"""The page for an uncaught error (settings: urls.handler500).

A database that cannot take a write or a read right now (its disk full, locked past the busy
timeout, out of connections, restarting) is not a bug in Halqa: those answer 503 with
Retry-After and say that nothing was saved, so a member knows to go back and send again
(make soak found them as bare 500s). The same for Redis (cache, sessions, channel layer) when
it cannot be reached or its connection pool stays busy past its timeout. Everything else keeps
the plain 500 page. Both pages are
static templates that need no database, no session and no translation catalogue.
"""

from __future__ import annotations

import sys

import redis
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER = 60  # seconds


# What "cannot answer right now" looks like: a database error of the operational kind (disk
# full, locked, out of connections, a pool timeout) or Redis unreachable or too busy.
UNAVAILABLE: tuple[type[Exception], ...] = (
    OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


def unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its `except` block, so sys.exc_info() is the error."""
    if unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
