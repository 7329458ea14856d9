"""Journal pages: write, list, read, edit and delete, only ever for the author."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from halqa.accounts.models import User
from halqa.journal import actions
from halqa.journal.enums import Prompt
from halqa.journal.models import Entry

pytestmark = pytest.mark.django_db


def test_new_entry_page_offers_a_prompt(english: Client) -> None:
    page = english.get("/journal/new/").content.decode()
    assert "A question to reflect on" in page
    assert "selected>" in page  # one prompt chosen at random
    chosen = english.get("/journal/new/?prompt=gratitude").content.decode()
    assert '<option value="gratitude" selected>' in chosen


def test_write_entry_and_see_it_listed_with_prompt(english: Client, member: User) -> None:
    response = english.post(
        "/journal/new/",
        {"title": "A walk", "body": "The walk by the river helped.", "prompt": "helped"},
    )
    entry = Entry.objects.get(author=member)
    assert response["Location"] == f"/journal/{entry.pk}/"
    listing = english.get("/journal/").content.decode()
    assert "A walk" in listing
    assert "The walk by the river helped." in listing
    assert str(Prompt.HELPED.label) in listing
    assert "no-store" in english.get("/journal/")["Cache-Control"]


def test_empty_entry_is_refused_and_the_title_kept(english: Client, member: User) -> None:
    response = english.post("/journal/new/", {"title": "Kept title", "body": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write something before saving." in page
    assert 'value="Kept title"' in page
    assert not Entry.objects.filter(author=member).exists()


def test_unknown_prompt_is_a_form_error_not_a_500(english: Client) -> None:
    response = english.post("/journal/new/", {"body": "text", "prompt": "nope"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_arabic_page_is_translated(client_for: Callable[..., Client], member: User) -> None:
    page = client_for(member, "ar").get("/journal/").content.decode()
    assert 'dir="rtl"' in page
    assert "يومياتي" in page


def test_edit_and_delete_with_confirmation(english: Client, member: User) -> None:
    entry = actions.create_entry(author=member, body="first words")
    page = english.get(f"/journal/{entry.pk}/edit/").content.decode()
    assert "first words" in page
    english.post(f"/journal/{entry.pk}/edit/", {"body": "second words", "title": ""})
    entry.refresh_from_db()
    assert entry.opened()["body"] == "second words"
    assert entry.edited_at is not None
    confirm = english.get(f"/journal/{entry.pk}/delete/")
    assert "cannot be recovered" in confirm.content.decode()
    assert Entry.objects.filter(pk=entry.pk).exists()
    english.post(f"/journal/{entry.pk}/delete/")
    assert not Entry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(("suffix", "on_post"), [("", 405), ("edit/", 404), ("delete/", 404)])
def test_another_members_entry_is_not_found(
    make_member: Callable[..., User], client_for: Callable[..., Client], suffix: str, on_post: int
) -> None:
    owner, other = make_member(), make_member()
    entry = actions.create_entry(author=owner, body="only mine")
    client = client_for(other)
    assert client.get(f"/journal/{entry.pk}/{suffix}").status_code == 404
    assert client.post(f"/journal/{entry.pk}/{suffix}", {"body": "x"}).status_code == on_post
    assert "only mine" not in client.get("/journal/").content.decode()
    assert Entry.objects.get(pk=entry.pk).opened()["body"] == "only mine"


def test_pages_need_login(client: Client) -> None:
    for path in ("/journal/", "/journal/new/", "/journal/safety-plan/"):
        assert client.get(path)["Location"].startswith("/accounts/login/")


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        client.get(path)
    return len(context.captured_queries)


def test_list_is_newest_first_paginated_in_fixed_queries(english: Client, member: User) -> None:
    actions.create_entry(author=member, title="entry first", body="words")
    one = _queries(english, "/journal/")
    for number in range(24):
        actions.create_entry(author=member, title=f"entry {number:02d}", body="words")
    # The base page's own queries (session, badge...) plus a count and one page, whatever the size.
    assert _queries(english, "/journal/") == one
    page = english.get("/journal/").content.decode()
    assert page.index("entry 23") < page.index("entry 04")
    assert "entry 03" not in page
    assert "entry first" in english.get("/journal/?page=2").content.decode()


def test_entry_with_a_lost_key_says_so_instead_of_failing(
    english: Client, member: User, keys: Callable[..., None]
) -> None:
    from cryptography.fernet import Fernet

    entry = actions.create_entry(author=member, body="secret")
    keys(Fernet.generate_key().decode())
    assert "cannot be opened" in english.get("/journal/").content.decode()
    assert "cannot be opened" in english.get(f"/journal/{entry.pk}/").content.decode()


def test_an_empty_post_shows_the_error(english: Client, member: User) -> None:
    response = english.post("/journal/new/", {})
    assert "Write something before saving." in response.content.decode()
    assert not Entry.objects.exists()
