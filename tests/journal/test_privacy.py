"""Export and deletion: the journal is exported decrypted for its owner only, and goes with
the account."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from halqa.accounts.actions import delete_account
from halqa.accounts.export import export_member
from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.journal import actions
from halqa.journal.models import Entry, PlanLogEntry, SafetyPlan
from tests.api.conftest import JsonClient

pytestmark = pytest.mark.django_db


def _fill(owner: User, viewer: User) -> None:
    actions.create_entry(author=owner, title="عنوان", body="نص خاص جدًا", prompt="gratitude")
    actions.save_safety_plan(owner=owner, sections={"reasons": ["ابنتي"]})
    actions.set_plan_sharing(owner=owner, shared=True)
    actions.record_plan_view(owner=owner, viewer=viewer)


def test_export_holds_the_journal_decrypted_the_plan_and_its_log(
    member: User, make_member: Callable[..., User]
) -> None:
    moderator = make_member(pseudonym="Kind_Moderator", role="moderator")
    _fill(member, moderator)
    data = export_member(member)["journal"]
    (entry,) = data["entries"]
    assert entry["title"] == "عنوان"
    assert entry["body"] == "نص خاص جدًا"
    assert entry["prompt"]
    plan = data["safety_plan"]
    reasons = next(step for step in plan["steps"] if step["section"] == "reasons")
    assert reasons["items"] == ["ابنتي"]
    assert plan["shared_with_moderators"] is True
    assert [row["event"] for row in plan["log"]] == ["viewed", "shared"]
    assert plan["log"][0]["viewer"] == "Kind_Moderator"


def test_the_owners_export_download_is_json_with_the_text(
    api: JsonClient, member: User, make_member: Callable[..., User]
) -> None:
    _fill(member, make_member(role="moderator"))
    response = api.get("/api/accounts/export", token=issue_token(user=member, name="x"))
    assert response.status_code == 200
    journal = response.json()["journal"]
    assert journal["entries"][0]["body"] == "نص خاص جدًا"
    assert journal["safety_plan"]["log"][0]["event"] == "viewed"


def test_another_accounts_export_has_none_of_it(
    api: JsonClient, member: User, make_member: Callable[..., User]
) -> None:
    _fill(member, make_member(role="moderator"))
    other = make_member()
    response = api.get("/api/accounts/export", token=issue_token(user=other, name="x"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "نص خاص جدًا" not in text
    assert "ابنتي" not in text
    assert response.json()["journal"]["entries"] == []
    # The moderator who opened the plan does not get it in their own export either.
    assert "ابنتي" not in str(export_member(User.objects.get(role="moderator")))


def test_deleting_the_account_deletes_it_all(
    member: User, make_member: Callable[..., User]
) -> None:
    moderator = make_member(role="moderator")
    _fill(member, moderator)
    delete_account(user=member)
    assert not Entry.objects.exists()
    assert not SafetyPlan.objects.exists()
    assert not PlanLogEntry.objects.exists()


def test_a_deleted_moderator_stays_named_in_the_members_log(
    member: User, make_member: Callable[..., User]
) -> None:
    moderator = make_member(pseudonym="Gone_Moderator", role="moderator")
    _fill(member, moderator)
    delete_account(user=moderator)
    row = PlanLogEntry.objects.get(owner=member, event="viewed")
    assert row.viewer is None
    assert row.viewer_pseudonym == "Gone_Moderator"


def test_demo_is_idempotent(make_member: Callable[..., User]) -> None:
    from django.utils import timezone

    from halqa.journal import demo

    users = {demo.MEMBER: make_member(pseudonym=demo.MEMBER)}
    demo.seed(users, timezone.now())
    demo.seed(users, timezone.now())
    member = users[demo.MEMBER]
    assert Entry.objects.filter(author=member).count() == len(demo.ENTRIES)
    assert SafetyPlan.objects.get(owner=member).opened()["reasons"][0] == "أمي"
