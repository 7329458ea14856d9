import pytest
from django.test import Client

from halqa.growth import actions


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pages_render(member, lang):
    client = Client()
    client.cookies["halqa_language"] = lang
    client.force_login(member)
    goal = actions.save_goal(owner=member, title="Walk", cadence="weekdays", weekdays=[0, 2])
    actions.record_checkin(goal=goal, status="done", note="felt good")
    actions.log_mood(owner=member, score=3, emotions=["calm"], note="ok")
    for url in [
        "/growth/",
        "/growth/goals/new/",
        f"/growth/goals/{goal.pk}/",
        f"/growth/goals/{goal.pk}/edit/",
        "/growth/mood/",
        "/growth/mood/?days=7",
        "/growth/settings/",
        "/growth/partners/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
