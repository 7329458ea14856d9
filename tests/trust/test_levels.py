"""Trust levels: computed from age and published posts, lowered by removals, set by operators;
and the limits that go with them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from halqa.conversations import actions
from halqa.conversations.models import Post
from halqa.live import actions as live_actions
from halqa.live.models import LiveSession
from halqa.moderation.enums import ContentState
from halqa.trust import levels
from halqa.trust.levels import RateLimited
from halqa.trust.models import MemberTrust, SitePolicy


def _posts(circle: dict[str, Any], n: int, *, at: Any = None) -> Any:
    thread = actions.start_thread(
        author=circle["reader"], group=circle["group"], title="Notes", body="Notes for the week"
    )
    for i in range(n):
        actions.reply(author=circle["author"], thread=thread, body=f"note {i}", at=at)
    return thread


def test_levels_rise_with_age_and_posts_and_fall_with_removals(circle: dict[str, Any]) -> None:
    author = circle["author"]
    assert levels.level_of(author) == 0
    _posts(circle, 5, at=timezone.now() - timedelta(days=1))
    assert levels.level_of(author) == 0  # not old enough yet
    author.date_joined = timezone.now() - timedelta(days=4)
    author.save(update_fields=["date_joined"])
    assert levels.level_of(author) == 1
    first = Post.objects.filter(author=author).order_by("pk").first()
    Post.objects.filter(pk=first.pk).update(state=ContentState.REMOVED)  # an upheld removal
    assert levels.level_of(author) == 0
    Post.objects.filter(pk=first.pk).update(state=ContentState.PUBLISHED)  # reversed
    assert levels.level_of(author) == 1
    from halqa.moderation.models import Sanction

    warning = Sanction.objects.create(user=author, kind="warning")
    assert levels.level_of(author) == 0
    Sanction.objects.filter(pk=warning.pk).update(lifted_at=timezone.now())  # appeal granted
    assert levels.level_of(author) == 1


def test_operator_choice_overrides_and_staff_are_trusted(
    circle: dict[str, Any], make_member
) -> None:
    MemberTrust.objects.create(user=circle["author"], level=2)
    assert levels.level_of(circle["author"]) == 2
    assert levels.level_of(make_member(role="moderator")) == 2


@override_settings(TRUST_RATE_LIMITS=True)
def test_new_members_post_a_few_times_a_minute_then_are_told_when(circle: dict[str, Any]) -> None:
    thread = _posts(circle, 0)
    for i in range(3):
        actions.reply(author=circle["author"], thread=thread, body=f"message {i}")
    with pytest.raises(RateLimited) as refused:
        actions.reply(author=circle["author"], thread=thread, body="one more")
    assert 1 <= refused.value.retry_after <= 60
    with translation.override("en"):
        assert f"please wait {refused.value.retry_after} second" in refused.value.messages[0]
    SitePolicy.objects.filter(pk=1).update(per_minute_level0=5)
    actions.reply(author=circle["author"], thread=thread, body="one more")  # the operator's limit


@override_settings(TRUST_RATE_LIMITS=True)
def test_rate_limit_keeps_the_form_text(circle: dict[str, Any]) -> None:
    from django.test import Client

    thread = _posts(circle, 0)
    SitePolicy.objects.get_or_create(pk=1)
    SitePolicy.objects.filter(pk=1).update(per_minute_level0=1)
    actions.reply(author=circle["author"], thread=thread, body="first")
    client = Client()
    client.cookies["halqa_language"] = "ar"
    client.force_login(circle["author"])
    url = f"/groups/{thread.group.slug}/threads/{thread.pk}/reply/"
    response = client.post(url, {"body": "نص لا يضيع", "token": "t-9"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "نص لا يضيع" in page  # nothing lost
    assert "ثانية" in page or "ثوان" in page  # the wait, in Arabic


@override_settings(TRUST_RATE_LIMITS=True)
def test_new_members_send_live_messages_no_faster_than_slow_mode(circle: dict[str, Any]) -> None:
    now = timezone.now()
    session = LiveSession.objects.create(
        group=circle["group"],
        title="Evening",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
        is_open=True,
    )
    live_actions.post_live_message(author=circle["author"], session=session, body="hello all")
    with pytest.raises(live_actions.LiveError) as refused:
        live_actions.post_live_message(author=circle["author"], session=session, body="again")
    assert refused.value.code == "slow_mode"
    assert refused.value.retry_after == 10
    MemberTrust.objects.create(user=circle["author"], level=1)
    live_actions.post_live_message(author=circle["author"], session=session, body="again")


def test_export_names_the_level(circle: dict[str, Any]) -> None:
    from halqa.accounts.export import export_member

    MemberTrust.objects.create(user=circle["author"], level=1)
    assert export_member(circle["author"])["trust"]["level"] == 1
