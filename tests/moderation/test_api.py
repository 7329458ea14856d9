"""The moderation API: members flag; site moderators list, read, claim and act."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.moderation.enums import CaseKind, ContentState
from halqa.moderation.models import AuditEntry, Case
from tests.api.conftest import JsonClient

pytestmark = pytest.mark.django_db
BASE = "/api/moderation/"


@pytest.fixture
def api() -> JsonClient:
    return JsonClient()


def _token(user: Any) -> str:
    from halqa.accounts.tokens import issue_token

    return issue_token(user=user, name="test device")


def test_flag_create_dedup_and_errors(
    api: JsonClient, make_group: Any, make_post: Any, make_member: Any
) -> None:
    post = make_post(make_group())
    token = _token(make_member())
    first = api.post(f"{BASE}flags", {"post": post.pk, "reason": "spam"}, token=token)
    assert first.status_code == 201
    assert first.json()["created"] is True
    again = api.post(f"{BASE}flags", {"post": post.pk, "reason": "abuse"}, token=token)
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert api.post(f"{BASE}flags", {"reason": "spam"}, token=token).status_code == 422
    bad = api.post(f"{BASE}flags", {"post": post.pk, "reason": "nope"}, token=token)
    assert bad.status_code == 422
    gone = api.post(f"{BASE}flags", {"post": 99999, "reason": "spam"}, token=token)
    assert gone.status_code == 404
    nul = api.post(f"{BASE}flags", {"member": "a\x00b", "reason": "spam"}, token=token)
    assert nul.status_code == 422  # the parser's field error; a 500 on PostgreSQL before
    assert set(nul.json()["fields"]) == {"member"}
    assert api.post(f"{BASE}flags", {"post": post.pk, "reason": "spam"}).status_code == 401
    own = api.post(f"{BASE}flags", {"post": post.pk, "reason": "spam"}, token=_token(post.author))
    assert own.status_code == 409
    assert own.json()["code"] == "self"


def test_flag_rate_limit_is_429(
    api: JsonClient, make_group: Any, make_post: Any, make_member: Any, settings: Any
) -> None:
    settings.FLAGS_PER_HOUR = 1
    group = make_group()
    token = _token(make_member())
    api.post(f"{BASE}flags", {"post": make_post(group).pk, "reason": "spam"}, token=token)
    second = api.post(f"{BASE}flags", {"post": make_post(group).pk, "reason": "spam"}, token=token)
    assert second.status_code == 429
    assert second.json()["code"] == "rate"


def test_cases_for_site_moderators_only(
    api: JsonClient, make_group: Any, make_post: Any, make_member: Any, moderator: Any
) -> None:
    from halqa.moderation.flags import flag

    post = make_post(make_group())
    flag(reporter=make_member(), reason="danger", post=post)
    assert api.get(f"{BASE}cases", token=_token(make_member())).status_code == 403
    token = _token(moderator)
    listing = api.get(f"{BASE}cases", token=token).json()
    assert listing["count"] == 1
    case = listing["items"][0]
    assert case["kind"] == CaseKind.DANGER
    detail = api.get(f"{BASE}cases/{case['id']}", token=token).json()
    assert detail["body"] == post.body
    assert detail["flags"][0]["reason"] == "danger"
    assert api.get(f"{BASE}cases?kind=bogus", token=token).status_code == 422
    assert api.get(f"{BASE}cases/99999", token=token).status_code == 404


def test_claim_and_act(
    api: JsonClient, make_group: Any, make_post: Any, make_member: Any, moderator: Any
) -> None:
    from halqa.moderation.cases import open_case

    post = make_post(make_group())
    case = open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:spam", post=post)
    token = _token(moderator)
    other = _token(make_member(role="moderator"))
    assert api.post(f"{BASE}cases/{case.pk}/claim", token=token).json()["state"] == "claimed"
    taken = api.post(f"{BASE}cases/{case.pk}/claim", token=other)
    assert taken.status_code == 409
    no_rule = api.post(
        f"{BASE}cases/{case.pk}/act", {"action": "remove", "reason": "spam"}, token=token
    )
    assert no_rule.status_code == 409
    assert no_rule.json()["code"] == "rule"
    done = api.post(
        f"{BASE}cases/{case.pk}/act",
        {"action": "remove", "rule": 1, "reason": "spam"},
        token=token,
    )
    assert done.status_code == 200
    assert done.json()["state"] == "resolved"
    post.refresh_from_db()
    assert post.state == ContentState.REMOVED
    assert AuditEntry.objects.filter(case=case, action="remove").count() == 1
    missing = api.post(f"{BASE}cases/{case.pk}/act", {"action": "sanction"}, token=token)
    assert missing.status_code == 422
    assert Case.objects.count() == 1


def test_no_api_route_edits_the_audit_log(api: JsonClient, moderator: Any) -> None:
    token = _token(moderator)
    for method in ("PATCH", "PUT", "DELETE"):
        response = api.call(method, f"{BASE}audit/1", {"reason": "x"}, token=token)
        assert response.status_code in (404, 405)


def test_nul_in_a_reason_or_redacted_text_is_a_field_error(
    api: JsonClient, make_group: Any, make_post: Any, moderator: Any
) -> None:
    """PostgreSQL refuses NUL in text: the parser names the field and nothing is acted on."""
    from halqa.moderation.cases import open_case

    post = make_post(make_group())
    case = open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:spam", post=post)
    token = _token(moderator)
    api.post(f"{BASE}cases/{case.pk}/claim", token=token)
    act = f"{BASE}cases/{case.pk}/act"
    body = post.body
    redact = {"action": "redact", "body": "kept\x00 text", "reason": "why\x00"}
    refused = api.post(act, redact, token=token)
    assert refused.status_code == 422
    assert set(refused.json()["fields"]) == {"body", "reason"}
    hide = api.post(act, {"action": "hide", "reason": "bad\x00 words"}, token=token)
    assert hide.status_code == 422
    post.refresh_from_db()
    assert post.body == body
    assert not AuditEntry.objects.filter(case=case, action__in=["redact", "hide"]).exists()
