"""Shared checks for the authored corpora's JSONL files (everyday messages, dialect abuse)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

FIELDS = {"id", "text", "label", "lang", "variety", "kind", "split"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def bucket(row_id: str) -> int:
    """The stable hash bucket (0-9) that fixes a row's split."""
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest()[:8], 16) % 10


def assert_well_formed(
    row: dict[str, str], *, prefix: str, labels: set[str], varieties: set[str]
) -> None:
    assert set(row) == FIELDS, row
    assert all(isinstance(row[f], str) and row[f].strip() for f in FIELDS), row
    assert re.fullmatch(rf"{prefix}\d{{4,}}", row["id"]), row
    assert row["label"] in labels, row
    assert row["variety"] in varieties, row
    assert row["lang"] == ("en" if row["variety"] == "english" else "ar"), row
