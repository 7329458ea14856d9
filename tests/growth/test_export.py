"""The export: the owner's notes decrypted; another member's export holds none of them."""

import json

from halqa.accounts.export import export_member
from halqa.growth import actions, partners


def test_export_holds_own_growth_data_with_notes(member, make_member):
    goal = actions.save_goal(owner=member, title="Walk")
    actions.record_checkin(goal=goal, status="done", note="river walk")
    actions.log_mood(owner=member, score=4, emotions=["calm"], note="calm evening")
    friend = make_member(pseudonym="friend")
    partnership = partners.invite_partner(inviter=member, pseudonym="friend")
    partners.accept(partnership=partnership, user=friend)
    partners.set_share(
        partnership=partnership,
        user=member,
        goal_ids=[goal.pk],
        notes=True,
        mood=True,
        nudges=False,
    )
    data = export_member(member)["growth"]
    assert data["goals"][0]["checkins"][0]["note"] == "river walk"
    assert data["mood"][0]["note"] == "calm evening"
    assert data["partnerships"][0]["partner"] == "friend"
    assert data["partnerships"][0]["my_sharing"]["goals"] == [goal.pk]
    # The partner sees the notes on the page, but they are not the partner's data to export.
    theirs = json.dumps(export_member(friend), ensure_ascii=False)
    assert "river walk" not in theirs
    assert "calm evening" not in theirs
