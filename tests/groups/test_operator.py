"""Operators create and edit groups, behind two-factor authentication."""

from __future__ import annotations

import pytest

from halqa.groups.actions import unique_slug
from halqa.groups.enums import GroupRole, JoinPolicy, Visibility
from halqa.groups.models import Group, Membership
from tests.groups.conftest import client_for, verified_client

FORM = {
    "name": "Evening calm",
    "description": "For evenings that feel long.",
    "topic": "anxiety",
    "language": "en",
    "visibility": "public",
    "join_policy": "request",
    "rules": "Be kind.\n\n  Keep names out.  \nNo advice unless asked.",
    "facilitator": "",
}


def test_new_group_needs_two_factor(operator):
    response = client_for(operator).get("/groups/new/")
    assert response.status_code == 302
    assert "/two-factor/" in response["Location"]


@pytest.mark.parametrize("role", ["member", "facilitator", "moderator"])
def test_new_group_is_404_for_non_operators(make_member, role):
    assert verified_client(make_member(role=role)).get("/groups/new/").status_code == 404


def test_new_group_anonymous_goes_to_login(db):
    response = client_for().get("/groups/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_new_group_creates_with_rules_and_facilitator(operator, facilitator):
    client = verified_client(operator)
    assert client.get("/groups/new/").status_code == 200
    response = client.post("/groups/new/", FORM | {"facilitator": "  Steady_Lantern "})
    group = Group.objects.get()
    assert response["Location"] == f"/groups/{group.slug}/"
    assert group.slug == "evening-calm"
    assert group.join_policy == JoinPolicy.REQUEST
    assert [rule.text for rule in group.rules.all()] == [
        "Be kind.",
        "Keep names out.",
        "No advice unless asked.",
    ]
    assert Membership.objects.get(group=group).user == facilitator
    assert group.created_by == operator


def test_new_group_without_facilitator_makes_operator_facilitate(operator):
    verified_client(operator).post("/groups/new/", FORM)
    assert Membership.objects.get().role == GroupRole.FACILITATOR


def test_new_group_with_arabic_name_gets_a_working_slug(operator):
    client = verified_client(operator)
    client.post("/groups/new/", FORM | {"name": "مساحة للحزن"})
    group = Group.objects.get()
    assert group.slug.startswith("group-")
    assert client.get(f"/groups/{group.slug}/").status_code == 200


def test_unique_slug_avoids_taken_and_reserved(make_group):
    make_group(slug="grief")
    assert unique_slug("Grief").startswith("grief-")
    assert unique_slug("New").startswith("new-")
    assert unique_slug("!!!").startswith("group-")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 5000}, "at most 80 characters"),
        ({"description": "x" * 5000}, "at most 2000 characters"),
        ({"topic": "astrology"}, "Select a valid choice."),
        ({"visibility": "secret"}, "Select a valid choice."),
        ({"rules": "r\n" * 21}, "at most 20 rules"),
        ({"rules": "x" * 301}, "at most 300 characters"),
        ({"facilitator": "nobody_at_all"}, "Nobody uses this pseudonym."),
        ({"facilitator": "x" * 5000}, "at most 120 characters"),
    ],
)
def test_new_group_bad_input(operator, changes, error):
    response = verified_client(operator).post("/groups/new/", FORM | changes)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Group.objects.exists()


def test_new_group_hidden_is_invite_only(operator):
    verified_client(operator).post("/groups/new/", FORM | {"visibility": "hidden"})
    assert Group.objects.get().join_policy == JoinPolicy.INVITE


def test_edit_group_changes_details_and_rules(operator, make_group, member):
    group = make_group(name="Old name", rules=["One.", "Two."])
    client = verified_client(operator)
    page = client.get(f"/groups/{group.slug}/edit/").content.decode()
    assert "One.\nTwo." in page
    data = FORM | {
        "name": "New name",
        "rules": "Two.\nOne.\nThree.",
        "facilitator": member.pseudonym,
    }
    response = client.post(f"/groups/{group.slug}/edit/", data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.slug) == ("New name", group.slug)
    assert [rule.text for rule in group.rules.all()] == ["Two.", "One.", "Three."]
    assert Membership.objects.get(group=group, user=member).role == GroupRole.FACILITATOR


def test_edit_group_is_404_for_facilitators(make_group, facilitator):
    group = make_group(facilitator=facilitator)
    client = client_for(facilitator)
    assert client.get(f"/groups/{group.slug}/edit/").status_code == 404


def test_edit_link_shown_to_operators_only(make_group, operator, facilitator):
    group = make_group(facilitator=facilitator, visibility=Visibility.PRIVATE)
    assert (
        f"/groups/{group.slug}/edit/"
        in verified_client(operator).get(f"/groups/{group.slug}/").content.decode()
    )
    assert "/edit/" not in client_for(facilitator).get(f"/groups/{group.slug}/").content.decode()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_group_form_renders_in_both_directions(operator, language, direction):
    html = verified_client(operator, language=language).get("/groups/new/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_directory_links_operators_to_new_group(operator, member):
    assert "/groups/new/" in verified_client(operator).get("/groups/").content.decode()
    assert "/groups/new/" not in client_for(member).get("/groups/").content.decode()
