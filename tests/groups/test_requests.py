"""Joining by request: ask, withdraw, approve, decline, and who is told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from halqa.groups.actions import (
    approve_request,
    cancel_request,
    decline_request,
    request_to_join,
)
from halqa.groups.enums import GroupRole, JoinPolicy, MembershipChange, RequestStatus, Visibility
from halqa.groups.models import JoinRequest, Membership, MembershipEvent
from halqa.notifications.models import Notification
from tests.groups.conftest import client_for


@pytest.fixture
def request_group(make_group, facilitator):
    return make_group(join_policy=JoinPolicy.REQUEST, facilitator=facilitator)


def test_request_to_join_notifies_facilitators(request_group, facilitator, member):
    join_request = request_to_join(user=member, group=request_group)
    assert join_request.status == RequestStatus.PENDING
    [note] = Notification.objects.filter(recipient=facilitator)
    assert (note.kind, note.url) == ("join_request", f"/groups/{request_group.slug}/manage/")


def test_request_to_join_twice_keeps_one_request_and_one_notification(request_group, member):
    request_to_join(user=member, group=request_group)
    request_to_join(user=member, group=request_group)
    assert JoinRequest.objects.count() == 1
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("policy", [JoinPolicy.OPEN, JoinPolicy.INVITE])
def test_request_to_join_refused_for_other_policies(make_group, member, policy):
    with pytest.raises(PermissionDenied):
        request_to_join(user=member, group=make_group(join_policy=policy))


def test_request_to_join_refused_for_members(request_group, facilitator):
    with pytest.raises(ValidationError):
        request_to_join(user=facilitator, group=request_group)


def test_approve_request_makes_member_notifies_and_audits(request_group, facilitator, member):
    join_request = request_to_join(user=member, group=request_group)
    membership = approve_request(actor=facilitator, join_request=join_request)
    assert membership.role == GroupRole.MEMBER
    assert not JoinRequest.objects.exists()
    note = Notification.objects.get(recipient=member)
    assert (note.kind, note.url) == ("join_approved", f"/groups/{request_group.slug}/")
    event = MembershipEvent.objects.get()
    assert (event.change, event.actor, event.member) == (
        MembershipChange.APPROVED,
        facilitator,
        member,
    )


def test_approval_is_not_pushed_to_a_member_on_a_break(request_group, facilitator, make_member):
    resting = make_member(on_break=True)
    approve_request(
        actor=facilitator, join_request=request_to_join(user=resting, group=request_group)
    )
    assert Membership.objects.filter(user=resting).exists()
    assert not Notification.objects.filter(recipient=resting).exists()


def test_decline_then_ask_again_only_after_a_week(request_group, facilitator, member):
    decline_request(
        actor=facilitator, join_request=request_to_join(user=member, group=request_group)
    )
    assert JoinRequest.objects.get().status == RequestStatus.DECLINED
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="ask again in a few days"),
    ):
        request_to_join(user=member, group=request_group)
    JoinRequest.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert request_to_join(user=member, group=request_group).status == RequestStatus.PENDING
    assert Notification.objects.filter(kind="join_request").count() == 2


def test_cancel_request_withdraws(request_group, member):
    request_to_join(user=member, group=request_group)
    cancel_request(user=member, group=request_group)
    assert not JoinRequest.objects.exists()


def test_request_page_flow(request_group, facilitator, member):
    client = client_for(member)
    html = client.get(f"/groups/{request_group.slug}/").content.decode()
    assert "Ask to join" in html
    response = client.post(f"/groups/{request_group.slug}/request/", follow=True)
    html = response.content.decode()
    assert "Your request was sent." in html
    assert "Your request is waiting for a facilitator." in html
    response = client.post(f"/groups/{request_group.slug}/request/cancel/", follow=True)
    assert "Your request was withdrawn." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_request_page_on_open_group_explains(make_group, member):
    group = make_group()
    response = client_for(member).post(f"/groups/{group.slug}/request/", follow=True)
    assert "Anyone can join." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_request_page_for_hidden_group_is_404(make_group, member):
    group = make_group(visibility=Visibility.HIDDEN)
    assert client_for(member).post(f"/groups/{group.slug}/request/").status_code == 404


def test_request_page_anonymous_goes_to_login(request_group):
    response = client_for().post(f"/groups/{request_group.slug}/request/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_declined_member_sees_calm_sentence(request_group, facilitator, member):
    decline_request(
        actor=facilitator, join_request=request_to_join(user=member, group=request_group)
    )
    html = client_for(member).get(f"/groups/{request_group.slug}/").content.decode()
    assert "Your request was not accepted this time." in html
    assert "Ask to join" not in html


def test_manage_page_approves_and_declines(request_group, facilitator, make_member):
    first, second = make_member(pseudonym="first_light"), make_member(pseudonym="second_wind")
    one = request_to_join(user=first, group=request_group)
    two = request_to_join(user=second, group=request_group)
    client = client_for(facilitator)
    html = client.get(f"/groups/{request_group.slug}/manage/").content.decode()
    assert "first_light" in html
    assert "second_wind" in html
    client.post(f"/groups/{request_group.slug}/manage/requests/{one.pk}/approve/")
    client.post(f"/groups/{request_group.slug}/manage/requests/{two.pk}/decline/")
    assert Membership.objects.filter(group=request_group, user=first).exists()
    assert not Membership.objects.filter(group=request_group, user=second).exists()
    # a decided request cannot be decided again
    again = client.post(f"/groups/{request_group.slug}/manage/requests/{one.pk}/approve/")
    assert again.status_code == 404


def test_manage_page_hides_requests_of_members_on_break(request_group, facilitator, make_member):
    resting = make_member(pseudonym="resting_owl", on_break=True)
    request_to_join(user=resting, group=request_group)
    html = client_for(facilitator).get(f"/groups/{request_group.slug}/manage/").content.decode()
    assert "resting_owl" not in html


def test_request_button_in_arabic(request_group, member):
    html = client_for(member, language="ar").get(f"/groups/{request_group.slug}/").content.decode()
    assert "اطلب الانضمام" in html
    assert 'dir="rtl"' in html
