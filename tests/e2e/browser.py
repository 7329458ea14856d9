"""What several browser tests do the same way: a context in a language, and signing in."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def browser_context(
    chromium: Any, base_url: str, lang: str, *, width: int = 412, **options: Any
) -> Any:
    """A fresh context on the live server with Halqa's language cookie set to `lang`."""
    context = chromium.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, **options
    )
    context.set_default_timeout(10_000)
    host = urlsplit(base_url).hostname or "localhost"
    context.add_cookies([{"name": "halqa_language", "value": lang, "domain": host, "path": "/"}])
    return context


def log_in(page: Any, pseudonym: str, password: str) -> None:
    """Submit the sign-in form (what follows it is for the caller to check)."""
    page.goto("/accounts/login/")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
