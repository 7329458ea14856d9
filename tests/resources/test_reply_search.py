# ruff: noqa: F811 - pytest fixtures imported from tests.trust.fixtures
"""Replies in search: found as other members see them, never when held, hidden, removed,
deleted, behind a method review or in a group the reader cannot read; kept current."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from halqa.conversations import actions
from halqa.groups.enums import JoinPolicy, Visibility
from halqa.moderation import actions as moderation
from halqa.moderation.models import Case
from halqa.resources.indexing import rebuild
from halqa.resources.models import SearchEntry
from halqa.resources.search import Filters, search
from tests.trust.fixtures import circle  # noqa: F401

HELD_LINK = "Chamomile tea before bed helped me: https://example.org/sleep"  # new member: held


@pytest.fixture
def now(django_capture_on_commit_callbacks: Any) -> Any:
    """`now(fn, **kwargs)`: run an action and its after-commit work (the index) at once."""

    def run(action: Any, *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _replies(query: str, user: Any, **filters: str) -> list[Any]:
    hits = search(query, user=user, filters=Filters(**filters)).hits
    return [hit.post for hit in hits if hit.post is not None]


def _thread(now: Any, circle: dict[str, Any]) -> Any:
    return now(
        actions.start_thread,
        author=circle["reader"],
        group=circle["group"],
        title="Evenings",
        body="How are your evenings going?",
    )


def test_reply_is_found_by_readers_with_arabic_prefixes_and_linked(
    circle: dict[str, Any], now: Any
) -> None:
    thread = _thread(now, circle)
    post = now(
        actions.reply, author=circle["reader"], thread=thread, body="ساعدني التنفس على القلق"
    )
    assert _replies("بالقلق", circle["author"]) == [post]
    assert _replies("وللقلق", circle["author"], source="thread") == [post]
    assert _replies("قلق", circle["author"], source="resource") == []
    assert _replies("قلق", None) == []  # signed-out visitors search resources only
    hit = search("القلق", user=circle["author"]).hits[0]
    assert hit.source == "reply"
    assert "<mark>" in hit.snippet

    client = Client()
    client.force_login(circle["author"])
    page = client.get("/resources/", {"q": "القلق"}).content.decode()
    group = circle["group"].slug
    assert f'href="/groups/{group}/threads/{thread.pk}/post/{post.pk}/"' in page


def test_private_and_hidden_group_replies_stay_inside(
    make_member: Any, make_group: Any, now: Any
) -> None:
    inside, outside, operator = make_member(), make_member(), make_member(role="operator")
    for visibility, policy in (
        (Visibility.PRIVATE, JoinPolicy.REQUEST),
        (Visibility.HIDDEN, JoinPolicy.INVITE),
    ):
        group = make_group(visibility=visibility, join_policy=policy, members=(inside,))
        thread = now(actions.start_thread, author=inside, group=group, title="t", body="hello")
        now(actions.reply, author=inside, thread=thread, body=f"insomnia {visibility}")
    assert len(_replies("insomnia", inside)) == 2
    assert _replies("insomnia", outside) == []
    assert _replies("insomnia", operator) == []


def test_held_reply_is_not_found_until_a_moderator_approves_it(
    circle: dict[str, Any], now: Any
) -> None:
    thread = _thread(now, circle)
    post = now(actions.reply, author=circle["author"], thread=thread, body=HELD_LINK)
    assert post.state == "held"
    for user in (circle["reader"], circle["author"], circle["moderator"]):
        assert _replies("chamomile", user) == []
    case = Case.objects.get(post=post)
    now(moderation.approve, case, circle["moderator"])
    assert _replies("chamomile", circle["reader"]) == [post]


def test_hidden_removed_and_redacted_replies_leave_search_at_once(
    circle: dict[str, Any], now: Any
) -> None:
    thread = _thread(now, circle)
    posts = [
        now(actions.reply, author=circle["author"], thread=thread, body=f"lavender {word}")
        for word in ("first", "second", "third")
    ]
    assert len(_replies("lavender", circle["reader"])) == 3
    hide, remove, redact = [
        Case.objects.create(kind="flag", subject=circle["author"], group=circle["group"], post=p)
        for p in posts
    ]
    now(moderation.hide, hide, circle["moderator"])
    now(moderation.remove, remove, circle["moderator"], rule=1, reason="unkind")
    now(moderation.redact, redact, circle["moderator"], "a kinder version")
    assert _replies("lavender", circle["reader"]) == []
    # The author still sees their own words in the thread, but search never shows them.
    assert _replies("lavender", circle["author"]) == []
    assert _replies("kinder", circle["reader"]) == [posts[2]]
    # Even an entry left behind (say, by a failed hook) is filtered when the query runs.
    assert SearchEntry.objects.filter(post=posts[0]).count() == 0
    SearchEntry.objects.create(source="reply", post=posts[0], group=circle["group"])
    SearchEntry.objects.filter(post=posts[0]).update(body_terms="lavender")
    assert _replies("lavender", circle["reader"]) == []


def test_edited_and_deleted_replies_follow(circle: dict[str, Any], now: Any) -> None:
    thread = _thread(now, circle)
    post = now(actions.reply, author=circle["reader"], thread=thread, body="walking helps me")
    now(actions.edit_post, editor=circle["reader"], post=post, body="swimming helps me")
    assert _replies("walking", circle["author"]) == []
    assert _replies("swimming", circle["author"]) == [post]
    now(actions.delete_post, user=circle["reader"], post=post)
    assert _replies("swimming", circle["author"]) == []
    assert not SearchEntry.objects.filter(post=post).exists()


def test_reply_under_a_held_opening_post_is_not_found(circle: dict[str, Any], now: Any) -> None:
    thread = now(
        actions.start_thread,
        author=circle["author"],
        group=circle["group"],
        title="Links",
        body=HELD_LINK,
    )
    now(actions.reply, author=circle["reader"], thread=thread, body="marigold is lovely")
    assert _replies("marigold", circle["reader"]) == []


def test_reply_behind_a_content_warning_is_found_but_never_quoted(
    circle: dict[str, Any], now: Any
) -> None:
    thread = _thread(now, circle)
    post = now(
        actions.reply,
        author=circle["reader"],
        thread=thread,
        body="the funeral was yesterday",
        warning="grief",
    )
    hits = [h for h in search("funeral", user=circle["author"]).hits if h.post == post]
    assert len(hits) == 1
    assert str(hits[0].snippet) == ""


def test_rebuild_indexes_replies(circle: dict[str, Any], now: Any) -> None:
    thread = _thread(now, circle)
    post = now(actions.reply, author=circle["reader"], thread=thread, body="jasmine scent")
    SearchEntry.objects.all().delete()
    rebuild()
    assert _replies("jasmine", circle["author"]) == [post]
