"""The group directory, the group page's thread list, and the home page."""

from __future__ import annotations

import pytest
from django.test import Client

from halqa.conversations.actions import reply, start_thread
from halqa.groups.actions import add_member
from halqa.groups.enums import GroupLanguage, Topic, Visibility
from halqa.groups.queries import directory, featured_groups


def test_directory_lists_public_and_private_but_not_hidden(make_group, member):
    public = make_group(name="Public")
    private = make_group(name="Private", visibility=Visibility.PRIVATE)
    make_group(name="Hidden", visibility=Visibility.HIDDEN)
    assert directory(member) == [private, public]


def test_directory_lists_hidden_group_to_its_members(make_group, member):
    hidden = make_group(visibility=Visibility.HIDDEN, members=(member,))
    assert directory(member) == [hidden]
    assert directory(None) == []


def test_directory_filters_by_topic(make_group, member):
    grief = make_group(topic=Topic.GRIEF)
    make_group(topic=Topic.ANXIETY)
    assert directory(member, topic=Topic.GRIEF) == [grief]


def test_directory_language_filter_includes_bilingual_groups(make_group, member):
    arabic = make_group(name="A", language=GroupLanguage.ARABIC)
    both = make_group(name="B", language=GroupLanguage.BOTH)
    make_group(name="C", language=GroupLanguage.ENGLISH)
    assert directory(member, language="ar") == [arabic, both]


def test_directory_ignores_unknown_filters(make_group, member):
    group = make_group()
    assert directory(member, topic="<script>", language="xx") == [group]


def test_member_count_excludes_members_on_break(make_group, make_member):
    make_group(members=(make_member(), make_member(), make_member(on_break=True)))
    [listed] = directory(None)
    assert listed.member_count == 2


def test_member_count_does_not_multiply_with_other_joins(make_group, make_member, member):
    people = (member, make_member(), make_member())
    group = make_group(members=people)
    [listed] = directory(member)
    assert (listed.member_count, listed.is_member) == (3, True)
    assert group.pk == listed.pk


def test_featured_groups_put_members_groups_first(make_group, make_member, member):
    crowded = make_group(name="Crowded", members=(make_member(), make_member()))
    mine = make_group(name="Mine", visibility=Visibility.PRIVATE, members=(member,))
    make_group(name="Secret", visibility=Visibility.HIDDEN)
    assert featured_groups(member) == [mine, crowded]
    assert featured_groups(None) == [crowded]


@pytest.mark.parametrize(
    "query", ["", "?topic=grief", "?topic=<script>alert(1)</script>", "?language=zz&topic="]
)
def test_directory_page_never_fails_on_filters(make_group, member_client, query):
    make_group(topic=Topic.GRIEF)
    response = member_client.get(f"/groups/{query}")
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_directory_page_query_count(
    make_group, make_member, member_client, member, django_assert_num_queries
):
    for _ in range(5):
        make_group(members=(make_member(), member))
    # session, user, groups with counts
    # + the header's moderation link (does the member moderate a group?)
    with django_assert_num_queries(5):
        response = member_client.get("/groups/")
    assert len(response.context["groups"]) == 5


def test_directory_page_shows_localised_member_count(make_group, make_member):
    make_group(members=(make_member(),))
    client = Client()
    client.cookies["halqa_language"] = "en"
    assert "1 member<" in client.get("/groups/").content.decode()


def test_group_page_query_count(
    make_group, make_member, member_client, member, django_assert_num_queries
):
    group = make_group(members=(member,))
    for number in range(5):
        author = make_member()
        add_member(user=author, group=group)
        thread = start_thread(author=author, group=group, title=f"T{number}", body="Hello")
        reply(author=member, thread=thread, body="Hi")
    # session, user, group, rules, thread count, threads with authors
    # + the header's moderation link, + the group's shared commitments (growth)
    with django_assert_num_queries(9):
        response = member_client.get(f"/groups/{group.slug}/")
    assert len(response.context["threads"]) == 5


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", ""])
def test_group_page_bad_page_number_is_not_an_error(make_group, member_client, page):
    group = make_group()
    assert member_client.get(f"/groups/{group.slug}/?page={page}").status_code == 200


def test_group_page_paginates_threads(make_group, member):
    group = make_group(members=(member,))
    for number in range(25):
        start_thread(author=member, group=group, title=f"Thread {number}", body="Hello")
    client = Client()
    client.cookies["halqa_language"] = "en"
    second = client.get(f"/groups/{group.slug}/?page=2")
    assert len(second.context["threads"]) == 5
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
@pytest.mark.parametrize("path", ["/", "/groups/", "/groups/{slug}/"])
def test_pages_render_in_both_directions(make_group, member, language, direction, path):
    group = make_group(members=(member,))
    start_thread(author=member, group=group, title="Hello", body="Hello")
    client = Client()
    client.cookies["halqa_language"] = language
    response = client.get(path.format(slug=group.slug))
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_home_page_shows_members_groups_first(make_group, member_client, member):
    make_group(name="Someone else's")
    make_group(name="My circle", members=(member,))
    member_client.cookies["halqa_language"] = "en"
    html = member_client.get("/").content.decode()
    assert html.index("My circle") < html.index("Someone else&#x27;s")


def test_home_page_welcomes_visitors(db):
    client = Client()
    client.cookies["halqa_language"] = "en"
    html = client.get("/").content.decode()
    assert "not an emergency service" in html
    assert "/accounts/signup/" in html


def test_member_count_uses_arabic_plural_forms(make_group, make_member):
    make_group(members=(make_member(), make_member()))
    html = Client().get("/groups/").content.decode()
    assert "عضوان" in html


def test_home_page_query_count(
    make_group, make_member, member_client, member, django_assert_num_queries
):
    for _ in range(4):
        make_group(members=(make_member(), member))
    # session, user, unread notifications, featured groups with counts
    # + the header's moderation link (does the member moderate a group?)
    with django_assert_num_queries(5):
        response = member_client.get("/")
    assert response.status_code == 200


def test_group_page_splits_description_into_paragraphs(make_group):
    group = make_group(description="First line.\n\nSecond line.")
    html = Client().get(f"/groups/{group.slug}/").content.decode()
    assert html.count('<p dir="auto" lang="ar">') == 2


def test_directory_page_htmx_returns_only_results(make_group, member_client):
    make_group(name="Only this", topic=Topic.GRIEF)
    response = member_client.get("/groups/?topic=grief", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "Only this" in html
    assert "<html" not in html


@pytest.mark.parametrize(
    ("language", "order"),
    [("ar", ["Arabic", "Both", "English"]), ("en", ["English", "Both", "Arabic"])],
)
def test_directory_page_lists_page_language_first(make_group, language, order):
    make_group(name="Arabic", language=GroupLanguage.ARABIC)
    make_group(name="English", language=GroupLanguage.ENGLISH)
    make_group(name="Both", language=GroupLanguage.BOTH)
    client = Client()
    client.cookies["halqa_language"] = language
    response = client.get("/groups/")
    assert [group.name for group in response.context["groups"]] == order


def test_directory_page_anonymous_query_count(make_group, make_member, django_assert_num_queries):
    for _ in range(5):
        make_group(members=(make_member(),))
    # groups with counts; nobody to look up
    with django_assert_num_queries(1):
        response = Client().get("/groups/")
    assert len(response.context["groups"]) == 5
