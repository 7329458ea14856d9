"""The moderators' dashboard: counts and response times, never member content."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from halqa.core.charts import is_rtl, mirrored, scaled
from halqa.moderation import queries
from halqa.moderation.enums import URGENT, Action, CaseKind, CaseState, FlagReason
from halqa.moderation.models import AuditEntry, Case, Flag


def percentile(values: list[float], share: float) -> float | None:
    """The `share` percentile (0..1) by linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def response_times(cases: Any, days: int) -> dict[str, Any]:
    """Median and p90 minutes to first response of urgent cases opened in the last `days`."""
    since = timezone.now() - timedelta(days=days)
    urgent = cases.filter(urgency__gte=URGENT, opened_at__gte=since)
    answered = urgent.filter(first_response_at__isnull=False).values_list(
        "opened_at", "first_response_at"
    )
    minutes = [max((done - opened).total_seconds(), 0) / 60 for opened, done in answered]
    median = percentile(minutes, 0.5)
    p90 = percentile(minutes, 0.9)
    return {
        "days": days,
        "count": urgent.count(),
        "answered": len(minutes),
        "waiting": urgent.filter(first_response_at__isnull=True).count(),
        "median": round(median, 1) if median is not None else None,
        "p90": round(p90, 1) if p90 is not None else None,
    }


def bars(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Rows for a horizontal SVG bar chart: label, value, and bar geometry (0..100)."""
    top = max((value for _, value in rows), default=0)
    rtl = is_rtl()
    out = []
    for label, value in rows:
        width = round(scaled(value, top, 100), 2)
        out.append(
            {"label": label, "value": value, "width": width, "x": mirrored(0, 100, rtl, width)}
        )
    return out


def figures(user: Any) -> dict[str, Any]:
    cases = queries.visible_cases(user)
    open_cases = cases.exclude(state=CaseState.RESOLVED)
    by_kind = dict(open_cases.values_list("kind").annotate(n=Count("id")).order_by())
    open_rows = [(str(label), by_kind.get(value, 0)) for value, label in CaseKind.choices]
    since = timezone.now() - timedelta(days=30)
    ids = queries.moderated_group_ids(user)
    entries = AuditEntry.objects.filter(created_at__gte=since)
    flag_rows_qs = Flag.objects.filter(created_at__gte=since)
    if ids is not None:
        entries = entries.filter(group_id__in=ids)
        flag_rows_qs = flag_rows_qs.filter(case__group_id__in=ids)
    by_action = dict(entries.values_list("action").annotate(n=Count("id")).order_by())
    shown = [a for a in Action if a not in (Action.CLAIM, Action.RELEASE)]
    action_rows = [(str(a.label), by_action.get(a.value, 0)) for a in shown]
    action_rows = [row for row in action_rows if row[1]] or action_rows[:0]
    by_reason = dict(flag_rows_qs.values_list("reason").annotate(n=Count("id")).order_by())
    reason_rows = [(str(label), by_reason.get(value, 0)) for value, label in FlagReason.choices]
    return {
        "open_total": open_cases.count(),
        "open_urgent": open_cases.filter(urgency__gte=URGENT).count(),
        "open_bars": bars(open_rows),
        "week": response_times(cases, 7),
        "month": response_times(cases, 30),
        "action_bars": bars(action_rows),
        "actions_total": sum(value for _, value in action_rows),
        "reason_bars": bars(reason_rows),
        "flags_total": sum(value for _, value in reason_rows),
    }


__all__ = ["Case", "figures", "percentile", "response_times"]
