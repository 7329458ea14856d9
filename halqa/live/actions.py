"""Every write to live sessions goes through here; the only caller of events.

Callers pass a session from queries.access_session(). A message is stored with its seq under
the session's row lock, then broadcast after commit, so seqs commit in order in every process.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import npgettext, pgettext_lazy

from halqa.accounts.models import User
from halqa.conversations.publish import after_store, prepare_message
from halqa.groups.models import Group
from halqa.live import events
from halqa.live.enums import SlowMode
from halqa.live.models import LiveMessage, LiveSession, RoomMute
from halqa.live.queries import can_facilitate, is_muted, may_send
from halqa.live.tasks import schedule_reminder
from halqa.trust import levels

CLIENT_ID_LENGTH = 64
TITLE_LENGTH = 140
# A session may start a little before "now": a form has minute precision and "start now" is
# fine. Anything earlier is a mistake (or a session that never happened); so is a marathon.
START_GRACE = timedelta(minutes=15)
LONGEST_SESSION_HOURS = 8


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
    return client_id.replace("\x00", "").strip()  # PostgreSQL refuses NUL in text


@transaction.atomic
def post_live_message(
    *,
    author: User,
    session: LiveSession,
    body: str,
    client_id: str = "",
    confirm_personal_data: bool = False,
) -> LiveMessage:
    """Store a message with the next seq and broadcast it after commit.

    Raises LiveError (not a member, closed, muted, slow mode, trust level 0's pace),
    ValidationError (empty, too long, a sanction) or publish.PersonalDataFound. A resend with a
    `client_id` this author already used here returns the stored message. Held messages are
    broadcast only to their author and moderators (events.broadcast_message_on_commit).
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
    verdict = prepare_message(
        author=author,
        body=body,
        group=locked.group,
        confirm_personal_data=confirm_personal_data,
        rate_limited=False,
    )
    _check_trust_pace(author, locked, verdict.level)
    message = LiveMessage.objects.create(
        session=locked,
        seq=locked.last_seq + 1,
        author=author,
        body=verdict.body,
        screening=verdict.record,
        client_id=client_id,
        **verdict.stored,
    )
    LiveSession.objects.filter(pk=locked.pk).update(last_seq=message.seq)
    session.last_seq = message.seq
    message.session = locked
    after_store(verdict, author=author, live_message=message)
    events.broadcast_message_on_commit(message)
    return message


def _check_trust_pace(author: User, session: LiveSession, level: int) -> None:
    """New members (trust level 0: `level`, as prepare_message found it) send no faster than
    slow mode, even when it is off."""
    if level > 0 or not settings.TRUST_RATE_LIMITS:
        return
    if can_facilitate(author, session.group, session):
        return
    site = levels.site_policy()
    wait = levels.live_wait(author, session.pk, level, site)
    if wait:
        message = lazy(_new_member_pace_text, str)(wait)
        raise LiveError("slow_mode", message, retry_after=wait)


def _new_member_pace_text(seconds: int) -> str:
    return npgettext(
        "live error",
        "New members send a little more slowly at first: you can send again in %(count)d "
        "second. Your message is still here.",
        "New members send a little more slowly at first: you can send again in %(count)d "
        "seconds. Your message is still here.",
        seconds,
    ) % {"count": seconds}


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
    return create_session(
        by=by,
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        facilitator=facilitator or by,
    )


def create_session(
    *,
    by: User,
    group: Group,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    facilitator: User,
) -> LiveSession:
    """A session with checked title and times, its reminder scheduled; the caller decided that
    `by` may create it (schedule_session: a facilitator; experts: their office hours)."""
    title = " ".join(title.split())
    if not title or len(title) > TITLE_LENGTH:
        message = pgettext_lazy(
            "live error", "Please give the session a title (up to 140 characters)."
        )
        raise ValidationError({"title": ValidationError(message, code="invalid")})
    starts_at, ends_at = _check_times(_aware(starts_at), _aware(ends_at))
    session = LiveSession.objects.create(
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        facilitator=facilitator,
        created_by=by,
    )
    transaction.on_commit(lambda: schedule_reminder(session))
    return session


def _aware(moment: datetime) -> datetime:
    """Times without a zone are UTC, as the schedule form says."""
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _check_times(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """Refuse a start that has passed, an end before the start, or a session over 8 hours."""
    if starts_at < timezone.now() - START_GRACE:
        message = pgettext_lazy("live error", "This time has already passed: choose a later start.")
        raise ValidationError({"starts_at": ValidationError(message, code="past")})
    if ends_at <= starts_at:
        message = pgettext_lazy("live error", "The session must end after it starts.")
        raise ValidationError({"ends_at": ValidationError(message, code="invalid")})
    if ends_at - starts_at > timedelta(hours=LONGEST_SESSION_HOURS):
        too_long = lazy(_too_long_text, str)(LONGEST_SESSION_HOURS)
        raise ValidationError({"ends_at": ValidationError(too_long, code="too_long")})
    return starts_at, ends_at


def _too_long_text(hours: int) -> str:
    return npgettext(
        "live error",
        "A session can last at most %(count)d hour.",
        "A session can last at most %(count)d hours.",
        hours,
    ) % {"count": hours}


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
