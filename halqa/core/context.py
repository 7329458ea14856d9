"""Template context every page needs: language direction, site name, safety links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    neutral = bool(getattr(user, "neutral_titles", False))
    return {
        "LANG": get_language() or settings.LANGUAGE_CODE,
        "RTL": get_language_bidi(),
        **_console_site(),
        "NEUTRAL_TITLES": neutral,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }


def site_name() -> str:
    """The operator's name for the site (console, else HALQA_SITE_NAME); Halqa's is translated."""
    from halqa.console.site import site_name as console_site_name

    return console_site_name()


def _console_site() -> dict[str, Any]:
    """The site's name, the operator's logo (its versioned address) and the languages the
    switcher offers."""
    from django.urls import reverse

    from halqa.console import site

    current = site.values()  # one look at the shared version per page
    logo = current.logo_hash
    return {
        "SITE_NAME": site.site_name(current),
        "SITE_LOGO": reverse("console:logo", args=[logo]) if logo else "",
        "LANGUAGES_OFFERED": site.offered_languages(current),
    }
