"""Joining and leaving groups, through the actions and through the pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from halqa.groups.actions import join_group, leave_group
from halqa.groups.enums import JoinPolicy, Visibility
from halqa.groups.models import Membership


def english(user=None) -> Client:
    client = Client()
    client.cookies["halqa_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def test_join_group_twice_keeps_one_membership(make_group, member):
    group = make_group()
    first = join_group(user=member, group=group)
    assert join_group(user=member, group=group) == first
    assert Membership.objects.filter(group=group).count() == 1


@pytest.mark.parametrize("policy", [JoinPolicy.REQUEST, JoinPolicy.INVITE])
def test_join_group_refuses_request_and_invite_groups(make_group, member, policy):
    group = make_group(join_policy=policy)
    with pytest.raises(PermissionDenied):
        join_group(user=member, group=group)


def test_create_group_makes_hidden_groups_invite_only(make_group):
    group = make_group(visibility=Visibility.HIDDEN, join_policy=JoinPolicy.OPEN)
    assert group.join_policy == JoinPolicy.INVITE


def test_leave_group_when_not_a_member_does_nothing(make_group, member):
    leave_group(user=member, group=make_group())
    assert not Membership.objects.exists()


def test_join_page_joins_and_redirects_to_group(make_group, member):
    group = make_group()
    response = english(member).post(f"/groups/{group.slug}/join/")
    assert response.status_code == 302
    assert response["Location"] == f"/groups/{group.slug}/"
    assert Membership.objects.filter(group=group, user=member).exists()


def test_join_page_htmx_returns_membership_box(make_group, member):
    group = make_group()
    response = english(member).post(f"/groups/{group.slug}/join/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leave group" in html
    assert "Welcome to the group." in html
    assert "<html" not in html


def test_leave_page_leaves(make_group, member):
    group = make_group(members=(member,))
    response = english(member).post(f"/groups/{group.slug}/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(group=group, user=member).exists()


def test_join_page_on_request_group_explains_policy(make_group, member):
    group = make_group(join_policy=JoinPolicy.REQUEST)
    response = english(member).post(f"/groups/{group.slug}/join/", follow=True)
    assert "Joining is by request to the facilitators." in response.content.decode()
    assert not Membership.objects.filter(group=group, user=member).exists()


def test_join_page_requires_login(make_group):
    group = make_group()
    response = Client().post(f"/groups/{group.slug}/join/")
    assert response.status_code == 302
    assert not Membership.objects.exists()


def test_join_page_rejects_get(make_group, member):
    assert english(member).get(f"/groups/{make_group().slug}/join/").status_code == 405


def test_join_hidden_group_is_404_for_outsider(make_group, member):
    group = make_group(visibility=Visibility.HIDDEN)
    assert english(member).post(f"/groups/{group.slug}/join/").status_code == 404


@pytest.mark.parametrize(
    ("policy", "sentence"),
    [
        (JoinPolicy.REQUEST, "Joining is by request to the facilitators."),
        (JoinPolicy.INVITE, "Joining is by invitation."),
    ],
)
def test_group_page_has_no_join_button_for_request_and_invite(make_group, member, policy, sentence):
    group = make_group(join_policy=policy)
    html = english(member).get(f"/groups/{group.slug}/").content.decode()
    assert "Join group" not in html
    assert sentence in html
    assert "coming soon" not in html.lower()


def test_group_page_open_group_has_join_button(make_group, member):
    html = english(member).get(f"/groups/{make_group().slug}/").content.decode()
    assert "Join group" in html


def test_group_page_anonymous_sees_login_link_instead_of_button(make_group):
    group = make_group()
    html = english().get(f"/groups/{group.slug}/").content.decode()
    assert "Log in to join" in html
    assert "Join group" not in html


def test_leave_hidden_group_goes_to_directory(make_group, member):
    group = make_group(visibility=Visibility.HIDDEN, members=(member,))
    client = english(member)
    response = client.post(f"/groups/{group.slug}/leave/")
    assert response["Location"] == "/groups/"
    assert "You left the group." in client.get("/groups/").content.decode()


def test_leave_hidden_group_with_htmx_redirects_to_directory(make_group, member):
    group = make_group(visibility=Visibility.HIDDEN, members=(member,))
    response = english(member).post(f"/groups/{group.slug}/leave/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/groups/"
