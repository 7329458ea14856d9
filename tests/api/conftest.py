"""Helpers for the JSON API tests: a JSON client and tokens for members."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


class JsonClient:
    """Django's test client, speaking JSON with a language and an optional token."""

    def __init__(self) -> None:
        self.client = Client()

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        lang: str = "en",
        raw: bytes | str | None = None,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> Any:
        sent = {"Accept-Language": lang, **(headers or {})}
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return self.client.generic(method, path, data, content_type=content_type, headers=sent)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, body, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("PATCH", path, body, **kwargs)

    def delete(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("DELETE", path, body, **kwargs)


@pytest.fixture
def api() -> JsonClient:
    return JsonClient()


@pytest.fixture
def make_token(db: None) -> Callable[..., str]:
    def make(user: User, name: str = "test device") -> str:
        return issue_token(user=user, name=name)

    return make


@pytest.fixture
def token(member: User, make_token: Callable[..., str]) -> str:
    return make_token(member)


def assert_error(response: Any, status: int, lang: str = "en") -> dict[str, Any]:
    """The response is an ErrorOut with `status` and a message in `lang`; returns the body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"]
    messages = [body["message"], *(m for ms in body["fields"].values() for m in ms)]
    for message in messages:
        assert message
        assert bool(ARABIC.search(message)) is (lang == "ar"), message
    return dict(body)
