"""Fixtures for the journal: a fresh encryption key per test, English pages, the JSON API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.test import Client

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.core import crypto
from tests.api.conftest import JsonClient


@pytest.fixture(autouse=True)
def keys(settings: Any) -> Iterator[Callable[..., None]]:
    """`keys(new, old)` changes HALQA_ENCRYPTION_KEYS; each test starts with one fresh key."""

    def use(*values: str) -> None:
        settings.ENCRYPTION_KEYS = list(values)
        crypto.reset_keys()

    use(Fernet.generate_key().decode())
    yield use
    crypto.reset_keys()


@pytest.fixture
def english(member_client: Client) -> Client:
    member_client.cookies["halqa_language"] = "en"
    return member_client


@pytest.fixture
def client_for() -> Callable[..., Client]:
    def make(user: User, language: str = "en") -> Client:
        client = Client()
        client.cookies["halqa_language"] = language
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api() -> JsonClient:
    return JsonClient()


@pytest.fixture
def token(member: User) -> str:
    return issue_token(user=member, name="test device")
