"""Reactions, muted words and unread markers: what each reader sees."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from halqa.conversations import actions, reader_actions
from halqa.conversations.models import MutedWord, Reaction
from halqa.conversations.muting import muted_in
from halqa.notifications.models import Notification
from halqa.screening.normalise import fold


def _url(thread, suffix=""):
    return f"/groups/{thread.group.slug}/threads/{thread.pk}/{suffix}"


# ---- reactions --------------------------------------------------------------------------------


def test_reaction_toggles_by_form_post(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    post = thread.posts.get()
    [reader] = make_members(thread.group)
    client = client_for(reader)
    response = client.post(_url(thread, f"post/{post.pk}/react/"), {"kind": "hug"})
    assert response.status_code == 302
    assert Reaction.objects.filter(post=post, user=reader, kind="hug").exists()
    client.post(_url(thread, f"post/{post.pk}/react/"), {"kind": "hug"})
    assert not Reaction.objects.exists()


def test_reaction_with_htmx_returns_the_reactions_only(
    make_group, make_thread, make_members, client_for
):
    thread = make_thread(make_group())
    post = thread.posts.get()
    [reader] = make_members(thread.group)
    response = client_for(reader).post(
        _url(thread, f"post/{post.pk}/react/"), {"kind": "me_too"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div class="reactions" id="reactions-{post.pk}">')
    assert 'Me too <span class="count">1</span>' in html
    assert "you (only counted)" in html


def test_reactions_never_show_who_unless_public(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    post = thread.posts.get()
    shy, open_, reader = make_members(thread.group, 3)
    reader_actions.add_reaction(user=shy, post=post, kind="strength")
    reader_actions.add_reaction(user=open_, post=post, kind="strength", public=True)
    html = client_for(reader).get(_url(thread)).content.decode()
    assert 'Sending strength <span class="count">2</span>' in html
    assert open_.pseudonym in html
    assert shy.pseudonym not in html


def test_reaction_notifies_author_once_a_day(make_group, make_thread, make_members):
    thread = make_thread(make_group())
    post = thread.posts.get()
    [reader] = make_members(thread.group)
    for kind in ("hug", "thanks"):
        reader_actions.toggle_reaction(user=reader, post=post, kind=kind)
        reader_actions.toggle_reaction(user=reader, post=post, kind=kind)
        reader_actions.toggle_reaction(user=reader, post=post, kind=kind)
    assert Notification.objects.filter(recipient=thread.author, kind="reaction").count() == 1


def test_reaction_refuses_unknown_kind_and_non_members(
    make_group, make_thread, make_member, client_for
):
    thread = make_thread(make_group())
    post = thread.posts.get()
    with pytest.raises(ValidationError):
        reader_actions.add_reaction(user=thread.author, post=post, kind="downvote")
    response = client_for(make_member()).post(
        _url(thread, f"post/{post.pk}/react/"), {"kind": "hug"}
    )
    assert response.status_code == 403
    assert not Reaction.objects.exists()


# ---- muted words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "text", "hidden"),
    [
        ("الانتحار", "أفكر في الانتحار أحياناً", True),
        ("الانتحار", "والإنتحار ليس حلاً", True),
        ("الانتحار", "كلام عن الانتحار", True),
        ("انتحار", "للانتحار أسباب", True),
        ("موت", "بالموت", True),
        ("موت", "فموتها", False),
        ("مرض", "مرضى كثيرون", False),
        ("cut", "I CUT myself", True),
        ("cut", "so cute", False),
        ("self harm", "talking about self-harm", True),
        ("Self-Harm", "self harm again", True),
    ],
)
def test_muted_in_whole_words_with_clitics(word, text, hidden):
    assert (muted_in(text, [fold(word)]) is not None) is hidden


def test_muted_word_collapses_with_placeholder(make_group, make_members, client_for):
    group = make_group()
    author, reader = make_members(group, 2)
    thread = actions.start_thread(author=author, group=group, title="t", body="أفكر في الانتحار")
    reader_actions.mute_word(user=reader, word="انتحار")
    html = client_for(reader).get(_url(thread)).content.decode()
    assert "<summary>Hidden by your muted words and topics. Open to read.</summary>" in html
    assert html.index("<details") < html.index("أفكر في الانتحار")
    assert 'class="collapsed"' not in client_for(author).get(_url(thread)).content.decode()


def test_muted_words_page_adds_and_removes(make_group, make_member, client_for):
    group = make_group()
    user = make_member()
    client = client_for(user)
    url = f"/groups/{group.slug}/threads/muted-words/"
    assert client.post(url, {"word": "  Grief  "}).status_code == 302
    assert client.post(url, {"word": "grief"}).status_code == 302
    [word] = MutedWord.objects.filter(user=user)
    assert (word.word, word.folded) == ("Grief", "grief")
    assert "Grief" in client.get(url).content.decode()
    client.post(f"{url}{word.pk}/remove/")
    assert not MutedWord.objects.exists()


@pytest.mark.parametrize(
    ("word", "message"),
    [("", "Please write something before sending."), ("w" * 41, "under 40 characters")],
)
def test_muted_words_page_bad_input(make_group, make_member, client_for, word, message):
    group = make_group()
    response = client_for(make_member()).post(
        f"/groups/{group.slug}/threads/muted-words/", {"word": word}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MutedWord.objects.exists()


def test_muted_words_are_private(make_group, make_member, client_for):
    group = make_group()
    owner, other = make_member(), make_member()
    word = reader_actions.mute_word(user=owner, word="secret")
    client_for(other).post(f"/groups/{group.slug}/threads/muted-words/{word.pk}/remove/")
    assert MutedWord.objects.filter(pk=word.pk).exists()
    assert (
        "secret"
        not in client_for(other).get(f"/groups/{group.slug}/threads/muted-words/").content.decode()
    )


# ---- unread markers ---------------------------------------------------------------------------


def test_thread_list_shows_new_and_unread_counts(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group())
    [reader] = make_members(thread.group)
    client = client_for(reader)
    listing = f"/groups/{thread.group.slug}/threads/"
    assert '<span class="badge new">new</span>' in client.get(listing).content.decode()
    client.get(_url(thread))
    assert 'class="badge new"' not in client.get(listing).content.decode()
    for number in range(3):
        actions.reply(author=thread.author, thread=thread, body=f"More {number}")
    html = client.get(listing).content.decode()
    assert '<span class="badge new">3 unread</span>' in html
    assert _url(thread, "unread/") in html


def test_unread_link_jumps_to_first_unread(make_group, make_thread, make_members, client_for):
    thread = make_thread(make_group(), replies=22)
    [reader] = make_members(thread.group)
    client = client_for(reader)
    client.get(_url(thread))  # reads page 1 (20 posts)
    first_new = thread.posts.order_by("id")[20]
    response = client.get(_url(thread, "unread/"))
    assert response["Location"] == _url(thread) + f"?page=2#post-{first_new.pk}"
    html = client.get(_url(thread) + "?page=2").content.decode()
    assert html.index('id="first-unread"') < html.index(f'id="post-{first_new.pk}"')
    # Now read: no marker again.
    assert 'id="first-unread"' not in client.get(_url(thread) + "?page=2").content.decode()


def test_thread_list_query_count(
    make_group, make_thread, member, client_for, django_assert_num_queries
):
    group = make_group()
    for _ in range(5):
        make_thread(group, replies=2)
    client = client_for(member)
    # session, user, group, thread count, threads with authors and unread counts, muted words,
    # the header's unread notifications
    # +1: the header's link to the moderation queue asks whether the reader moderates a group.
    with django_assert_num_queries(8):
        response = client.get(f"/groups/{group.slug}/threads/")
    assert len(response.context["threads"]) == 5


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e3"])
def test_thread_list_bad_page_is_not_an_error(make_group, make_thread, client_for, page):
    group = make_group()
    make_thread(group)
    assert client_for().get(f"/groups/{group.slug}/threads/?page={page}").status_code == 200


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_pages_render_in_both_directions(make_group, make_thread, client_for, language, direction):
    thread = make_thread(make_group(), replies=1)
    client = client_for(thread.author, language=language)
    for url in (
        f"/groups/{thread.group.slug}/threads/",
        f"/groups/{thread.group.slug}/threads/new/",
        f"/groups/{thread.group.slug}/threads/muted-words/",
        _url(thread),
        _url(thread, f"post/{thread.posts.first().pk}/edit/"),
        _url(thread, f"post/{thread.posts.first().pk}/delete/"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_muted_word_in_a_title_is_folded_away(make_group, make_members, client_for):
    group = make_group()
    author, reader = make_members(group, 2)
    reader_actions.mute_word(user=reader, word="grief")
    thread = actions.start_thread(author=author, group=group, title="Grief at night", body="Hard")
    summary = "<summary>Hidden title: contains a word you muted. Open to read.</summary>"
    listing = client_for(reader).get(f"/groups/{group.slug}/threads/").content.decode()
    assert summary in listing
    page = client_for(reader).get(_url(thread)).content.decode()
    assert summary in page
    assert "<h1>A conversation</h1>" in page
    assert summary not in client_for(author).get(_url(thread)).content.decode()


@pytest.mark.parametrize("kind", ["", "downvote", "x" * 5000])
def test_reaction_form_bad_kind_is_a_clear_error(make_group, make_thread, client_for, kind):
    thread = make_thread(make_group())
    post = thread.posts.get()
    response = client_for(thread.author).post(
        _url(thread, f"post/{post.pk}/react/"), {"kind": kind}
    )
    assert response.status_code == 400
    assert "Please choose one of the reactions." in response.content.decode()
    assert not Reaction.objects.exists()
