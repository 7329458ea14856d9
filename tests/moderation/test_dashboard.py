"""Dashboard figures: response times of urgent cases, counts by kind, action and reason."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override

from halqa.moderation.cases import open_case
from halqa.moderation.dashboard import figures
from halqa.moderation.enums import CaseKind
from halqa.moderation.models import Case

pytestmark = pytest.mark.django_db


def _case(member: Any, kind: str, *, days_ago: float, answered_after: float | None) -> Case:
    case = open_case(kind=kind, subject=member, reason="test")
    opened = timezone.now() - timedelta(days=days_ago)
    first = opened + timedelta(minutes=answered_after) if answered_after is not None else None
    Case.objects.filter(pk=case.pk).update(opened_at=opened, first_response_at=first)
    return case


def test_response_times_and_counts(make_member: Any, moderator: Any) -> None:
    # Member cases: one open case per member, so each case gets its own member.
    for minutes in (2, 4, 6, 8, 30):  # this week
        _case(make_member(), CaseKind.DANGER, days_ago=1, answered_after=minutes)
    _case(make_member(), CaseKind.CRISIS, days_ago=20, answered_after=60)  # this month only
    _case(make_member(), CaseKind.CRISIS, days_ago=2, answered_after=None)  # still waiting
    _case(make_member(), CaseKind.FLAG, days_ago=1, answered_after=1)  # not urgent
    with override("en"):
        data = figures(moderator)
    week, month = data["week"], data["month"]
    assert week["count"] == 6
    assert week["answered"] == 5
    assert week["waiting"] == 1
    assert week["median"] == 6.0
    assert week["p90"] == pytest.approx(21.2)
    assert month["answered"] == 6
    assert month["median"] == 7.0
    assert data["open_total"] == 8
    assert data["open_urgent"] == 7
    open_bars = {bar["label"]: bar["value"] for bar in data["open_bars"]}
    assert open_bars["Someone may be in danger"] == 5
    assert open_bars["Crisis"] == 2
    top = max(data["open_bars"], key=lambda bar: bar["value"])
    assert top["width"] == 100


def test_group_moderator_sees_only_their_groups_figures(
    make_group: Any, make_member: Any, make_group_moderator: Any
) -> None:
    mine, other = make_group(), make_group()
    group_mod = make_group_moderator(mine)
    open_case(kind=CaseKind.FLAG, subject=make_member(), reason="x", group=mine)
    open_case(kind=CaseKind.FLAG, subject=make_member(), reason="x", group=other)
    assert figures(group_mod)["open_total"] == 1
