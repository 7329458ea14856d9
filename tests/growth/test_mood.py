"""Mood entries, their charts (SVG, right to left in Arabic) and the low-mood rule."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from halqa.growth import actions, charts
from halqa.growth.lowmood import sustained_low
from halqa.growth.models import MoodEntry
from halqa.notifications.models import Notification


def client_for(user, lang="en"):
    client = Client()
    client.cookies["halqa_language"] = lang
    client.force_login(user)
    return client


def test_mood_entry_note_is_encrypted_and_bad_input_refused(member):
    entry = actions.log_mood(owner=member, score=2, emotions=["lonely", "tired"], note="rough day")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM growth_moodentry")
        assert "rough" not in repr(cursor.fetchall())
    assert MoodEntry.objects.get().note == "rough day"
    assert entry.emotions == ["lonely", "tired"]
    for bad in ({"score": 0}, {"score": 6}, {"score": 3, "emotions": ["bored!"]}):
        with pytest.raises(ValidationError):
            actions.log_mood(owner=member, **bad)


def test_mood_day_is_the_members_local_day(make_member):
    cairo = make_member(country="EG")
    entry = actions.log_mood(owner=cairo, score=3, now=datetime(2026, 3, 10, 23, tzinfo=UTC))
    assert entry.day == date(2026, 3, 11)


def _entries(today, scores):
    return [MoodEntry(score=s, day=today - timedelta(days=back)) for back, s in scores]


def test_line_chart_runs_right_to_left_in_arabic():
    today = date(2026, 11, 18)
    rows = _entries(today, [(6, 1), (0, 5)])
    ltr = charts.mood_line(rows, today, 7, rtl=False)
    rtl = charts.mood_line(rows, today, 7, rtl=True)
    assert ltr.points[0].day < ltr.points[1].day
    assert ltr.points[0].x < ltr.points[1].x  # oldest on the left in English
    assert rtl.points[0].x > rtl.points[1].x  # oldest on the right in Arabic
    assert ltr.points[0].y > ltr.points[1].y  # 1 is drawn lower than 5
    assert (ltr.average, ltr.lowest, ltr.highest) == (3, 1, 5)


def test_emotion_bars_grow_from_the_start_side():
    rows = [MoodEntry(score=3, day=date(2026, 1, 1), emotions=["calm", "tired"]) for _ in range(2)]
    rows.append(MoodEntry(score=3, day=date(2026, 1, 2), emotions=["calm"]))
    ltr = charts.emotion_bars(rows, rtl=False)
    rtl = charts.emotion_bars(rows, rtl=True)
    assert [(b.label, b.value) for b in ltr.bars] == [("Calm", 3), ("Tired", 2)]
    assert ltr.bars[0].x == charts.BAR_LABEL
    assert rtl.bars[0].x + rtl.bars[0].length == charts.WIDTH - charts.BAR_LABEL


def test_comparison_of_days_with_and_without_check_ins():
    means = {date(2026, 1, 1): 4.0, date(2026, 1, 2): 2.0, date(2026, 1, 3): 3.0}
    result = charts.compare_with_checkins(means, {date(2026, 1, 1), date(2026, 1, 3)})
    assert (result.with_checkins, result.without_checkins) == (3.5, 2.0)
    assert (result.days_with, result.days_without) == (2, 1)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_mood_page_draws_accessible_svg(member, lang):
    goal = actions.save_goal(owner=member, title="Walk")
    actions.record_checkin(goal=goal, status="done")
    actions.log_mood(owner=member, score=4, emotions=["hopeful"], note="my private note")
    html = client_for(member, lang).get("/growth/mood/?days=7").content.decode()
    assert '<svg viewBox="0 0 480 220" role="img"' in html
    assert 'aria-labelledby="mood-line-title mood-line-desc"' in html
    assert '<title id="mood-line-title">' in html
    assert "<desc" in html
    assert "<figcaption>" in html
    assert "my private note" in html
    assert "٫" not in html.split("<svg")[1].split("</svg>")[0].split("<title")[0]


def test_low_mood_rule_offers_help_to_the_member_only(member, make_member):
    for score in (1, 1, 2, 1, 1):
        actions.log_mood(owner=member, score=score)
    assert not sustained_low(member)
    actions.log_mood(owner=member, score=1)
    assert sustained_low(member)
    html = client_for(member).get("/growth/").content.decode()
    card = html.split('id="low-mood-heading"')[1].split("</aside>")[0]
    assert f'href="{reverse("safety:crisis")}"' in card
    assert "Only you see this" in html
    assert not Notification.objects.exists()  # nobody is alerted
    other = make_member()
    assert "low-mood-heading" not in client_for(other).get("/growth/").content.decode()


def test_low_mood_rule_is_configurable(member, settings):
    settings.LOW_MOOD_RULE = "2/3/2"
    actions.log_mood(owner=member, score=2)
    actions.log_mood(owner=member, score=5)
    assert not sustained_low(member)
    actions.log_mood(owner=member, score=1)
    assert sustained_low(member)
    settings.LOW_MOOD_RULE = "five of seven"
    with pytest.raises(ImproperlyConfigured):
        sustained_low(member)


def test_nobody_else_deletes_or_sees_a_mood_entry(member, make_member):
    entry = actions.log_mood(owner=member, score=3, note="mine")
    other = client_for(make_member())
    assert other.post(f"/growth/mood/{entry.pk}/delete/").status_code == 404
    assert "mine" not in other.get("/growth/mood/").content.decode()
    assert MoodEntry.objects.count() == 1
