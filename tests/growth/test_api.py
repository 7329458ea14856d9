"""The growth JSON API: the same permissions as the pages."""

import pytest
from django.test import Client

from halqa.growth import actions
from halqa.growth.models import Goal


@pytest.fixture
def api_for(make_member):
    from halqa.accounts.tokens import issue_token

    def make(user):
        key = issue_token(user=user, name="test")
        return Client(headers={"authorization": f"Bearer {key}", "accept-language": "en"})

    return make


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_goals_and_check_ins(member, api_for):
    api = api_for(member)
    response = post(
        api, "/api/growth/goals", {"title": "Walk", "cadence": "weekly", "times_per_week": 3}
    )
    assert response.status_code == 201
    goal = response.json()
    assert (goal["cadence"], goal["times_per_week"], goal["streak"]) == ("weekly", 3, 0)
    response = post(
        api, f"/api/growth/goals/{goal['id']}/checkins", {"status": "done", "note": "n"}
    )
    assert response.status_code == 201
    assert api.get(f"/api/growth/goals/{goal['id']}").json()["today"] == "done"
    assert api.get(f"/api/growth/goals/{goal['id']}/checkins").json()[0]["note"] == "n"
    response = api.patch(
        f"/api/growth/goals/{goal['id']}", {"state": "paused"}, content_type="application/json"
    )
    assert response.json()["state"] == "paused"
    bad = post(api, "/api/growth/goals", {"title": "", "cadence": "weekdays"})
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid"


def test_another_members_goal_and_mood_are_404(member, make_member, api_for):
    goal = actions.save_goal(owner=member, title="Walk")
    entry = actions.log_mood(owner=member, score=2, note="private")
    other = api_for(make_member())
    assert other.get(f"/api/growth/goals/{goal.pk}").status_code == 404
    assert other.get(f"/api/growth/goals/{goal.pk}/checkins").status_code == 404
    assert (
        post(other, f"/api/growth/goals/{goal.pk}/checkins", {"status": "done"}).status_code == 404
    )
    assert other.delete(f"/api/growth/mood/{entry.pk}").status_code == 404
    assert other.get("/api/growth/mood").json()["items"] == []
    assert Client().get("/api/growth/goals").status_code == 401


def test_mood_and_settings(member, api_for):
    api = api_for(member)
    response = post(api, "/api/growth/mood", {"score": 4, "emotions": ["calm"], "note": "ok"})
    assert response.status_code == 201
    assert api.get("/api/growth/mood").json()["items"][0]["note"] == "ok"
    assert post(api, "/api/growth/mood", {"score": 9}).status_code == 422
    response = api.put(
        "/api/growth/settings", {"time_zone": "Africa/Casablanca"}, content_type="application/json"
    )
    assert response.json() == {"time_zone": "Africa/Casablanca"}
    response = api.put(
        "/api/growth/settings", {"time_zone": "Nowhere"}, content_type="application/json"
    )
    assert response.status_code == 422


def test_partnership_over_the_api(make_member, api_for):
    amal, basma = make_member(pseudonym="amal"), make_member(pseudonym="basma")
    goal = actions.save_goal(owner=amal, title="Walk")
    actions.record_checkin(goal=goal, status="done", note="private note")
    a, b = api_for(amal), api_for(basma)
    pid = post(a, "/api/growth/partnerships", {"pseudonym": "basma"}).json()["id"]
    assert b.get("/api/growth/partnerships").json()[0]["partner"] == "amal"
    assert post(b, f"/api/growth/partnerships/{pid}/accept", {}).json()["state"] == "active"
    share = {"goals": [goal.pk], "notes": False, "mood": False, "nudges": False}
    assert (
        a.put(
            f"/api/growth/partnerships/{pid}/share", share, content_type="application/json"
        ).status_code
        == 200
    )
    theirs = b.get(f"/api/growth/partnerships/{pid}").json()["theirs"]
    assert theirs["goals"][0]["title"] == "Walk"
    assert theirs["goals"][0]["checkins"][0] == {
        "day": theirs["goals"][0]["checkins"][0]["day"],
        "status": "done",
        "note": None,
    }
    assert theirs["mood"] is None
    stranger = api_for(make_member())
    assert stranger.get(f"/api/growth/partnerships/{pid}").status_code == 404
    assert (
        post(b, f"/api/growth/partnerships/{pid}/encouragements", {"body": "Go on!"}).status_code
        == 201
    )
    post(b, f"/api/growth/partnerships/{pid}/end", {})
    assert b.get(f"/api/growth/partnerships/{pid}").json()["theirs"]["goals"] == []


def test_invite_link_over_the_api(make_member, api_for):
    a, b = api_for(make_member()), api_for(make_member())
    token = post(a, "/api/growth/partnerships/links", {}).json()["token"]
    assert post(b, f"/api/growth/partnerships/join/{token}", {}).json()["state"] == "active"
    assert post(b, f"/api/growth/partnerships/join/{token}", {}).status_code == 404


@pytest.mark.parametrize("given", ["00:00:00Z", "08:30:00+02:00", "21:15-05:00"])
def test_a_reminder_time_with_a_zone_is_a_field_error(member, api_for, given):
    api = api_for(member)
    response = post(api, "/api/growth/goals", {"title": "Walk", "reminder_time": given})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["reminder_time"]
    assert "time zone" in body["fields"]["reminder_time"][0]
    assert not member.goals.exists()

    goal = actions.save_goal(owner=member, title="Walk")
    response = api.patch(
        f"/api/growth/goals/{goal.pk}", {"reminder_time": given}, content_type="application/json"
    )
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["reminder_time"]
    goal.refresh_from_db()
    assert goal.reminder_time is None


def test_the_zone_error_is_in_arabic_by_default(member, api_for):
    from halqa.accounts.tokens import issue_token

    api = Client(headers={"authorization": f"Bearer {issue_token(user=member, name='t')}"})
    response = post(api, "/api/growth/goals", {"title": "Walk", "reminder_time": "07:00Z"})
    assert response.status_code == 422
    message = response.json()["fields"]["reminder_time"][0]
    assert "المنطقة الزمنية" in message


def test_a_naive_reminder_time_is_kept(member, api_for):
    response = post(
        api_for(member), "/api/growth/goals", {"title": "Walk", "reminder_time": "07:30"}
    )
    assert response.status_code == 201
    assert response.json()["reminder_time"] == "07:30:00"


def test_patch_with_null_fields_keeps_them(member, api_for):
    goal = actions.save_goal(owner=member, title="Walk", cadence="weekly", times_per_week=3)
    api = api_for(member)
    nulls = {"title": None, "cadence": None, "weekdays": None, "times_per_week": None}
    response = api.patch(f"/api/growth/goals/{goal.pk}", nulls, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["cadence"], body["times_per_week"]) == ("Walk", "weekly", 3)


def test_a_nul_in_a_title_or_pseudonym_is_a_field_error_not_a_500(member, api_for):
    """PostgreSQL refuses NUL in text: the API's parser names the field, nothing changes."""
    api = api_for(member)
    refused = api.post("/api/growth/goals", {"title": "Wa\x00lk"}, content_type="application/json")
    assert refused.status_code == 422
    assert set(refused.json()["fields"]) == {"title"}
    assert not Goal.objects.filter(owner=member).exists()
    goal_id = api.post("/api/growth/goals", {"title": "Walk"}, content_type="application/json")
    goal_id = goal_id.json()["id"]
    patched = api.patch(
        f"/api/growth/goals/{goal_id}", {"title": "Run\x00"}, content_type="application/json"
    )
    assert patched.status_code == 422
    assert Goal.objects.get(pk=goal_id).title == "Walk"
    invited = api.post(
        "/api/growth/partnerships", {"pseudonym": "a\x00b"}, content_type="application/json"
    )
    assert invited.status_code == 422
