"""Template context every page needs: language direction, site name, safety links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi, pgettext


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    neutral = bool(getattr(user, "neutral_titles", False))
    return {
        "LANG": get_language() or settings.LANGUAGE_CODE,
        "RTL": get_language_bidi(),
        "SITE_NAME": site_name(),
        "NEUTRAL_TITLES": neutral,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }


def site_name() -> str:
    """The operator's name for the site; Halqa's own name is translated (حلقة)."""
    if settings.SITE_NAME == "Halqa":
        return pgettext("site name", "Halqa")
    return settings.SITE_NAME
