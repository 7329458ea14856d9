"""The growth demo: goals, check-ins, mood and a partnership; a second run adds nothing."""

from django.utils import timezone

from halqa.growth import demo, queries
from halqa.growth.models import CheckIn, Goal, MoodEntry, Partnership


def test_demo_seed_is_idempotent_and_meaningful(make_member):
    users = {name: make_member(pseudonym=name) for name in ("قمر_الليل", "MorningTea")}
    now = timezone.now()
    demo.seed(users, now)
    counts = [m.objects.count() for m in (Goal, CheckIn, MoodEntry, Partnership)]
    demo.seed(users, now)
    assert [m.objects.count() for m in (Goal, CheckIn, MoodEntry, Partnership)] == counts
    assert counts[0] == 5
    assert counts[1] > 20
    assert counts[2] == 28
    moon = users["قمر_الليل"]
    _, summaries = queries.goal_summaries(moon)
    medication = next(s for s in summaries if s.goal.title.startswith("تناول"))
    assert medication.streak == 13  # thirteen days done before today; today still open
    partnership = Partnership.objects.get()
    assert partnership.state == "active"
    shared = queries.shared_by(partnership, moon)
    assert len(shared.goals) == 1
    assert len(shared.mood) > 0
