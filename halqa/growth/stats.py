"""Streaks and weekly completion, in the member's local dates. Pure functions of the days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from halqa.growth.enums import Cadence
from halqa.growth.localtime import week_start

DAY = timedelta(days=1)
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Week:
    start: date
    done: int
    planned: int

    @property
    def percent(self) -> int:
        return round(100 * min(self.done, self.planned) / self.planned) if self.planned else 0


def planned_per_week(cadence: str, weekdays: list[int], times_per_week: int) -> int:
    if cadence == Cadence.WEEKDAYS:
        return len(set(weekdays))
    if cadence == Cadence.WEEKLY:
        return times_per_week
    return 7


def _scheduled(cadence: str, weekdays: list[int], day: date) -> bool:
    return cadence != Cadence.WEEKDAYS or day.weekday() in weekdays


def day_streak(done: set[date], cadence: str, weekdays: list[int], today: date) -> int:
    """Scheduled days done in a row, back from today. Today not done yet breaks nothing:
    the day is not over."""
    if not done or (cadence == Cadence.WEEKDAYS and not weekdays):
        return 0
    day, count, first = today, 0, min(done)
    if day not in done:
        day -= DAY
    while day >= first:
        if _scheduled(cadence, weekdays, day):
            if day not in done:
                break
            count += 1
        day -= DAY
    return count


def week_streak(done: set[date], times_per_week: int, today: date) -> int:
    """Weeks in a row with the target met; this week counts once it is met."""
    if not done:
        return 0
    counts = _counts_by_week(done)
    start, count, first = week_start(today), 0, week_start(min(done))
    if counts.get(start, 0) < times_per_week:
        start -= WEEK
    while start >= first and counts.get(start, 0) >= times_per_week:
        count += 1
        start -= WEEK
    return count


def streak(done: set[date], cadence: str, weekdays: list[int], times: int, today: date) -> int:
    if cadence == Cadence.WEEKLY:
        return week_streak(done, times, today)
    return day_streak(done, cadence, weekdays, today)


def _counts_by_week(days: Iterable[date]) -> dict[date, int]:
    counts: dict[date, int] = {}
    for day in days:
        counts[week_start(day)] = counts.get(week_start(day), 0) + 1
    return counts


def weeks(
    done: set[date],
    cadence: str,
    weekdays: list[int],
    times: int,
    today: date,
    count: int = 4,
    begun: date | None = None,
) -> list[Week]:
    """The last `count` weeks, this one last, from the week the goal was `begun` on; that first
    week plans only its days from then on. Done days off the chosen weekdays do not count."""
    counted = {day for day in done if _scheduled(cadence, weekdays, day)}
    counts = _counts_by_week(counted)
    planned = planned_per_week(cadence, weekdays, times)
    this_week = week_start(today)
    starts = [this_week - WEEK * back for back in range(count - 1, -1, -1)]
    if begun is not None:
        starts = [start for start in starts if start >= week_start(begun)]
    return [
        Week(s, counts.get(s, 0), _planned(s, planned, cadence, weekdays, begun)) for s in starts
    ]


def _planned(
    start: date, planned: int, cadence: str, weekdays: list[int], begun: date | None
) -> int:
    if begun is None or week_start(begun) != start or cadence == Cadence.WEEKLY:
        return planned
    days = (begun + DAY * n for n in range(7 - begun.weekday()))
    return sum(1 for day in days if _scheduled(cadence, weekdays, day))
