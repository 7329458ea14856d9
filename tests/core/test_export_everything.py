"""A member's export holds everything they wrote, across the apps (DESIGN §5)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from halqa.accounts.export import export_member
from halqa.conversations.actions import edit_post, reply, start_thread
from halqa.conversations.reader_actions import add_reaction
from halqa.groups.actions import create_group, join_group
from halqa.live.actions import post_live_message
from halqa.live.models import LiveSession

pytestmark = pytest.mark.django_db


def test_export_holds_posts_earlier_versions_reactions_and_live_messages(make_member):
    owner, member = make_member(pseudonym="Circle_Keeper"), make_member(pseudonym="Calm_Reader")
    group = create_group(
        slug="evening",
        name="Evening",
        description="d",
        language="en",
        topic="general",
        visibility="public",
        join_policy="open",
        created_by=owner,
    )
    join_group(user=member, group=group)
    thread = start_thread(author=owner, group=group, title="Hello", body="How are you all?")
    post = reply(author=member, thread=thread, body="first words zebra")
    edit_post(editor=member, post=post, body="better words giraffe")
    add_reaction(user=member, post=thread.posts.first(), kind="strength")
    now = timezone.now()
    session = LiveSession.objects.create(
        group=group,
        title="Circle",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
        facilitator=owner,
        is_open=True,
    )
    post_live_message(author=member, session=session, body="live words okapi")

    data = json.dumps(export_member(member), ensure_ascii=False)
    for word in ("zebra", "giraffe", "okapi", "strength", "evening"):
        assert word in data, word


def test_export_download_is_json_with_every_section(member_client, member):
    response = member_client.post("/accounts/settings/export/")
    body = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert {"groups", "conversations", "live", "notifications"} <= set(body)
