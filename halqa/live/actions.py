"""Every write to live sessions goes through here; the only caller of events.

Callers pass a session from queries.access_session(). A message is stored with its seq under
the session's row lock, then broadcast after commit, so seqs commit in order in every process.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import npgettext, pgettext_lazy

from halqa.accounts.models import User
from halqa.conversations.publish import prepare_message
from halqa.groups.models import Group
from halqa.live import events
from halqa.live.enums import SlowMode
from halqa.live.models import LiveMessage, LiveSession, RoomMute
from halqa.live.queries import can_facilitate, is_muted, may_send
from halqa.live.tasks import schedule_reminder

CLIENT_ID_LENGTH = 64
TITLE_LENGTH = 140


class LiveError(Exception):
    """A refused send or control, with a code (docs/websocket.md) and a sentence to show."""

    def __init__(self, code: str, message: Promise | str, *, retry_after: int | None = None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.retry_after = retry_after


def _slow_mode_text(seconds: int) -> str:
    return npgettext(
        "live error",
        "Slow mode is on: you can send again in %(count)d second.",
        "Slow mode is on: you can send again in %(count)d seconds.",
        seconds,
    ) % {"count": seconds}


def _slow_mode_error(seconds: int) -> LiveError:
    # Lazy: the consumer shows it in the member's language, not the worker thread's.
    message = lazy(_slow_mode_text, str)(seconds)
    return LiveError("slow_mode", message, retry_after=seconds)


def _check_may_send(author: User, session: LiveSession) -> None:
    if not may_send(author, session):
        message = pgettext_lazy("live error", "Only members of this group can send messages here.")
        raise LiveError("not_member", message)
    if not session.is_open:
        message = pgettext_lazy("live error", "This room is closed for now: you can still read.")
        raise LiveError("closed", message)
    if is_muted(author, session):
        message = pgettext_lazy(
            "live error", "A facilitator has paused your messages in this room."
        )
        raise LiveError("muted", message)
    if session.slow_mode_seconds and not can_facilitate(author, session.group, session):
        _check_slow_mode(author, session)


def _check_slow_mode(author: User, session: LiveSession) -> None:
    # From the database, so the limit holds across tabs, connections and processes.
    last = (
        LiveMessage.objects.filter(session=session, author=author)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is None:
        return
    remaining = session.slow_mode_seconds - (timezone.now() - last).total_seconds()
    if remaining > 0:
        raise _slow_mode_error(max(1, math.ceil(remaining)))


def _clean_client_id(client_id: object) -> str:
    if not isinstance(client_id, str) or len(client_id) > CLIENT_ID_LENGTH:
        message = pgettext_lazy("live error", "This message could not be sent: please try again.")
        raise ValidationError({"client_id": ValidationError(message, code="invalid")})
    return client_id.strip()


@transaction.atomic
def post_live_message(
    *, author: User, session: LiveSession, body: str, client_id: str = ""
) -> LiveMessage:
    """Store a message with the next seq and broadcast it after commit.

    Raises LiveError (not a member, closed, muted, slow mode) or ValidationError (empty, too
    long). A resend with a `client_id` this author already used here returns the stored message.
    """
    client_id = _clean_client_id(client_id)
    locked = LiveSession.objects.select_for_update().select_related("group").get(pk=session.pk)
    if client_id:
        stored = LiveMessage.objects.filter(
            session=locked, author=author, client_id=client_id
        ).first()
        if stored is not None:
            return stored
    _check_may_send(author, locked)
    verdict = prepare_message(author=author, body=body)
    message = LiveMessage.objects.create(
        session=locked,
        seq=locked.last_seq + 1,
        author=author,
        body=verdict.body,
        screening=verdict.record,
        client_id=client_id,
    )
    LiveSession.objects.filter(pk=locked.pk).update(last_seq=message.seq)
    session.last_seq = message.seq
    events.broadcast_on_commit(session.pk, events.message_payload(message))
    return message


def _require_facilitator(user: User, session: LiveSession) -> None:
    if not can_facilitate(user, session.group, session):
        raise PermissionDenied


@transaction.atomic
def schedule_session(
    *,
    by: User,
    group: Group,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    facilitator: User | None = None,
) -> LiveSession:
    if not can_facilitate(by, group):
        raise PermissionDenied
    title = " ".join(title.split())
    if not title or len(title) > TITLE_LENGTH:
        message = pgettext_lazy(
            "live error", "Please give the session a title (up to 140 characters)."
        )
        raise ValidationError({"title": ValidationError(message, code="invalid")})
    if ends_at <= starts_at:
        message = pgettext_lazy("live error", "The session must end after it starts.")
        raise ValidationError({"ends_at": ValidationError(message, code="invalid")})
    session = LiveSession.objects.create(
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        facilitator=facilitator or by,
        created_by=by,
    )
    transaction.on_commit(lambda: schedule_reminder(session))
    return session


def _set_state(session: LiveSession, **fields: object) -> LiveSession:
    LiveSession.objects.filter(pk=session.pk).update(**fields)
    for name, value in fields.items():
        setattr(session, name, value)
    events.broadcast_on_commit(session.pk, events.state_payload(session))
    return session


@transaction.atomic
def open_room(*, by: User, session: LiveSession) -> LiveSession:
    _require_facilitator(by, session)
    return _set_state(session, is_open=True)


@transaction.atomic
def close_room(*, by: User, session: LiveSession) -> LiveSession:
    _require_facilitator(by, session)
    return _set_state(session, is_open=False)


@transaction.atomic
def set_slow_mode(*, by: User, session: LiveSession, seconds: int) -> LiveSession:
    _require_facilitator(by, session)
    if seconds not in SlowMode.values:
        message = pgettext_lazy("live error", "Please choose one of the slow mode options.")
        raise ValidationError({"seconds": ValidationError(message, code="invalid")})
    return _set_state(session, slow_mode_seconds=seconds)


@transaction.atomic
def mute_member(*, by: User, session: LiveSession, user: User) -> RoomMute:
    _require_facilitator(by, session)
    if user.pk == by.pk or can_facilitate(user, session.group, session):
        message = pgettext_lazy("live error", "Facilitators cannot be muted.")
        raise LiveError("invalid", message)
    mute, _ = RoomMute.objects.get_or_create(session=session, user=user, defaults={"muted_by": by})
    return mute


@transaction.atomic
def unmute_member(*, by: User, session: LiveSession, user: User) -> None:
    _require_facilitator(by, session)
    RoomMute.objects.filter(session=session, user=user).delete()


def _set_pinned(by: User, message: LiveMessage, pinned: bool) -> LiveMessage:
    _require_facilitator(by, message.session)
    LiveMessage.objects.filter(pk=message.pk).update(pinned=pinned)
    message.pinned = pinned
    events.broadcast_on_commit(message.session_id, events.pin_payload(message))
    return message


@transaction.atomic
def pin_message(*, by: User, message: LiveMessage) -> LiveMessage:
    return _set_pinned(by, message, True)


@transaction.atomic
def unpin_message(*, by: User, message: LiveMessage) -> LiveMessage:
    return _set_pinned(by, message, False)
