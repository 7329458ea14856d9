"""The one-to-one support thread: only the member and the case's moderators; first response."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from halqa.groups.enums import GroupRole
from halqa.groups.models import Membership
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification
from halqa.safety.models import SupportMessage, SupportThread
from tests.safety.conftest import verified_client

WORDS = "We are here with you tonight. Can you tell me how you are doing?"


def _member_client(user: Any) -> Client:
    client = Client()
    client.cookies["halqa_language"] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def group_case(make_group: Callable[..., Any], make_post: Callable[..., Any]) -> Any:
    from halqa.safety.crisis import open_crisis_case

    post = make_post(make_group(), body="…")
    return open_crisis_case(author=post.author, level="ideation", post=post)


def test_case_message_starts_thread_counts_as_first_response_and_notifies(
    group_case: Any, moderator: Any
) -> None:
    client = verified_client(moderator)
    url = reverse("safety:case_message", args=[group_case.pk])
    response = client.post(url, {"body": WORDS})
    thread = SupportThread.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("safety:support_thread", args=[thread.pk]))
    group_case.refresh_from_db()
    assert group_case.first_response_at is not None
    message = SupportMessage.objects.get()
    assert message.author == moderator
    assert not message.from_member
    assert message.screening["model_version"]  # screened like every message
    note = Notification.objects.get(recipient=group_case.subject)
    assert note.kind == Kind.SUPPORT_MESSAGE
    assert note.url == reverse("safety:support_thread", args=[thread.pk])  # ids only, no words


def test_member_reads_and_replies_in_their_thread(group_case: Any, moderator: Any) -> None:
    verified_client(moderator).post(
        reverse("safety:case_message", args=[group_case.pk]), {"body": WORDS}
    )
    thread = SupportThread.objects.get()
    client = _member_client(group_case.subject)
    url = reverse("safety:support_thread", args=[thread.pk])
    page = client.get(url).content.decode()
    assert WORDS in page
    assert client.post(url, {"body": "Thank you, it helps to hear that."}).status_code == 302
    reply = SupportMessage.objects.last()
    assert reply is not None
    assert reply.from_member
    assert reply.author == group_case.subject
    assert "it helps to hear that" in verified_client(moderator).get(url).content.decode()


def test_member_reply_empty_is_refused_with_a_message(group_case: Any) -> None:
    from halqa.safety.support import support_thread_for

    thread = support_thread_for(group_case)
    client = _member_client(group_case.subject)
    url = reverse("safety:support_thread", args=[thread.pk])
    response = client.post(url, {"body": "   "})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not SupportMessage.objects.exists()


def test_support_thread_is_private(
    group_case: Any, moderator: Any, make_member: Callable[..., Any], client: Client
) -> None:
    from halqa.safety.support import support_thread_for

    thread = support_thread_for(group_case)
    url = reverse("safety:support_thread", args=[thread.pk])
    other_member = make_member()
    # A moderator of another group only: not a moderator of this case.
    elsewhere = make_member()
    from halqa.groups.actions import create_group

    other_group = create_group(slug="elsewhere", name="Elsewhere", description="x", rules=["x"])
    Membership.objects.create(group=other_group, user=elsewhere, role=GroupRole.MODERATOR)
    assert _member_client(other_member).get(url).status_code == 404
    assert _member_client(elsewhere).get(url).status_code == 404
    assert _member_client(other_member).post(url, {"body": "hi"}).status_code == 404
    assert client.get(url).status_code == 302  # anonymous: to the login page
    # A site moderator without two-factor in this session is sent to verify first.
    unverified = _member_client(moderator)
    assert unverified.get(url)["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert verified_client(moderator).get(url).status_code == 200
    assert not SupportMessage.objects.exists()


def test_group_moderator_of_the_case_group_can_read(
    group_case: Any, make_member: Callable[..., Any]
) -> None:
    from halqa.safety.support import support_thread_for

    thread = support_thread_for(group_case)
    group_mod = make_member()
    Membership.objects.create(group=group_case.group, user=group_mod, role=GroupRole.MODERATOR)
    url = reverse("safety:support_thread", args=[thread.pk])
    # Two-factor first, as on the moderation pages (found by tests/security).
    unverified = _member_client(group_mod).get(url)
    assert unverified["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert verified_client(group_mod).get(url).status_code == 200


def test_case_page_and_message_refused_to_members_and_the_subject(
    group_case: Any, make_member: Callable[..., Any]
) -> None:
    for user in (make_member(), group_case.subject):
        client = _member_client(user)
        assert client.get(reverse("safety:case", args=[group_case.pk])).status_code == 404
        url = reverse("safety:case_message", args=[group_case.pk])
        assert client.post(url, {"body": WORDS}).status_code == 404
    assert not SupportThread.objects.exists()


def test_case_page_shows_the_tools(group_case: Any, moderator: Any) -> None:
    client = verified_client(moderator)
    client.cookies["halqa_language"] = "en"
    page = client.get(reverse("safety:case", args=[group_case.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert reverse("safety:case_message", args=[group_case.pk]) in body
    assert "The member has not answered the crisis card." in body


def test_member_support_list_shows_only_their_threads(
    group_case: Any, make_member: Callable[..., Any]
) -> None:
    from halqa.safety.support import support_thread_for

    thread = support_thread_for(group_case)
    mine = _member_client(group_case.subject).get(reverse("safety:support_list"))
    theirs = _member_client(make_member()).get(reverse("safety:support_list"))
    link = reverse("safety:support_thread", args=[thread.pk])
    assert link in mine.content.decode()
    assert link not in theirs.content.decode()


def test_case_tools_tag_renders_for_a_moderator_page(
    group_case: Any, moderator: Any, rf: Any
) -> None:
    from django.template import Context, Template

    request = rf.get("/")
    request.user = moderator
    html = Template("{% load safety %}{% case_tools case %}").render(
        Context({"request": request, "case": group_case})
    )
    assert reverse("safety:case_message", args=[group_case.pk]) in html
    assert 'class="card case-tools"' in html


def test_member_may_say_where_they_are_and_write_while_muted(group_case: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from halqa.moderation.enums import SanctionKind
    from halqa.moderation.models import Sanction
    from halqa.safety.support import send_support_message, support_thread_for

    thread = support_thread_for(group_case)
    member = group_case.subject
    Sanction.objects.create(
        user=member,
        kind=SanctionKind.MUTE,
        starts_at=timezone.now() - timedelta(minutes=1),
        ends_at=timezone.now() + timedelta(days=1),
    )
    text = "I'm at home, call me on 0791234567 or write to me@example.com"
    message = send_support_message(author=member, thread=thread, body=text)
    assert message.body == text  # nothing masked or refused in this private conversation
    assert message.screening["personal_data"]


def test_muted_member_support_message_is_judged_by_the_publish_policy(group_case: Any) -> None:
    """A mute does not silence the support thread, and the message still takes the one publish
    path: its stored record holds the policy's decision like any other message's."""
    from datetime import timedelta

    from django.utils import timezone

    from halqa.moderation.enums import SanctionKind
    from halqa.moderation.models import Sanction
    from halqa.safety.support import send_support_message, support_thread_for

    thread = support_thread_for(group_case)
    member = group_case.subject
    now = timezone.now()
    Sanction.objects.create(
        user=member,
        kind=SanctionKind.MUTE,
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(days=1),
    )
    text = "I have pills saved and tonight I will take them all to end my life"
    message = send_support_message(author=member, thread=thread, body=text)
    assert message.screening["crisis"] == "plan"
    assert message.screening["policy"]["crisis"] == "plan"
    assert message.screening["policy"]["outcome"] != "publish"


def test_support_thread_refreshes_its_messages_over_htmx(group_case: Any) -> None:
    from halqa.safety.support import send_support_message, support_thread_for

    thread = support_thread_for(group_case)
    send_support_message(author=group_case.subject, thread=thread, body="Are you there?")
    client = _member_client(group_case.subject)
    url = reverse("safety:support_thread", args=[thread.pk])
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith('<ol class="support-messages" id="support-messages"')
    assert "Are you there?" in body
    assert "<form" not in body
