"""Fixtures for the publish policy: a group with an author, a reader and a moderator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from halqa.groups.actions import add_member
from halqa.groups.enums import GroupRole
from halqa.groups.models import Membership
from halqa.screening import CrisisLevel, Screening, Script, Signal, Span


@pytest.fixture
def circle(make_member: Callable[..., Any], make_group: Callable[..., Any]) -> dict[str, Any]:
    """A group with `author` (new, level 0), `reader` (a member) and `moderator` (group)."""
    group = make_group()
    people = {
        "author": make_member(pseudonym="author_one", language="en"),
        "reader": make_member(pseudonym="reader_one", language="en"),
        "moderator": make_member(pseudonym="mod_one", language="en"),
    }
    for user in people.values():
        add_member(user=user, group=group)
    Membership.objects.filter(group=group, user=people["moderator"]).update(
        role=GroupRole.MODERATOR
    )
    return {"group": group, **people}


def screening(
    *,
    abuse: float = 0.0,
    crisis: CrisisLevel = CrisisLevel.NONE,
    spans: list[Span] | None = None,
    probability: float | None = None,
    rules: bool = True,
) -> Screening:
    """A Screening as the engine would return it, for borderline rows.

    A crisis comes with the rule the engine names for an explicit statement (ideation, and for
    a plan the method rule too) unless `rules` is False: the model alone, at `probability`.
    """
    crisis_rules = {
        CrisisLevel.IDEATION: ["crisis:ideation:ideation_en"],
        CrisisLevel.PLAN: ["crisis:ideation:ideation_en", "crisis:plan:method"],
    }.get(crisis, [])
    if probability is None:
        probability = 0.9 if crisis in (CrisisLevel.IDEATION, CrisisLevel.PLAN) else 0.0
    return Screening(
        language="en",
        script=Script.LATIN,
        personal_data=spans or [],
        abuse=abuse,
        abuse_label="abusive" if abuse >= 0.5 else "clean",
        crisis=crisis,
        crisis_probability=probability,
        signals=[Signal("rule", name, 1.0) for name in crisis_rules] if rules else [],
        model_version="test",
    )


@pytest.fixture
def inject(monkeypatch: pytest.MonkeyPatch) -> Callable[[Screening], None]:
    """`inject(screening(...))`: the next messages screen as given (titles screen clean)."""

    def use(result: Screening) -> None:
        from halqa.conversations import publish

        real = publish.screen

        def fake(text: str, **kwargs: Any) -> Screening:
            return result if len(text) > 20 else real("hello", **kwargs)

        monkeypatch.setattr(publish, "screen", fake)

    return use
