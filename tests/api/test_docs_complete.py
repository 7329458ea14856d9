"""docs/api.md documents every endpoint of the OpenAPI document, under the path ninja prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from halqa.api import api

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    )


def _mentioned(text: str, needle: str) -> bool:
    """`needle` as a whole path: /api/groups/{slug} does not count for /api/groups/{slug}/join."""
    return re.search(re.escape(needle) + r"(?=[`\s?]|$)", text) is not None


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_schema_has_paths() -> None:
    assert len(_operations()) > 40


@pytest.mark.parametrize("path", sorted({path for _, path in _operations()}))
def test_every_path_is_documented(doc: str, path: str) -> None:
    assert _mentioned(doc, path), f"{path} is in the OpenAPI document but not in docs/api.md"


@pytest.mark.parametrize(("method", "path"), _operations())
def test_every_operation_is_documented(doc: str, method: str, path: str) -> None:
    assert _mentioned(doc, f"{method} {path}"), f"`{method} {path}` is missing from docs/api.md"
