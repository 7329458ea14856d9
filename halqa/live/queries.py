"""Permission-checked lookups and multi-row reads for live sessions.

Who may do what: members of the group read and send; anyone signed in may read a public
group's rooms; a private or hidden group's sessions do not exist for non-members (Http404).
Facilitators (the session's own, the group's facilitators and moderators, site moderators and
operators) run the room. Written against the groups models directly so that it does not depend
on the groups app's query helpers while they change.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from halqa.accounts.enums import Role
from halqa.groups.enums import GroupRole, Visibility
from halqa.groups.models import Group, Membership
from halqa.live.models import LiveMessage, LiveSession, RoomMute

HISTORY_LENGTH = 50
PAGE_LENGTH = 100
SITE_FACILITATORS = frozenset({Role.MODERATOR, Role.OPERATOR})
GROUP_FACILITATORS = frozenset({GroupRole.FACILITATOR, GroupRole.MODERATOR})


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def group_role(user: Any, group: Group) -> str | None:
    """The user's role in the group, read once per group object (pages ask several times)."""
    if not _signed_in(user):
        return None
    known: dict[int, str | None] = group.__dict__.setdefault("_live_roles", {})
    if user.pk not in known:
        role = Membership.objects.filter(group=group, user=user).values_list("role", flat=True)
        found = role.first()
        known[user.pk] = str(found) if found is not None else None
    return known[user.pk]


def is_site_facilitator(user: Any) -> bool:
    return _signed_in(user) and getattr(user, "role", None) in SITE_FACILITATORS


def can_read_group(user: Any, group: Group) -> bool:
    if group.visibility == Visibility.PUBLIC or is_site_facilitator(user):
        return True
    return group_role(user, group) is not None


def can_facilitate(user: Any, group: Group, session: LiveSession | None = None) -> bool:
    if not _signed_in(user):
        return False
    if is_site_facilitator(user) or (session is not None and session.facilitator_id == user.pk):
        return True
    return group_role(user, group) in GROUP_FACILITATORS


def may_send(user: Any, session: LiveSession) -> bool:
    """Members send; so do the room's facilitators even if they are not members."""
    group = session.group
    return group_role(user, group) is not None or can_facilitate(user, group, session)


def access_live_group(user: Any, slug: str) -> Group:
    """The group whose sessions the user may see; Http404 otherwise (never reveal it exists)."""
    group = Group.objects.filter(slug=slug).first()
    if group is None or not can_read_group(user, group):
        raise Http404
    return group


def access_session(user: Any, session_id: int) -> LiveSession:
    """The session with its group, if the user may read it; Http404 otherwise."""
    session = (
        LiveSession.objects.select_related("group", "facilitator").filter(pk=session_id).first()
    )
    if session is None or not can_read_group(user, session.group):
        raise Http404
    return session


def access_message(session: LiveSession, message_id: Any) -> LiveMessage:
    message = LiveMessage.objects.filter(session=session, pk=_whole(message_id)).first()
    if message is None:
        raise Http404
    return message


def sessions_of(group: Group) -> QuerySet[LiveSession]:
    return LiveSession.objects.filter(group=group).select_related("facilitator")


def recent_messages(session: LiveSession) -> list[LiveMessage]:
    """The last HISTORY_LENGTH messages, oldest first."""
    newest = LiveMessage.objects.filter(session=session).select_related("author")
    return list(reversed(newest.order_by("-seq")[:HISTORY_LENGTH]))


def messages_after(
    session_id: int, after: int, *, limit: int = PAGE_LENGTH, before: int | None = None
) -> list[LiveMessage]:
    """Messages with seq > after (and < before), oldest first, at most `limit`."""
    messages = LiveMessage.objects.filter(session_id=session_id, seq__gt=after)
    if before is not None:
        messages = messages.filter(seq__lt=before)
    return list(messages.select_related("author").order_by("seq")[:limit])


def messages_before(session: LiveSession, before: int) -> list[LiveMessage]:
    """The HISTORY_LENGTH messages before seq `before`, oldest first (the "earlier" link)."""
    older = LiveMessage.objects.filter(session=session, seq__lt=before).select_related("author")
    return list(reversed(older.order_by("-seq")[:HISTORY_LENGTH]))


def muted_user_ids(session: LiveSession) -> set[int]:
    return set(RoomMute.objects.filter(session=session).values_list("user_id", flat=True))


def is_muted(user: Any, session: LiveSession) -> bool:
    return RoomMute.objects.filter(session=session, user_id=user.pk).exists()


def parse_seq(value: Any) -> int | None:
    """A whole number >= 0 from a query parameter or a frame, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 2**31 else None
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if number < 2**31 else None


def _whole(value: Any) -> int:
    number = parse_seq(value)
    if number is None:
        raise Http404
    return number
