"""post_live_message and the facilitator actions: order, idempotency and every refusal."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from halqa.live import actions
from halqa.live.models import LiveMessage, LiveSession, RoomMute


def _post(room: dict[str, Any], who: str, body: str = "hello", **kw: Any) -> LiveMessage:
    return actions.post_live_message(author=room[who], session=room["session"], body=body, **kw)


def test_post_live_message_assigns_consecutive_seqs(room: dict[str, Any]) -> None:
    seqs = [_post(room, who).seq for who in ("amal", "sami", "amal", "lead")]
    assert seqs == [1, 2, 3, 4]
    assert LiveSession.objects.get(pk=room["session"].pk).last_seq == 4


def test_post_live_message_stores_cleaned_text_and_screening(room: dict[str, Any]) -> None:
    message = _post(room, "amal", "  مساء\x00 الخير\r\n  ")
    assert message.body == "مساء الخير"
    assert message.screening["model_version"]


def test_post_live_message_same_client_id_stores_once(room: dict[str, Any]) -> None:
    first = _post(room, "amal", "hello", client_id="c-1")
    again = _post(room, "amal", "hello", client_id="c-1")
    other_author = _post(room, "sami", "hello", client_id="c-1")
    assert again.pk == first.pk
    assert other_author.seq == 2
    assert LiveMessage.objects.count() == 2


def test_post_live_message_drops_nul_from_client_id(room: dict[str, Any]) -> None:
    """PostgreSQL refuses NUL in text: it was a 500 there."""
    first = _post(room, "amal", "hello", client_id="c\x001")
    assert first.client_id == "c1"
    assert _post(room, "amal", "hello", client_id="c\x001").pk == first.pk


def test_post_live_message_refuses_long_client_id(room: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _post(room, "amal", client_id="x" * 65)
    assert not LiveMessage.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n\t ", "\x00\x01\x7f", "a" * 20_000])
def test_post_live_message_refuses_empty_or_huge(room: dict[str, Any], body: str) -> None:
    with pytest.raises(ValidationError):
        _post(room, "amal", body)
    assert not LiveMessage.objects.exists()
    assert LiveSession.objects.get(pk=room["session"].pk).last_seq == 0


def test_post_live_message_refuses_outsider(room: dict[str, Any]) -> None:
    with pytest.raises(actions.LiveError) as error:
        _post(room, "outsider")
    assert error.value.code == "not_member"


def test_post_live_message_refuses_closed_room(room: dict[str, Any]) -> None:
    actions.close_room(by=room["lead"], session=room["session"])
    with pytest.raises(actions.LiveError) as error:
        _post(room, "amal")
    assert error.value.code == "closed"
    assert not LiveMessage.objects.exists()


def test_post_live_message_refuses_muted_member(room: dict[str, Any]) -> None:
    message = _post(room, "amal")
    actions.mute_member(by=room["lead"], session=room["session"], user=message.author)
    with pytest.raises(actions.LiveError) as error:
        _post(room, "amal")
    assert error.value.code == "muted"
    actions.unmute_member(by=room["lead"], session=room["session"], user=room["amal"])
    assert _post(room, "amal").seq == 2


def test_slow_mode_refuses_second_message_with_localised_wait(room: dict[str, Any]) -> None:
    actions.set_slow_mode(by=room["lead"], session=room["session"], seconds=30)
    _post(room, "amal")
    with pytest.raises(actions.LiveError) as error:
        _post(room, "amal", "again")
    assert error.value.code == "slow_mode"
    assert 28 <= (error.value.retry_after or 0) <= 30
    with translation.override("en"):
        assert "Slow mode is on: you can send again in" in str(error.value.message)
    with translation.override("ar"):
        assert "الوضع البطيء" in str(error.value.message)
    assert _post(room, "sami").seq == 2  # per member
    assert _post(room, "lead").seq == 3  # facilitators are not slowed down
    assert LiveMessage.objects.count() == 3


def test_slow_mode_allows_message_after_the_wait(room: dict[str, Any]) -> None:
    actions.set_slow_mode(by=room["lead"], session=room["session"], seconds=10)
    first = _post(room, "amal")
    LiveMessage.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(seconds=11)
    )
    assert _post(room, "amal", "later").seq == 2


def test_set_slow_mode_refuses_unknown_value(room: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        actions.set_slow_mode(by=room["lead"], session=room["session"], seconds=7)


def test_facilitator_actions_refuse_members(room: dict[str, Any]) -> None:
    message = _post(room, "sami")
    with pytest.raises(PermissionDenied):
        actions.close_room(by=room["amal"], session=room["session"])
    with pytest.raises(PermissionDenied):
        actions.pin_message(by=room["amal"], message=message)
    with pytest.raises(PermissionDenied):
        actions.mute_member(by=room["amal"], session=room["session"], user=room["sami"])
    assert not RoomMute.objects.exists()


def test_site_moderator_and_session_facilitator_may_facilitate(
    room: dict[str, Any], make_member: Any
) -> None:
    moderator = make_member(role="moderator")
    message = _post(room, "amal")
    actions.pin_message(by=moderator, message=message)
    assert LiveMessage.objects.get(pk=message.pk).pinned
    LiveSession.objects.filter(pk=room["session"].pk).update(facilitator=room["sami"])
    message = LiveMessage.objects.select_related("session__group").get(pk=message.pk)
    actions.unpin_message(by=room["sami"], message=message)
    assert not LiveMessage.objects.get(pk=message.pk).pinned


def test_mute_member_refuses_facilitators(room: dict[str, Any]) -> None:
    with pytest.raises(actions.LiveError):
        actions.mute_member(by=room["lead"], session=room["session"], user=room["lead"])


def test_schedule_session_checks_times_and_rights(room: dict[str, Any]) -> None:
    start = timezone.now() + timedelta(days=1)
    group = room["group"]
    with pytest.raises(PermissionDenied):
        actions.schedule_session(
            by=room["amal"], group=group, title="x", starts_at=start, ends_at=start
        )
    with pytest.raises(ValidationError):
        actions.schedule_session(
            by=room["lead"], group=group, title="Circle", starts_at=start, ends_at=start
        )
    with pytest.raises(ValidationError):
        actions.schedule_session(
            by=room["lead"],
            group=group,
            title=" ",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
    session = actions.schedule_session(
        by=room["lead"],
        group=group,
        title="  Circle ",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    assert (session.title, session.facilitator, session.is_open) == ("Circle", room["lead"], False)


def _schedule(room: dict[str, Any], starts_at: Any, ends_at: Any) -> LiveSession:
    return actions.schedule_session(
        by=room["lead"], group=room["group"], title="Circle", starts_at=starts_at, ends_at=ends_at
    )


def test_schedule_session_refuses_a_start_that_has_passed(room: dict[str, Any]) -> None:
    past = timezone.now() - timedelta(hours=2)
    with pytest.raises(ValidationError) as refused:
        _schedule(room, past, past + timedelta(hours=1))
    with translation.override("ar"):
        assert refused.value.message_dict == {"starts_at": ["هذا الوقت مضى: اختر موعد بدء لاحقاً."]}
    just_now = timezone.now() - timedelta(minutes=2)  # "start now" from a form without seconds
    assert _schedule(room, just_now, just_now + timedelta(hours=1)).starts_at == just_now


def test_schedule_session_refuses_more_than_eight_hours(room: dict[str, Any]) -> None:
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        _schedule(room, start, start + timedelta(hours=8, minutes=1))
    with translation.override("en"):  # the message is lazy: it speaks the reader's language
        assert refused.value.message_dict == {"ends_at": ["A session can last at most 8 hours."]}
    assert _schedule(room, start, start + timedelta(hours=8)).ends_at == start + timedelta(hours=8)


def test_schedule_session_reads_times_without_a_zone_as_utc(room: dict[str, Any]) -> None:
    start = (timezone.now() + timedelta(days=1)).replace(tzinfo=None, microsecond=0)
    session = _schedule(room, start, start + timedelta(hours=1))
    session.refresh_from_db()
    assert session.starts_at == start.replace(tzinfo=UTC)
