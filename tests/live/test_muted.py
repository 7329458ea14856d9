"""Muted words and topics in live rooms: folded for that reader on join and in polling, with
the same neutral note as in threads (never which signal, so never what screening found)."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.conversations import reader_actions
from halqa.live import actions
from halqa.live.models import LiveMessage
from tests.live.conftest import client_for

FOLDED = "<summary>Hidden by your muted words and topics. Open to read.</summary>"
FOLDED_AR = "<summary>مخفية حسب الكلمات والمواضيع التي كتمتها. افتحها لتقرأ.</summary>"


def _screened(room: dict[str, Any], body: str, level: str = "ideation") -> LiveMessage:
    """A message by sami that screening found to be about suicide (ideation, or a plan: its
    details hidden from others until a moderator reviews, as the policy does)."""
    message = actions.post_live_message(author=room["sami"], session=room["session"], body=body)
    LiveMessage.objects.filter(pk=message.pk).update(
        screening={"crisis": level}, method_hidden=level == "plan"
    )
    return message


def _articles(html: str) -> list[str]:
    return [part.split("</article>")[0] for part in html.split("<article")[1:]]


def test_room_history_folds_screened_messages_for_who_muted_the_topic(
    room: dict[str, Any],
) -> None:
    actions.post_live_message(author=room["sami"], session=room["session"], body="Good evening")
    _screened(room, "Heavy words tonight")
    reader_actions.mute_topic(user=room["amal"], topic="self_harm")
    html = client_for(room["amal"]).get(f"/live/{room['session'].pk}/").content.decode()
    calm, heavy = _articles(html)
    assert FOLDED not in calm
    assert FOLDED in heavy
    assert heavy.index(FOLDED) < heavy.index("Heavy words tonight")  # there, behind the note
    for telling in ("Suicide", "Self-harm", "topic you muted", "screen"):
        assert telling not in heavy
    assert "data-reader-folds" in html
    # Who did not mute it, and the author, see it open; their page fetches nothing more.
    for who in ("lead", "sami"):
        other = client_for(room[who]).get(f"/live/{room['session'].pk}/").content.decode()
        assert FOLDED not in other
        assert "data-reader-folds" not in other


def test_room_folds_muted_words_with_the_same_note_in_arabic(room: dict[str, Any]) -> None:
    actions.post_live_message(author=room["sami"], session=room["session"], body="أفكر في الانتحار")
    reader_actions.mute_word(user=room["amal"], word="انتحار")
    html = client_for(room["amal"], "ar").get(f"/live/{room['session'].pk}/").content.decode()
    (article,) = _articles(html)
    assert FOLDED_AR in article
    assert article.index(FOLDED_AR) < article.index("أفكر في الانتحار")


def test_polling_folds_new_messages_too(room: dict[str, Any]) -> None:
    reader_actions.mute_topic(user=room["amal"], topic="suicide")
    reader_actions.mute_word(user=room["amal"], word="rain")
    _screened(room, "I have a plan", level="plan")
    actions.post_live_message(author=room["sami"], session=room["session"], body="Rain again")
    actions.post_live_message(author=room["sami"], session=room["session"], body="Sunny")
    url = f"/live/{room['session'].pk}/messages/?after=0"
    html = client_for(room["amal"]).get(url).content.decode()
    placeholder, rain, sunny = _articles(html)
    # A plan is already a moderation placeholder for others: it stays one, not folded twice.
    assert "moderation-placeholder" in placeholder
    assert FOLDED not in placeholder
    assert FOLDED in rain
    assert FOLDED not in sunny
    assert 'hx-get="/live/' in html  # the poller asks again
    assert FOLDED not in client_for(room["sami"]).get(url).content.decode()


def test_own_messages_never_fold(room: dict[str, Any]) -> None:
    reader_actions.mute_word(user=room["amal"], word="tired")
    reader_actions.mute_topic(user=room["amal"], topic="suicide")
    message = actions.post_live_message(
        author=room["amal"], session=room["session"], body="So tired"
    )
    LiveMessage.objects.filter(pk=message.pk).update(screening={"crisis": "ideation"})
    html = client_for(room["amal"]).get(f"/live/{room['session'].pk}/").content.decode()
    assert FOLDED not in html


@pytest.mark.parametrize("who", ["lead", "outsider"])
def test_muting_changes_nothing_for_others(room: dict[str, Any], who: str) -> None:
    reader_actions.mute_topic(user=room["amal"], topic="suicide")
    _screened(room, "Heavy words tonight")
    response = client_for(room[who]).get(f"/live/{room['session'].pk}/")
    if who == "outsider":  # a private group's room does not exist for them
        assert response.status_code == 404
        return
    assert FOLDED not in response.content.decode()


def test_api_messages_say_muted_without_saying_why(room: dict[str, Any]) -> None:
    from halqa.accounts.tokens import issue_token
    from tests.api.conftest import JsonClient

    _screened(room, "Heavy words tonight")
    actions.post_live_message(author=room["sami"], session=room["session"], body="Rain again")
    actions.post_live_message(author=room["sami"], session=room["session"], body="Sunny")
    reader_actions.mute_topic(user=room["amal"], topic="suicide")
    reader_actions.mute_word(user=room["amal"], word="rain")
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    api = JsonClient()
    mine = api.get(url, token=issue_token(user=room["amal"], name="phone")).json()
    assert [m["muted"] for m in mine] == [True, True, False]
    assert "Heavy words tonight" in mine[0]["body_html"]  # the client folds; the text is there
    assert not {"topic", "muted_topic", "screening"} & set(mine[0])
    theirs = api.get(url, token=issue_token(user=room["sami"], name="phone")).json()
    assert [m["muted"] for m in theirs] == [False, False, False]
