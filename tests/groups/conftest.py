"""Factories for groups: plain functions behind fixtures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.tokens import issue_token

_counter = iter(range(1, 1_000_000))


def client_for(user: Any = None, *, language: str = "en") -> Client:
    """A page client in `language`, logged in as `user` when given."""
    client = Client()
    client.cookies["halqa_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def verified_client(user: Any, *, language: str = "en") -> Client:
    """A client whose session passed two-factor authentication (staff pages)."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = client_for(user, language=language)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def api_client(user: Any = None) -> Client:
    """An API client with a bearer token for `user`, answers in English."""
    headers = {"Accept-Language": "en"}
    if user is not None:
        headers["Authorization"] = f"Bearer {issue_token(user=user, name='test')}"
    return Client(headers=headers)


@pytest.fixture
def facilitator(make_member: Callable[..., Any]) -> Any:
    return make_member(pseudonym="steady_lantern")


@pytest.fixture
def operator(make_member: Callable[..., Any]) -> Any:
    return make_member(pseudonym="night_keeper", role="operator")
