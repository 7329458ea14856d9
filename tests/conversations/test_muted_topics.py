"""Muted topics: posts about a topic a reader muted are folded away for that reader only."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from halqa.accounts.tokens import issue_token
from halqa.conversations import actions, reader_actions
from halqa.conversations.export import export_conversations
from halqa.conversations.models import MutedTopic, Post

# One wording for a muted word or topic: it never says which, so never what screening found.
PLACEHOLDER = "Hidden by your muted words and topics. Open to read."
WARNED = "Content warning: Suicide. Open to read."


def _url(thread: Any) -> str:
    return f"/groups/{thread.group.slug}/threads/{thread.pk}/"


def _page(group: Any) -> str:
    return f"/groups/{group.slug}/threads/muted-words/"


def _api(user: Any) -> Client:
    token = issue_token(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def _two_posts(group: Any, author: Any) -> tuple[Any, Post, Post]:
    """A thread with a post warned "suicide" and a reply whose screening found ideation."""
    thread = actions.start_thread(
        author=author, group=group, title="t", body="Warned words", warning="suicide"
    )
    screened = actions.reply(author=author, thread=thread, body="Screened words")
    Post.objects.filter(pk=screened.pk).update(screening={"crisis": "ideation"})
    return thread, thread.posts.get(is_opening=True), screened


def test_muted_topic_collapses_warned_and_screened_posts(make_group, make_members, client_for):
    group = make_group()
    author, reader, other = make_members(group, 3)
    thread, _, _ = _two_posts(group, author)
    reader_actions.mute_topic(user=reader, topic="suicide")
    html = client_for(reader).get(_url(thread)).content.decode()
    assert html.count('<details class="collapsed">') == 2
    assert html.count(f"<summary>{WARNED}</summary>") == 1  # the author's own label
    assert html.count(f"<summary>{PLACEHOLDER}</summary>") == 1  # what screening found: unsaid
    assert html.index(PLACEHOLDER) < html.index("Screened words")
    # Who did not mute it sees the author's warning, and the screened post open.
    html = client_for(other).get(_url(thread)).content.decode()
    assert PLACEHOLDER not in html
    assert WARNED in html
    assert html.count('<details class="collapsed">') == 1
    # The author's own posts are never hidden from them.
    reader_actions.mute_topic(user=author, topic="suicide")
    assert PLACEHOLDER not in client_for(author).get(_url(thread)).content.decode()


def test_fold_does_not_disclose_screening(make_group, make_members, client_for):
    """A post screening found about suicide, without a warning, folds with the same words as a
    muted word: nothing on the page or in the API names the topic or the signal."""
    group = make_group()
    author, reader, other = make_members(group, 3)
    thread = actions.start_thread(author=author, group=group, title="t", body="Quiet words")
    screened = actions.reply(author=author, thread=thread, body="Screened words")
    Post.objects.filter(pk=screened.pk).update(screening={"crisis": "plan"})
    actions.reply(author=other, thread=thread, body="a word I muted: rain")
    reader_actions.mute_topic(user=reader, topic="suicide")
    reader_actions.mute_word(user=reader, word="rain")
    html = client_for(reader).get(_url(thread)).content.decode()
    assert html.count(f"<summary>{PLACEHOLDER}</summary>") == 2
    posts_html = "".join(part.split("</article>")[0] for part in html.split("<article")[1:])
    assert posts_html.count('<details class="collapsed">') == 2
    for telling in ("Suicide", "Self-harm", "topic you muted", "word you muted", "screen"):
        assert telling not in posts_html
    posts = _api(reader).get(f"/api/conversations/groups/{group.slug}/threads/{thread.pk}")
    shown = [(p["muted"], p["muted_topic"]) for p in posts.json()["posts"]]
    assert shown == [(False, ""), (True, ""), (True, "")]


def test_muted_topic_never_names_a_warning_the_reader_did_not_mute(make_group, make_members):
    """Warned "grief", screened as ideation, the reader muted "suicide": folded, but the API
    must not answer "Grief" (not what they muted) nor "Suicide" (what screening found)."""
    group = make_group()
    author, reader = make_members(group, 2)
    thread = actions.start_thread(
        author=author, group=group, title="t", body="Missing her", warning="grief"
    )
    Post.objects.filter(thread=thread).update(screening={"crisis": "ideation"})
    reader_actions.mute_topic(user=reader, topic="suicide")
    posts = _api(reader).get(f"/api/conversations/groups/{group.slug}/threads/{thread.pk}")
    [post] = posts.json()["posts"]
    assert (post["muted"], post["muted_topic"], post["warning"]) == (True, "", "Grief")


def test_screening_counts_for_self_harm_too_but_not_other_topics(
    make_group, make_members, client_for
):
    group = make_group()
    author, reader = make_members(group, 2)
    thread, _, _ = _two_posts(group, author)
    reader_actions.mute_topic(user=reader, topic="self_harm")
    reader_actions.mute_topic(user=reader, topic="grief")
    html = client_for(reader).get(_url(thread)).content.decode()
    assert html.count(PLACEHOLDER) == 1
    assert WARNED in html


def test_muted_topic_placeholder_in_arabic(make_group, make_members, client_for):
    group = make_group()
    author, reader = make_members(group, 2)
    thread, _, _ = _two_posts(group, author)
    reader_actions.mute_topic(user=reader, topic="suicide")
    html = client_for(reader, language="ar").get(_url(thread)).content.decode()
    assert PLACEHOLDER not in html
    assert html.count("مخفية حسب الكلمات والمواضيع التي كتمتها. افتحها لتقرأ.") == 1
    assert html.count("تنبيه المحتوى: الانتحار. افتحها لتقرأ.") == 1


def test_quote_of_a_post_about_a_muted_topic_is_folded(make_group, make_members, client_for):
    group = make_group()
    author, reader, replier = make_members(group, 3)
    thread, _, screened = _two_posts(group, author)
    actions.reply(author=replier, thread=thread, body="Holding you", quote_of=screened)
    reader_actions.mute_topic(user=reader, topic="suicide")
    assert "This message is folded away for you." in (
        client_for(reader).get(_url(thread)).content.decode()
    )


def test_mute_and_unmute_topic_actions(make_member):
    user = make_member()
    reader_actions.mute_topic(user=user, topic="grief")
    reader_actions.mute_topic(user=user, topic="grief")
    assert list(MutedTopic.objects.values_list("topic", flat=True)) == ["grief"]
    reader_actions.unmute_topic(user=user, topic="grief")
    assert not MutedTopic.objects.exists()


@pytest.mark.parametrize("topic", ["other", "", "SUICIDE", "x" * 500, None])
def test_mute_topic_refuses_unknown_topics(make_member, topic):
    user = make_member()
    with translation.override("ar"):
        with pytest.raises(ValidationError) as error:
            reader_actions.mute_topic(user=user, topic=topic)
        assert error.value.message_dict == {"topic": ["يرجى اختيار أحد المواضيع."]}
    with pytest.raises(ValidationError):
        reader_actions.unmute_topic(user=user, topic=topic)
    assert not MutedTopic.objects.exists()


def test_muted_topics_page_form_saves_in_one_post(make_group, make_member, client_for):
    group = make_group()
    user = make_member()
    client = client_for(user)
    url = _page(group) + "topics/"
    assert client.post(url, {"topics": ["grief", "suicide"]}).status_code == 302
    assert set(MutedTopic.objects.filter(user=user).values_list("topic", flat=True)) == {
        "grief",
        "suicide",
    }
    html = client.get(_page(group)).content.decode()
    assert 'value="grief" id="id_topics_4" checked' in html
    assert 'value="abuse" id="id_topics_2" checked' not in html
    assert client.post(url, {"topics": ["abuse"]}).status_code == 302
    assert list(MutedTopic.objects.values_list("topic", flat=True)) == ["abuse"]
    assert client.post(url, {}).status_code == 302
    assert not MutedTopic.objects.exists()


@pytest.mark.parametrize("topics", [["other"], ["nope"], ["grief", "x" * 5000]])
def test_muted_topics_page_bad_input(make_group, make_member, client_for, topics):
    group = make_group()
    user = make_member()
    reader_actions.mute_topic(user=user, topic="abuse")
    response = client_for(user).post(_page(group) + "topics/", {"topics": topics})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert list(MutedTopic.objects.values_list("topic", flat=True)) == ["abuse"]


def test_muted_topics_page_needs_login_and_post(make_group, client_for, make_member):
    group = make_group()
    assert client_for().post(_page(group) + "topics/", {"topics": ["grief"]}).status_code == 302
    assert client_for(make_member()).get(_page(group) + "topics/").status_code == 405
    assert not MutedTopic.objects.exists()


def test_api_muted_topics(make_group, make_members):
    group = make_group()
    author, reader = make_members(group, 2)
    thread, _, _ = _two_posts(group, author)
    client = _api(reader)
    url = "/api/conversations/muted-topics"
    assert client.get(url).json() == {"topics": []}
    body = json.dumps({"topics": ["suicide", "grief", "suicide"]})
    saved = client.put(url, body, content_type="application/json")
    assert saved.status_code == 200
    assert saved.json() == {"topics": ["suicide", "grief"]}
    assert client.get(url).json() == {"topics": ["suicide", "grief"]}
    posts = client.get(f"/api/conversations/groups/{group.slug}/threads/{thread.pk}").json()
    # muted_topic names only the author's own warning, never what screening found
    assert [(p["muted"], p["muted_topic"]) for p in posts["posts"]] == [
        (True, "Suicide"),
        (True, ""),
    ]
    empty = client.put(url, json.dumps({"topics": []}), content_type="application/json")
    assert empty.json() == {"topics": []}


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"topics": ["other"]}, 422, "topic"),
        ({"topics": ["grief", "x" * 10_000]}, 422, "topic"),
        ({"topics": "suicide"}, 422, "topics"),
        ({"topics": [1]}, 422, "topics.0"),
        ({}, 422, "topics"),
        ("x" * 10_000, 400, None),
    ],
)
def test_api_muted_topics_bad_input(make_member, body, status, field):
    user = make_member()
    reader_actions.mute_topic(user=user, topic="grief")
    response = _api(user).put(
        "/api/conversations/muted-topics", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == status
    assert response.json()["message"]
    assert field is None or field in response.json()["fields"]
    assert list(MutedTopic.objects.values_list("topic", flat=True)) == ["grief"]


def test_api_muted_topics_needs_a_token():
    assert Client().get("/api/conversations/muted-topics").status_code == 401


def test_export_lists_muted_topics(make_member):
    user = make_member()
    reader_actions.mute_topic(user=user, topic="suicide")
    reader_actions.mute_topic(user=user, topic="abuse")
    assert export_conversations(user)["muted_topics"] == ["abuse", "suicide"]
