"""A world with one object of every kind, made through the apps' own actions, and an actor
(session client and API token) for every role of the permission matrix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from tests.conftest import verified_staff_client

JOURNAL_SECRET = "the lighthouse keeper's private words"
CONTACT_NAME = "Salma Haddad"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


# Signed in and past two-factor; no language cookie, so pages are in the default Arabic.
verified_client = partial(verified_staff_client, language=None)


@dataclass
class Actor:
    user: User | None
    client: Client
    token: str | None


@dataclass
class World:
    actors: dict[str, Actor]
    ids: dict[str, Any] = field(default_factory=dict)


def _actor(user: User | None, *, staff: bool = False) -> Actor:
    if user is None:
        return Actor(None, Client(), None)
    if staff:
        client = verified_client(user)
    else:
        client = Client()
        client.force_login(user)
    # Staff tokens are only issued after the second factor (accounts.api.login): this one
    # stands for such a token.
    return Actor(user, client, issue_token(user=user, name="test device"))


@pytest.fixture
def world(make_member: Callable[..., User], make_group: Callable[..., Any]) -> World:
    from halqa.conversations.actions import start_thread
    from halqa.experts.actions import apply
    from halqa.groups.actions import add_member
    from halqa.groups.enums import GroupRole, JoinPolicy, Visibility
    from halqa.growth.actions import log_mood
    from halqa.growth.partners import accept, invite_partner
    from halqa.journal.actions import create_entry
    from halqa.live.actions import schedule_session
    from halqa.moderation.actions import claim, set_on_duty
    from halqa.moderation.cases import open_case
    from halqa.moderation.enums import CaseKind
    from halqa.safety.contact import save_safety_contact
    from halqa.safety.crisis import open_crisis_case
    from halqa.safety.support import support_thread_for

    member = make_member(pseudonym="lighthouse")
    non_member = make_member(pseudonym="passer_by")
    group_moderator = make_member(pseudonym="circle_keeper")
    site_moderator = make_member(pseudonym="night_watch", role="moderator")
    expert = make_member(pseudonym="dr_cedar", role="expert")
    operator = make_member(pseudonym="harbour_master", role="operator")
    partner = make_member(pseudonym="walking_friend")

    group = make_group(visibility=Visibility.PRIVATE, join_policy=JoinPolicy.REQUEST)
    add_member(user=member, group=group)
    add_member(user=group_moderator, group=group, role=GroupRole.MODERATOR)

    thread = start_thread(
        author=member, group=group, title="A hard week", body="I could not sleep again."
    )
    now = timezone.now()
    session = schedule_session(
        by=group_moderator,
        group=group,
        title="Evening circle",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
    )
    entry = create_entry(author=member, body=JOURNAL_SECRET, title="Tuesday")
    mood = log_mood(owner=member, score=2)
    partnership = accept(
        partnership=invite_partner(inviter=member, pseudonym=partner.pseudonym), user=partner
    )
    opening = thread.posts.get(is_opening=True)
    case = open_case(kind=CaseKind.FLAG, subject=member, reason="flag:other", post=opening)
    application = apply(
        user=make_member(pseudonym="applicant"),
        profession="psychologist",
        specialties=["anxiety"],
        languages=["ar"],
        licence_number="LIC-7781-SECRET",
        licence_body="Jordan Medical Council",
    )
    save_safety_contact(
        member=member, name=CONTACT_NAME, phone="+962 7 9000 0000", location="Amman"
    )
    crisis = open_crisis_case(author=member, level="plan")
    assert crisis is not None
    set_on_duty(site_moderator, True)
    claim(crisis, site_moderator)
    support = support_thread_for(crisis)

    actors = {
        "anonymous": _actor(None),
        "member": _actor(member),
        "non_member": _actor(non_member),
        "group_moderator": _actor(group_moderator, staff=True),
        "site_moderator": _actor(site_moderator, staff=True),
        "expert": _actor(expert, staff=True),
        "operator": _actor(operator, staff=True),
    }
    ids = {
        "slug": group.slug,
        "thread": thread.pk,
        "session": session.pk,
        "entry": entry.pk,
        "mood": mood.pk,
        "partnership": partnership.pk,
        "case": case.pk,
        "application": application.pk,
        "crisis_case": crisis.pk,
        "support_thread": support.pk,
    }
    return World(actors=actors, ids=ids)
