"""Headers, cookies and third-party hosts on every page kind of every app (DESIGN §5)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.security.conftest import World
from tests.security.routes import page_routes

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
ALSO_FINE = {"Referrer-Policy": ("no-referrer",)}  # stricter, e.g. on pages with a secret key


class _Resources(HTMLParser):
    """What a page would load or send somewhere: src, link href, form action; plus inline code."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, rel) of <a>
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        for name in ("src", "srcset", "poster", "data"):
            if name in found:
                self.loaded.append(found[name])
        if tag == "link" and "href" in found:
            self.loaded.append(found["href"])
        if tag == "form" and found.get("action"):
            self.loaded.append(found["action"])
        if tag == "a" and "href" in found:
            self.links.append((found["href"], found.get("rel", "")))
        if "style" in found:
            self.inline.append(f"<{tag} style=…>")
        self.inline += [f"<{tag} {k}=…>" for k in found if k.startswith("on")]
        if tag == "script" and "src" not in found and found.get("type") != "application/json":
            self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style>")


def _foreign(url: str) -> bool:
    return bool(re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) or url.lower().startswith(
        "javascript:"
    )


def _pages(world: World) -> Iterator[tuple[str, str]]:
    for route in page_routes():
        for role in ("anonymous", "member", "operator"):
            yield role, route.url(world.ids)


def test_every_page_kind_carries_headers_and_nothing_from_another_host(world: World) -> None:
    checked_html = 0
    problems: list[str] = []
    for role, url in _pages(world):
        client = world.actors[role].client
        response = client.get(url)
        assert response.status_code < 500, f"{url} as {role}: {response.status_code}"
        csp = response.headers.get("Content-Security-Policy", "")
        if "unsafe-inline" in csp or "unsafe-eval" in csp or "script-src 'self'" not in csp:
            problems.append(f"{url} as {role}: CSP {csp!r}")
        for name, value in HEADERS.items():
            if response.headers.get(name) not in (value, *ALSO_FINE.get(name, ())):
                problems.append(f"{url} as {role}: {name}={response.headers.get(name)!r}")
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            continue
        checked_html += 1
        parser = _Resources()
        parser.feed(response.content.decode())
        problems += [f"{url} as {role}: loads {u}" for u in parser.loaded if _foreign(u)]
        problems += [f"{url} as {role}: inline {what}" for what in parser.inline]
        for href, rel in parser.links:
            if href == settings.QUICK_EXIT_URL:
                continue
            if _foreign(href) and "noreferrer" not in rel:
                problems.append(f"{url} as {role}: link to {href} sends the referrer")
    assert checked_html > 100, checked_html
    assert not problems, "\n".join(problems)


def test_session_and_csrf_cookies_flags(world: World) -> None:
    from django.test import Client

    from tests.conftest import PASSWORD

    client = Client()
    page = client.get("/accounts/login/")
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"]
    assert csrf["samesite"].lower() in ("lax", "strict")
    member = world.actors["member"].user
    assert member is not None
    response = client.post(
        "/accounts/login/", {"pseudonym": member.pseudonym, "password": PASSWORD}
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert int(session["max-age"]) <= 30 * 86400


def test_cookies_are_secure_and_hsts_on_behind_https() -> None:
    """The HTTPS switch (HALQA_HTTPS) turns on Secure cookies, HSTS and the redirect."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='halqa.settings'; "
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    env = {**os.environ, "HALQA_HTTPS": "1", "DJANGO_SETTINGS_MODULE": "halqa.settings"}
    env.setdefault("HALQA_SECRET_KEY", "x" * 50)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True"] * 5, out.stdout


@pytest.mark.parametrize("language", ["ar", "en"])
def test_404_page_keeps_the_headers(world: World, language: str) -> None:
    client = world.actors["anonymous"].client
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
