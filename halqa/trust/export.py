"""The member's part of "export my data": their trust level and whether an operator set it."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.trust import levels
from halqa.trust.models import MemberTrust


def export_trust(user: User) -> dict[str, Any]:
    chosen = MemberTrust.objects.filter(user=user).first()
    return {
        "level": levels.level_of(user),
        "set_by_operator": chosen is not None,
        "set_at": chosen.set_at.isoformat() if chosen else None,
    }
