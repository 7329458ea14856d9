"""A database that cannot answer now (disk full, locked, out of connections) is a 503 that says
nothing was saved and when to retry, on pages and in the API; other errors stay a 500."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from django.db import OperationalError
from django.test import Client


def _broken(error: Exception) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fail


@pytest.mark.django_db
def test_a_full_disk_on_a_page_is_a_503_saying_nothing_was_saved(monkeypatch: Any) -> None:
    monkeypatch.setattr("halqa.core.views.featured_groups", _broken(OperationalError("full")))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "What you just sent was not saved" in page
    assert "لم يُحفظ ما أرسلته للتو" in page
    assert 'href="/crisis/"' in page


@pytest.mark.django_db
def test_any_other_error_on_a_page_stays_a_500(monkeypatch: Any) -> None:
    monkeypatch.setattr("halqa.core.views.featured_groups", _broken(RuntimeError("bug")))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("en", "nothing was saved"), ("ar", "لم يُحفظ شيء")]
)
def test_a_locked_database_in_the_api_is_a_localised_503(
    monkeypatch: Any, language: str, words: str
) -> None:
    monkeypatch.setattr("halqa.groups.api.directory", _broken(OperationalError("locked")))
    response = Client().get("/api/groups/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json()["code"] == "unavailable"
    assert words in response.json()["message"]


@pytest.mark.django_db
def test_redis_out_of_reach_on_a_page_is_a_503(monkeypatch: Any) -> None:
    error = redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")
    monkeypatch.setattr("halqa.core.views.featured_groups", _broken(error))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "What you just sent was not saved" in response.content.decode()


@pytest.mark.django_db
def test_a_busy_redis_pool_in_the_api_is_a_503(monkeypatch: Any) -> None:
    error = redis.exceptions.ConnectionError("No connection available.")
    monkeypatch.setattr("halqa.groups.api.directory", _broken(error))
    response = Client().get("/api/groups/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert "لم يُحفظ شيء" in response.json()["message"]
