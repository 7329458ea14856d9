"""List pages cost a fixed number of queries, however many goals or entries there are."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from halqa.growth import actions


def _count(client: Client, url: str, *, own: bool = False) -> int:
    """Queries for one page; with `own`, only those of this app (the header's are others')."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(1 for q in queries if not own or '"growth_' in q["sql"])


def test_dashboard_and_mood_page_query_counts(member):
    client = Client()
    client.force_login(member)
    goal = actions.save_goal(owner=member, title="Walk")
    actions.record_checkin(goal=goal, status="done", note="n")
    actions.log_mood(owner=member, score=3)
    few = {url: _count(client, url) for url in ("/growth/", "/growth/mood/")}
    for number in range(5):
        extra = actions.save_goal(owner=member, title=f"Goal {number}")
        actions.record_checkin(goal=extra, status="not_today", note="x")
        actions.log_mood(owner=member, score=2, emotions=["calm"], note="y")
    many = {url: _count(client, url) for url in ("/growth/", "/growth/mood/")}
    assert many == few
    # time zone, goals, their check-ins (one query for all), the low-mood rule
    assert _count(client, "/growth/", own=True) == 4
    # time zone, mood entries, days with check-ins, the low-mood rule
    assert _count(client, "/growth/mood/", own=True) == 4
