"""Each moderator action end to end: content state, audit entry, who is told."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.moderation import actions
from halqa.moderation.actions import Refused
from halqa.moderation.cases import open_case
from halqa.moderation.enums import (
    Action,
    AppealState,
    CaseKind,
    CaseState,
    ContentState,
    SanctionKind,
)
from halqa.moderation.models import Appeal, AuditEntry, Case, Redaction, text_hash
from halqa.moderation.queries import active_mute
from halqa.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(make_group: Any, make_post: Any) -> Case:
    post = make_post(make_group(), body="You are all idiots")
    post.state = ContentState.HELD
    post.save(update_fields=["state"])
    return open_case(kind=CaseKind.HELD, subject=post.author, reason="held:abuse", post=post)


def test_claim_is_exclusive(held: Case, moderator: Any, make_member: Any) -> None:
    other = make_member(role="moderator")
    actions.claim(held, moderator)
    held.refresh_from_db()
    assert held.state == CaseState.CLAIMED
    assert held.claimed_by == moderator
    assert held.first_response_at is not None
    with pytest.raises(Refused) as refused:
        actions.claim(held, other)
    assert refused.value.code == "claimed"
    with pytest.raises(Refused):
        actions.approve(held, other)
    # Claiming twice is harmless for the one who has it.
    actions.claim(held, moderator)


def test_approve_publishes_and_closes(held: Case, moderator: Any) -> None:
    actions.approve(held, moderator)
    held.refresh_from_db()
    held.post.refresh_from_db()
    assert held.post.state == ContentState.PUBLISHED
    assert held.state == CaseState.RESOLVED
    entry = AuditEntry.objects.get(action=Action.APPROVE)
    assert entry.actor == moderator
    assert entry.content_hash == text_hash("You are all idiots")
    assert entry.post_id_value == held.post_id


def test_remove_needs_a_rule_and_reason_and_tells_the_author(held: Case, moderator: Any) -> None:
    with pytest.raises(Refused) as refused:
        actions.remove(held, moderator, rule=9, reason="insults")
    assert refused.value.code == "rule"
    with pytest.raises(Refused):
        actions.remove(held, moderator, rule=1, reason=" ")
    actions.remove(held, moderator, rule=1, reason="insults the group")
    post = held.post
    post.refresh_from_db()
    assert post.state == ContentState.REMOVED
    assert post.removed_rule == "1. Be kind."
    entry = AuditEntry.objects.get(action=Action.REMOVE)
    assert entry.rule == 1
    note = Notification.objects.get(recipient=post.author)
    assert note.kind == "moderation"
    assert note.url == f"/moderation/notices/{entry.pk}/"


def test_redact_keeps_the_revision(held: Case, moderator: Any) -> None:
    actions.redact(held, moderator, "You are all [edited]", reason="insult")
    post = held.post
    post.refresh_from_db()
    assert post.body == "You are all [edited]"
    assert post.revisions.get().body == "You are all idiots"
    assert Redaction.objects.get(post=post).previous == "You are all idiots"
    with pytest.raises(Refused):
        actions.redact(held, moderator, "   ")


def test_hide_then_clear_method(held: Case, moderator: Any) -> None:
    post = held.post
    post.method_hidden = True
    post.save(update_fields=["method_hidden"])
    actions.hide(held, moderator)
    post.refresh_from_db()
    assert post.state == ContentState.HIDDEN
    actions.clear_method(held, moderator)
    post.refresh_from_db()
    assert post.method_hidden is False
    assert AuditEntry.objects.filter(action=Action.CLEAR_METHOD).count() == 1


def test_crisis_is_never_removed_or_sanctioned(
    make_group: Any, make_post: Any, moderator: Any
) -> None:
    post = make_post(make_group(), body="I can't go on")
    case = open_case(kind=CaseKind.CRISIS, subject=post.author, reason="crisis:ideation", post=post)
    with pytest.raises(Refused) as refused:
        actions.remove(case, moderator, rule=1, reason="x")
    assert refused.value.code == "crisis"
    with pytest.raises(Refused):
        actions.sanction(case, moderator, kind=SanctionKind.WARNING, reason="x")
    actions.hide(case, moderator, reason="method details")
    post.refresh_from_db()
    assert post.state == ContentState.HIDDEN
    assert active_mute(post.author, case.group) is None


def test_ladder_mute_and_site_only_sanctions(
    held: Case, moderator: Any, make_group_moderator: Any
) -> None:
    group_mod = make_group_moderator(held.group)
    member = held.subject
    assert actions.next_step(member) == SanctionKind.FEEDBACK
    actions.sanction(held, moderator, kind=SanctionKind.WARNING, reason="rule 1", rule=1)
    assert actions.next_step(member) == SanctionKind.MUTE
    with pytest.raises(Refused) as refused:
        actions.sanction(held, moderator, kind=SanctionKind.MUTE, reason="again", hours=0)
    assert refused.value.code == "duration"
    actions.release(held, moderator)
    # A group moderator may mute in the group but not suspend.
    with pytest.raises(Refused) as refused:
        actions.sanction(held, group_mod, kind=SanctionKind.SUSPENSION, reason="x", hours=24)
    assert refused.value.code == "site_only"
    mute = actions.sanction(held, group_mod, kind=SanctionKind.MUTE, reason="again", hours=24)
    assert mute.group == held.group
    assert active_mute(member, held.group) == mute.ends_at
    assert Notification.objects.filter(recipient=member, kind="moderation").count() == 2


def test_group_moderator_acts_only_in_their_group(
    make_group: Any, make_post: Any, make_group_moderator: Any
) -> None:
    mine, theirs = make_group(), make_group()
    group_mod = make_group_moderator(mine)
    post = make_post(theirs)
    case = open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:spam", post=post)
    with pytest.raises(Refused) as refused:
        actions.claim(case, group_mod)
    assert refused.value.code == "forbidden"
    with pytest.raises(Refused):
        actions.hide(case, group_mod)


def test_handover_and_debrief(held: Case, moderator: Any, make_member: Any, settings: Any) -> None:
    other = make_member(role="moderator")
    lead = make_member(pseudonym="Lead", role="moderator")
    member = make_member()
    actions.claim(held, moderator)
    with pytest.raises(Refused):
        actions.hand_over(held, moderator, member, "please")
    actions.hand_over(held, moderator, other, "I need to step away")
    held.refresh_from_db()
    assert held.claimed_by == other
    assert Notification.objects.get(recipient=other).kind == "case_handover"
    settings.LEAD_MODERATOR = "lead"
    assert actions.ask_for_debrief(moderator, held) == 1
    assert Notification.objects.get(recipient=lead).kind == "debrief"


def test_appeal_goes_to_a_different_moderator(held: Case, moderator: Any, make_member: Any) -> None:
    second = make_member(role="moderator")
    actions.remove(held, moderator, rule=1, reason="insults")
    entry = AuditEntry.objects.get(action=Action.REMOVE)
    author = held.subject
    assert actions.may_appeal(author, entry)
    assert not actions.may_appeal(moderator, entry)
    appeal = actions.appeal(author, entry, "I was quoting someone else")
    assert appeal.statement == "I was quoting someone else"
    assert not actions.may_appeal(author, entry)
    with pytest.raises(Refused) as refused:
        actions.appeal(author, entry, "again")
    assert refused.value.code == "already"
    case = appeal.case
    assert case.kind == CaseKind.APPEAL
    with pytest.raises(Refused) as refused:
        actions.claim(case, moderator)
    assert refused.value.code == "own_decision"
    with pytest.raises(Refused):
        actions.decide_appeal(case, moderator, grant=True, reason="fine")
    actions.decide_appeal(case, second, grant=True, reason="it was a quote")
    appeal.refresh_from_db()
    assert appeal.state == AppealState.GRANTED
    post = held.post
    post.refresh_from_db()
    assert post.state == ContentState.PUBLISHED
    assert post.removed_rule == ""
    assert Notification.objects.filter(recipient=author, kind="appeal_outcome").count() == 1


def test_appeal_lifts_a_sanction(held: Case, moderator: Any, make_member: Any) -> None:
    second = make_member(role="moderator")
    mute = actions.sanction(held, moderator, kind=SanctionKind.MUTE, reason="x", hours=5)
    entry = AuditEntry.objects.get(action=Action.MUTE)
    appeal = actions.appeal(held.subject, entry, "")
    actions.decide_appeal(appeal.case, second, grant=False, reason="kept")
    assert active_mute(held.subject, held.group) == mute.ends_at
    assert Appeal.objects.get().state == AppealState.UPHELD
