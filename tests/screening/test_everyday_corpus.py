"""Checks on the everyday-messages set (halqa/screening/corpus/everyday.jsonl).

Ordinary peer-support messages that must stay below ideation: `train` rows are fitted as
crisis negatives, `dev` rows tune the ideation thresholds and `test` rows measure false alarms.
These tests keep it well-formed, its splits stable and its coverage wide.
"""

from collections import Counter
from pathlib import Path

from tests.screening.corpus_rows import (
    assert_card_counts,
    assert_well_formed,
    bucket,
    read_rows,
)

CORPUS_DIR = Path(__file__).resolve().parents[2] / "halqa" / "screening" / "corpus"
EVERYDAY = CORPUS_DIR / "everyday.jsonl"
CRISIS = CORPUS_DIR / "crisis.jsonl"
VARIETIES = {"msa", "egyptian", "levantine", "gulf", "iraqi", "maghrebi", "arabizi", "english"}


def _rows(path: Path = EVERYDAY) -> list[dict[str, str]]:
    return read_rows(path)


SECOND_BATCH = 515  # rows from e0515 on were written as training material: more go to train


def _expected_split(row_id: str) -> str:
    b = bucket(row_id)
    if int(row_id[1:]) >= SECOND_BATCH:
        return "train" if b < 6 else "dev" if b < 8 else "test"
    return "train" if b < 3 else "dev" if b < 5 else "test"


def test_every_row_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 700
    for row in rows:
        assert_well_formed(row, prefix="e", labels={"none", "distress"}, varieties=VARIETIES)


def test_split_follows_stable_hash() -> None:
    for row in _rows():
        assert row["split"] == _expected_split(row["id"]), row["id"]


def test_ids_and_texts_are_unique_and_not_in_the_crisis_corpus() -> None:
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows)
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & {r["text"] for r in _rows(CRISIS)}


def test_coverage() -> None:
    rows = _rows()
    assert {r["variety"] for r in rows} == VARIETIES
    assert {r["split"] for r in rows} == {"train", "dev", "test"}
    kinds = Counter(r["kind"] for r in rows)
    for kind in ("greeting", "logistics", "thanks", "sleep", "exams", "medication", "advice"):
        assert kinds[kind] >= 5, kind
    # The messages that fooled the old model: grief, family, work stress, figurative death.
    for kind in ("grief", "family", "work", "figurative", "support"):
        assert kinds[kind] >= 8, kind
    varieties = Counter(r["variety"] for r in rows if r["kind"] == "figurative")
    assert set(varieties) == VARIETIES


def test_old_test_split_is_kept() -> None:
    """Rows e0001-e0318 kept their test/non-test split when the train split was added, so the
    false-alarm figure before and after can be compared on the same messages."""
    old = [r for r in _rows() if int(r["id"][1:]) <= 318]
    assert len(old) == 318
    assert sum(r["split"] == "test" for r in old) == 147


def test_the_data_card_counts_are_the_file() -> None:
    card = CORPUS_DIR / "CRISIS_CARD.md"
    assert_card_counts(card, "# Data card: Halqa everyday-messages set", _rows())
