"""Applying, verifying, declining: licence details encrypted, operator-only, then deleted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.experts import actions, queries
from halqa.experts.models import Application, Expert
from halqa.notifications.models import Notification
from tests.experts.conftest import BODY, LICENCE, plain_client, verified_client


def test_apply_stores_licence_details_encrypted(
    make_application: Callable[..., Application],
) -> None:
    application = make_application()
    stored = Application.objects.get(pk=application.pk)
    assert LICENCE not in stored.licence_number
    assert BODY not in stored.licence_body
    assert stored.has_licence_details


def test_apply_refuses_bad_choices_and_empty_licence(make_member: Callable[..., User]) -> None:
    with pytest.raises(ValidationError) as error:
        actions.apply(
            user=make_member(),
            profession="Counsellor",
            specialties=["astrology"],
            languages=["en"],
            licence_number="X1",
            licence_body="Board",
        )
    assert "specialties" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.apply(
            user=make_member(),
            profession="Counsellor",
            specialties=["grief"],
            languages=["en"],
            licence_number="  ",
            licence_body="Board",
        )
    assert "licence_number" in error.value.message_dict


def test_apply_twice_while_pending_is_refused(
    make_application: Callable[..., Application], member: User
) -> None:
    make_application(user=member)
    with pytest.raises(ValidationError):
        make_application(user=member)
    assert Application.objects.filter(applicant=member).count() == 1


def test_approve_deletes_licence_and_keeps_who_and_when(
    make_application: Callable[..., Application], operator: User, member: User
) -> None:
    application = make_application(user=member)
    expert = actions.approve(operator=operator, application=application)
    stored = Application.objects.get(pk=application.pk)
    assert stored.licence_number == ""
    assert stored.licence_body == ""
    assert stored.state == "approved"
    assert stored.decided_by_name == "night_keeper"
    assert expert.verified_by_name == "night_keeper"
    assert expert.profession == "Clinical psychologist"
    member.refresh_from_db()
    assert member.role == Role.EXPERT
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == "expert_decision"
    assert notification.url == "/experts/apply/"


def test_decline_needs_reason_deletes_licence_and_notifies(
    make_application: Callable[..., Application], operator: User, member: User
) -> None:
    application = make_application(user=member)
    with pytest.raises(ValidationError):
        actions.decline(operator=operator, application=application, reason=" ")
    actions.decline(operator=operator, application=application, reason="Licence not found.")
    stored = Application.objects.get(pk=application.pk)
    assert (stored.state, stored.licence_number, stored.licence_body) == ("declined", "", "")
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    assert Notification.objects.filter(recipient=member, kind="expert_decision").exists()


def test_operator_cannot_approve_their_own_application(
    make_application: Callable[..., Application], operator: User
) -> None:
    application = make_application(user=operator)
    with pytest.raises(PermissionDenied):
        actions.approve(operator=operator, application=application)
    client = verified_client(operator)
    response = client.post(f"/experts/review/{application.pk}/", {"decision": "approve"})
    assert response.status_code == 200
    assert not Expert.objects.filter(user=operator).exists()
    assert Application.objects.get(pk=application.pk).state == "pending"


def test_member_and_moderator_cannot_approve(
    make_application: Callable[..., Application], make_member: Callable[..., User]
) -> None:
    application = make_application()
    moderator = make_member(role="moderator")
    with pytest.raises(PermissionDenied):
        actions.approve(operator=moderator, application=application)
    applicant = application.applicant
    response = plain_client(applicant).post(
        f"/experts/review/{application.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 404
    assert verified_client(moderator).get(f"/experts/review/{application.pk}/").status_code == 404
    assert Application.objects.get(pk=application.pk).state == "pending"


def test_licence_visible_to_operator_only(
    make_application: Callable[..., Application], operator: User, member: User
) -> None:
    application = make_application(user=member)
    own_page = plain_client(member).get("/experts/apply/")
    assert own_page.status_code == 200
    assert LICENCE not in own_page.content.decode()
    assert BODY not in own_page.content.decode()
    assert plain_client(member).get(f"/experts/review/{application.pk}/").status_code == 404
    page = verified_client(operator).get(f"/experts/review/{application.pk}/")
    assert LICENCE in page.content.decode()
    assert BODY in page.content.decode()


def test_operator_without_two_factor_session_is_sent_to_verify(
    make_application: Callable[..., Application], operator: User
) -> None:
    application = make_application()
    response = plain_client(operator).get(f"/experts/review/{application.pk}/")
    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]


def test_review_page_approves_and_licence_is_gone(
    make_application: Callable[..., Application], operator: User
) -> None:
    application = make_application()
    client = verified_client(operator)
    response = client.post(f"/experts/review/{application.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    page = client.get(f"/experts/review/{application.pk}/").content.decode()
    assert LICENCE not in page
    assert queries.expert_of(application.applicant) is not None


def test_review_page_decline_without_reason_shows_error(
    make_application: Callable[..., Application], operator: User
) -> None:
    application = make_application()
    response = verified_client(operator).post(
        f"/experts/review/{application.pk}/", {"decision": "decline", "reason": ""}
    )
    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).state == "pending"


def test_apply_page_keeps_what_was_typed_on_error(member: User) -> None:
    response = plain_client(member).post(
        "/experts/apply/", {"profession": "Social worker", "licence_number": "SW-9"}
    )
    assert response.status_code == 400
    assert "Social worker" in response.content.decode()
    assert not Application.objects.exists()


def test_revoke_removes_badge_and_role(make_expert: Callable[..., Expert], operator: User) -> None:
    expert = make_expert()
    actions.revoke(operator=operator, expert=expert)
    expert.user.refresh_from_db()
    assert expert.user.role == Role.MEMBER
    assert queries.expert_of(expert.user) is None


def test_expert_changes_or_removes_display_name(make_expert: Callable[..., Expert]) -> None:
    expert = make_expert(display_name="Dr. Salma Haddad")
    client = verified_client(expert.user)
    response = client.post("/experts/profile/", {"display_name": ""})
    assert response.status_code == 302
    assert Expert.objects.get(pk=expert.pk).display_name == ""
    assert (
        plain_client(expert.user).post("/experts/profile/", {"display_name": "X"}).status_code
        == 302
    )
    assert Expert.objects.get(pk=expert.pk).display_name == ""  # sent to enter the code first
