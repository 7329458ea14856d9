"""notify / notify_many: who gets a notification, and that it holds no content."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from halqa.accounts.models import User
from halqa.notifications import actions
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification

MakeMember = Callable[..., User]


def test_notify_stores_a_notification(make_member: MakeMember) -> None:
    recipient, actor = make_member(), make_member()
    notification = actions.notify(recipient=recipient, kind=Kind.REPLY, url="/x/", actor=actor)
    assert notification is not None
    assert notification.is_unread
    assert Notification.objects.filter(recipient=recipient).count() == 1


def test_notify_skips_members_on_a_break(make_member: MakeMember) -> None:
    recipient = make_member(on_break=True)
    assert actions.notify(recipient=recipient, kind=Kind.REPLY, url="/x/") is None
    assert not Notification.objects.exists()


def test_notify_skips_the_actor(make_member: MakeMember) -> None:
    me = make_member()
    assert actions.notify(recipient=me, kind=Kind.REACTION, url="/x/", actor=me) is None
    assert not Notification.objects.exists()


def test_notify_skips_kinds_turned_off(make_member: MakeMember) -> None:
    recipient = make_member()
    actions.set_preferences(user=recipient, enabled={"mention": False})
    assert actions.notify(recipient=recipient, kind=Kind.MENTION, url="/x/") is None
    assert actions.notify(recipient=recipient, kind=Kind.REPLY, url="/x/") is not None


@pytest.mark.parametrize(
    "url", ["https://elsewhere.example/", "//elsewhere.example/", "x", "/" * 301]
)
def test_notify_refuses_urls_off_the_site(make_member: MakeMember, url: str) -> None:
    with pytest.raises(ValueError, match="local path"):
        actions.notify(recipient=make_member(), kind=Kind.REPLY, url=url)


def test_notify_refuses_unknown_kinds(make_member: MakeMember) -> None:
    with pytest.raises(ValueError, match="Kind"):
        actions.notify(recipient=make_member(), kind="gossip", url="/x/")


def test_notify_many_skips_break_actor_and_disabled(make_member: MakeMember) -> None:
    actor, plain, resting, opted_out = (make_member() for _ in range(4))
    resting.on_break = True
    actions.set_preferences(user=opted_out, enabled={"session_soon": False})
    count = actions.notify_many(
        recipients=[actor, plain, resting, opted_out],
        kind=Kind.SESSION_SOON,
        url="/live/1/",
        actor=actor,
    )
    assert count == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [plain.pk]


def test_notify_stores_each_call(make_member: MakeMember) -> None:
    """Callers decide what is worth repeating (reactions are told once a day, for example)."""
    recipient, actor = make_member(), make_member()
    for _ in range(2):
        actions.notify(recipient=recipient, kind=Kind.JOIN_REQUEST, url="/g/", actor=actor)
    actions.notify_many(recipients=[recipient], kind=Kind.JOIN_REQUEST, url="/g/", actor=actor)
    assert Notification.objects.count() == 3
