"""Checks on the authored dialect abuse set (halqa/screening/corpus/abuse.jsonl).

Social-media comments in the dialects no shared training set covers, labelled abusive or not:
`train` rows are fitted with the abuse sets and `test` rows are reported. These tests keep it
well-formed, its split stable and both labels present in every variety.
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
ABUSE = CORPUS_DIR / "abuse.jsonl"
VARIETIES = {"levantine", "maghrebi", "egyptian", "iraqi", "gulf", "arabizi"}


def _rows(path: Path = ABUSE) -> list[dict[str, str]]:
    return read_rows(path)


def _expected_split(row_id: str) -> str:
    return "test" if bucket(row_id) < 2 else "train"


def test_every_row_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 700
    for row in rows:
        assert_well_formed(row, prefix="a", labels={"abusive", "not"}, varieties=VARIETIES)


def test_split_follows_stable_hash() -> None:
    for row in _rows():
        assert row["split"] == _expected_split(row["id"]), row["id"]


def test_ids_and_texts_are_unique() -> None:
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)


def test_both_labels_in_every_variety_and_split() -> None:
    counts = Counter((r["variety"], r["label"]) for r in _rows())
    for variety in VARIETIES:
        for label in ("abusive", "not"):
            assert counts[(variety, label)] >= 10, (variety, label)
    assert Counter((r["split"], r["label"]) for r in _rows()).keys() == {
        (s, lab) for s in ("train", "test") for lab in ("abusive", "not")
    }


def test_the_data_card_counts_are_the_file() -> None:
    assert_card_counts(CORPUS_DIR / "ABUSE_CARD.md", "## Counts", _rows())
