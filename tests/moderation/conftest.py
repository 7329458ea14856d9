"""Factories for moderation tests: posts, live messages, moderators (with 2FA when asked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from halqa.groups.actions import add_member
from halqa.groups.enums import GroupRole
from halqa.groups.models import Group, Membership


@pytest.fixture
def make_post(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """`make_post(group, body=..., author=...)`: a reply in a fresh thread of `group`."""
    from halqa.conversations.actions import reply, start_thread

    def make(group: Group, *, body: str = "A calm reply.", author: Any = None) -> Any:
        author = author or make_member()
        if not Membership.objects.filter(group=group, user=author).exists():
            add_member(user=author, group=group)
        thread = start_thread(author=author, group=group, title="Evenings", body="Opening words")
        return reply(author=author, thread=thread, body=body)

    return make


@pytest.fixture
def make_live_message(make_member: Callable[..., Any]) -> Callable[..., Any]:
    from halqa.live.models import LiveMessage, LiveSession

    def make(group: Group, *, body: str = "Hello room", author: Any = None) -> Any:
        author = author or make_member()
        now = timezone.now()
        session = LiveSession.objects.create(
            group=group,
            title="Circle",
            starts_at=now - timedelta(minutes=5),
            ends_at=now + timedelta(hours=1),
            is_open=True,
        )
        return LiveMessage.objects.create(session=session, seq=1, author=author, body=body)

    return make


@pytest.fixture
def moderator(make_member: Callable[..., Any]) -> Any:
    return make_member(pseudonym="steady_mod", role="moderator")


@pytest.fixture
def make_group_moderator(make_member: Callable[..., Any]) -> Callable[..., Any]:
    def make(group: Group) -> Any:
        user = make_member()
        Membership.objects.create(group=group, user=user, role=GroupRole.MODERATOR)
        return user

    return make
