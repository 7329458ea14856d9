"""The operators' policy page and a group's watched words page: two-factor, both languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from halqa.trust import levels
from halqa.trust.models import GroupPolicy, MemberTrust, SitePolicy, WatchedWord
from tests.conftest import verified_staff_client

verified = verified_staff_client


@pytest.fixture
def operator(make_member: Any) -> Any:
    return make_member(pseudonym="site_keeper", role="operator")


def test_policy_page_needs_an_operator_with_two_factor(
    operator: Any, circle: dict[str, Any]
) -> None:
    member = Client()
    member.force_login(circle["author"])
    assert member.get("/trust/policy/").status_code == 404
    plain = Client()
    plain.force_login(operator)
    assert plain.get("/trust/policy/").status_code == 302  # to two-factor first


@pytest.mark.parametrize("language", ["ar", "en"])
def test_operator_changes_thresholds_in_both_languages(operator: Any, language: str) -> None:
    client = verified(operator, language)
    page = client.get("/trust/policy/")
    assert page.status_code == 200
    data = {field: getattr(levels.site_policy(), field) for field in page.context["form"].fields}
    data.update(form="policy", abuse_hold="0.7", hold_new_member_links="on")
    data["ask_about_personal_data"] = "on"
    assert client.post("/trust/policy/", data).status_code == 302
    assert SitePolicy.objects.get(pk=1).abuse_hold == 0.7
    data["abuse_hold"] = "7"
    assert client.post("/trust/policy/", data).status_code == 400  # 0 to 1, explained


def test_operator_sets_and_clears_a_members_level(operator: Any, circle: dict[str, Any]) -> None:
    client = verified(operator)
    client.post("/trust/policy/", {"form": "level", "pseudonym": "AUTHOR_ONE", "level": "2"})
    assert MemberTrust.objects.get(user=circle["author"]).level == 2
    client.post("/trust/policy/", {"form": "level", "pseudonym": "author_one", "level": "auto"})
    assert not MemberTrust.objects.filter(user=circle["author"]).exists()
    response = client.post("/trust/policy/", {"form": "level", "pseudonym": "nobody", "level": "1"})
    assert response.status_code == 400


def test_group_moderator_manages_watched_words(circle: dict[str, Any]) -> None:
    url = f"/trust/groups/{circle['group'].slug}/"
    reader = Client()
    reader.force_login(circle["reader"])
    assert reader.get(url).status_code == 404
    unverified = Client()
    unverified.force_login(circle["moderator"])
    assert unverified.get(url).status_code == 302
    client = verified(circle["moderator"], "ar")
    assert client.get(url).status_code == 200
    client.post(url, {"form": "word", "pattern": "كازينو", "match": "exact", "action": "hold"})
    word = WatchedWord.objects.get(group=circle["group"])
    assert word.action == "hold"
    refused = client.post(
        url, {"form": "word", "pattern": "(a+)+", "match": "regex", "action": "flag"}
    )
    assert refused.status_code == 400
    client.post(url, {"form": "remove", "word": str(word.pk)})
    assert not WatchedWord.objects.exists()


def test_group_override(circle: dict[str, Any]) -> None:
    url = f"/trust/groups/{circle['group'].slug}/"
    client = verified(circle["moderator"])
    data = {
        "form": "policy",
        "abuse_hold": "0.6",
        "abuse_review": "",
        "hold_new_member_links": "false",
    }
    assert client.post(url, data).status_code == 302
    override = GroupPolicy.objects.get(group=circle["group"])
    assert override.abuse_hold == 0.6
    assert override.abuse_review is None
    assert override.hold_new_member_links is False


def test_group_description_is_screened(operator: Any) -> None:
    from halqa.groups.forms import GroupForm

    data = {
        "name": "Evening walks",
        "description": "Call me any time on 0791234567 to talk.",
        "topic": "anxiety",
        "language": "en",
        "visibility": "public",
        "join_policy": "open",
        "rules": "Be kind.",
    }
    with translation.override("en"):
        form = GroupForm(data)
        assert not form.is_valid()
        assert "personal details (phone number)" in str(form.errors["description"])
    data["description"] = "We walk and talk about our evenings."
    assert GroupForm(data).is_valid(), GroupForm(data).errors
