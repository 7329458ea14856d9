"""Threads in search: only for signed-in members, only groups they may read, kept current."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.conversations.actions import delete_post, start_thread
from halqa.groups.enums import JoinPolicy, Visibility
from halqa.resources.search import Filters, search


@pytest.fixture
def start(django_capture_on_commit_callbacks: Any) -> Any:
    def run(**kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return start_thread(**kwargs)

    return run


def _threads(query: str, user: Any) -> list[Any]:
    return [hit.thread for hit in search(query, user=user).hits if hit.thread is not None]


def test_private_group_thread_is_found_only_by_its_members(
    make_member: Any, make_group: Any, start: Any
) -> None:
    inside, outside = make_member(), make_member()
    group = make_group(
        visibility=Visibility.PRIVATE, join_policy=JoinPolicy.REQUEST, members=(inside,)
    )
    thread = start(author=inside, group=group, title="Sleepless nights", body="I lie awake.")
    assert _threads("sleepless", inside) == [thread]
    assert _threads("sleepless", outside) == []
    assert _threads("sleepless", None) == []


def test_hidden_group_thread_is_invisible_to_staff_who_are_not_members(
    make_member: Any, make_group: Any, start: Any
) -> None:
    inside = make_member()
    operator = make_member(role="operator")
    group = make_group(
        visibility=Visibility.HIDDEN, join_policy=JoinPolicy.INVITE, members=(inside,)
    )
    start(author=inside, group=group, title="Sleepless nights", body="I lie awake.")
    assert _threads("sleepless", operator) == []


def test_public_group_thread_is_found_by_any_member_in_arabic(
    make_member: Any, make_group: Any, start: Any
) -> None:
    author, reader = make_member(), make_member()
    group = make_group(members=(author,))
    thread = start(author=author, group=group, title="سؤال", body="أعاني من القلق كل مساء")
    assert _threads("بالقلق", reader) == [thread]
    assert search("بالقلق", user=reader, filters=Filters(source="resource")).hits == []


def test_deleted_opening_post_leaves_only_the_title_searchable(
    make_member: Any, make_group: Any, start: Any, django_capture_on_commit_callbacks: Any
) -> None:
    author = make_member()
    group = make_group(members=(author,))
    thread = start(author=author, group=group, title="A question", body="Nightmares every week")
    assert _threads("nightmares", author) == [thread]
    with django_capture_on_commit_callbacks(execute=True):
        delete_post(user=author, post=thread.posts.get(is_opening=True))
    assert _threads("nightmares", author) == []
    assert _threads("question", author) == [thread]


def test_held_opening_post_hides_the_thread_from_search(
    make_member: Any, make_group: Any, start: Any
) -> None:
    author, reader = make_member(), make_member()
    group = make_group(members=(author,))
    thread = start(author=author, group=group, title="Exam stress", body="So much pressure")
    thread.posts.filter(is_opening=True).update(state="held")
    assert _threads("exam", reader) == []


def test_thread_with_content_warning_is_found_without_quoting_it(
    make_member: Any, make_group: Any, start: Any
) -> None:
    author = make_member()
    group = make_group(members=(author,))
    start(
        author=author,
        group=group,
        title="Hard night",
        body="Details about grief",
        warning="grief",
    )
    hits = search("grief", user=author).hits
    assert len(hits) == 1
    assert str(hits[0].snippet) == ""


def test_masked_words_are_neither_indexed_nor_quoted(
    make_member: Any, make_group: Any, start: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from halqa.conversations.models import Post
    from halqa.resources.hooks import thread_changed

    author, reader = make_member(), make_member()
    group = make_group(members=(author, reader))
    body = "Sleepless again: my neighbour Marguerite keeps me awake."
    thread = start(author=author, group=group, title="Night", body=body)
    at = body.index("Marguerite")
    Post.objects.filter(thread=thread).update(masked_spans=[[at, at + len("Marguerite")]])
    with django_capture_on_commit_callbacks(execute=True):
        thread_changed(thread.pk)
    assert _threads("marguerite", reader) == []
    (hit,) = search("sleepless", user=reader).hits
    assert "Marguerite" not in hit.snippet
    assert "•••" in hit.snippet  # masked as readers of the thread see it
