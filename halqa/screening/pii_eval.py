"""Span-level evaluation of `find_personal_data` on the hand-labelled corpus.

`evaluate(path, split="dev")` returns, per kind and for all kinds together, precision, recall,
F1 and support (gold spans) under two matchings: "exact" (same kind, start and end) and
"overlap" (same kind, spans share at least one character; each gold span matched once).
`halqa screening evaluate-pii` prints that as a table or JSON (`main(argv)` is the same command,
for `python -m halqa.screening.pii_eval`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from halqa.screening.data import jsonl_lines
from halqa.screening.personal_data import find_personal_data
from halqa.screening.types import PersonalDataKind, Span

__all__ = ["DEFAULT_CORPUS", "errors", "evaluate", "format_table", "load", "main"]

DEFAULT_CORPUS = Path(__file__).parent / "corpus" / "personal_data.jsonl"
_Gold = tuple[str, int, int]


def load(path: Path | str = DEFAULT_CORPUS, split: str | None = None) -> list[dict[str, Any]]:
    """The rows of the labelled set, optionally only one split ("dev" or "test").

    A line that is not a row (text, split, spans with kind, start and end inside the text) raises
    ValueError naming its line.
    """
    rows = []
    for number, line in jsonl_lines(Path(path)):
        row = _row(line)
        if row is None:
            raise ValueError(
                f"{path}:{number}: not a JSON object with text, split and spans"
                " (kind, start, end inside the text)"
            )
        rows.append(row)
    return [r for r in rows if split in (None, "all", r["split"])]


_KINDS = frozenset(k.value for k in PersonalDataKind)


def _row(line: str) -> dict[str, Any] | None:
    try:
        row = json.loads(line)
    except ValueError:
        return None
    if not (
        isinstance(row, dict)
        and isinstance(row.get("text"), str)
        and isinstance(row.get("split"), str)
        and isinstance(row.get("spans"), list)
    ):
        return None
    size = len(row["text"])
    for span in row["spans"]:
        if not (
            isinstance(span, dict)
            and span.get("kind") in _KINDS
            and type(span.get("start")) is int
            and type(span.get("end")) is int
            and 0 <= span["start"] < span["end"] <= size
        ):
            return None
    row.setdefault("id", "")
    return row


def evaluate(path: Path | str = DEFAULT_CORPUS, split: str | None = "dev") -> dict[str, Any]:
    """Per-kind and overall precision/recall/F1 for exact and overlap span matching."""
    counts: dict[str, dict[str, list[int]]] = {"exact": {}, "overlap": {}}
    rows = load(path, split)
    for row in rows:
        gold = [(s["kind"], s["start"], s["end"]) for s in row["spans"]]
        found = [(s.kind.value, s.start, s.end) for s in find_personal_data(row["text"])]
        for mode in ("exact", "overlap"):
            _count(counts[mode], gold, found, exact=mode == "exact")
    return {
        "split": split or "all",
        "messages": len(rows),
        **{mode: _scores(table) for mode, table in counts.items()},
    }


def _count(
    table: dict[str, list[int]], gold: list[_Gold], found: list[_Gold], *, exact: bool
) -> None:
    """Add true positives, false positives and false negatives per kind to `table`."""
    unmatched = list(gold)
    for kind, start, end in found:
        match = next((g for g in unmatched if _matches(g, (kind, start, end), exact)), None)
        row = table.setdefault(kind, [0, 0, 0])
        if match is None:
            row[1] += 1
        else:
            row[0] += 1
            unmatched.remove(match)
    for kind, _, _ in unmatched:
        table.setdefault(kind, [0, 0, 0])[2] += 1


def _matches(gold: _Gold, found: _Gold, exact: bool) -> bool:
    if gold[0] != found[0]:
        return False
    return gold[1:] == found[1:] if exact else gold[1] < found[2] and found[1] < gold[2]


def _scores(table: dict[str, list[int]]) -> dict[str, dict[str, float | int]]:
    kinds = [k.value for k in PersonalDataKind if k.value in table]
    totals = [sum(table[k][i] for k in kinds) for i in range(3)]
    return {kind: _prf(*table[kind]) for kind in kinds} | {"all": _prf(*totals)}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
        "false_positives": fp,
    }


def errors(path: Path | str = DEFAULT_CORPUS, split: str | None = "dev") -> Iterable[str]:
    """One line per missed or spurious span (exact matching), for tuning on `dev` only."""
    for row in load(path, split):
        gold = {(s["kind"], s["start"], s["end"]) for s in row["spans"]}
        spans: list[Span] = find_personal_data(row["text"])
        found = {(s.kind.value, s.start, s.end) for s in spans}
        for kind, start, end in sorted(gold - found):
            yield f"{row['id']} missed {kind}: {row['text'][start:end]!r}"
        for kind, start, end in sorted(found - gold):
            yield f"{row['id']} spurious {kind}: {row['text'][start:end]!r}"


def format_table(result: dict[str, Any]) -> str:
    lines = [f"split={result['split']} messages={result['messages']}"]
    for mode in ("exact", "overlap"):
        lines.append(f"\n{mode:<12} precision  recall      f1  support  false+")
        for kind, s in result[mode].items():
            lines.append(
                f"{kind:<12} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>7.3f} "
                f"{s['support']:>8} {s['false_positives']:>7}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m halqa.screening.pii_eval [FILE] [--split dev|test|all] [--format json]
    [--errors]`: the same as `halqa screening evaluate-pii`."""
    from halqa.screening import cli

    return cli.main(["evaluate-pii", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
