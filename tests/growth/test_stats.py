"""Streak and weekly-completion maths, on plain dates."""

from datetime import date, timedelta

import pytest

from halqa.growth import stats

TODAY = date(2026, 11, 18)  # a Wednesday


def days(*back: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in back}


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        (set(), 0),
        (days(0), 1),
        (days(0, 1, 2), 3),
        (days(1, 2, 3), 3),  # today not done yet: the run is not broken
        (days(0, 2, 3), 1),  # yesterday missed
        (days(2, 3), 0),
    ],
)
def test_daily_streak(done, expected):
    assert stats.streak(done, "daily", [], 1, TODAY) == expected


def test_weekday_streak_skips_days_not_asked_for():
    monday, wednesday, friday = 0, 2, 4
    # Done on Wed 18, Mon 16, Fri 13, Wed 11; Tue/Thu are free days and do not break it.
    done = {date(2026, 11, 18), date(2026, 11, 16), date(2026, 11, 13), date(2026, 11, 11)}
    assert stats.streak(done, "weekdays", [monday, wednesday, friday], 1, TODAY) == 4
    # Missing Monday the 9th ends it there.
    done |= {date(2026, 11, 6)}
    assert stats.streak(done, "weekdays", [monday, wednesday, friday], 1, TODAY) == 4


def test_weekly_streak_counts_weeks_that_met_the_target():
    this_week = {date(2026, 11, 16), date(2026, 11, 17)}  # 2 so far, target 3
    last_week = {date(2026, 11, 9), date(2026, 11, 11), date(2026, 11, 13)}
    before = {date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 8)}
    done = this_week | last_week | before
    assert stats.streak(done, "weekly", [], 3, TODAY) == 2  # this week still open
    assert stats.streak(done | {TODAY}, "weekly", [], 3, TODAY) == 3
    assert stats.streak(last_week, "weekly", [], 4, TODAY) == 0


def test_weeks_completion_per_cadence():
    done = days(0, 1, 2, 7, 8)  # Wed, Tue, Mon this week; Wed, Tue last week
    weeks = stats.weeks(done, "daily", [], 1, TODAY, count=3)
    assert [(w.start, w.done, w.planned) for w in weeks] == [
        (date(2026, 11, 2), 0, 7),
        (date(2026, 11, 9), 2, 7),
        (date(2026, 11, 16), 3, 7),
    ]
    assert [w.percent for w in weeks] == [0, 29, 43]
    # Only the chosen weekdays count, and a week cannot pass 100%.
    mon_wed = stats.weeks(done, "weekdays", [0, 2], 1, TODAY, count=1)[0]
    assert (mon_wed.done, mon_wed.planned, mon_wed.percent) == (2, 2, 100)
    weekly = stats.weeks(done, "weekly", [], 2, TODAY, count=1)[0]
    assert (weekly.done, weekly.planned, weekly.percent) == (3, 2, 100)


def test_first_week_plans_only_the_days_since_the_goal_began():
    begun = date(2026, 11, 17)  # a Tuesday: six days left in its week
    weeks = stats.weeks(days(0, 1), "daily", [], 1, TODAY, count=3, begun=begun)
    assert [(w.start, w.done, w.planned) for w in weeks] == [(date(2026, 11, 16), 2, 6)]
    weekdays = stats.weeks(set(), "weekdays", [0, 2], 1, TODAY, begun=begun)[0]
    assert weekdays.planned == 1  # Monday had passed; Wednesday is left
