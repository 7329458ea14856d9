"""Factories for groups: plain functions behind fixtures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from halqa.groups.actions import add_member, create_group
from halqa.groups.models import Group

_counter = iter(range(1, 1_000_000))


@pytest.fixture
def make_group(db: None) -> Callable[..., Group]:
    """`make_group(visibility=..., join_policy=..., members=[...])` creates a group."""

    def make(*, members: tuple[Any, ...] = (), **fields: Any) -> Group:
        number = next(_counter)
        fields.setdefault("slug", f"group-{number}")
        fields.setdefault("name", f"Group {number}")
        fields.setdefault("description", "A quiet place to talk.")
        fields.setdefault("rules", ["Be kind.", "Respect privacy."])
        group = create_group(**fields)
        for user in members:
            add_member(user=user, group=group)
        return group

    return make
