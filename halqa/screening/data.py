"""Loading the shared labelled data sets and the authored crisis corpus, with their label maps.

Which sets may train the shipped models is decided here, once, from `data/README.md`:
only `TRAIN_ALLOWED` sets ever reach the training command, and only their `train` rows.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_ENV = "HALQA_DATA_DIR"
CORPUS_PATH = Path(__file__).parent / "corpus" / "crisis.jsonl"
# Ordinary group messages (none or distress): `train` rows are fitted as crisis negatives,
# `dev` rows tune the ideation threshold, `test` rows report false alarms.
EVERYDAY_PATH = Path(__file__).parent / "corpus" / "everyday.jsonl"
# Authored dialect comments labelled abusive or not: `train` rows are fitted with the abuse
# sets, `test` rows are reported (no shared set trains Levantine or Tunisian abuse).
ABUSE_CORPUS_PATH = Path(__file__).parent / "corpus" / "abuse.jsonl"

ABUSE_POSITIVE = frozenset(
    {"off", "abusive", "hate", "offensive", "hate_speech", "offensive_language", "1", "true"}
)
CRISIS_POSITIVE = frozenset(
    {"suicidal", "suicide", "suicide_related", "ideation", "behavior", "attempt", "plan", "1"}
)
# Reddit C-SSRS user labels onto Halqa's four crisis levels.
CSSRS_LEVELS = {
    "supportive": "none",
    "indicator": "distress",
    "ideation": "ideation",
    "behavior": "plan",
    "attempt": "plan",
}
LEVELS = ("none", "distress", "ideation", "plan")


@dataclass(frozen=True, slots=True)
class DataSet:
    name: str
    task: str  # "abuse" or "crisis"
    lang: str
    train_allowed: bool
    eval_splits: tuple[str, ...]  # held-out splits reported by `evaluate --all`


DATA_SETS = (
    DataSet("osact2020_ar", "abuse", "ar", True, ("dev",)),
    DataSet("moroccan_darija_offensive_ar", "abuse", "ar", True, ("test",)),
    DataSet("davidson_hate_offensive_en", "abuse", "en", True, ("test",)),
    DataSet("reddit_cssrs_en", "crisis", "en", True, ("test",)),
    DataSet("osact2022_ar", "abuse", "ar", False, ("dev",)),
    DataSet("l_hsab_ar", "abuse", "ar", False, ("test",)),
    DataSet("t_hsab_ar", "abuse", "ar", False, ("test",)),
    DataSet("omcd_ar", "abuse", "ar", False, ("test",)),
    DataSet("twitter_suicidal_intention_en", "crisis", "en", False, ("test",)),
    DataSet("sdcnl_suicide_vs_depression_en", "crisis", "en", False, ("test",)),
    DataSet("arabic_suicide_tweets_ar", "crisis", "ar", False, ("test",)),
)
TRAIN_ALLOWED = tuple(d.name for d in DATA_SETS if d.train_allowed)


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: str  # always text, lower-cased
    lang: str = ""
    split: str = ""
    id: str = ""


def default_data_dir() -> Path:
    """`$HALQA_DATA_DIR`, else `../shared/data` beside the repository root."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    return (Path(__file__).parents[2] / ".." / "shared" / "data").resolve()


def jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The numbered non-blank lines of a UTF-8 file; one that is not UTF-8 raises ValueError
    naming it (the decoder's own message does not)."""
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield number, line
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start})") from error


def read_jsonl(path: Path) -> Iterator[Row]:
    """Rows of a JSONL file of {"text", "label", ...}; labels may be strings or numbers."""
    for number, line in jsonl_lines(path):
        try:
            obj = json.loads(line)
            text, label = obj["text"], obj["label"]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a JSON object with text and label") from error
        if not isinstance(text, str):
            raise ValueError(f"{path}:{number}: text is not a string")
        yield Row(
            text,
            label_text(label),
            str(obj.get("lang", "")),
            str(obj.get("split", "")),
            str(obj.get("id", "")),
        )


def label_text(label: object) -> str:
    """Labels compared as text: 1, 1.0, "1" and True all become "1"."""
    if isinstance(label, bool):
        return "1" if label else "0"
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    return str(label).strip().lower()


def load(data_dir: Path, name: str, splits: tuple[str, ...]) -> list[Row]:
    """The rows of one shared set in the given splits ("all" = every row)."""
    path = data_dir / name / "data.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"missing data set: {path}")
    return [r for r in read_jsonl(path) if "all" in splits or r.split in splits]


def load_corpus(splits: tuple[str, ...], path: Path = CORPUS_PATH) -> list[Row]:
    """The authored crisis corpus (label = level), or [] if it has not been written yet."""
    if not path.is_file():
        return []
    return [r for r in read_jsonl(path) if r.split in splits and r.label in LEVELS]


def load_everyday(splits: tuple[str, ...], path: Path = EVERYDAY_PATH) -> list[Row]:
    """The everyday-messages set (label none or distress), or [] if it is missing."""
    if not path.is_file():
        return []
    return [r for r in read_jsonl(path) if r.split in splits and r.label in LEVELS]


def load_abuse_corpus(splits: tuple[str, ...], path: Path = ABUSE_CORPUS_PATH) -> list[Row]:
    """The authored dialect abuse set (label abusive or not), or [] if it is missing."""
    if not path.is_file():
        return []
    return [r for r in read_jsonl(path) if r.split in splits]


def cssrs_level(label: str) -> str:
    return CSSRS_LEVELS.get(label, "none")


def is_abuse(label: str) -> bool:
    return label in ABUSE_POSITIVE


def is_crisis(label: str) -> bool:
    return label in CRISIS_POSITIVE
