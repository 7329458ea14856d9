"""The consented safety contact: encrypted, revealed only to the handling on-duty moderator with
a reason, every view logged for the member, deletable, exported, deleted with the account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from halqa.accounts.export import export_member
from halqa.moderation.enums import CaseState
from halqa.moderation.models import Case
from halqa.safety.contact import save_safety_contact
from halqa.safety.models import ContactView, SafetyContact
from tests.safety.conftest import on_duty, verified_client

PHONE = "+962 79 555 0199"
REASON = "Member wrote they took pills an hour ago and stopped answering."


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["halqa_language"] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def member(make_member: Callable[..., Any]) -> Any:
    user = make_member(pseudonym="quiet_harbor")
    save_safety_contact(member=user, name="My sister Huda", phone=PHONE, location="Irbid")
    return user


@pytest.fixture
def claimed(member: Any, moderator: Any, crisis_case: Callable[..., Any]) -> Any:
    case = crisis_case(member=member, level="plan")
    Case.objects.filter(pk=case.pk).update(state=CaseState.CLAIMED, claimed_by=moderator)
    on_duty(moderator)
    case.refresh_from_db()
    return case


def _reveal(client: Client, case: Any, reason: str = REASON) -> Any:
    return client.post(reverse("safety:reveal_contact", args=[case.pk]), {"reason": reason})


def test_contact_is_encrypted_at_rest(member: Any) -> None:
    sealed = SafetyContact.objects.get(member=member).sealed
    assert PHONE not in sealed
    assert "Huda" not in sealed
    assert "Irbid" not in sealed


def test_member_saves_changes_and_deletes_their_contact(make_member: Callable[..., Any]) -> None:
    user = make_member()
    client = _client(user)
    url = reverse("safety:contact")
    data = {"name": "Sami (brother)", "phone": "٠٧٩٥٥٥٠١٩٩", "location": "Amman, Jabal Luweibdeh"}
    assert client.post(url, data).status_code == 302
    assert "Sami (brother)" in client.get(url).content.decode()
    assert SafetyContact.objects.get(member=user).unsealed()["location"] == data["location"]
    assert client.post(reverse("safety:contact_delete")).status_code == 302
    assert not SafetyContact.objects.filter(member=user).exists()


def test_bad_phone_is_refused_and_what_was_typed_stays(make_member: Callable[..., Any]) -> None:
    client = _client(make_member())
    data = {"name": "Sami", "phone": "call my brother", "location": "Amman"}
    response = client.post(reverse("safety:contact"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "digits only" in body
    assert 'value="Sami"' in body
    assert not SafetyContact.objects.exists()


def test_handling_on_duty_moderator_reveals_and_the_view_is_logged(
    claimed: Any, moderator: Any, member: Any
) -> None:
    response = _reveal(verified_client(moderator), claimed)
    assert response.status_code == 200
    assert PHONE in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    view = ContactView.objects.get()
    assert view.member == member
    assert view.viewer == moderator
    assert view.case_id == claimed.pk
    assert view.reason == REASON
    assert view.viewer_pseudonym == moderator.pseudonym
    _reveal(verified_client(moderator), claimed)
    assert ContactView.objects.count() == 2  # every view, not the first only


def test_reveal_needs_a_reason(claimed: Any, moderator: Any) -> None:
    response = _reveal(verified_client(moderator), claimed, reason="   just   ")
    assert response.status_code == 400
    assert PHONE not in response.content.decode()
    assert not ContactView.objects.exists()


@pytest.mark.parametrize("who", ["other_moderator", "operator", "member", "subject"])
def test_reveal_refused_to_everyone_else(
    who: str, claimed: Any, make_member: Callable[..., Any], member: Any
) -> None:
    user = {
        "other_moderator": lambda: on_duty(make_member(role="moderator")),
        "operator": lambda: on_duty(make_member(role="operator")),
        "member": make_member,
        "subject": lambda: member,
    }[who]()
    client = verified_client(user) if user.role != "member" else _client(user)
    response = _reveal(client, claimed)
    assert response.status_code == 404
    assert PHONE not in response.content.decode()
    tools = client.get(reverse("safety:case", args=[claimed.pk])).content.decode()
    assert reverse("safety:reveal_contact", args=[claimed.pk]) not in tools
    assert not ContactView.objects.exists()


def test_reveal_refused_when_off_duty_or_unclaimed_or_not_urgent(
    claimed: Any, moderator: Any
) -> None:
    client = verified_client(moderator)
    on_duty(moderator, False)
    assert _reveal(client, claimed).status_code == 404
    on_duty(moderator)
    Case.objects.filter(pk=claimed.pk).update(urgency=50)
    assert _reveal(client, claimed).status_code == 404
    Case.objects.filter(pk=claimed.pk).update(urgency=100, state=CaseState.RESOLVED)
    assert _reveal(client, claimed).status_code == 404
    assert not ContactView.objects.exists()


def test_reveal_requires_two_factor(claimed: Any, moderator: Any) -> None:
    response = _reveal(_client(moderator), claimed)
    assert response.status_code == 302
    assert not ContactView.objects.exists()


def test_the_view_log_is_append_only(claimed: Any, moderator: Any) -> None:
    _reveal(verified_client(moderator), claimed)
    view = ContactView.objects.get()
    view.reason = "something nicer"
    with pytest.raises(ValueError, match="cannot be changed"):
        view.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        view.delete()


def test_member_sees_views_on_their_page_and_in_their_export(
    claimed: Any, moderator: Any, member: Any
) -> None:
    _reveal(verified_client(moderator), claimed)
    page = _client(member).get(reverse("safety:contact")).content.decode()
    assert moderator.pseudonym in page
    assert REASON in page
    data = export_member(member)["safety"]
    assert data["safety_contact"]["phone"] == PHONE
    assert data["safety_contact_views"][0]["reason"] == REASON
    assert data["safety_contact_views"][0]["case"] == claimed.pk


def test_deleting_the_contact_keeps_the_log_and_reveals_nothing(
    claimed: Any, moderator: Any, member: Any
) -> None:
    _reveal(verified_client(moderator), claimed)
    _client(member).post(reverse("safety:contact_delete"))
    response = _reveal(verified_client(moderator), claimed)
    assert PHONE not in response.content.decode()
    assert ContactView.objects.count() == 1
    assert export_member(member)["safety"]["safety_contact"] is None


def test_account_deletion_deletes_contact_and_log(
    claimed: Any, moderator: Any, member: Any
) -> None:
    from halqa.accounts.actions import delete_account

    _reveal(verified_client(moderator), claimed)
    delete_account(user=member)
    assert not SafetyContact.objects.exists()
    assert not ContactView.objects.exists()


def test_operators_review_reveals_without_the_contact(
    claimed: Any, moderator: Any, operator_client: Client, make_member: Callable[..., Any]
) -> None:
    _reveal(verified_client(moderator), claimed)
    url = reverse("safety:reveals")
    page = operator_client.get(url).content.decode()
    assert REASON in page
    assert moderator.pseudonym in page
    assert PHONE not in page
    assert verified_client(moderator).get(url).status_code == 404
    assert _client(make_member()).get(url).status_code == 404


def test_reveal_with_a_lost_key_explains_instead_of_failing(
    claimed: Any, moderator: Any, member: Any
) -> None:
    SafetyContact.objects.filter(member=member).update(sealed="gAAAAA-not-a-token")
    response = _reveal(verified_client(moderator), claimed)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not ContactView.objects.exists()
