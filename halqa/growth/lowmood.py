"""The sustained-low-mood rule (HALQA_LOW_MOOD_RULE): it offers the member resources and the
crisis card on their own pages. It never tells anyone else."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from halqa.accounts.models import User
from halqa.growth.models import MoodEntry


@dataclass(frozen=True)
class Rule:
    count: int  # at least this many ...
    window: int  # ... of the member's last `window` entries ...
    score: int  # ... at this score or lower


def rule() -> Rule:
    """`COUNT/WINDOW/SCORE`, by default `5/7/1`: five of the last seven entries at 1."""
    raw = settings.LOW_MOOD_RULE
    try:
        count, window, score = (int(part) for part in raw.split("/"))
    except ValueError:
        raise ImproperlyConfigured(
            f"HALQA_LOW_MOOD_RULE must look like 5/7/1 (count/window/score), not {raw!r}"
        ) from None
    if not 1 <= count <= window or not 1 <= score <= 5:
        raise ImproperlyConfigured(
            "HALQA_LOW_MOOD_RULE needs 1 <= count <= window, 1 <= score <= 5"
        )
    return Rule(count, window, score)


def sustained_low(user: User) -> bool:
    current = rule()
    scores = list(
        MoodEntry.objects.filter(owner=user)
        .order_by("-created_at", "-id")
        .values_list("score", flat=True)[: current.window]
    )
    return sum(score <= current.score for score in scores) >= current.count
