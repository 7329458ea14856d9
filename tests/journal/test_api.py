"""The journal API: the author's own entries and plan, with the pages' permissions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.journal import actions
from halqa.journal.enums import PlanEvent
from halqa.journal.models import Entry, PlanLogEntry
from tests.api.conftest import JsonClient, assert_error

pytestmark = pytest.mark.django_db

ENTRIES = "/api/journal/entries"
PLAN = "/api/journal/safety-plan"


def test_create_read_update_delete_an_entry(api: JsonClient, token: str, member: User) -> None:
    created = api.post(
        ENTRIES, {"title": "يوم هادئ", "body": "مشيت على البحر", "prompt": "helped"}, token=token
    )
    assert created.status_code == 201
    body = created.json()
    assert body["body"] == "مشيت على البحر"
    assert body["prompt"] == "helped"
    assert body["prompt_text"] == "What helped you today, even a little?"
    entry_id = body["id"]
    assert api.get(f"{ENTRIES}/{entry_id}", token=token).json()["title"] == "يوم هادئ"
    updated = api.call("PUT", f"{ENTRIES}/{entry_id}", {"body": "تغيّر"}, token=token).json()
    assert updated["body"] == "تغيّر"
    assert updated["prompt"] is None
    assert updated["edited_at"] is not None
    assert api.delete(f"{ENTRIES}/{entry_id}", token=token).status_code == 204
    assert not Entry.objects.filter(pk=entry_id).exists()


def test_list_is_the_authors_own_newest_first(
    api: JsonClient, token: str, member: User, make_member: Callable[..., User]
) -> None:
    actions.create_entry(author=make_member(), body="someone else's")
    for number in range(22):
        actions.create_entry(author=member, body=f"mine {number}")
    first = api.get(ENTRIES, token=token).json()
    assert first["count"] == 22
    assert first["pages"] == 2
    assert first["items"][0]["body"] == "mine 21"
    second = api.get(f"{ENTRIES}?page=2", token=token).json()
    assert [item["body"] for item in second["items"]] == ["mine 1", "mine 0"]
    assert api.get(f"{ENTRIES}?page=3", token=token).json()["items"] == []


def test_another_members_entry_is_404_for_every_method(
    api: JsonClient, token: str, make_member: Callable[..., User]
) -> None:
    entry = actions.create_entry(author=make_member(), body="not yours")
    url = f"{ENTRIES}/{entry.pk}"
    assert_error(api.get(url, token=token), 404)
    assert_error(api.call("PUT", url, {"body": "x"}, token=token), 404)
    assert_error(api.delete(url, token=token), 404)
    assert Entry.objects.get(pk=entry.pk).opened()["body"] == "not yours"


def test_bad_input_is_422_with_fields(api: JsonClient, token: str) -> None:
    assert_error(api.post(ENTRIES, {"body": ""}, token=token), 422)
    assert_error(api.post(ENTRIES, {"body": "x", "prompt": "nope"}, token=token), 422)
    assert_error(api.post(ENTRIES, {"body": "   "}, token=token), 422)
    assert_error(api.post(ENTRIES, {"body": "x", "extra": 1}, token=token), 422)
    assert not Entry.objects.exists()


def test_needs_a_token(api: JsonClient) -> None:
    assert_error(api.get(ENTRIES), 401)
    assert_error(api.get(PLAN), 401)


def test_plan_get_put_and_sharing(api: JsonClient, token: str, member: User) -> None:
    empty = api.get(PLAN, token=token).json()
    assert empty["steps"][0]["section"] == "warning_signs"
    assert all(step["items"] == [] for step in empty["steps"])
    assert empty["shared_with_moderators"] is False
    put = api.call(
        "PUT", PLAN, {"sections": {"reasons": ["My son", "  "], "coping": ["Walk"]}}, token=token
    ).json()
    steps = {step["section"]: step["items"] for step in put["steps"]}
    assert steps["reasons"] == ["My son"]
    assert steps["coping"] == ["Walk"]
    shared = api.call("PUT", f"{PLAN}/sharing", {"shared": True}, token=token).json()
    assert shared["shared_with_moderators"] is True
    assert shared["log"][0]["event"] == "shared"
    assert PlanLogEntry.objects.filter(owner=member, event=PlanEvent.SHARED).exists()


def test_plan_bad_input(api: JsonClient, token: str) -> None:
    too_long = "x" * (actions.ITEM_MAX + 1)
    assert_error(api.call("PUT", PLAN, {"sections": {"nope": ["x"]}}, token=token), 422)
    assert_error(api.call("PUT", PLAN, {"sections": {"reasons": [too_long]}}, token=token), 422)
    many = ["x"] * (actions.ITEMS_MAX + 1)
    assert_error(api.call("PUT", PLAN, {"sections": {"reasons": many}}, token=token), 422)
    assert_error(api.call("PUT", f"{PLAN}/sharing", {"shared": "yes"}, token=token), 422)


def test_plan_is_per_member(
    api: JsonClient, member: User, make_member: Callable[..., User]
) -> None:
    actions.save_safety_plan(owner=member, sections={"reasons": ["Mine only"]})
    other = issue_token(user=make_member(), name="other")
    steps = api.get(PLAN, token=other).json()["steps"]
    assert all(step["items"] == [] for step in steps)
