"""Factories for the library's tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def make_resource(db: None, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """`make_resource(title=..., state=..., **fields)`: indexed as soon as it returns."""
    from halqa.resources.actions import create_resource
    from halqa.resources.enums import Kind, State

    def make(*, author: Any = None, **fields: Any) -> Any:
        fields.setdefault("kind", Kind.ARTICLE)
        fields.setdefault("language", "en")
        fields.setdefault("title", "A resource")
        fields.setdefault("summary", "A short summary.")
        fields.setdefault("body", "Some helpful text.")
        fields.setdefault("state", State.PUBLISHED)
        with django_capture_on_commit_callbacks(execute=True):
            return create_resource(author=author, **fields)

    return make
