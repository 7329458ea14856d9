"""The groups part of "export my data"."""

from __future__ import annotations

from halqa.accounts.export import export_member
from halqa.groups.actions import (
    add_member,
    create_invite,
    decline_request,
    remove_member,
    request_to_join,
)
from halqa.groups.enums import JoinPolicy


def test_export_has_memberships_requests_and_decisions(make_group, facilitator, member):
    kept = make_group(slug="kept", facilitator=facilitator)
    left = make_group(slug="left", facilitator=facilitator)
    asked = make_group(slug="asked", join_policy=JoinPolicy.REQUEST, facilitator=facilitator)
    add_member(user=member, group=kept)
    remove_member(actor=facilitator, membership=add_member(user=member, group=left), reason="r")
    decline_request(actor=facilitator, join_request=request_to_join(user=member, group=asked))
    create_invite(actor=facilitator, group=kept, label="clinic")

    data = export_member(member)["groups"]

    assert [m["group"] for m in data["memberships"]] == ["kept"]
    assert [(r["group"], r["status"]) for r in data["join_requests"]] == [("asked", "declined")]
    changes = {(e["group"], e["change"], e["reason"]) for e in data["membership_changes"]}
    assert changes == {("left", "removed", "r"), ("asked", "declined", "")}
    assert data["invite_links_created"] == []
    assert "steady_lantern" not in str(data)
    assert export_member(facilitator)["groups"]["invite_links_created"][0]["label"] == "clinic"
