"""Group commitments: shared by a member, seen by members (status only), reacted to."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from halqa.growth import actions, commitments
from halqa.growth.models import CommitmentReaction


def client_for(user, lang="en"):
    client = Client()
    client.cookies["halqa_language"] = lang
    client.force_login(user)
    return client


@pytest.fixture
def circle(make_member, make_group):
    owner, peer, outsider = make_member(), make_member(), make_member()
    group = make_group(members=(owner, peer), visibility="public")
    goal = actions.save_goal(owner=owner, title="Take my medication")
    actions.record_checkin(goal=goal, status="done", note="side effects today")
    return {"owner": owner, "peer": peer, "outsider": outsider, "group": group, "goal": goal}


def test_members_see_status_never_notes(circle):
    client_for(circle["owner"]).post(
        f"/growth/goals/{circle['goal'].pk}/share/", {"group": circle["group"].slug}
    )
    url = f"/groups/{circle['group'].slug}/"
    page = client_for(circle["peer"]).get(url).content.decode()
    assert "Take my medication" in page
    assert "1 day in a row" in page
    assert "side effects" not in page
    # A public group's page is open to outsiders, its commitments are not.
    assert "Take my medication" not in client_for(circle["outsider"]).get(url).content.decode()
    assert "Take my medication" not in Client().get(url).content.decode()


def test_only_members_share_and_react(circle, make_group):
    other_group = make_group()
    with pytest.raises(PermissionDenied):
        commitments.share_commitment(goal=circle["goal"], group=other_group)
    row = commitments.share_commitment(goal=circle["goal"], group=circle["group"])
    peer = client_for(circle["peer"])
    peer.post(f"/growth/commitments/{row.pk}/react/", {"kind": "strength"})
    assert CommitmentReaction.objects.get().kind == "strength"
    peer.post(f"/growth/commitments/{row.pk}/react/", {"kind": "strength"})  # takes it back
    assert not CommitmentReaction.objects.exists()
    peer.post(f"/growth/commitments/{row.pk}/react/", {"kind": "thumbs_down"})
    assert not CommitmentReaction.objects.exists()
    outsider = client_for(circle["outsider"])
    assert outsider.post(f"/growth/commitments/{row.pk}/react/", {"kind": "hug"}).status_code == 404
    assert peer.post(f"/growth/commitments/{row.pk}/withdraw/").status_code == 403
    client_for(circle["owner"]).post(f"/growth/commitments/{row.pk}/withdraw/")
    page = peer.get(f"/groups/{circle['group'].slug}/").content.decode()
    assert "Take my medication" not in page


def test_commitment_of_a_member_who_left_no_longer_shows(circle):
    from halqa.groups.actions import leave_group

    commitments.share_commitment(goal=circle["goal"], group=circle["group"])
    leave_group(user=circle["owner"], group=circle["group"])
    page = client_for(circle["peer"]).get(f"/groups/{circle['group'].slug}/").content.decode()
    assert "Take my medication" not in page


def test_others_do_not_see_the_reminder_time(circle):
    from datetime import time

    actions.save_goal(
        owner=circle["owner"],
        goal=circle["goal"],
        title="Take my medication",
        reminder_time=time(7, 45),
    )
    commitments.share_commitment(goal=circle["goal"], group=circle["group"])
    url = f"/groups/{circle['group'].slug}/"
    assert "7:45" not in client_for(circle["peer"]).get(url).content.decode()
    assert "7:45" in client_for(circle["owner"]).get(url).content.decode()


def test_group_page_cost_does_not_grow_with_commitments(circle, make_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def growth_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client_for(circle["peer"]).get(f"/groups/{circle['group'].slug}/")
        return sum(1 for q in captured if '"growth_' in q["sql"])

    commitments.share_commitment(goal=circle["goal"], group=circle["group"])
    one = growth_queries()
    for country in ("EG", "GB", "SA"):
        owner = make_member(country=country)
        from halqa.groups.actions import add_member

        add_member(user=owner, group=circle["group"])
        goal = actions.save_goal(owner=owner, title="Stretch")
        commitments.share_commitment(goal=goal, group=circle["group"])
    # commitments, reactions, zones, check-ins per distinct local date (at most a few)
    assert one == 4
    assert growth_queries() <= 5
