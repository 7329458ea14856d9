"""Factories for groups and conversations: plain functions behind fixtures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from halqa.groups.actions import add_member
from halqa.groups.models import Group

_counter = iter(range(1, 1_000_000))


@pytest.fixture
def make_thread(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """`make_thread(group, replies=3)` opens a thread with some replies by one member."""
    from halqa.conversations.actions import reply, start_thread

    def make(group: Group, *, replies: int = 0, title: str = "How do you sleep?") -> Any:
        author = make_member()
        add_member(user=author, group=group)
        thread = start_thread(author=author, group=group, title=title, body="Line one\nLine two")
        for number in range(replies):
            reply(author=author, thread=thread, body=f"Reply {number}")
        return thread

    return make


@pytest.fixture
def client_for() -> Callable[..., Any]:
    """`client_for(user, language="en")`: a logged-in test client in that language."""
    from django.test import Client

    def make(user: Any = None, *, language: str = "en") -> Client:
        client = Client()
        client.cookies["halqa_language"] = language
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def make_members(make_member: Callable[..., Any]) -> Callable[..., Any]:
    """`make_members(group, 2)`: that many new members of `group`."""

    def make(group: Group, count: int = 1, **fields: Any) -> list[Any]:
        users = [make_member(**fields) for _ in range(count)]
        for user in users:
            add_member(user=user, group=group)
        return users

    return make
