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


def assert_card_counts(card: Path, heading: str, rows: list[dict[str, str]]) -> None:
    """The counts table under `heading` in a data card matches the rows: one line per variety
    (and **all**), one cell per label in the header's order, each cell the row counts per split
    in the order the card's "Each cell is train/dev/test." line gives, then the total."""
    section = card.read_text(encoding="utf-8").split(heading, 1)[1]
    order = re.search(r"Each cell is ([a-z/]+)\.", section)
    assert order, f"{card.name}: no split order under {heading!r}"
    splits = order.group(1).split("/")
    table = re.search(r"^\|.*(?:\n\|.*)*", section, re.MULTILINE)
    assert table, f"{card.name}: no table under {heading!r}"
    lines = [[c.strip() for c in line.strip("|").split("|")] for line in table[0].splitlines()]
    labels = lines[0][1:-1]
    counted: dict[tuple[str, str, str], int] = {}
    for r in rows:
        for variety in (r["variety"], "**all**"):
            key = (variety, r["label"], r["split"])
            counted[key] = counted.get(key, 0) + 1
    found = {line[0]: line[1:] for line in lines[2:]}
    expected = {
        variety: [
            "/".join(str(counted.get((variety, label, s), 0)) for s in splits) for label in labels
        ]
        + [str(sum(n for (v, _, _), n in counted.items() if v == variety))]
        for variety in {v for v, _, _ in counted}
    }
    # On failure, the lines to paste: the card's own row order, then any new variety.
    ordered = [v for v in found if v in expected] + sorted(set(expected) - set(found))
    table_now = "\n".join(f"| {v} | " + " | ".join(expected[v]) + " |" for v in ordered)
    assert found == expected, (
        f"{card.name}: the counts under {heading!r} are stale; the rows give:\n{table_now}"
    )
