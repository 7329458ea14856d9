"""Factories for live sessions: plain functions behind fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from halqa.accounts.models import User
from halqa.groups.models import Group, Membership
from halqa.live.models import LiveSession

_counter = iter(range(1, 1_000_000))


@pytest.fixture
def make_group(db: None) -> Callable[..., Group]:
    """`make_group(visibility=..., members=[...], facilitators=[...])`."""

    def make(
        *, members: tuple[User, ...] = (), facilitators: tuple[User, ...] = (), **fields: Any
    ) -> Group:
        number = next(_counter)
        fields.setdefault("slug", f"live-group-{number}")
        fields.setdefault("name", f"Live group {number}")
        fields.setdefault("description", "A quiet place to talk.")
        group = Group.objects.create(**fields)
        for user in members:
            Membership.objects.create(group=group, user=user)
        for user in facilitators:
            Membership.objects.create(group=group, user=user, role="facilitator")
        return group

    return make


@pytest.fixture
def make_session(make_group: Callable[..., Group]) -> Callable[..., LiveSession]:
    """`make_session(group=..., is_open=True, slow_mode_seconds=0, facilitator=...)`."""

    def make(*, group: Group | None = None, **fields: Any) -> LiveSession:
        now = timezone.now()
        fields.setdefault("title", "Evening circle")
        fields.setdefault("starts_at", now - timedelta(minutes=5))
        fields.setdefault("ends_at", now + timedelta(hours=1))
        fields.setdefault("is_open", True)
        return LiveSession.objects.create(group=group or make_group(), **fields)

    return make


@pytest.fixture
def room(
    make_member: Callable[..., User],
    make_group: Callable[..., Group],
    make_session: Callable[..., LiveSession],
) -> dict[str, Any]:
    """A private group with a facilitator, two members and an outsider, and an open session."""
    lead = make_member(pseudonym="calm_lead", language="en")
    amal = make_member(pseudonym="amal_r", language="ar")
    sami = make_member(pseudonym="sami_k", language="en")
    outsider = make_member(pseudonym="stranger")
    group = make_group(visibility="private", members=(amal, sami), facilitators=(lead,))
    session = make_session(group=group, facilitator=lead)
    return {
        "lead": lead,
        "amal": amal,
        "sami": sami,
        "outsider": outsider,
        "group": group,
        "session": session,
    }


def client_for(user: User, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["halqa_language"] = language
    return client
