"""The conversations API: the same actions, permissions and errors as the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from halqa.accounts.tokens import issue_token
from halqa.conversations.models import MutedWord, Post, Reaction, Thread
from halqa.groups.enums import Visibility
from halqa.notifications.models import Notification

IDEATION = "ياريت أنام وما أصحى، تعبت من كل شي"


def api(user: Any = None, language: str = "en") -> Client:
    headers = {"Accept-Language": language}
    if user is not None:
        headers["Authorization"] = f"Bearer {issue_token(user=user, name='test')}"
    return Client(headers=headers)


def send(client: Client, method: str, url: str, data: Any = None) -> Any:
    call = getattr(client, method)
    if data is None:
        return call(url)
    return call(url, json.dumps(data), content_type="application/json")


def _base(thread: Thread) -> str:
    return f"/api/conversations/groups/{thread.group.slug}/threads/{thread.pk}"


def test_api_create_thread_and_list(make_group, make_members):
    group = make_group()
    [author] = make_members(group)
    client = api(author)
    url = f"/api/conversations/groups/{group.slug}/threads"
    data = {"title": "Sleep", "body": "**Hello** all", "client_id": "c1"}
    response = send(client, "post", url, data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["thread"]["title"] == "Sleep"
    assert body["posts"][0]["body_html"] == "<p><strong>Hello</strong> all</p>\n"
    assert body["posts"][0]["crisis_help"] is None
    assert send(client, "post", url, data).status_code == 201  # same client_id: stored once
    assert Thread.objects.count() == 1
    assert Post.objects.get().screening["model_version"]
    listing = send(client, "get", url).json()
    assert [t["title"] for t in listing["items"]] == ["Sleep"]


def test_api_reply_gives_crisis_help_to_author(make_group, make_thread, make_members):
    thread = make_thread(make_group())
    [author] = make_members(thread.group, country="EG")
    response = send(api(author), "post", _base(thread) + "/posts", {"body": IDEATION})
    assert response.status_code == 201
    help_ = response.json()["crisis_help"]
    assert help_["url"] == "/crisis/"
    assert Post.objects.filter(author=author).exists()
    assert Notification.objects.filter(recipient=thread.author, kind="reply").exists()


PHONE_AR = "رقمي ٠٧٩١٢٣٤٥٦٧"


def test_api_personal_data_answer_carries_the_crisis_card(make_group, make_thread, make_members):
    """The 422 personal_data answer has the same crisis_help object as a stored post (not a
    bool): help is due now, whatever the author decides about the details."""
    thread = make_thread(make_group())
    [author] = make_members(thread.group, country="EG")
    client = api(author)
    asked = send(client, "post", _base(thread) + "/posts", {"body": f"{IDEATION} {PHONE_AR}"})
    assert asked.status_code == 422, asked.content
    body = asked.json()
    assert body["code"] == "personal_data"
    assert body["resend_with"] == {"confirm_personal_data": True}
    assert body["body"][body["spans"][0]["start"] : body["spans"][0]["end"]] == "٠٧٩١٢٣٤٥٦٧"
    assert not Post.objects.filter(author=author).exists()  # nothing stored until they decide
    again = {"body": f"{IDEATION} {PHONE_AR}", "confirm_personal_data": True}
    stored = send(client, "post", _base(thread) + "/posts", again)
    assert stored.status_code == 201, stored.content
    assert body["crisis_help"] == stored.json()["crisis_help"]
    assert body["crisis_help"]["url"] == "/crisis/"


def test_api_personal_data_answer_without_crisis_has_null_help(
    make_group, make_thread, make_members
):
    thread = make_thread(make_group())
    [author] = make_members(thread.group, country="EG")
    asked = send(api(author), "post", _base(thread) + "/posts", {"body": PHONE_AR})
    assert asked.status_code == 422
    assert asked.json()["crisis_help"] is None


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "empty"), ("x" * 20_000, "too_long"), ("\x00\x01", "empty")],
)
def test_api_reply_bad_input(make_group, make_thread, make_members, body, code):
    thread = make_thread(make_group())
    [author] = make_members(thread.group)
    response = send(api(author), "post", _base(thread) + "/posts", {"body": body})
    assert response.status_code == 422
    assert response.json()["fields"]["body"]
    assert not Post.objects.filter(author=author).exists()


def test_api_reply_error_in_arabic(make_group, make_thread, make_members):
    thread = make_thread(make_group())
    [author] = make_members(thread.group)
    response = send(api(author, "ar"), "post", _base(thread) + "/posts", {"body": " "})
    assert response.json()["fields"]["body"] == ["يرجى كتابة شيء قبل الإرسال."]


def test_api_non_member_cannot_post(make_group, make_thread, make_member):
    thread = make_thread(make_group())
    response = send(api(make_member()), "post", _base(thread) + "/posts", {"body": "hi"})
    assert response.status_code == 403
    assert send(api(), "post", _base(thread) + "/posts", {"body": "hi"}).status_code == 401


def test_api_private_group_hidden_from_outsiders(make_group, make_thread, make_member):
    thread = make_thread(make_group(visibility=Visibility.PRIVATE))
    outsider = api(make_member())
    assert send(outsider, "get", _base(thread)).status_code == 404
    listing = f"/api/conversations/groups/{thread.group.slug}/threads"
    assert send(outsider, "get", listing).status_code == 404
    assert send(api(), "get", listing).status_code == 404
    assert send(api(thread.author), "get", _base(thread)).status_code == 200


def test_api_thread_detail_pages_and_marks_read(make_group, make_thread, make_members):
    thread = make_thread(make_group(), replies=25)
    [reader] = make_members(thread.group)
    client = api(reader)
    listing = f"/api/conversations/groups/{thread.group.slug}/threads"
    assert send(client, "get", listing).json()["items"][0]["new"] is True
    first = send(client, "get", _base(thread) + "?page=abc").json()
    assert (first["page"], first["pages"], len(first["posts"])) == (1, 2, 20)
    assert all(post["unread"] for post in first["posts"])
    last = send(client, "get", _base(thread) + "?page=99").json()
    assert (last["page"], len(last["posts"])) == (2, 6)
    item = send(client, "get", listing).json()["items"][0]
    assert (item["new"], item["unread"]) == (False, 0)


def test_api_edit_and_delete_own_only(make_group, make_thread, make_members):
    thread = make_thread(make_group())
    [other] = make_members(thread.group)
    post = thread.posts.get()
    url = f"{_base(thread)}/posts/{post.pk}"
    assert send(api(other), "patch", url, {"body": "x"}).status_code == 403
    assert send(api(other), "delete", url).status_code == 403
    edited = send(api(thread.author), "patch", url, {"body": "New words"})
    assert (edited.status_code, edited.json()["edited"]) == (200, True)
    assert send(api(thread.author), "delete", url).status_code == 204
    shown = send(api(other), "get", _base(thread)).json()["posts"][0]
    assert (shown["removed"], shown["body"], shown["body_html"]) == (True, "", "")


def test_api_reactions_privacy(make_group, make_thread, make_members):
    thread = make_thread(make_group())
    shy, public = make_members(thread.group, 2)
    post = thread.posts.get()
    url = f"{_base(thread)}/posts/{post.pk}/reactions"
    send(api(shy), "put", url + "/hug", {})
    mine = send(api(public), "put", url + "/hug", {"public": True}).json()
    hug = next(r for r in mine if r["kind"] == "hug")
    assert (hug["count"], hug["mine"], hug["names"]) == (2, True, [public.pseudonym])
    assert send(api(shy), "put", url + "/downvote", {}).status_code == 422
    after = send(api(shy), "delete", url + "/hug").json()
    assert next(r for r in after if r["kind"] == "hug")["count"] == 1
    assert Reaction.objects.count() == 1


def test_api_react_without_a_body(make_group, make_thread, make_members):
    """The kind is in the path: a bare PUT (no body, no Content-Type) reacts, only counted."""
    thread = make_thread(make_group())
    [member] = make_members(thread.group)
    post = thread.posts.get()
    url = f"{_base(thread)}/posts/{post.pk}/reactions/thanks"
    bare = api(member).put(url)
    assert bare.status_code == 200, bare.content
    thanks = next(r for r in bare.json() if r["kind"] == "thanks")
    assert (thanks["count"], thanks["mine"], thanks["names"]) == (1, True, [])
    shown = send(api(member), "put", url, {"public": True}).json()
    assert next(r for r in shown if r["kind"] == "thanks")["names"] == [member.pseudonym]
    again = api(member).put(url, "", content_type="application/json")  # empty, typed: the same
    assert next(r for r in again.json() if r["kind"] == "thanks")["names"] == []
    assert Reaction.objects.count() == 1
    wrong = send(api(member), "put", url, {"public": "yes"})
    assert wrong.status_code == 422
    assert list(wrong.json()["fields"]) == ["public"]
    assert api(member).put(url, "not json", content_type="application/json").status_code == 400


def test_api_muted_words(make_member):
    user = make_member()
    client = api(user)
    created = send(client, "post", "/api/conversations/muted-words", {"word": "Grief"})
    assert created.status_code == 201
    assert send(client, "get", "/api/conversations/muted-words").json() == [
        {"id": created.json()["id"], "word": "Grief"}
    ]
    bad = send(client, "post", "/api/conversations/muted-words", {"word": "x" * 100})
    assert bad.status_code == 422
    deleted = send(client, "delete", f"/api/conversations/muted-words/{created.json()['id']}")
    assert deleted.status_code == 204
    assert not MutedWord.objects.exists()


def test_api_nul_in_client_id_is_a_field_error_not_a_500(make_group, make_thread, make_members):
    """PostgreSQL refuses NUL in text: the API's parser names the field, nothing is stored."""
    thread = make_thread(make_group())
    [author] = make_members(thread.group)
    client = api(author)
    url = f"/api/conversations/groups/{thread.group.slug}/threads"
    refused = send(client, "post", url, {"title": "Sleep", "body": "Hello", "client_id": "c\x001"})
    assert refused.status_code == 422
    assert set(refused.json()["fields"]) == {"client_id"}
    reply = send(client, "post", _base(thread) + "/posts", {"body": "Me\x00 too", "client_id": "r"})
    assert reply.status_code == 422
    assert set(reply.json()["fields"]) == {"body"}
    assert not Thread.objects.filter(author=author).exists()
    assert not Post.objects.filter(author=author).exists()
