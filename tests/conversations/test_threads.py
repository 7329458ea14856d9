"""Threads and posts: the actions, who may read them, and the thread page."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client

from halqa.conversations.actions import remove_posts_of, reply, start_thread
from halqa.conversations.models import Post, Thread
from halqa.conversations.queries import access_thread
from halqa.groups.actions import add_member
from halqa.groups.enums import Visibility


def test_start_thread_creates_opening_post(make_group, member):
    group = make_group(members=(member,))
    thread = start_thread(author=member, group=group, title="Hello", body="First words")
    [post] = thread.posts.all()
    assert (post.is_opening, post.body, thread.reply_count) == (True, "First words", 0)


def test_reply_counts_and_moves_last_activity(make_group, make_thread, member):
    thread = make_thread(make_group())
    before = thread.last_activity_at
    reply(author=member, thread=thread, body="Me too")
    reply(author=member, thread=thread, body="Sending strength")
    thread.refresh_from_db()
    assert thread.reply_count == 2
    assert thread.last_activity_at > before


def test_remove_posts_of_recounts_other_threads(make_group, make_thread, make_member):
    thread = make_thread(make_group(), replies=1)
    leaver = make_member()
    reply(author=leaver, thread=thread, body="Bye")
    start_thread(author=leaver, group=thread.group, title="Mine", body="Text")
    remove_posts_of(user=leaver)
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert not Post.objects.filter(author=leaver).exists()
    assert not Thread.objects.filter(author=leaver).exists()


@pytest.mark.parametrize(
    ("visibility", "who", "status"),
    [
        (Visibility.PUBLIC, "member", 200),
        (Visibility.PUBLIC, "outsider", 200),
        (Visibility.PUBLIC, "anonymous", 200),
        (Visibility.PRIVATE, "member", 200),
        (Visibility.PRIVATE, "outsider", 404),
        (Visibility.PRIVATE, "anonymous", 404),
        (Visibility.HIDDEN, "member", 200),
        (Visibility.HIDDEN, "outsider", 404),
        (Visibility.HIDDEN, "anonymous", 404),
    ],
)
def test_thread_page_access(make_group, make_member, visibility, who, status):
    insider, outsider = make_member(), make_member()
    group = make_group(visibility=visibility, members=(insider,))
    thread = start_thread(author=insider, group=group, title="Hello", body="Hi")
    client = Client()
    if who != "anonymous":
        client.force_login(insider if who == "member" else outsider)
    assert client.get(f"/groups/{group.slug}/threads/{thread.pk}/").status_code == status


def test_access_thread_requires_matching_group(make_group, make_thread, member):
    thread = make_thread(make_group())
    other = make_group()
    with pytest.raises(Http404):
        access_thread(member, other.slug, thread.pk)


def test_thread_page_unknown_id_is_404(make_group, member_client):
    group = make_group()
    assert member_client.get(f"/groups/{group.slug}/threads/999/").status_code == 404


def test_thread_page_renders_plain_text_with_line_breaks(make_group, member):
    group = make_group(members=(member,))
    body = "<b>bold</b>\nsecond line"
    thread = start_thread(author=member, group=group, title="<i>t</i>", body=body)
    html = Client().get(f"/groups/{group.slug}/threads/{thread.pk}/").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;<br />\nsecond line" in html
    assert "<i>t</i>" not in html
    assert member.pseudonym in html


def test_thread_page_query_count(
    make_group, make_thread, make_member, member_client, django_assert_num_queries
):
    thread = make_thread(make_group())
    for _ in range(5):
        replier = make_member()
        add_member(user=replier, group=thread.group)
        reply(author=replier, thread=thread, body="Me too")
    url = f"/groups/{thread.group.slug}/threads/{thread.pk}/"
    # session, user, group, thread with author, post count, posts with authors and quotes,
    # read marker, muted words, reactions, muted topics (one query for the page, however many
    # posts), the header's unread notifications; then the first visit stores the read marker
    # (2 more)
    # Moderation adds one (is the opening post held?); the experts' names and the resources'
    # suggestions one each.
    with django_assert_num_queries(16):
        response = member_client.get(url)
    assert len(response.context["posts"]) == 6
    with django_assert_num_queries(14):
        member_client.get(url)


@pytest.mark.parametrize("page", ["abc", "99999", "-3", "1.5", "%E2%80%8F"])
def test_thread_page_bad_page_number_is_not_an_error(make_group, make_thread, member_client, page):
    thread = make_thread(make_group(), replies=2)
    url = f"/groups/{thread.group.slug}/threads/{thread.pk}/?page={page}"
    assert member_client.get(url).status_code == 200


def test_thread_page_paginates_replies(make_group, make_thread):
    thread = make_thread(make_group(), replies=25)
    client = Client()
    client.cookies["halqa_language"] = "en"
    response = client.get(f"/groups/{thread.group.slug}/threads/{thread.pk}/?page=2")
    posts = list(response.context["posts"])
    assert len(posts) == 6
    assert not any(post.is_opening for post in posts)
    assert "26 replies" not in response.content.decode()
    assert "25 replies" in response.content.decode()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_thread_page_renders_in_both_directions(make_group, make_thread, language, direction):
    thread = make_thread(make_group(), replies=1)
    client = Client()
    client.cookies["halqa_language"] = language
    response = client.get(f"/groups/{thread.group.slug}/threads/{thread.pk}/")
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()
