"""The safety API: the same permissions as the pages, the JSON error shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.test import Client

from halqa.accounts.tokens import issue_token
from halqa.moderation.enums import CaseState
from halqa.moderation.models import Case
from halqa.safety.models import CardAnswer, ContactView, SafetyContact, SupportMessage
from tests.safety.conftest import on_duty

PHONE = "+962 79 555 0199"
REASON = "Member wrote they took pills an hour ago and stopped answering."


def call(method: str, path: str, user: Any = None, body: Any = None) -> Any:
    headers = {"Accept-Language": "en"}
    if user is not None:
        headers["Authorization"] = f"Bearer {issue_token(user=user, name='phone')}"
    data = "" if body is None else json.dumps(body)
    response = Client().generic(
        method, f"/api/safety{path}", data, content_type="application/json", headers=headers
    )
    return response.status_code, (json.loads(response.content) if response.content else None)


def test_card_answer_talk_and_safe(make_member: Callable[..., Any]) -> None:
    member = make_member()
    status, body = call("POST", "/card-answer", member, {"choice": "talk"})
    assert status == 200
    assert body["case"] == Case.objects.get().pk
    assert body["support_thread"] is not None
    status, body = call("POST", "/card-answer", member, {"choice": "safe"})
    assert status == 200
    assert body["support_thread"] is not None  # the same case, its thread
    assert list(CardAnswer.objects.values_list("choice", flat=True)) == ["safe", "talk"]


def test_card_answer_refuses_bad_choice_and_anonymous(make_member: Callable[..., Any]) -> None:
    status, body = call("POST", "/card-answer", make_member(), {"choice": "maybe"})
    assert status == 422
    assert set(body) == {"code", "message", "fields"}
    assert call("POST", "/card-answer", None, {"choice": "talk"})[0] == 401
    assert not Case.objects.exists()


def test_support_thread_privacy_and_messages(
    crisis_case: Callable[..., Any], moderator: Any, make_member: Callable[..., Any]
) -> None:
    case = crisis_case()
    status, sent = call("POST", f"/cases/{case.pk}/support-messages", moderator, {"body": "Hello"})
    assert status == 201
    assert sent["moderator"] == moderator.pseudonym
    thread = case.support_thread
    path = f"/support-threads/{thread.pk}"
    assert call("GET", "/support-threads", case.subject)[1][0]["id"] == thread.pk
    assert call("POST", f"{path}/messages", case.subject, {"body": "Thank you"})[0] == 201
    status, body = call("GET", path, case.subject)
    assert [m["body"] for m in body["messages"]] == ["Hello", "Thank you"]
    stranger = make_member()
    assert call("GET", path, stranger)[0] == 404
    assert call("POST", f"{path}/messages", stranger, {"body": "hi"})[0] == 404
    assert call("POST", f"/cases/{case.pk}/support-messages", stranger, {"body": "x"})[0] == 404
    assert call("GET", "/support-threads", stranger)[1] == []
    assert SupportMessage.objects.count() == 2


def test_contact_store_read_delete_and_validation(make_member: Callable[..., Any]) -> None:
    member = make_member()
    data = {"name": "My sister Huda", "phone": PHONE, "location": "Irbid"}
    assert call("GET", "/contact", member)[0] == 404
    assert call("PUT", "/contact", member, data) == (200, data)
    assert call("GET", "/contact", member) == (200, data)
    status, body = call("PUT", "/contact", member, data | {"phone": "call my sister"})
    assert status == 422
    assert "phone" in body["fields"]
    assert call("DELETE", "/contact", member)[0] == 204
    assert not SafetyContact.objects.exists()


def test_contact_reveal_only_for_the_handling_on_duty_moderator(
    crisis_case: Callable[..., Any], moderator: Any, make_member: Callable[..., Any]
) -> None:
    member = make_member()
    call("PUT", "/contact", member, {"name": "Huda", "phone": PHONE, "location": "Irbid"})
    case = crisis_case(member=member, level="plan")
    Case.objects.filter(pk=case.pk).update(state=CaseState.CLAIMED, claimed_by=moderator)
    on_duty(moderator)
    other = on_duty(make_member(role="moderator"))
    path = f"/cases/{case.pk}/contact-reveal"
    for refused in (other, member, make_member()):
        assert call("POST", path, refused, {"reason": REASON})[0] == 404
    assert call("POST", path, moderator, {"reason": "x"})[0] == 422
    assert not ContactView.objects.exists()
    status, body = call("POST", path, moderator, {"reason": REASON})
    assert status == 200
    assert body["contact"]["phone"] == PHONE
    views = call("GET", "/contact/views", member)[1]
    assert views[0]["moderator"] == moderator.pseudonym
    assert views[0]["reason"] == REASON
    assert call("POST", path, moderator, {"reason": REASON + "\x00"})[0] == 422
    assert ContactView.objects.count() == 1  # a NUL was a 500 on PostgreSQL; now a field error
