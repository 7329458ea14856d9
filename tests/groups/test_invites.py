"""Invite links: joining by them, and every way a link stops working."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from halqa.groups.actions import create_invite, join_by_invite, revoke_invite
from halqa.groups.enums import JoinPolicy, Visibility
from halqa.groups.models import InviteLink, Membership
from tests.groups.conftest import client_for


@pytest.fixture
def hidden(make_group, facilitator):
    return make_group(name="Night shift", visibility=Visibility.HIDDEN, facilitator=facilitator)


def _dead(invite: InviteLink, how: str) -> InviteLink:
    if how == "revoked":
        return revoke_invite(invite=invite)
    if how == "expired":
        invite.expires_at = timezone.now() - timedelta(minutes=1)
    else:
        invite.max_uses, invite.uses = 2, 2
    invite.save()
    return invite


def test_join_by_invite_counts_uses(hidden, facilitator, make_member):
    invite = create_invite(actor=facilitator, group=hidden, max_uses=2)
    join_by_invite(user=make_member(), token=invite.token)
    join_by_invite(user=make_member(), token=invite.token)
    invite.refresh_from_db()
    assert invite.uses == 2
    with pytest.raises(ValidationError):
        join_by_invite(user=make_member(), token=invite.token)


def test_join_by_invite_twice_uses_the_link_once(hidden, facilitator, member):
    invite = create_invite(actor=facilitator, group=hidden, max_uses=1)
    first = join_by_invite(user=member, token=invite.token)
    assert join_by_invite(user=member, token=invite.token) == first
    invite.refresh_from_db()
    assert invite.uses == 1


@pytest.mark.parametrize("policy", [JoinPolicy.OPEN, JoinPolicy.REQUEST, JoinPolicy.INVITE])
def test_invite_joins_any_policy(make_group, facilitator, member, policy):
    group = make_group(join_policy=policy, facilitator=facilitator)
    invite = create_invite(actor=facilitator, group=group)
    join_by_invite(user=member, token=invite.token)
    assert Membership.objects.filter(group=group, user=member).exists()


@pytest.mark.parametrize("how", ["revoked", "expired", "used_up"])
def test_dead_invite_refuses(hidden, facilitator, member, how):
    invite = _dead(create_invite(actor=facilitator, group=hidden), how)
    with pytest.raises(ValidationError):
        join_by_invite(user=member, token=invite.token)
    assert not Membership.objects.filter(user=member).exists()


def test_invite_page_shows_hidden_group_to_link_holder(hidden, facilitator, member):
    invite = create_invite(actor=facilitator, group=hidden)
    client = client_for(member)
    assert client.get(f"/groups/{hidden.slug}/").status_code == 404
    response = client.get(f"/groups/join/{invite.token}/")
    assert response.status_code == 200
    assert "Night shift" in response.content.decode()
    response = client.post(f"/groups/join/{invite.token}/")
    assert response["Location"] == f"/groups/{hidden.slug}/"
    assert client.get(f"/groups/{hidden.slug}/").status_code == 200


@pytest.mark.parametrize(
    ("how", "sentence"),
    [
        ("revoked", "was withdrawn by the group"),
        ("expired", "This invite link has expired."),
        ("used_up", "already been used as many times as it allows"),
    ],
)
def test_invite_page_explains_dead_links(hidden, facilitator, member, how, sentence):
    invite = _dead(create_invite(actor=facilitator, group=hidden), how)
    client = client_for(member)
    response = client.get(f"/groups/join/{invite.token}/")
    assert response.status_code == 410
    assert sentence in response.content.decode()
    assert "Join this group" not in response.content.decode()
    response = client.post(f"/groups/join/{invite.token}/", follow=True)
    assert sentence in response.content.decode()
    assert not Membership.objects.filter(user=member).exists()


@pytest.mark.parametrize("token", ["nope", "x" * 65, "%25", "a" * 500, "ثلاثة", "a.b"])
def test_invite_page_unknown_token_is_calm_404(db, member, token):
    response = client_for(member).get(f"/groups/join/{token}/")
    assert response.status_code == 404
    assert "This invite link does not work." in response.content.decode()


def test_invite_page_anonymous_sees_login_and_no_membership(hidden, facilitator):
    invite = create_invite(actor=facilitator, group=hidden)
    client = client_for()
    html = client.get(f"/groups/join/{invite.token}/").content.decode()
    assert f"/accounts/login/?next=/groups/join/{invite.token}/" in html
    client.post(f"/groups/join/{invite.token}/")
    assert Membership.objects.filter(group=hidden).count() == 1


def test_invite_page_for_member_says_so(hidden, facilitator):
    invite = _dead(create_invite(actor=facilitator, group=hidden), "revoked")
    response = client_for(facilitator).get(f"/groups/join/{invite.token}/")
    assert response.status_code == 200
    assert "You are already a member of this group." in response.content.decode()


def test_manage_page_creates_lists_and_revokes_invites(hidden, facilitator):
    client = client_for(facilitator)
    response = client.post(
        f"/groups/{hidden.slug}/manage/invites/", {"label": "For the clinic", "max_uses": "5"}
    )
    assert response.status_code == 302
    invite = InviteLink.objects.get()
    assert (invite.label, invite.max_uses) == ("For the clinic", 5)
    html = client.get(f"/groups/{hidden.slug}/manage/").content.decode()
    assert f"/groups/join/{invite.token}/" in html
    client.post(f"/groups/{hidden.slug}/manage/invites/{invite.pk}/revoke/")
    invite.refresh_from_db()
    assert invite.revoked_at is not None


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"max_uses": "0"}, "greater than or equal to 1"),
        ({"max_uses": "lots"}, "Enter a whole number."),
        ({"expires_at": "2001-01-01T10:00"}, "Choose a time in the future."),
        ({"expires_at": "yesterday"}, "Enter a valid date/time."),
        ({"label": "x" * 5000}, "at most 60 characters"),
    ],
)
def test_manage_page_invite_form_bad_input(hidden, facilitator, data, error):
    response = client_for(facilitator).post(f"/groups/{hidden.slug}/manage/invites/", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not InviteLink.objects.exists()


def test_invite_with_future_expiry_works(hidden, facilitator, member):
    client = client_for(facilitator)
    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/groups/{hidden.slug}/manage/invites/", {"expires_at": later})
    invite = InviteLink.objects.get()
    assert invite.expires_at is not None
    assert client_for(member).get(f"/groups/join/{invite.token}/").status_code == 200


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
@pytest.mark.parametrize("how", ["usable", "revoked", "unknown"])
def test_invite_page_renders_in_both_directions(
    hidden, facilitator, member, language, direction, how
):
    invite = create_invite(actor=facilitator, group=hidden)
    if how == "revoked":
        revoke_invite(invite=invite)
    token = "unknown-token" if how == "unknown" else invite.token
    html = client_for(member, language=language).get(f"/groups/join/{token}/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
