"""Factories for the experts tests: operators, verified experts, two-factor sessions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.models import User
from halqa.experts import actions
from halqa.experts.models import Application, Expert

LICENCE = "PSY-4471-B"
BODY = "Jordan Psychological Association"


def verified_client(user: User) -> Client:
    """Logged in as `user`, with two-factor proven in this session."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def plain_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(make_member: Callable[..., User]) -> User:
    return make_member(pseudonym="night_keeper", role="operator")


@pytest.fixture
def make_application(make_member: Callable[..., User]) -> Callable[..., Application]:
    def make(*, user: User | None = None, **fields: Any) -> Application:
        values = {
            "profession": "Clinical psychologist",
            "specialties": ["anxiety", "sleep"],
            "languages": ["ar", "en"],
            "licence_number": LICENCE,
            "licence_body": BODY,
            "display_name": "Dr. Salma",
        }
        return actions.apply(user=user or make_member(), **(values | fields))

    return make


@pytest.fixture
def make_expert(
    make_application: Callable[..., Application], operator: User
) -> Callable[..., Expert]:
    """A verified expert (approved by `operator`)."""

    def make(**fields: Any) -> Expert:
        application = make_application(**fields)
        return actions.approve(operator=operator, application=application)

    return make
