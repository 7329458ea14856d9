"""Every page route of the URLconf, with its parameters filled from the security world."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# URL parameter name -> key in World.ids (or a literal value).
PARAMS = {
    "slug": "slug",
    "thread_id": "thread",
    "session_id": "session",
    "entry_id": "entry",
    "partnership_id": "partnership",
    "case_id": "case",
    "application_id": "application",
    "post_id": "post",
    "goal_id": "goal",
    "user_id": "member_id",
    "helpline_id": "helpline",
    "resource_id": "resource",
    "question_id": "question",
    "flag_id": "flag",
    "notification_id": "notification",
    "commitment_id": "commitment",
    "word_id": "word",
}


@dataclass(frozen=True)
class Route:
    pattern: str  # e.g. "groups/<slug:slug>/threads/<int:thread_id>/"
    name: str
    params: tuple[str, ...]

    def url(self, ids: dict[str, object]) -> str:
        import re

        def fill(match: re.Match[str]) -> str:
            key = PARAMS.get(match.group(2), "")
            return str(ids.get(key, match.group(2) if match.group(1) != "int" else 999999))

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, self.pattern)


def _walk(patterns: list[object], prefix: str, namespace: str) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or pattern)
            yield Route(pattern, name, tuple(entry.pattern.converters))


def page_routes() -> list[Route]:
    """Every route outside the JSON API (which has its own CSRF-free token authentication)."""
    return [
        r for r in _walk(get_resolver().url_patterns, "", "") if not r.pattern.startswith("api/")
    ]
