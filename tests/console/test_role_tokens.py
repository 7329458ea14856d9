"""A change to or from a staff role ends the member's API tokens, in the same transaction.

A token a member got without the two-factor code must never carry a staff role's rights (the
moderation API checks only the role), and a former staff member's apps stop as well.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from halqa.accounts.models import DeviceToken, User
from halqa.accounts.tokens import issue_token
from halqa.console import actions
from halqa.console.models import RoleChange
from tests.api.conftest import JsonClient


def _cases(token: str) -> int:
    return int(JsonClient().get("/api/moderation/cases", token=token).status_code)


def _me(token: str) -> int:
    return int(JsonClient().get("/api/accounts/me", token=token).status_code)


def test_promotion_on_the_page_signs_the_new_moderators_apps_out(
    operator_client: Client, make_member: Any
) -> None:
    member = make_member(pseudonym="soon_moderator")
    phone, tablet = issue_token(user=member, name="phone"), issue_token(user=member, name="tablet")
    bystander = make_member(pseudonym="bystander")
    kept = issue_token(user=bystander, name="phone")
    assert _me(phone) == 200
    response = operator_client.post(
        "/console/staff/role/", {"pseudonym": "soon_moderator", "role": "moderator"}, follow=True
    )
    page = response.content.decode()
    assert "The role is changed." in page
    assert "The member&#x27;s apps are signed out" in page
    member.refresh_from_db()
    assert member.role == "moderator"
    assert not DeviceToken.objects.filter(user=member).exists()
    for token in (phone, tablet):
        assert _me(token) == 401
        assert _cases(token) == 401
    assert _me(kept) == 200  # only the promoted member's devices


def test_the_page_says_so_in_arabic(operator_client: Client, make_member: Any) -> None:
    make_member(pseudonym="quiet_oak")
    operator_client.cookies["halqa_language"] = "ar"
    response = operator_client.post(
        "/console/staff/role/", {"pseudonym": "quiet_oak", "role": "expert"}, follow=True
    )
    assert "سُجِّل خروج العضو من تطبيقاته" in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new"),
    [("member", "moderator"), ("facilitator", "expert"), ("moderator", "member"),
     ("operator", "facilitator"), ("expert", "operator")],
)  # fmt: skip
def test_every_change_to_or_from_a_staff_role_revokes(
    operator: User, make_member: Any, old: str, new: str
) -> None:
    subject = make_member(role=old)
    token = issue_token(user=subject, name="phone")
    actions.change_role(actor=operator, subject=subject, role=new)
    assert _me(token) == 401
    assert RoleChange.objects.get().new_role == new


def test_a_change_between_member_roles_keeps_the_apps(
    operator_client: Client, make_member: Any
) -> None:
    member = make_member(pseudonym="circle_host")
    token = issue_token(user=member, name="phone")
    response = operator_client.post(
        "/console/staff/role/", {"pseudonym": "circle_host", "role": "facilitator"}, follow=True
    )
    assert "signed out" not in response.content.decode()
    assert User.objects.get(pk=member.pk).role == "facilitator"
    assert _me(token) == 200


def test_a_refused_change_keeps_the_apps(operator: User, make_member: Any) -> None:
    token = issue_token(user=operator, name="phone")
    ghost = make_member(role="operator", is_active=False)
    with pytest.raises(actions.Refused):
        actions.change_role(actor=ghost, subject=operator, role="member")
    assert _me(token) == 200


def test_the_revocation_rolls_back_with_the_role_change(
    operator: User, make_member: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = make_member()
    token = issue_token(user=member, name="phone")

    def broken_log(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the log could not be written")

    monkeypatch.setattr(actions, "_log", broken_log)
    with pytest.raises(RuntimeError):
        actions.change_role(actor=operator, subject=member, role="moderator")
    assert User.objects.get(pk=member.pk).role == "member"
    assert _me(token) == 200


def test_accepting_an_invite_signs_the_apps_out(operator: User, make_member: Any) -> None:
    _, raw = actions.create_invite(actor=operator)
    newcomer = make_member(pseudonym="kind_listener")
    token = issue_token(user=newcomer, name="phone")
    client = Client()
    client.cookies["halqa_language"] = "en"
    client.force_login(newcomer)
    response = client.post(f"/console/invite/{raw}/", follow=True)
    assert "Any app you were signed in to is signed out" in response.content.decode()
    assert User.objects.get(pk=newcomer.pk).role == "moderator"
    assert _me(token) == 401
    assert _cases(token) == 401
    # The browser session stays signed in; the staff pages ask for the code.
    assert client.get("/moderation/").status_code == 302
