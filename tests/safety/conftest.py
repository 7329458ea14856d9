from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.test import Client

from halqa.accounts.models import User
from halqa.safety.enums import HelplineStatus
from halqa.safety.models import Helpline
from tests.conftest import verified_staff_client


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


# Signed in and past two-factor; no language cookie, so pages are in the default Arabic.
verified_client = partial(verified_staff_client, language=None)


@pytest.fixture
def operator_client(operator: User) -> Client:
    return verified_client(operator)


@pytest.fixture
def make_post(make_member: Callable[..., User]) -> Callable[..., Any]:
    """`make_post(group, body=..., author=...)`: the opening post of a fresh thread."""
    from halqa.conversations.actions import start_thread
    from halqa.groups.actions import add_member
    from halqa.groups.models import Membership

    def make(group: Any, *, body: str = "A calm evening.", author: User | None = None) -> Any:
        author = author or make_member()
        if not Membership.objects.filter(group=group, user=author).exists():
            add_member(user=author, group=group)
        thread = start_thread(author=author, group=group, title="Evenings", body=body)
        return thread.posts.get(is_opening=True)

    return make


@pytest.fixture
def moderator(make_member: Callable[..., User]) -> User:
    return make_member(pseudonym="steady_mod", role="moderator")


def on_duty(user: User, value: bool = True) -> User:
    from halqa.moderation.models import ModeratorStatus

    ModeratorStatus.objects.update_or_create(user=user, defaults={"on_duty": value})
    return user


@pytest.fixture
def crisis_case(make_member: Callable[..., User]) -> Callable[..., Any]:
    """`crisis_case(member=..., level="ideation")`: an open urgent case without content."""
    from halqa.moderation.cases import open_case
    from halqa.moderation.enums import CaseKind
    from halqa.safety.crisis import URGENCY
    from halqa.screening import CrisisLevel

    def make(*, member: User | None = None, level: str = "ideation") -> Any:
        return open_case(
            kind=CaseKind.CRISIS,
            subject=member or make_member(),
            reason=f"crisis:{level}",
            urgency=URGENCY[CrisisLevel(level)],
        )

    return make
