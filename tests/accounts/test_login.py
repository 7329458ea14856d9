"""Logging in: credentials, throttling without keeping addresses, the language cookie."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from halqa.accounts import throttle
from halqa.accounts.actions import InvalidCredentials, LoginThrottled, log_in
from halqa.accounts.models import User
from tests.accounts.conftest import GOOD_PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


def _fail(pseudonym: str, address: str = ADDRESS, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(InvalidCredentials):
            log_in(pseudonym=pseudonym, password="wrong password", client_address=address)


def test_log_in_returns_member_for_any_spelling(make_member: Callable[..., User]) -> None:
    user = make_member(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD)
    found = log_in(pseudonym="quiet-harb0r", password=GOOD_PASSWORD, client_address=ADDRESS)
    assert found == user
    user.refresh_from_db()
    assert user.last_login is not None


def test_log_in_same_message_for_unknown_and_wrong_password(
    make_member: Callable[..., User],
) -> None:
    make_member(pseudonym="Quiet_Harbor")
    with pytest.raises(InvalidCredentials) as unknown:
        log_in(pseudonym="nobody_here", password="x", client_address=ADDRESS)
    with pytest.raises(InvalidCredentials) as wrong:
        log_in(pseudonym="Quiet_Harbor", password="x", client_address=ADDRESS)
    assert str(unknown.value.message) == str(wrong.value.message)


def test_log_in_refuses_inactive_member(make_member: Callable[..., User]) -> None:
    make_member(pseudonym="Quiet_Harbor", is_active=False)
    _fail("Quiet_Harbor")
    with pytest.raises(InvalidCredentials):
        log_in(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, client_address=ADDRESS)


def test_log_in_throttles_by_pseudonym(make_member: Callable[..., User]) -> None:
    make_member(pseudonym="Quiet_Harbor")
    for number in range(settings.LOGIN_ATTEMPTS):
        _fail("Quiet_Harbor", address=f"198.51.100.{number}")
    with pytest.raises(LoginThrottled) as error:
        log_in(pseudonym="QUIET_HARBOR", password=GOOD_PASSWORD, client_address="192.0.2.1")
    assert 0 < error.value.retry_after <= settings.LOGIN_WINDOW_SECONDS


def test_log_in_throttles_unknown_pseudonyms_too() -> None:
    _fail("nobody_here", times=settings.LOGIN_ATTEMPTS)
    with pytest.raises(LoginThrottled):
        log_in(pseudonym="nobody_here", password="x", client_address="192.0.2.1")


def test_log_in_throttles_by_address(make_member: Callable[..., User]) -> None:
    make_member(pseudonym="Quiet_Harbor")
    limit = settings.LOGIN_ATTEMPTS * throttle.ADDRESS_FACTOR
    for number in range(limit):
        _fail(f"guess_{number}")
    with pytest.raises(LoginThrottled):
        log_in(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, client_address=ADDRESS)
    assert log_in(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, client_address="192.0.2.9")


def test_log_in_success_resets_pseudonym_count(make_member: Callable[..., User]) -> None:
    make_member(pseudonym="Quiet_Harbor")
    _fail("Quiet_Harbor", times=settings.LOGIN_ATTEMPTS - 1)
    log_in(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, client_address=ADDRESS)
    _fail("Quiet_Harbor", times=settings.LOGIN_ATTEMPTS - 1)
    assert log_in(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, client_address=ADDRESS)


def test_throttle_never_keeps_raw_address_or_pseudonym(
    make_member: Callable[..., User], client: Client
) -> None:
    make_member(pseudonym="Quiet_Harbor")
    _fail("Quiet_Harbor", times=3)
    client.post(
        "/accounts/login/",
        {"pseudonym": "Quiet_Harbor", "password": "nope"},
        REMOTE_ADDR=ADDRESS,
    )
    client.post(
        "/accounts/login/",
        {"pseudonym": "Quiet_Harbor", "password": GOOD_PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    keys = _cache_keys()
    assert keys
    assert not [k for k in keys if ADDRESS in k or "quiet" in k.lower()]
    assert throttle.address_hash(ADDRESS) in "".join(keys)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            assert ADDRESS not in repr(cursor.fetchall())


def _cache_keys() -> list[str]:
    """Every key in the cache, whether it is the in-memory one or Redis (internals of both)."""
    backend = cache._cache  # type: ignore[attr-defined]
    if hasattr(backend, "get_client"):
        return [key.decode() for key in backend.get_client(write=False).keys("*")]
    return list(backend.keys())


def test_address_hash_rotates_daily() -> None:
    from datetime import date

    first = throttle.address_hash(ADDRESS, day=date(2026, 1, 1))
    second = throttle.address_hash(ADDRESS, day=date(2026, 1, 2))
    assert first != second
    assert ADDRESS not in first
    assert first == throttle.address_hash(ADDRESS, day=date(2026, 1, 1))


# ---- the page ---------------------------------------------------------------------------------


def _login(client: Client, **data: Any) -> Any:
    payload = {"pseudonym": "Quiet_Harbor", "password": GOOD_PASSWORD, **data}
    return client.post("/accounts/login/", payload, REMOTE_ADDR=ADDRESS)


def test_login_page_logs_in_and_sets_saved_language(
    make_member: Callable[..., User], client: Client
) -> None:
    make_member(pseudonym="Quiet_Harbor", language="en")
    response = _login(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/accounts/settings/").status_code == 200


def test_login_page_follows_safe_next_only(
    make_member: Callable[..., User], client: Client
) -> None:
    make_member(pseudonym="Quiet_Harbor")
    assert _login(client, next="/accounts/settings/")["Location"] == "/accounts/settings/"
    client.logout()
    assert _login(client, next="https://evil.example/")["Location"] == "/"


@pytest.mark.parametrize(
    "data",
    [
        {"password": "wrong"},
        {"pseudonym": ""},
        {"password": ""},
        {"pseudonym": "x" * 5000},
        {"password": "p" * 5000},
        {"pseudonym": "نسمة"},
    ],
)
def test_login_page_wrong_input_gives_clear_error(
    make_member: Callable[..., User], client: Client, data: dict[str, str]
) -> None:
    make_member(pseudonym="Quiet_Harbor")
    response = _login(client, **data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_login_page_throttled_in_arabic(make_member: Callable[..., User], client: Client) -> None:
    make_member(pseudonym="Quiet_Harbor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for _ in range(settings.LOGIN_ATTEMPTS):
        _login(client, password="wrong")
    response = _login(client)
    assert response.status_code == 429
    assert "محاولات كثيرة" in response.content.decode()


def test_logout_needs_post(member_client: Client) -> None:
    assert member_client.get("/accounts/logout/").status_code == 405
    assert member_client.post("/accounts/logout/").status_code == 302
    assert member_client.get("/accounts/settings/").status_code == 302
