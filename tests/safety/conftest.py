from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.models import User
from halqa.safety.enums import HelplineStatus
from halqa.safety.models import Helpline


@pytest.fixture
def make_helpline(db: None) -> Callable[..., Helpline]:
    """`make_helpline(status=..., checked_at=..., country_code=...)` with harmless defaults."""

    def make(**fields: Any) -> Helpline:
        values: dict[str, Any] = {
            "country_code": "XA",
            "name": "Test line",
            "phone": "555 0100",
            "status": HelplineStatus.CORROBORATED,
            "sources": ["a test"],
        }
        return Helpline.objects.create(**(values | fields))

    return make


@pytest.fixture
def operator(make_member: Callable[..., User]) -> User:
    return make_member(pseudonym="night_keeper", role="operator")


def verified_client(user: User) -> Client:
    """A client logged in as `user` whose session passed two-factor authentication."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def operator_client(operator: User) -> Client:
    return verified_client(operator)
