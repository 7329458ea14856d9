"""Goals and check-ins through actions and pages: local days, one check-in a day, kind
words, encrypted notes, and nobody but the owner."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from halqa.growth import actions
from halqa.growth.models import CheckIn, Goal, GrowthSettings


def client_for(user, lang="en"):
    client = Client()
    client.cookies["halqa_language"] = lang
    client.force_login(user)
    return client


def test_time_zone_defaults_from_country_and_can_change(make_member):
    cairo, london, nowhere = make_member(country="EG"), make_member(country="GB"), make_member()
    for user in (cairo, london, nowhere):
        actions.save_goal(owner=user, title="Walk")
    assert GrowthSettings.objects.get(user=cairo).time_zone == "Africa/Cairo"
    assert GrowthSettings.objects.get(user=london).time_zone == "Europe/London"
    assert GrowthSettings.objects.get(user=nowhere).time_zone == "UTC"
    actions.set_time_zone(user=london, time_zone="Asia/Riyadh")
    assert GrowthSettings.objects.get(user=london).time_zone == "Asia/Riyadh"
    with pytest.raises(ValidationError):
        actions.set_time_zone(user=london, time_zone="Mars/Olympus")


def test_settings_page_refuses_an_unknown_zone_kindly(member):
    response = client_for(member).post("/growth/settings/", {"time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]


def test_template_gives_the_title_and_bad_input_is_refused(member):
    goal = actions.save_goal(owner=member, title="", template="walk")
    assert goal.title == "Walk 20 minutes"
    with pytest.raises(ValidationError) as error:
        actions.save_goal(owner=member, title="  ")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.save_goal(owner=member, title="Yoga", cadence="weekdays", weekdays=[])
    assert "weekdays" in error.value.message_dict


def test_goal_form_keeps_what_was_typed_on_error(member):
    response = client_for(member).post(
        "/growth/goals/new/", {"title": "Stretch gently", "cadence": "weekdays"}
    )
    assert response.status_code == 200
    assert "Stretch gently" in response.content.decode()
    assert response.context["form"].errors["weekdays"]
    assert not Goal.objects.exists()


def test_goal_form_creates_a_goal(member):
    response = client_for(member).post(
        "/growth/goals/new/",
        {"title": "Therapy", "cadence": "weekdays", "weekdays": ["1"], "reminder_time": "18:30"},
    )
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert (goal.weekdays, goal.reminder_time) == ([1], time(18, 30))


def test_one_check_in_per_local_day_the_second_replaces_the_first(member, clock):
    member.country = "SA"
    goal = actions.save_goal(owner=member, title="Walk")
    clock.set(datetime(2026, 3, 10, 22, 30, tzinfo=UTC))  # already 11 March in Riyadh
    actions.record_checkin(goal=goal, status="not_today")
    actions.record_checkin(goal=goal, status="done", note="short walk")
    (row,) = CheckIn.objects.all()
    assert (row.day, row.status, row.note) == (date(2026, 3, 11), "done", "short walk")
    with pytest.raises(ValidationError):
        actions.record_checkin(goal=goal, status="done", day=date(2026, 3, 12))


def test_check_in_notes_are_encrypted_at_rest(member):
    goal = actions.save_goal(owner=member, title="Walk")
    actions.record_checkin(goal=goal, status="done", note="a secret about my brother")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM growth_checkin")
        raw = repr(cursor.fetchall())
    assert "secret" not in raw
    assert "brother" not in raw
    assert CheckIn.objects.get().note == "a secret about my brother"


def test_paused_goal_is_described_kindly_and_refuses_check_ins(member):
    goal = actions.save_goal(owner=member, title="Walk")
    client = client_for(member)
    client.post(f"/growth/goals/{goal.pk}/state/", {"state": "paused"})
    html = client.get(f"/growth/goals/{goal.pk}/").content.decode()
    assert "Paused — come back whenever you like." in html
    assert "fail" not in html.lower()
    goal.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.record_checkin(goal=goal, status="done")
    actions.set_goal_state(goal=goal, state="active")
    actions.record_checkin(goal=goal, status="done")


def test_dashboard_shows_streak_and_check_in(member):
    goal = actions.save_goal(owner=member, title="Walk")
    today = timezone.now().date()  # the member has no country: UTC
    for back in (1, 2, 3):
        actions.record_checkin(goal=goal, status="done", day=today - timedelta(days=back))
    client = client_for(member)
    assert "3 days in a row" in client.get("/growth/").content.decode()
    client.post(f"/growth/goals/{goal.pk}/check-in/", {"status": "done", "note": "yes"})
    html = client.get("/growth/").content.decode()
    assert "4 days in a row" in html
    assert "Done today" in html


def test_nobody_else_reaches_a_goal_or_its_notes(member, make_member):
    goal = actions.save_goal(owner=member, title="Walk")
    actions.record_checkin(goal=goal, status="done", note="private words")
    other = client_for(make_member())
    for url in (f"/growth/goals/{goal.pk}/", f"/growth/goals/{goal.pk}/edit/"):
        assert other.get(url).status_code == 404
    for url in ("check-in/", "state/", "delete/", "share/"):
        assert other.post(f"/growth/goals/{goal.pk}/{url}", {"status": "done"}).status_code == 404
    assert "private words" not in other.get("/growth/").content.decode()
    assert CheckIn.objects.count() == 1
    assert Client().get("/growth/").status_code == 302  # signed out: to the login page


def test_deleting_the_account_deletes_growth_data(member):
    goal = actions.save_goal(owner=member, title="Walk")
    actions.record_checkin(goal=goal, status="done", note="n")
    actions.log_mood(owner=member, score=2, note="m")
    member.delete()
    from halqa.growth.models import MoodEntry

    assert not (Goal.objects.exists())
    assert not (CheckIn.objects.exists())
    assert not (MoodEntry.objects.exists())


def test_notes_sealed_with_a_removed_key_say_so_instead_of_failing(make_member, settings):
    from cryptography.fernet import Fernet

    from halqa.core import crypto

    member = make_member()
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    crypto.reset_keys()
    try:
        goal = actions.save_goal(owner=member, title="Walk")
        actions.record_checkin(goal=goal, status="done", note="by the river")
        actions.log_mood(owner=member, score=3, note="a calm evening")
        settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # the old key removed
        crypto.reset_keys()
        client = client_for(member)
        for url in (f"/growth/goals/{goal.pk}/", "/growth/mood/"):
            page = client.get(url)
            assert page.status_code == 200
            assert "cannot be opened with the site" in page.content.decode()
        arabic = client_for(member, "ar").get("/growth/mood/").content.decode()
        assert "cannot be opened" not in arabic
    finally:
        crypto.reset_keys()
