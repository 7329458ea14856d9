"""The JSON API: one NinjaAPI, each app mounts its router here; every error is JSON (ErrorOut)."""

from __future__ import annotations

import functools
import json
import logging
import math
import traceback
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from ninja.parser import Parser

from halqa.accounts.actions import AccountError, InvalidCredentials, LoginThrottled
from halqa.accounts.api import router as accounts_router
from halqa.accounts.schemas import STATUS_CODES, field_message, nul_message, status_message
from halqa.accounts.tokens import TokenAuth
from halqa.core.errors import RETRY_AFTER, UNAVAILABLE

logger = logging.getLogger(__name__)

DESCRIPTION = """\
The JSON API of Halqa, a privacy-first peer-support platform. Authenticate with a per-device
token (`Authorization: Bearer hq_…`) obtained from `POST /api/accounts/signup` or
`POST /api/accounts/login`. Every error has the shape `{"code", "message", "fields"}`;
messages follow `Accept-Language` (`ar` by default, or `en`). See docs/api.md.
"""


class UnsupportedMediaType(Exception):
    """A body that is not declared as JSON: refused so that no cross-site form can post one."""


class NulInBody(Exception):
    """A NUL character in the JSON body: it has no meaning, and PostgreSQL refuses it."""

    def __init__(self, fields: list[str]):
        self.fields = fields


def nul_fields(value: Any, path: str = "") -> list[str]:
    """The dotted paths of the strings (or keys) in a JSON value that contain a NUL."""
    if isinstance(value, str):
        return [path or "__all__"] if "\x00" in value else []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    found = []
    for key, item in items:
        here = f"{path}.{key}" if path else str(key)
        found += [path or "__all__"] if "\x00" in str(key) else nul_fields(item, here)
    return found


class JsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise UnsupportedMediaType
        # Django checks only a declared Content-Length; a chunked body has none.
        if len(request.body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise RequestDataTooBig
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        if fields := nul_fields(data):
            raise NulInBody(fields)
        return data


class HalqaAPI(NinjaAPI):
    """NinjaAPI whose 405s, unknown paths and bare /api/ answer in JSON too."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._json_errors(pattern.callback)
        return [*urls, re_path(r"^.*$", csrf_exempt(self._unknown_path))]

    def _unknown_path(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.on_exception(request, Http404())

    def _json_errors(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response = view(request, *args, **kwargs)
            except Http404 as error:  # ninja's own pages (the API root) raise it outside operations
                return self.on_exception(request, error)
            if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
                allow = response.get("Allow", "")
                response = _status_error(405)
                response["Allow"] = allow
            return response

        return wrapper


def error_response(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    body = {"code": code, "message": message, "fields": fields or {}}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )


def _status_error(status: int) -> HttpResponse:
    return error_response(status, STATUS_CODES.get(status, "error"), status_message(status))


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(part) for part in loc[1:]]
    if loc and loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]  # drop the view's parameter name: clients know only the JSON keys
    return ".".join(parts) or "__all__"


def _on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(field_message(error))
    return error_response(422, "invalid", status_message(422), fields)


def _on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error_response(422, "invalid", status_message(422), fields)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, UnsupportedMediaType):
        return _status_error(415)
    if isinstance(exc.__cause__, RequestDataTooBig):
        return _status_error(413)
    if isinstance(exc.__cause__, NulInBody):
        fields = {name: [nul_message()] for name in exc.__cause__.fields}
        return error_response(422, "invalid", status_message(422), fields)
    response = _status_error(exc.status_code)
    if isinstance(exc, AuthenticationError):
        response["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, Throttled) and exc.wait:
        response["Retry-After"] = str(math.ceil(exc.wait))
    return response


def _on_account_error(request: HttpRequest, exc: AccountError) -> HttpResponse:
    status = 400
    if isinstance(exc, InvalidCredentials):
        status = 401
    if isinstance(exc, LoginThrottled):
        status = 429
    response = error_response(status, exc.code, str(exc.message))
    if isinstance(exc, LoginThrottled):
        response["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    return response


def _on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A database or Redis that cannot answer now (disk full, locked, out of connections): 503,
    retry."""
    logger.warning(
        "API %s %s: %s, service unavailable", request.method, request.path, type(exc).__name__
    )
    response = _status_error(503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Only the exception type and the frames: messages and bodies may carry what members typed.
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error(
        "API %s %s failed: %s\n%s", request.method, request.path, type(exc).__name__, frames
    )
    return _status_error(500)


def _fixed(status: int) -> Callable[[HttpRequest, Exception], HttpResponse]:
    return lambda request, exc: _status_error(status)


api = HalqaAPI(
    title="Halqa API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    parser=JsonParser(),
    # Swagger UI from ninja's bundled static files; no validator badge from another host.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/accounts/", accounts_router, tags=["accounts"])
api.add_router("/groups/", "halqa.groups.api.router")
api.add_router("/conversations/", "halqa.conversations.api.router")
api.add_router("/live/", "halqa.live.api.router")
api.add_router("/notifications/", "halqa.notifications.api.router")
api.add_router("/moderation/", "halqa.moderation.api.router")
api.add_router("/safety/", "halqa.safety.api.router")
api.add_router("/trust/", "halqa.trust.api.router")
api.add_router("/resources/", "halqa.resources.api.router")
api.add_router("/experts/", "halqa.experts.api.router")
api.add_router("/growth/", "halqa.growth.api.router")
api.add_router("/journal/", "halqa.journal.api.router")
api.add_router("/console/", "halqa.console.api.router")

HANDLERS: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
    (Exception, _on_unexpected),
    *((kind, _on_database_unavailable) for kind in UNAVAILABLE),
    (NinjaValidationError, _on_ninja_validation),
    (DjangoValidationError, _on_django_validation),
    (HttpError, _on_http_error),
    (AccountError, _on_account_error),
    (RequestDataTooBig, _fixed(413)),
    (Http404, _fixed(404)),
    (PermissionDenied, _fixed(403)),
]
for exc_class, handler in HANDLERS:
    api.add_exception_handler(exc_class, handler)
