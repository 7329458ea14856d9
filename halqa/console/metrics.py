"""Content-free figures for operators: counts per day and times, never a word a member wrote."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format

from halqa.accounts.models import User
from halqa.conversations.models import Post
from halqa.core.charts import is_rtl, mirrored, scaled
from halqa.moderation.dashboard import response_times
from halqa.moderation.enums import URGENT, CaseKind, CaseState
from halqa.moderation.models import Case

DAYS = 30
WIDTH, HEIGHT, PAD = 300, 100, 4


@dataclass
class Column:
    day: date
    value: int
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class DailyChart:
    """Columns for the last DAYS days; in Arabic time runs right to left, so the newest day
    is the leftmost column (SVG x does not follow the page's direction)."""

    columns: list[Column] = field(default_factory=list)
    top: int = 0
    total: int = 0
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def busiest(self) -> Column | None:
        return max(self.columns, key=lambda c: (c.value, c.day), default=None)


def daily_chart(counts: dict[date, int], today: date, days: int = DAYS) -> DailyChart:
    rtl = is_rtl()
    shown = [today - timedelta(days=days - 1 - index) for index in range(days)]  # oldest first
    # Only the days drawn count: a busier day just outside the window (the queries reach back
    # a little further) must neither shrink the columns nor be named as the busiest.
    top = max((counts.get(day, 0) for day in shown), default=0)
    slot = WIDTH / days
    chart = DailyChart(top=top, total=sum(counts.get(day, 0) for day in shown))
    for index, day in enumerate(shown):
        value = counts.get(day, 0)
        height = round(scaled(value, top, HEIGHT - PAD), 2)
        chart.columns.append(
            Column(
                day=day,
                value=value,
                x=round(mirrored(index * slot + 1, WIDTH, rtl, slot - 2), 2),
                y=round(HEIGHT - height, 2),
                width=round(slot - 2, 2),
                height=height,
                label=date_format(day, "MONTH_DAY_FORMAT"),
            )
        )
    return chart


def _per_day(rows: Any) -> dict[date, int]:
    return {day: n for day, n in rows if day is not None}


def active_members(now: datetime) -> dict[str, Any]:
    """Members who signed in or posted, per day (distinct), and over 7 and 28 days."""
    since = now - timedelta(days=28)
    seen: dict[date, set[int]] = defaultdict(set)
    week: set[int] = set()
    month: set[int] = set()
    posted = (
        Post.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values_list("day", "author_id")
        .distinct()
    )
    logged = User.objects.filter(last_login__gte=since).values_list("last_login", "pk")
    rows = [*posted, *((timezone.localdate(m), pk) for m, pk in logged if m is not None)]
    week_start = (now - timedelta(days=7)).date()
    for day, pk in rows:
        seen[day].add(pk)
        month.add(pk)
        if day > week_start:
            week.add(pk)
    return {
        "per_day": {day: len(ids) for day, ids in seen.items()},
        "week": len(week),
        "month": len(month),
    }


def figures(now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - timedelta(days=DAYS)
    active = active_members(now)
    posts = _per_day(
        Post.objects.filter(created_at__gte=since, deleted_at__isnull=True)
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    crisis = Case.objects.filter(kind=CaseKind.CRISIS)
    crisis_days = _per_day(
        crisis.filter(opened_at__gte=since)
        .annotate(day=TruncDate("opened_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    backlog = moderation_backlog(now)
    return {
        "members": User.objects.filter(is_active=True).count(),
        "active_week": active["week"],
        "active_month": active["month"],
        "active_chart": daily_chart(active["per_day"], today),
        "posts_chart": daily_chart(posts, today),
        "crisis_chart": daily_chart(crisis_days, today),
        "crisis_week": response_times(crisis, 7),
        "crisis_month": response_times(crisis, 30),
        **backlog,
    }


def moderation_backlog(now: datetime) -> dict[str, Any]:
    """Open cases, the urgent and unclaimed among them, and the oldest's age: one query."""
    row = Case.objects.exclude(state=CaseState.RESOLVED).aggregate(
        backlog=Count("id"),
        backlog_urgent=Count("id", filter=Q(urgency__gte=URGENT)),
        backlog_unclaimed=Count("id", filter=Q(claimed_by__isnull=True)),
        oldest=Min("opened_at"),
    )
    oldest = row.pop("oldest")
    hours = round((now - oldest).total_seconds() / 3600, 1) if oldest is not None else None
    return {**row, "backlog_oldest_hours": hours}


def as_json(data: dict[str, Any]) -> dict[str, Any]:
    """The same figures for the API: charts become {date: count}."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, DailyChart):
            out[key.removesuffix("_chart") + "_per_day"] = {
                column.day.isoformat(): column.value for column in value.columns
            }
        else:
            out[key] = value
    return out
