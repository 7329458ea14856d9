"""open_crisis_case: one urgent case per crisis message, never a removal or a sanction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from halqa.moderation.enums import URGENT, CaseKind, CaseState, ContentState
from halqa.moderation.models import Case, Sanction
from halqa.safety.crisis import ASKED_TO_TALK, URGENCY, open_crisis_case, raise_for_talk
from halqa.screening import CrisisLevel, screen

CRISIS_MESSAGES = [
    ("ar", "والله تعبت من كل شي، بدي أموت وخلص"),  # Levantine dialect: ideation
    ("ar", "مش قادر أكمل، ناوي أنتحر الليلة وجهزت الحبوب"),  # dialect: plan
    ("en", "I want to die, I cannot do this anymore"),
    ("en", "I have the pills ready and I will take them all tonight"),
]


@pytest.mark.parametrize(("language", "text"), CRISIS_MESSAGES)
def test_open_crisis_case_opens_exactly_one_urgent_case(
    language: str, text: str, make_group: Callable[..., Any], make_post: Callable[..., Any]
) -> None:
    post = make_post(make_group(), body=text)
    level = screen(text, lang=language).crisis
    assert level in (CrisisLevel.IDEATION, CrisisLevel.PLAN)

    first = open_crisis_case(author=post.author, level=level, post=post)
    again = open_crisis_case(author=post.author, level=level, post=post)

    assert first is not None
    assert again is not None
    assert first.pk == again.pk
    case = Case.objects.get()
    assert case.kind == CaseKind.CRISIS
    assert case.urgency >= URGENT
    assert case.urgency == URGENCY[level]
    assert case.subject == post.author
    assert case.group == post.thread.group
    post.refresh_from_db()
    assert post.state == ContentState.PUBLISHED  # never removed
    assert not Sanction.objects.exists()  # never penalised


def test_open_crisis_case_plan_ranks_above_ideation(
    make_group: Callable[..., Any], make_post: Callable[..., Any]
) -> None:
    post = make_post(make_group())
    open_crisis_case(author=post.author, level="ideation", post=post)
    case = open_crisis_case(author=post.author, level="plan", post=post)
    assert case is not None
    assert case.urgency == URGENCY[CrisisLevel.PLAN] > ASKED_TO_TALK
    assert Case.objects.count() == 1


@pytest.mark.parametrize("level", ["none", "distress"])
def test_open_crisis_case_opens_nothing_below_ideation(
    level: str, make_group: Callable[..., Any], make_post: Callable[..., Any]
) -> None:
    post = make_post(make_group())
    assert open_crisis_case(author=post.author, level=level, post=post) is None
    assert not Case.objects.exists()


def test_open_crisis_case_for_a_live_message(
    make_group: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from halqa.live.models import LiveMessage, LiveSession

    group, author = make_group(), make_member()
    now = timezone.now()
    session = LiveSession.objects.create(
        group=group, title="Circle", starts_at=now, ends_at=now + timedelta(hours=1), is_open=True
    )
    message = LiveMessage.objects.create(session=session, seq=1, author=author, body="…")
    case = open_crisis_case(author=author, level="ideation", live_message=message)
    assert case is not None
    assert case.live_message == message
    assert case.group == group


def test_raise_for_talk_raises_the_open_case_or_opens_one(
    make_group: Callable[..., Any], make_post: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    post = make_post(make_group())
    opened = open_crisis_case(author=post.author, level="ideation", post=post)
    raised = raise_for_talk(post.author)
    assert opened is not None
    assert raised.pk == opened.pk
    assert raised.urgency == ASKED_TO_TALK

    someone = make_member()
    fresh = raise_for_talk(someone)
    assert fresh.subject == someone
    assert fresh.post is None
    assert fresh.kind == CaseKind.CRISIS
    assert fresh.state == CaseState.OPEN
    assert fresh.urgency == ASKED_TO_TALK
