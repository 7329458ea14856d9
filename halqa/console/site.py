"""The operator's site settings, read on every page without a database query.

Each process keeps the row in memory with the version found in the cache; saving bumps the
version, so every process sharing the cache (Redis) reloads once. Without Redis (a local-memory
cache) other server processes see a change after a restart; one process sees it at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.translation import pgettext

VERSION_KEY = "console:site-settings-version"


@dataclass(frozen=True)
class Values:
    site_name: str = ""
    registration: str = ""
    languages: str = ""  # "" both, else the one language offered
    default_language: str = ""
    default_country: str = ""
    logo_hash: str = ""  # the logo's version (SHA-256); its bytes stay in the database
    logo_type: str = ""


_local: tuple[Any, Values] | None = None
FIELDS = ("site_name", "registration", "languages", "default_language", "default_country")


def _load() -> Values:
    from halqa.console.models import SiteSettings

    try:
        row = SiteSettings.objects.filter(pk=1).defer("logo").first()
    except DatabaseError:  # before migrations
        row = None
    if row is None:
        return Values()
    return Values(
        **{name: getattr(row, name) for name in FIELDS},
        logo_hash=row.logo_hash,
        logo_type=row.logo_type,
    )


def _shared_version() -> Any:
    """The version in the cache; when Redis does not answer, this process's own, so that pages
    (the crisis page first) keep working on the copy they have instead of failing."""
    from redis import RedisError

    try:
        return cache.get(VERSION_KEY)
    except (RedisError, OSError):
        return _local[0] if _local is not None else None


def values() -> Values:
    global _local
    version = _shared_version()
    if _local is None or _local[0] != version:
        _local = (version, _load())
    return _local[1]


def changed() -> None:
    """Call after saving SiteSettings: every process reloads on its next page.

    Without Redis the change still holds here (and in the database); other processes see it
    once Redis answers again and some later change bumps the version, or after a restart.
    """
    from redis import RedisError

    global _local
    version: str | None = uuid.uuid4().hex
    try:
        cache.set(VERSION_KEY, version, timeout=None)
    except (RedisError, OSError):
        version = None
    _local = (version, _load())


def warm(**kwargs: Any) -> None:
    """Load once at start (after migrate) so that no page pays for the first read."""
    global _local
    _local = (_shared_version(), _load())


def forget() -> None:
    """Drop this process's copy and the shared version (tests that roll back their rows)."""
    global _local
    cache.delete(VERSION_KEY)
    _local = (None, Values())


def site_name(current: Values | None = None) -> str:
    """The operator's name for the site; Halqa's own name is translated (حلقة)."""
    name = (current or values()).site_name or settings.SITE_NAME
    if name == "Halqa":
        return pgettext("site name", "Halqa")
    return name


def registration_open() -> bool:
    """Whether new members may sign up: the console's choice, else HALQA_REGISTRATION_OPEN."""
    choice = values().registration
    if choice:
        return choice == "open"
    return bool(settings.REGISTRATION_OPEN)


def offered_languages(current: Values | None = None) -> list[tuple[str, str]]:
    """(code, name) of the languages members may choose, in settings.LANGUAGES order."""
    only = (current or values()).languages
    return [(code, name) for code, name in settings.LANGUAGES if not only or code == only]


def languages() -> tuple[list[str], str]:
    """The codes offered and the default: the language of a visitor who chose none (the
    console's choice if the site offers it). One look at the settings, for every request."""
    current = values()
    offered = [code for code, _ in offered_languages(current)]
    chosen = current.default_language or settings.LANGUAGE_CODE
    return offered, chosen if chosen in offered else offered[0]


def default_country() -> str:
    """Whose helplines members without a country see: the console's, else HALQA_DEFAULT_COUNTRY."""
    return values().default_country or settings.DEFAULT_COUNTRY


def logo() -> Values | None:
    """The current settings when a logo is set (its hash and type), else None."""
    current = values()
    return current if current.logo_hash else None
