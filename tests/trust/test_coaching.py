"""Coaching while writing: a partial for the draft; nothing stored; throttled; no text logged."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from halqa.conversations.models import Post
from halqa.trust import coaching


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.cookies["halqa_language"] = language
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def test_crisis_draft_brings_support_and_helplines(circle: dict[str, Any]) -> None:
    author = circle["author"]
    author.country = "JO"
    author.save(update_fields=["country"])
    response = _client(author).post("/trust/coach/", {"body": "I want to kill myself tonight"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "really hard right now" in page
    assert "/crisis/" in page
    assert not Post.objects.exists()


def test_plan_draft_asks_gently_to_leave_method_details_out(circle: dict[str, Any]) -> None:
    body = "I have pills saved and tonight I will take them all to end my life"
    page = _client(circle["author"]).post("/trust/coach/", {"body": body}).content.decode()
    assert "leave out details of how someone could hurt themselves" in page


def test_personal_data_draft_shows_the_spans_in_arabic(
    circle: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = "رقمي ٠٧٩١٢٣٤٥٦٧ كلموني"
    page = _client(circle["author"], "ar").post("/trust/coach/", {"body": body}).content.decode()
    assert "<mark" in page
    assert (
        '<mark title="رقم هاتف">٠٧٩١٢٣٤٥٦٧' in page
        or '<mark title="phone number">٠٧٩١٢٣٤٥٦٧' in page
    )
    assert "٠٧٩١٢٣٤٥٦٧" not in caplog.text  # never logged


def test_ordinary_draft_gives_nothing(circle: dict[str, Any]) -> None:
    page = _client(circle["author"]).post("/trust/coach/", {"body": "Slept better today"})
    assert page.content.decode().strip() == ""


def test_coaching_needs_a_member_and_a_post(circle: dict[str, Any]) -> None:
    assert Client().post("/trust/coach/", {"body": "hello"}).status_code == 302
    assert _client(circle["author"]).get("/trust/coach/").status_code == 405


def test_coaching_is_throttled(circle: dict[str, Any]) -> None:
    client = _client(circle["author"])
    for _ in range(coaching.PER_MINUTE):
        assert client.post("/trust/coach/", {"body": "hello there"}).status_code == 200
    assert client.post("/trust/coach/", {"body": "hello there"}).status_code == 204


def test_composers_post_drafts_debounced(circle: dict[str, Any]) -> None:
    url = f"/groups/{circle['group'].slug}/threads/new/"
    page = _client(circle["author"]).get(url).content.decode()
    assert 'hx-post="/trust/coach/"' in page
    assert 'hx-trigger="keyup changed delay:600ms"' in page
    assert 'id="coaching"' in page


def test_api_coaching_and_level(circle: dict[str, Any]) -> None:
    from halqa.accounts.tokens import issue_token

    token = issue_token(user=circle["author"], name="phone")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"body": "رقمي ٠٧٩١٢٣٤٥٦٧ وأريد أن أنهي حياتي"}
    answer = Client().post("/api/trust/coach", body, content_type="application/json", **headers)
    assert answer.status_code == 200
    data = answer.json()
    assert data["personal_data"][0]["kind"] == "phone"
    # the crisis card, in the shape threads and live rooms give it
    assert set(data["crisis_help"]) == {"emergency_numbers", "helplines", "url"}
    assert data["crisis_help"]["url"] == reverse("safety:crisis")
    me = Client().get("/api/trust/me", **headers).json()
    assert me == {
        "level": 0,
        "set_by_operator": False,
        "messages_per_minute": 3,
        "live_seconds_between": 10,
        "links_held": True,
    }


def test_a_crisis_the_model_alone_suspects_shows_no_crisis_note(
    circle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Coaching judges like posting does (trust.policy): no jarring crisis note on a draft that
    would not get the crisis card either."""
    from halqa.screening import CrisisLevel
    from tests.trust.fixtures import screening

    weak = screening(crisis=CrisisLevel.IDEATION, probability=0.2, rules=False)
    monkeypatch.setattr(coaching, "screen", lambda text, **_: weak)
    assert "crisis" not in coaching.coaching_for(circle["author"], "Her lentil soup, every winter")
    sure = screening(crisis=CrisisLevel.IDEATION, probability=0.2)  # an ideation rule fired
    monkeypatch.setattr(coaching, "screen", lambda text, **_: sure)
    assert "crisis" in coaching.coaching_for(circle["author"], "I want to die")


def test_the_api_judges_a_drafts_crisis_as_the_page_does(circle: dict[str, Any]) -> None:
    """Real drafts through the engine: the API and the page agree, also on a plan the model
    alone suspects (no crisis help, no method request on either)."""
    from halqa.accounts.tokens import issue_token

    author = circle["author"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user=author, name='p')}"}
    drafts = [
        "I'm so tired of all of this",  # the model alone: plan, weakly
        "I have pills saved and tonight I will take them all to end my life",
        "I want to kill myself, I can't do this anymore",
        "Slept better today",
    ]
    for draft in drafts:
        answer = Client().post(
            "/api/trust/coach", {"body": draft}, content_type="application/json", **headers
        )
        page = coaching.coaching_for(author, draft)
        assert (answer.json()["crisis_help"] is not None) is ("crisis" in page), draft
        assert answer.json()["leave_out_method"] is bool(page.get("method")), draft
