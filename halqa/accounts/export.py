"""Everything Halqa holds about a member, as one JSON-ready dict (the "export my data" download).

Other apps add their part at import time (in their AppConfig.ready):

    register_export_section("groups", lambda user: [...])
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from halqa.accounts.models import User
from halqa.accounts.twofactor import has_two_factor

_SECTIONS: dict[str, Callable[[User], Any]] = {}


def register_export_section(name: str, fn: Callable[[User], Any]) -> None:
    """`fn(user)` returns JSON-ready data; it appears under `name` in every export."""
    _SECTIONS[name] = fn


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _profile(user: User) -> dict[str, Any]:
    return {
        "pseudonym": user.pseudonym,
        "role": user.role,
        "language": user.language,
        "country": user.country,
        "on_break": user.on_break,
        "neutral_titles": user.neutral_titles,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "two_factor": has_two_factor(user),
    }


def _recovery_codes(user: User) -> dict[str, Any]:
    rows = list(user.recovery_codes.all())
    return {
        "count": len(rows),
        "unused": sum(row.used_at is None for row in rows),
        "created": _when(min((row.created for row in rows), default=None)),
    }


def _device_tokens(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": token.name,
            "created": _when(token.created),
            "last_used": _when(token.last_used_at),
        }
        for token in user.device_tokens.all()
    ]


def _browser_sessions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "device": row.device,
            "browser": row.browser,
            "logged_in": _when(row.signed_in_at),
            "last_used": _when(row.last_seen),
        }
        for row in user.browser_sessions.all()
    ]


def export_member(user: User) -> dict[str, Any]:
    """Never includes hashes, secrets or anything about other members."""
    data: dict[str, Any] = {
        "site": settings.SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        "profile": _profile(user),
        "recovery_codes": _recovery_codes(user),
        "device_tokens": _device_tokens(user),
        "browser_sessions": _browser_sessions(user),
    }
    for name, fn in _SECTIONS.items():
        data[name] = fn(user)
    return data
