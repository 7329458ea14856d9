"""What someone wrote never reaches a notification: not on a page, in the API or the export."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.test import Client

from halqa.accounts.export import export_member
from halqa.accounts.models import User
from halqa.conversations.actions import reply, start_thread
from halqa.groups.models import Group
from halqa.notifications import actions
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification
from tests.api.conftest import JsonClient

SECRET = "zephyrquillmarrow"


def _reply_with_secret(member: User, actor: User, group: Group) -> None:
    thread = start_thread(author=member, group=group, title="Evenings", body="Evenings are hard.")
    reply(author=actor, thread=thread, body=f"I felt {SECRET} too, @{member.pseudonym}.")
    actions.notify(
        recipient=member, kind=Kind.REPLY, url=f"/groups/{group.slug}/", actor=actor, group=group
    )


def test_reply_content_appears_in_no_page_api_or_export(
    member: User,
    member_client: Client,
    token: str,
    api: JsonClient,
    make_member: Callable[..., User],
    make_group: Callable[..., Group],
) -> None:
    actor = make_member(pseudonym="Gentle_Cedar")
    group = make_group(name="Grief and Loss")
    _reply_with_secret(member, actor, group)
    assert Notification.objects.filter(recipient=member).exists()
    member_client.cookies["halqa_language"] = "en"
    page = member_client.get("/notifications/").content.decode()
    assert "Gentle_Cedar\u2069 replied to your thread in \u2068Grief and Loss" in page
    seen = [
        page,
        member_client.get("/notifications/preferences/").content.decode(),
        api.get("/api/notifications/", token=token).content.decode(),
        api.get("/api/notifications/?unread=true", token=token, lang="ar").content.decode(),
        api.post("/api/notifications/read-all", token=token).content.decode(),
        json.dumps(export_member(member)),
    ]
    for text in seen:
        assert SECRET not in text


def test_export_lists_notifications_without_other_members(
    member: User, make_member: Callable[..., User], make_group: Callable[..., Group]
) -> None:
    actor = make_member(pseudonym="Gentle_Cedar")
    group = make_group(name="Grief and Loss")
    actions.notify(recipient=member, kind=Kind.MENTION, url="/g/", actor=actor, group=group)
    actions.set_preferences(user=member, enabled={"reaction": False}, hide_names=True)
    section = export_member(member)["notifications"]
    assert section["preferences"]["reaction"] is False
    assert section["hide_names"] is True
    assert section["items"][0]["kind"] == "mention"
    assert section["items"][0]["group"] == "Grief and Loss"
    assert "Gentle_Cedar" not in json.dumps(section)


def test_deleting_the_actor_keeps_the_notification(
    member: User, make_member: Callable[..., User], member_client: Client
) -> None:
    actor = make_member()
    actions.notify(recipient=member, kind=Kind.REACTION, url="/g/", actor=actor)
    actor.delete()
    member_client.cookies["halqa_language"] = "en"
    page = member_client.get("/notifications/").content.decode()
    assert "A member\u2069" not in page  # the fallback is not isolated: it is our own text
    assert "A member reacted to your message in a group" in page
