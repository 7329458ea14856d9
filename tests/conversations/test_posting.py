"""Posting through the pages: who may, the publish path, crisis help, quotes, mentions, edits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from halqa.conversations import actions
from halqa.conversations.models import Post, PostRevision, Thread
from halqa.groups.enums import Visibility
from halqa.notifications.models import Notification

IDEATION = "ياريت أنام وما أصحى، تعبت من كل شي"


def _url(thread, suffix=""):
    return f"/groups/{thread.group.slug}/threads/{thread.pk}/{suffix}"


def test_new_thread_page_stores_screening_and_redirects(make_group, make_members, client_for):
    group = make_group()
    [author] = make_members(group)
    response = client_for(author).post(
        f"/groups/{group.slug}/threads/new/",
        {"title": "Sleep", "body": "Thank you all, today was a bit better.", "token": "t1"},
    )
    thread = Thread.objects.get(group=group)
    assert response.status_code == 302
    assert response["Location"] == f"/groups/{group.slug}/threads/{thread.pk}/"
    post = thread.posts.get()
    assert post.screening["model_version"]
    assert post.screening["crisis"] == "none"


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_new_thread_refused_to_non_members(make_group, make_member, client_for, who):
    group = make_group()
    client = client_for(make_member() if who == "outsider" else None)
    response = client.post(f"/groups/{group.slug}/threads/new/", {"title": "t", "body": "b"})
    assert response.status_code in (302, 403)
    assert not Thread.objects.exists()


def test_reply_refused_to_non_member(make_group, make_thread, make_member, client_for):
    thread = make_thread(make_group())
    response = client_for(make_member()).post(_url(thread, "reply/"), {"body": "hello"})
    assert response.status_code == 403
    assert thread.posts.count() == 1


def test_private_group_threads_hidden_from_outsiders(
    make_group, make_thread, make_member, client_for
):
    thread = make_thread(make_group(visibility=Visibility.PRIVATE))
    outsider = client_for(make_member())
    assert outsider.get(f"/groups/{thread.group.slug}/threads/").status_code == 200
    assert (
        thread.title not in outsider.get(f"/groups/{thread.group.slug}/threads/").content.decode()
    )
    assert outsider.get(_url(thread)).status_code == 404
    assert outsider.get(_url(thread, f"post/{thread.posts.get().pk}/")).status_code == 404


@pytest.mark.parametrize(("body", "shown"), [(IDEATION, True), ("Thanks, a calmer day.", False)])
def test_crisis_card_shown_to_author_after_posting(
    make_group, make_thread, make_members, client_for, body, shown
):
    thread = make_thread(make_group())
    [author] = make_members(thread.group, country="EG")
    client = client_for(author)
    response = client.post(_url(thread, "reply/"), {"body": body}, follow=True)
    html = response.content.decode()
    assert ('class="card crisis-card"' in html) is shown
    assert ('href="/crisis/"' in html) or not shown
    post = Post.objects.get(thread=thread, author=author)
    assert post.body == body  # published, never blocked
    # The card shows once, right after posting.
    assert 'class="card crisis-card"' not in client.get(_url(thread)).content.decode()


def test_crisis_card_not_shown_to_other_readers(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    author, reader = make_members(thread.group, 2)
    client_for(author).post(_url(thread, "reply/"), {"body": IDEATION})
    html = client_for(reader).get(_url(thread)).content.decode()
    assert "crisis-card" not in html


def test_reply_notifies_thread_author_without_content(
    make_group, make_thread, make_members, client_for
):
    thread = make_thread(make_group())
    [replier] = make_members(thread.group)
    client_for(replier).post(_url(thread, "reply/"), {"body": "Sending you strength"})
    [notice] = Notification.objects.filter(recipient=thread.author, kind="reply")
    post = Post.objects.get(author=replier)
    assert notice.url == _url(thread, f"post/{post.pk}/")
    assert "strength" not in notice.url


def test_quote_reply_shows_author_and_excerpt(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    [replier] = make_members(thread.group)
    opening = thread.posts.get()
    client = client_for(replier)
    form = client.get(_url(thread) + f"?quote={opening.pk}").content.decode()
    assert f'name="quote" value="{opening.pk}"' in form
    client.post(_url(thread, "reply/"), {"body": "Same here", "quote": opening.pk})
    reply = Post.objects.get(author=replier)
    assert reply.quote_of == opening
    html = client.get(_url(thread)).content.decode()
    assert f"{thread.author.pseudonym} wrote:" in html
    assert "Line one Line two" in html


def test_quote_of_deleted_post_shows_removed(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group(), replies=1)
    [replier] = make_members(thread.group)
    quoted = thread.posts.get(is_opening=False)
    actions.reply(author=replier, thread=thread, body="Yes", quote_of=quoted)
    actions.delete_post(user=quoted.author, post=quoted)
    html = client_for(replier).get(_url(thread)).content.decode()
    assert "Message removed." in html
    assert "Reply 0" not in html


def test_mention_notifies_members_only(
    make_group, make_thread, make_members, make_member, client_for
):
    thread = make_thread(make_group())
    writer, friend = make_members(thread.group, 2)
    stranger = make_member()
    body = f"Thank you @{friend.pseudonym.upper()} and @{stranger.pseudonym}"
    client_for(writer).post(_url(thread, "reply/"), {"body": body})
    assert Notification.objects.filter(recipient=friend, kind="mention").count() == 1
    assert not Notification.objects.filter(recipient=stranger).exists()
    html = client_for(writer).get(_url(thread)).content.decode()
    assert f'<strong class="mention">@{friend.pseudonym.upper()}</strong>' in html
    assert f'<strong class="mention">@{stranger.pseudonym}' not in html


def test_edit_inside_window_keeps_history_for_moderators(make_group, make_thread, client_for):
    thread = make_thread(make_group())
    post = thread.posts.get()
    client = client_for(thread.author)
    response = client.post(_url(thread, f"post/{post.pk}/edit/"), {"body": "Better words"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.body, post.edited_at is not None) == ("Better words", True)
    [revision] = PostRevision.objects.filter(post=post)
    assert revision.body == "Line one\nLine two"
    html = client.get(_url(thread)).content.decode()
    assert "edited" in html
    assert "Line one" not in html


def test_edit_outside_window_is_refused(make_group, make_thread, client_for, settings):
    settings.EDIT_WINDOW_MINUTES = 30
    thread = make_thread(make_group())
    post = thread.posts.get()
    Post.objects.filter(pk=post.pk).update(created_at=post.created_at - timedelta(minutes=31))
    client = client_for(thread.author)
    assert client.get(_url(thread, f"post/{post.pk}/edit/")).status_code == 400
    response = client.post(_url(thread, f"post/{post.pk}/edit/"), {"body": "New"})
    assert response.status_code == 400
    assert "The time to edit this message has passed." in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Line one\nLine two"
    assert not PostRevision.objects.exists()


def test_edit_rescreens_text(make_group, make_thread):
    thread = make_thread(make_group())
    post = actions.edit_post(editor=thread.author, post=thread.posts.get(), body=IDEATION)
    assert post.needs_crisis_help


def test_edit_others_post_is_forbidden(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    [other] = make_members(thread.group)
    post = thread.posts.get()
    client = client_for(other)
    assert client.get(_url(thread, f"post/{post.pk}/edit/")).status_code == 403
    assert client.post(_url(thread, f"post/{post.pk}/edit/"), {"body": "x"}).status_code == 403
    assert client.post(_url(thread, f"post/{post.pk}/delete/")).status_code == 403
    post.refresh_from_db()
    assert post.body == "Line one\nLine two"


def test_delete_own_opening_post_keeps_thread_and_replies(make_group, make_thread, client_for):
    thread = make_thread(make_group(), replies=2)
    opening = thread.posts.get(is_opening=True)
    client = client_for(thread.author)
    assert client.get(_url(thread, f"post/{opening.pk}/delete/")).status_code == 200
    client.post(_url(thread, f"post/{opening.pk}/delete/"))
    opening.refresh_from_db()
    assert (opening.body, opening.is_deleted) == ("", True)
    html = client.get(_url(thread)).content.decode()
    assert "Message removed by its author." in html
    assert "Reply 1" in html
    # Deleting twice is harmless.
    assert client.post(_url(thread, f"post/{opening.pk}/delete/")).status_code == 302


def test_double_submit_stores_one_reply(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    [replier] = make_members(thread.group)
    client = client_for(replier)
    for _ in range(2):
        client.post(_url(thread, "reply/"), {"body": "Once", "token": "same-token"})
    assert Post.objects.filter(author=replier).count() == 1
    thread.refresh_from_db()
    assert thread.reply_count == 1


@pytest.mark.parametrize(
    ("body", "language", "message"),
    [
        ("", "en", "Please write something before sending."),
        ("\x07  \x1b", "en", "Please write something before sending."),
        ("a\x00b", "en", "Null characters are not allowed."),
        ("", "ar", "يرجى كتابة شيء قبل الإرسال."),
        ("x" * 20_000, "en", "This message is too long"),
        ("x" * 20_000, "ar", "هذه الرسالة طويلة جداً"),
    ],
)
def test_reply_bad_input_is_a_clear_error(
    make_group, make_thread, make_members, client_for, body, language, message
):
    thread = make_thread(make_group())
    [replier] = make_members(thread.group)
    response = client_for(replier, language=language).post(_url(thread, "reply/"), {"body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Post.objects.filter(author=replier).exists()


def test_reply_strips_control_characters(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    [replier] = make_members(thread.group)
    client_for(replier).post(_url(thread, "reply/"), {"body": "hel\x07lo\x1b"})
    assert Post.objects.get(author=replier).body == "hello"


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"title": "", "body": "b"}, "Please write something before sending."),
        ({"title": "t" * 141, "body": "b"}, "Please keep the title under 140 characters."),
        ({"title": "t", "body": "b", "warning": "other"}, "Describe the content warning"),
        ({"title": "t", "body": "b", "warning": "nonsense"}, "Select a valid choice"),
    ],
)
def test_new_thread_bad_input(make_group, make_members, client_for, data, field_error):
    group = make_group()
    [author] = make_members(group)
    response = client_for(author).post(f"/groups/{group.slug}/threads/new/", data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("warning", "text", "label"), [("grief", "", "Grief"), ("other", "war news", "war news")]
)
def test_content_warning_collapses_message(
    make_group, make_members, client_for, warning, text, label
):
    group = make_group()
    author, reader = make_members(group, 2)
    thread = actions.start_thread(
        author=author, group=group, title="t", body="Hard day", warning=warning, warning_text=text
    )
    html = client_for(reader).get(_url(thread)).content.decode()
    assert f"<summary>Content warning: {label}. Open to read.</summary>" in html
    assert html.index("<details") < html.index("Hard day")


def test_racing_double_submit_returns_the_first_reply(make_group, make_thread, monkeypatch):
    thread = make_thread(make_group())
    first = actions.reply(author=thread.author, thread=thread, body="Once", token="race")
    real = actions._already_sent
    calls = iter([None])  # the racing request did not see the first one yet
    monkeypatch.setattr(actions, "_already_sent", lambda *a: next(calls, real(*a)))
    again = actions.reply(author=thread.author, thread=thread, body="Once", token="race")
    assert again == first
    assert Post.objects.filter(client_token="race").count() == 1


def test_backdated_posts_notify_nobody(make_group, make_thread, make_members):
    thread = make_thread(make_group())
    [other] = make_members(thread.group)
    earlier = thread.created_at
    actions.reply(author=other, thread=thread, body=f"@{thread.author.pseudonym} hi", at=earlier)
    assert not Notification.objects.exists()
