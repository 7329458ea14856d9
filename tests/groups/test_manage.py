"""The management page: who may open it, roles, removals with their audit rows."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from halqa.groups.actions import (
    add_member,
    change_role,
    create_invite,
    leave_group,
    remove_member,
    request_to_join,
)
from halqa.groups.enums import GroupRole, JoinPolicy, MembershipChange, Visibility
from halqa.groups.models import Membership, MembershipEvent
from halqa.groups.queries import access_group, can_facilitate, is_member, role_in
from tests.groups.conftest import client_for, verified_client


@pytest.fixture
def group(make_group, facilitator):
    return make_group(visibility=Visibility.PRIVATE, facilitator=facilitator)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("facilitator", 200),
        ("group_moderator", 200),
        ("member", 404),
        ("outsider", 404),
        ("site_moderator", 200),
        ("operator", 200),
    ],
)
def test_manage_page_access(group, facilitator, make_member, who, status):
    if who == "facilitator":
        client = client_for(facilitator)
    elif who in ("group_moderator", "member"):
        user = make_member()
        add_member(
            user=user,
            group=group,
            role=GroupRole.MODERATOR if who == "group_moderator" else GroupRole.MEMBER,
        )
        client = client_for(user)
    elif who == "outsider":
        client = client_for(make_member())
    else:
        client = verified_client(make_member(role="moderator" if who == "site_moderator" else who))
    assert client.get(f"/groups/{group.slug}/manage/").status_code == status


def test_manage_page_anonymous_goes_to_login(group):
    response = client_for().get(f"/groups/{group.slug}/manage/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_manage_page_site_staff_without_two_factor_is_sent_to_it(group, make_member):
    response = client_for(make_member(role="operator")).get(f"/groups/{group.slug}/manage/")
    assert response.status_code == 302
    assert "/two-factor/" in response["Location"]


def test_manage_page_of_hidden_group_is_404_for_outsider(make_group, make_member):
    hidden = make_group(visibility=Visibility.HIDDEN)
    assert client_for(make_member()).get(f"/groups/{hidden.slug}/manage/").status_code == 404


def test_manage_post_by_plain_member_is_404(group, make_member):
    user = make_member()
    add_member(user=user, group=group)
    response = client_for(user).post(f"/groups/{group.slug}/manage/invites/", {"label": "x"})
    assert response.status_code == 404


def test_queries_for_roles(group, facilitator, make_member):
    user = make_member()
    assert (is_member(user, group), role_in(user, group), can_facilitate(user, group)) == (
        False,
        None,
        False,
    )
    add_member(user=user, group=group)
    assert (is_member(user, group), role_in(user, group)) == (True, "member")
    assert role_in(facilitator, group) == "facilitator"
    assert can_facilitate(facilitator, group)
    assert can_facilitate(make_member(role="operator"), group)
    # a group annotated for one user answers for others with a query
    annotated = access_group(facilitator, group.slug)
    assert role_in(user, annotated) == "member"


def test_access_group_for_writing(group, facilitator, make_member):
    assert access_group(facilitator, group.slug, for_writing=True) == group
    with pytest.raises(PermissionDenied):
        access_group(make_member(), group.slug, for_writing=True)
    resting = make_member(on_break=True)
    add_member(user=resting, group=group)
    with pytest.raises(PermissionDenied):
        access_group(resting, group.slug, for_writing=True)


def test_change_role_records_event(group, facilitator, member):
    membership = add_member(user=member, group=group)
    change_role(actor=facilitator, membership=membership, role=GroupRole.FACILITATOR)
    event = MembershipEvent.objects.get()
    assert (event.change, event.role, event.actor) == (
        MembershipChange.ROLE_CHANGED,
        "facilitator",
        facilitator,
    )


def test_only_site_staff_make_group_moderators(group, facilitator, member, make_member):
    membership = add_member(user=member, group=group)
    with pytest.raises(PermissionDenied):
        change_role(actor=facilitator, membership=membership, role=GroupRole.MODERATOR)
    change_role(
        actor=make_member(role="moderator"), membership=membership, role=GroupRole.MODERATOR
    )
    membership.refresh_from_db()
    assert membership.role == GroupRole.MODERATOR
    with pytest.raises(PermissionDenied):
        remove_member(actor=facilitator, membership=membership, reason="x")


def test_last_facilitator_cannot_step_down_leave_or_be_removed(group, facilitator):
    own = Membership.objects.get(group=group, user=facilitator)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="at least one facilitator"),
    ):
        change_role(actor=facilitator, membership=own, role=GroupRole.MEMBER)
    with pytest.raises(ValidationError):
        leave_group(user=facilitator, group=group)
    with pytest.raises(ValidationError):
        remove_member(actor=facilitator, membership=own, reason="tired")
    assert Membership.objects.get(pk=own.pk).role == GroupRole.FACILITATOR


def test_facilitator_may_step_down_when_another_remains(group, facilitator, member):
    add_member(user=member, group=group, role=GroupRole.FACILITATOR)
    own = Membership.objects.get(group=group, user=facilitator)
    change_role(actor=facilitator, membership=own, role=GroupRole.MEMBER)
    own.refresh_from_db()
    assert own.role == GroupRole.MEMBER


def test_manage_page_last_facilitator_gets_clear_error(group, facilitator):
    own = Membership.objects.get(group=group, user=facilitator)
    client = client_for(facilitator)
    response = client.post(
        f"/groups/{group.slug}/manage/members/{own.pk}/role/", {"role": "member"}, follow=True
    )
    assert "A group needs at least one facilitator." in response.content.decode()
    response = client.post(f"/groups/{group.slug}/leave/", follow=True)
    assert "A group needs at least one facilitator." in response.content.decode()


def test_manage_page_removes_member_with_reason(group, facilitator, member):
    membership = add_member(user=member, group=group)
    response = client_for(facilitator).post(
        f"/groups/{group.slug}/manage/members/{membership.pk}/remove/",
        {"reason": "Repeated insults after two reminders"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = MembershipEvent.objects.get()
    assert (event.change, event.member, event.actor, event.reason) == (
        MembershipChange.REMOVED,
        member,
        facilitator,
        "Repeated insults after two reminders",
    )


@pytest.mark.parametrize("reason", ["", "   ", "x" * 5000])
def test_manage_page_remove_needs_a_short_reason(group, facilitator, member, reason):
    membership = add_member(user=member, group=group)
    response = client_for(facilitator).post(
        f"/groups/{group.slug}/manage/members/{membership.pk}/remove/", {"reason": reason}
    )
    assert response.status_code == 400
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not MembershipEvent.objects.exists()


@pytest.mark.parametrize("role", ["", "owner", "x" * 5000])
def test_manage_page_role_change_bad_input(group, facilitator, member, role):
    membership = add_member(user=member, group=group)
    response = client_for(facilitator).post(
        f"/groups/{group.slug}/manage/members/{membership.pk}/role/", {"role": role}, follow=True
    )
    assert "Choose one of the roles." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == GroupRole.MEMBER


def test_manage_page_facilitator_cannot_pick_moderator(group, facilitator, member):
    membership = add_member(user=member, group=group)
    client = client_for(facilitator)
    assert (
        '<option value="moderator"'
        not in client.get(f"/groups/{group.slug}/manage/").content.decode()
    )
    response = client.post(
        f"/groups/{group.slug}/manage/members/{membership.pk}/role/",
        {"role": "moderator"},
        follow=True,
    )
    assert "Only site staff can do that." in response.content.decode()


def test_manage_page_unknown_ids_are_404(group, facilitator, make_group, make_member):
    other = make_group()
    stranger = add_member(user=make_member(), group=other)
    client = client_for(facilitator)
    assert (
        client.post(
            f"/groups/{group.slug}/manage/members/{stranger.pk}/remove/", {"reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/groups/{group.slug}/manage/members/99999/role/", {"role": "member"}
        ).status_code
        == 404
    )
    assert client.post(f"/groups/{group.slug}/manage/invites/99999/revoke/").status_code == 404


def test_manage_page_hides_members_on_break(group, facilitator, make_member):
    add_member(user=make_member(pseudonym="resting_owl", on_break=True), group=group)
    add_member(user=make_member(pseudonym="awake_finch"), group=group)
    html = client_for(facilitator).get(f"/groups/{group.slug}/manage/").content.decode()
    assert "awake_finch" in html
    assert "resting_owl" not in html


def test_manage_page_query_count(group, facilitator, make_member, django_assert_num_queries):
    group.join_policy = JoinPolicy.REQUEST
    group.save()
    for _ in range(5):
        add_member(user=make_member(), group=group)
        request_to_join(user=make_member(), group=group)
        create_invite(actor=facilitator, group=group)
    client = client_for(facilitator)
    # session, user, group, requests with users, invite links, members with users
    # + the header's moderation link (does the member moderate a group?)
    with django_assert_num_queries(8):
        response = client.get(f"/groups/{group.slug}/manage/")
    assert len(response.context["members"]) == 6


def test_group_page_links_for_facilitator(group, facilitator):
    html = client_for(facilitator).get(f"/groups/{group.slug}/").content.decode()
    assert f"/groups/{group.slug}/manage/" in html
    assert f"/live/groups/{group.slug}/sessions/" in html


def test_group_page_no_manage_link_for_members(group, member):
    add_member(user=member, group=group)
    html = client_for(member).get(f"/groups/{group.slug}/").content.decode()
    assert "/manage/" not in html
    assert f"/live/groups/{group.slug}/sessions/" in html


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_manage_page_renders_in_both_directions(group, facilitator, language, direction):
    create_invite(actor=facilitator, group=group, label="عيادة")
    html = (
        client_for(facilitator, language=language)
        .get(f"/groups/{group.slug}/manage/")
        .content.decode()
    )
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_group_page_links_members_to_the_thread_composer(group, member):
    add_member(user=member, group=group)
    html = client_for(member).get(f"/groups/{group.slug}/").content.decode()
    assert f"/groups/{group.slug}/threads/new/" in html
