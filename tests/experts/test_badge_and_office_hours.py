"""The expert badge in threads and live rooms (one query per page), the directory, office hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from halqa.accounts.models import User
from halqa.conversations.actions import reply, start_thread
from halqa.experts import actions
from halqa.experts.models import Expert, OfficeHours
from halqa.groups.enums import GroupRole
from halqa.groups.models import Group
from halqa.live.models import LiveSession
from tests.experts.conftest import plain_client, verified_client

SOON = timedelta(days=2)


def test_badge_shows_for_verified_experts_only_with_one_query(
    make_expert: Callable[..., Expert], make_member: Callable[..., User]
) -> None:
    expert = make_expert(display_name="Dr. Salma")
    members = [make_member() for _ in range(20)]
    template = Template(
        "{% load experts %}{% for u in people %}"
        "<p>{{ u.pseudonym }}{% expert_badge u %}</p>{% endfor %}"
    )
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"people": [*members, expert.user]}))
    assert len(queries) == 1
    assert html.count("expert-badge") == 1
    assert "Dr. Salma" in html


def test_badge_disappears_when_role_is_no_longer_staff(make_expert: Callable[..., Expert]) -> None:
    expert = make_expert()
    actions.set_role(user=expert.user, role="member")
    html = Template("{% load experts %}{% expert_badge u %}").render(Context({"u": expert.user}))
    assert html == ""


def test_thread_shows_badge_next_to_expert_reply(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group], member: User
) -> None:
    expert = make_expert(display_name="Dr. Salma")
    group = make_group(members=(member, expert.user))
    thread = start_thread(author=member, group=group, title="Sleep", body="I can't sleep.")
    reply(author=expert.user, thread=thread, body="A steady wake time helps.")
    page = plain_client(member).get(f"/groups/{group.slug}/threads/{thread.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="badge expert-badge"') == 1
    assert "Dr. Salma" in html


def test_directory_lists_verified_experts_and_office_hours(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group], member: User
) -> None:
    expert = make_expert(display_name="Dr. Salma")
    group = make_group(members=(expert.user,))
    start = timezone.now() + SOON
    actions.schedule_office_hours(
        expert=expert,
        group=group,
        title="Sleep questions",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    html = plain_client(member).get("/experts/").content.decode()
    assert "Dr. Salma" in html
    assert "Sleep questions" in html
    assert "PSY-4471" not in html


def test_office_hours_by_expert_who_is_a_plain_member_of_the_group(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group]
) -> None:
    expert = make_expert()
    group = make_group(members=(expert.user,))
    start = timezone.now() + SOON
    hours = actions.schedule_office_hours(
        expert=expert,
        group=group,
        title="Office hours",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    session = LiveSession.objects.get(pk=hours.session_id)
    assert session.group == group
    assert session.facilitator == expert.user


def test_office_hours_need_group_membership_and_valid_times(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group]
) -> None:
    expert = make_expert()
    outside = make_group()
    start = timezone.now() + SOON
    with pytest.raises(PermissionDenied):
        actions.schedule_office_hours(
            expert=expert, group=outside, title="Hours", starts_at=start, ends_at=start + SOON
        )
    inside = make_group(members=(expert.user,))
    with pytest.raises(ValidationError):
        actions.schedule_office_hours(
            expert=expert, group=inside, title="Hours", starts_at=start, ends_at=start
        )
    past = timezone.now() - SOON
    with pytest.raises(ValidationError):
        actions.schedule_office_hours(
            expert=expert, group=inside, title="Hours", starts_at=past, ends_at=past + SOON
        )
    with pytest.raises(ValidationError):  # the live sessions' 8-hour limit holds here too
        actions.schedule_office_hours(
            expert=expert, group=inside, title="Hours", starts_at=start, ends_at=start + SOON
        )
    assert not OfficeHours.objects.exists()


def test_facilitator_expert_goes_through_live_schedule_session(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group]
) -> None:
    from halqa.groups.actions import add_member

    expert = make_expert()
    group = make_group()
    add_member(user=expert.user, group=group, role=GroupRole.FACILITATOR)
    start = timezone.now() + SOON
    hours = actions.schedule_office_hours(
        expert=expert,
        group=group,
        title="Hours",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    assert hours.session.created_by == expert.user


def test_office_hours_page_schedules_and_errors_keep_input(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group]
) -> None:
    expert = make_expert()
    group = make_group(members=(expert.user,))
    client = verified_client(expert.user)
    assert client.get("/experts/office-hours/new/").status_code == 200
    start = (timezone.now() + SOON).strftime("%Y-%m-%dT%H:%M")
    bad = client.post(
        "/experts/office-hours/new/",
        {"group": group.slug, "title": "My hours", "starts_at": start, "ends_at": start},
    )
    assert bad.status_code == 400
    assert "My hours" in bad.content.decode()
    end = (timezone.now() + SOON + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    good = client.post(
        "/experts/office-hours/new/",
        {"group": group.slug, "title": "My hours", "starts_at": start, "ends_at": end},
    )
    assert good.status_code == 302
    assert OfficeHours.objects.get().session.title == "My hours"
    other = make_group()
    refused = client.post(
        "/experts/office-hours/new/",
        {"group": other.slug, "title": "My hours", "starts_at": start, "ends_at": end},
    )
    assert refused.status_code == 400  # not one of the expert's groups
    assert OfficeHours.objects.count() == 1


def test_live_room_shows_badge_next_to_expert_message(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group], member: User
) -> None:
    from halqa.live.models import LiveMessage

    expert = make_expert(display_name="Dr. Salma")
    group = make_group(members=(member, expert.user))
    start = timezone.now() - timedelta(minutes=5)
    session = LiveSession.objects.create(
        group=group,
        title="Evening circle",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        is_open=True,
        last_seq=2,
    )
    LiveMessage.objects.create(session=session, seq=1, author=member, body="Hello all")
    LiveMessage.objects.create(session=session, seq=2, author=expert.user, body="Welcome")
    html = plain_client(member).get(f"/live/{session.pk}/").content.decode()
    assert html.count('class="badge expert-badge"') == 1
    assert "Dr. Salma" in html


def test_office_hours_sessions_tells_them_apart(
    make_expert: Callable[..., Expert], make_group: Callable[..., Group]
) -> None:
    from halqa.experts.queries import office_hours_sessions

    expert = make_expert()
    group = make_group(members=(expert.user,))
    start = timezone.now() + SOON
    hours = actions.schedule_office_hours(
        expert=expert,
        group=group,
        title="Hours",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    plain = LiveSession.objects.create(
        group=group, title="Circle", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    assert office_hours_sessions([hours.session_id, plain.pk]) == {hours.session_id}
