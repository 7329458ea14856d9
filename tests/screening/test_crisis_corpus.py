"""Checks on the authored crisis corpus (halqa/screening/corpus/crisis.jsonl).

The corpus is written by the project team; these tests keep it well-formed, its splits
stable and its coverage complete (every label in every variety, hard negatives present).
"""

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from tests.screening.corpus_rows import assert_card_counts

CORPUS = Path(__file__).resolve().parents[2] / "halqa" / "screening" / "corpus" / "crisis.jsonl"

FIELDS = {"id", "text", "label", "lang", "variety", "kind", "split"}
LABELS = {"none", "distress", "ideation", "plan"}
VARIETIES = {"msa", "egyptian", "levantine", "gulf", "iraqi", "maghrebi", "arabizi", "english"}
SPLITS = {"train", "dev", "test"}
HARD_NEGATIVE_KINDS = ("figurative_death", "news", "recovery", "support_other")


def _rows():
    rows = []
    with CORPUS.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {number}"
            rows.append(json.loads(line))
    return rows


def _expected_split(row_id):
    bucket = int(hashlib.sha256(row_id.encode("utf-8")).hexdigest()[:8], 16) % 10
    if bucket < 2:
        return "test"
    if bucket < 3:
        return "dev"
    return "train"


def test_every_row_is_well_formed():
    for row in _rows():
        assert set(row) == FIELDS, row
        assert all(isinstance(row[f], str) and row[f].strip() for f in FIELDS), row
        assert re.fullmatch(r"c\d{4,}", row["id"]), row
        assert row["label"] in LABELS, row
        assert row["variety"] in VARIETIES, row
        assert row["split"] in SPLITS, row
        assert row["lang"] == ("en" if row["variety"] == "english" else "ar"), row
        assert re.fullmatch(r"[a-z_]+", row["kind"]), row


def test_ids_unique():
    ids = [r["id"] for r in _rows()]
    assert len(ids) == len(set(ids))


def test_no_duplicate_texts():
    seen = {}
    for row in _rows():
        key = re.sub(r"\s+", " ", row["text"]).strip().casefold()
        assert key not in seen, (row["id"], seen.get(key))
        seen[key] = row["id"]


def test_split_follows_stable_hash():
    for row in _rows():
        assert row["split"] == _expected_split(row["id"]), row["id"]


def test_each_label_in_each_variety_in_train():
    seen = {(r["variety"], r["label"]) for r in _rows() if r["split"] == "train"}
    missing = [
        (v, lab) for v in sorted(VARIETIES) for lab in sorted(LABELS) if (v, lab) not in seen
    ]
    assert not missing, missing


def test_test_split_has_every_label():
    assert {r["label"] for r in _rows() if r["split"] == "test"} == LABELS


def test_size_and_hard_negatives():
    rows = _rows()
    assert len(rows) >= 1000
    kinds = Counter(r["kind"] for r in rows if r["label"] == "none")
    for kind in HARD_NEGATIVE_KINDS:
        assert kinds[kind] >= 10, (kind, kinds[kind])


def test_label_balance_is_sane():
    counts = Counter(r["label"] for r in _rows())
    total = sum(counts.values())
    # none (with hard negatives) is the largest class; no crisis class is tiny.
    assert counts["none"] == max(counts.values())
    for label in ("distress", "ideation", "plan"):
        assert counts[label] / total >= 0.10, (label, counts)


def test_the_data_card_counts_are_the_file():
    card = CORPUS.parent / "CRISIS_CARD.md"
    assert_card_counts(card, "## Counts (generated from the file)", _rows())
