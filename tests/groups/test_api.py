"""The groups API: the same rules as the pages, for every visibility, policy and role."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from halqa.groups.actions import add_member, create_invite, request_to_join, revoke_invite
from halqa.groups.enums import GroupLanguage, JoinPolicy, MembershipChange, Visibility
from halqa.groups.models import InviteLink, JoinRequest, Membership, MembershipEvent
from halqa.notifications.models import Notification
from tests.groups.conftest import api_client


def call(client: Any, method: str, path: str, body: Any = None) -> Any:
    data = "" if body is None else json.dumps(body)
    return client.generic(method, f"/api/groups/{path}", data, content_type="application/json")


def test_directory_anonymous_lists_public_and_private(make_group, member):
    make_group(name="Open door")
    make_group(name="Quiet room", visibility=Visibility.PRIVATE)
    make_group(name="Secret", visibility=Visibility.HIDDEN, members=(member,))
    names = [group["name"] for group in call(api_client(), "GET", "").json()]
    assert names == ["Open door", "Quiet room"]
    mine = [group["name"] for group in call(api_client(member), "GET", "").json()]
    assert "Secret" in mine


def test_directory_filters_and_counts(make_group, make_member):
    make_group(
        name="Grief", topic="grief", language=GroupLanguage.ENGLISH, members=(make_member(),)
    )
    make_group(name="Worry", topic="anxiety")
    [grief] = call(api_client(), "GET", "?topic=grief&language=en").json()
    assert (grief["name"], grief["member_count"], grief["is_member"]) == ("Grief", 1, False)
    assert len(call(api_client(), "GET", "?topic=<script>&language=zz").json()) == 2


def test_directory_with_a_bad_token_is_still_anonymous(make_group):
    make_group()
    client = api_client()
    response = client.get("/api/groups/", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("visibility", "who", "status", "readable"),
    [
        (Visibility.PUBLIC, "anonymous", 200, True),
        (Visibility.PRIVATE, "anonymous", 200, False),
        (Visibility.PRIVATE, "outsider", 200, False),
        (Visibility.PRIVATE, "member", 200, True),
        (Visibility.HIDDEN, "anonymous", 404, None),
        (Visibility.HIDDEN, "outsider", 404, None),
        (Visibility.HIDDEN, "member", 200, True),
    ],
)
def test_detail_access(make_group, make_member, visibility, who, status, readable):
    insider = make_member()
    group = make_group(visibility=visibility, members=(insider,), rules=["Be kind."])
    user = {"anonymous": None, "outsider": make_member(), "member": insider}[who]
    response = call(api_client(user), "GET", group.slug)
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["readable"] is readable
        assert body["rules"] == [{"number": 1, "text": "Be kind."}]
        assert body["my_role"] == ("member" if who == "member" else None)


# policy × visibility × (what the outsider can do)
@pytest.mark.parametrize(
    ("visibility", "policy", "join", "ask"),
    [
        (Visibility.PUBLIC, JoinPolicy.OPEN, 200, 403),
        (Visibility.PUBLIC, JoinPolicy.REQUEST, 403, 201),
        (Visibility.PUBLIC, JoinPolicy.INVITE, 403, 403),
        (Visibility.PRIVATE, JoinPolicy.OPEN, 200, 403),
        (Visibility.PRIVATE, JoinPolicy.REQUEST, 403, 201),
        (Visibility.PRIVATE, JoinPolicy.INVITE, 403, 403),
        (Visibility.HIDDEN, JoinPolicy.INVITE, 404, 404),
    ],
)
def test_join_and_request_matrix(make_group, member, visibility, policy, join, ask):
    group = make_group(visibility=visibility, join_policy=policy)
    client = api_client(member)
    assert call(client, "POST", f"{group.slug}/join").status_code == join
    Membership.objects.filter(user=member).delete()
    assert call(client, "POST", f"{group.slug}/request").status_code == ask


def test_member_endpoints_need_a_token(make_group):
    group = make_group()
    for method, path in [
        ("POST", "join"),
        ("POST", "leave"),
        ("POST", "request"),
        ("DELETE", "request"),
    ]:
        assert call(api_client(), method, f"{group.slug}/{path}").status_code == 401


def test_request_cancel_and_leave(make_group, facilitator, member):
    group = make_group(join_policy=JoinPolicy.REQUEST, facilitator=facilitator)
    client = api_client(member)
    response = call(client, "POST", f"{group.slug}/request")
    assert response.json()["status"] == "pending"
    assert Notification.objects.filter(recipient=facilitator, kind="join_request").exists()
    assert call(client, "GET", group.slug).json()["request_status"] == "pending"
    assert call(client, "DELETE", f"{group.slug}/request").status_code == 204
    assert not JoinRequest.objects.exists()
    assert call(api_client(facilitator), "POST", f"{group.slug}/leave").status_code == 422


def test_facilitator_approves_and_declines(make_group, facilitator, make_member):
    group = make_group(join_policy=JoinPolicy.REQUEST, facilitator=facilitator)
    first, second = make_member(), make_member()
    one, two = request_to_join(user=first, group=group), request_to_join(user=second, group=group)
    client = api_client(facilitator)
    listed = call(client, "GET", f"{group.slug}/requests").json()
    assert [item["id"] for item in listed] == [one.pk, two.pk]
    approved = call(client, "POST", f"{group.slug}/requests/{one.pk}/approve")
    assert approved.json()["role"] == "member"
    assert Notification.objects.filter(recipient=first, kind="join_approved").exists()
    assert call(client, "POST", f"{group.slug}/requests/{two.pk}/decline").status_code == 204
    assert call(client, "POST", f"{group.slug}/requests/{two.pk}/approve").status_code == 404


@pytest.mark.parametrize("who", ["member", "outsider", "anonymous"])
def test_facilitator_endpoints_refuse_others(make_group, facilitator, make_member, who):
    group = make_group(facilitator=facilitator)
    user = None if who == "anonymous" else make_member()
    if user is not None and who == "member":
        add_member(user=user, group=group)
    expected = 401 if who == "anonymous" else 404
    client = api_client(user)
    for method, path in [
        ("GET", "requests"),
        ("GET", "invites"),
        ("POST", "invites"),
        ("GET", "members"),
    ]:
        assert call(client, method, f"{group.slug}/{path}", {}).status_code == expected


def test_invites_create_list_revoke(make_group, facilitator, member):
    group = make_group(visibility=Visibility.HIDDEN, facilitator=facilitator)
    client = api_client(facilitator)
    later = (timezone.now() + timedelta(days=1)).isoformat()
    created = call(
        client,
        "POST",
        f"{group.slug}/invites",
        {"label": "Clinic", "max_uses": 3, "expires_at": later},
    )
    assert created.status_code == 201
    invite = created.json()
    assert invite["url"].endswith(f"/groups/join/{invite['token']}/")
    assert call(client, "GET", f"{group.slug}/invites").json()[0]["usable"] is True
    preview = call(api_client(), "GET", f"invites/{invite['token']}").json()
    assert (preview["group"], preview["state"]) == (group.slug, "usable")
    joined = call(api_client(member), "POST", f"invites/{invite['token']}/join")
    assert joined.json()["group"] == group.slug
    revoked = call(client, "POST", f"{group.slug}/invites/{invite['id']}/revoke").json()
    assert (revoked["revoked"], revoked["usable"], revoked["uses"]) == (True, False, 1)


@pytest.mark.parametrize("how", ["revoked", "expired", "used_up"])
def test_join_by_dead_invite_is_a_clear_error(make_group, facilitator, member, how):
    group = make_group(facilitator=facilitator)
    invite = create_invite(actor=facilitator, group=group, max_uses=1)
    if how == "revoked":
        revoke_invite(invite=invite)
    else:
        InviteLink.objects.filter(pk=invite.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1) if how == "expired" else None,
            uses=1 if how == "used_up" else 0,
        )
    response = call(api_client(member), "POST", f"invites/{invite.token}/join")
    assert response.status_code == 422
    assert response.json()["fields"]["__all__"] == ["This invite link can no longer be used."]
    assert call(api_client(), "GET", f"invites/{invite.token}").json()["state"] == how
    assert not Membership.objects.filter(user=member).exists()


@pytest.mark.parametrize("token", ["nope", "x" * 500])
def test_unknown_invite_token_is_404(db, member, token):
    assert call(api_client(member), "POST", f"invites/{token}/join").status_code == 404
    assert call(api_client(), "GET", f"invites/{token}").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"max_uses": 0},
        {"max_uses": "3"},
        {"label": "x" * 5000},
        {"expires_at": "2001-01-01T00:00:00Z"},
        {"expires_at": "tomorrow"},
    ],
)
def test_create_invite_bad_input(make_group, facilitator, body):
    group = make_group(facilitator=facilitator)
    response = call(api_client(facilitator), "POST", f"{group.slug}/invites", body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert not InviteLink.objects.exists()


def test_members_roles_and_removal(make_group, facilitator, make_member):
    group = make_group(facilitator=facilitator)
    member = make_member(pseudonym="calm_heron")
    membership = add_member(user=member, group=group)
    add_member(user=make_member(pseudonym="resting_owl", on_break=True), group=group)
    client = api_client(facilitator)
    listed = [item["pseudonym"] for item in call(client, "GET", f"{group.slug}/members").json()]
    assert listed == ["steady_lantern", "calm_heron"]
    changed = call(
        client, "PATCH", f"{group.slug}/members/{membership.pk}", {"role": "facilitator"}
    )
    assert changed.json()["role"] == "facilitator"
    refused = call(client, "PATCH", f"{group.slug}/members/{membership.pk}", {"role": "moderator"})
    assert refused.status_code == 403
    bad = call(client, "PATCH", f"{group.slug}/members/{membership.pk}", {"role": "owner"})
    assert bad.status_code == 422
    no_reason = call(client, "POST", f"{group.slug}/members/{membership.pk}/remove", {"reason": ""})
    assert no_reason.status_code == 422
    removed = call(
        client, "POST", f"{group.slug}/members/{membership.pk}/remove", {"reason": "Asked to leave"}
    )
    assert removed.status_code == 204
    assert MembershipEvent.objects.filter(
        change=MembershipChange.REMOVED, reason="Asked to leave"
    ).exists()


def test_last_facilitator_rule_over_api(make_group, facilitator):
    group = make_group(facilitator=facilitator)
    own = Membership.objects.get(user=facilitator)
    response = call(
        api_client(facilitator), "PATCH", f"{group.slug}/members/{own.pk}", {"role": "member"}
    )
    assert response.status_code == 422
    assert "at least one facilitator" in response.json()["fields"]["__all__"][0]


def test_site_moderator_token_manages_any_group(make_group, make_member):
    group = make_group(visibility=Visibility.HIDDEN)
    moderator = make_member(role="moderator")
    assert call(api_client(moderator), "GET", f"{group.slug}/members").status_code == 200


GROUP_PATHS = {
    "/api/groups/": {"get"},
    "/api/groups/{slug}": {"get"},
    "/api/groups/{slug}/join": {"post"},
    "/api/groups/{slug}/leave": {"post"},
    "/api/groups/{slug}/request": {"post", "delete"},
    "/api/groups/invites/{token}": {"get"},
    "/api/groups/invites/{token}/join": {"post"},
    "/api/groups/{slug}/requests": {"get"},
    "/api/groups/{slug}/requests/{request_id}/approve": {"post"},
    "/api/groups/{slug}/requests/{request_id}/decline": {"post"},
    "/api/groups/{slug}/invites": {"get", "post"},
    "/api/groups/{slug}/invites/{invite_id}/revoke": {"post"},
    "/api/groups/{slug}/members": {"get"},
    "/api/groups/{slug}/members/{membership_id}": {"patch"},
    "/api/groups/{slug}/members/{membership_id}/remove": {"post"},
}


def test_openapi_lists_every_group_endpoint(db):
    schema = api_client().get("/api/openapi.json").json()
    for path, methods in GROUP_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), path
    assert "security" not in schema["paths"]["/api/groups/"]["get"]
    assert schema["paths"]["/api/groups/{slug}/members"]["get"]["security"]


def test_api_errors_in_arabic(make_group, member):
    group = make_group(join_policy=JoinPolicy.REQUEST, members=(member,))
    response = api_client(member).post(
        f"/api/groups/{group.slug}/request", headers={"Accept-Language": "ar"}
    )
    assert response.status_code == 422
    assert response.json()["fields"]["__all__"] == ["أنت عضو في هذه المجموعة بالفعل."]
