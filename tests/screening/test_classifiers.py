"""Training is reproducible and the metric helpers are right (tiny data, a few seconds)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from halqa.screening import data, engine, evaluate, train

CLEAN = [
    "good morning friends",
    "صباح الخير يا جماعة",
    "thanks for the help today",
    "الله يسعدك على الكلام الحلو",
    "the match was great",
    "kif dayr a sahbi labas",
]
RUDE = [
    "you stupid bitch",
    "يا حمار يا ابن الكلب",
    "shut up you idiot asshole",
    "يا حيوان يا وسخ",
    "fuck off loser",
    "sir t9awd a zamel",
]
LEVEL_TEXTS = {
    "none": ["going for a walk now", "رايح اتمشى شوي"],
    "distress": ["i feel so tired and alone", "تعبت ومخنوق من كل شي"],
    "ideation": ["i want to die", "بدي موت وما بدي عيش"],
    "plan": ["i bought pills for tonight", "جهزت الحبل لليله"],
}


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _variants(texts: list[str], n: int) -> list[str]:
    return [f"{t} {i}" for i in range(n) for t in texts]


def make_data_dir(root: Path) -> tuple[Path, Path]:
    """A tiny copy of the train-allowed sets and an authored corpus, shaped like the real ones."""
    abuse = {
        "osact2020_ar": ("NOT_OFF", "OFF"),
        "moroccan_darija_offensive_ar": ("not_offensive", "offensive"),
        "davidson_hate_offensive_en": ("neither", "offensive_language"),
    }
    for name, (neg, pos) in abuse.items():
        rows = [
            {"text": t, "label": neg, "lang": "ar", "split": s}
            for s in ("train", "dev")
            for t in _variants(CLEAN, 3)
        ]
        rows += [
            {"text": t, "label": pos, "lang": "ar", "split": s}
            for s in ("train", "dev")
            for t in _variants(RUDE, 3)
        ]
        _write(root / name / "data.jsonl", rows)
    cssrs = ["Supportive", "Indicator", "Ideation", "Behavior"]
    rows = [
        {
            "text": "\n".join(_variants(LEVEL_TEXTS[data.cssrs_level(lab.lower())], 2)),
            "label": lab,
            "lang": "en",
            "split": "train",
        }
        for lab in cssrs
        for _ in range(3)
    ]
    _write(root / "reddit_cssrs_en" / "data.jsonl", rows)
    corpus = [
        {"text": t, "label": level, "lang": "ar", "split": s}
        for level, texts in LEVEL_TEXTS.items()
        for s in ("train", "dev", "test")
        for t in _variants(texts, 4)
    ]
    _write(root / "corpus.jsonl", corpus)
    everyday = [
        {"text": t, "label": "none", "lang": "ar", "split": s}
        for s in ("train", "dev", "test")
        for t in _variants(["the session is at 6 tonight", "الجلسة الليلة الساعة ٩"], 3)
    ]
    _write(root / "everyday.jsonl", everyday)
    return root, root / "corpus.jsonl"


def _digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_train_is_reproducible_and_writes_no_pickles(tmp_path: Path) -> None:
    data_dir, corpus = make_data_dir(tmp_path / "data")
    for run in ("a", "b"):
        train.run(
            data_dir,
            tmp_path / run,
            tmp_path / f"card-{run}.md",
            corpus,
            data_dir / "everyday.jsonl",
        )
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert (tmp_path / "card-a.md").read_bytes() == (tmp_path / "card-b.md").read_bytes()
    assert "authored, not collected" in (tmp_path / "card-a.md").read_text("utf-8")
    m = engine.load_models(tmp_path / "a")
    assert engine.screen_with(m, "يا حمار يا ابن الكلب").abuse_label == "abusive"


def test_shipped_models_are_arrays_and_json_only() -> None:
    for path in engine.MODELS_DIR.iterdir():
        assert path.suffix in {".npz", ".json"}, path
    with np.load(engine.MODELS_DIR / "weights.npz", allow_pickle=False) as arrays:
        assert all(arrays[k].dtype.kind == "f" for k in arrays.files)
    size = sum(p.stat().st_size for p in engine.MODELS_DIR.iterdir())
    assert size <= 20_000_000


@pytest.mark.parametrize(
    ("y", "score", "auc"),
    [
        ([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], 1.0),
        ([0, 1], [0.5, 0.5], 0.5),
        ([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], 0.75),
        ([1, 1], [0.2, 0.3], None),
    ],
)
def test_roc_auc_matches_definition(y: list[int], score: list[float], auc: float | None) -> None:
    assert evaluate.roc_auc(np.array(y), np.array(score)) == auc


def test_macro_f1_averages_both_classes() -> None:
    y, pred = np.array([1, 1, 0, 0]), np.array([1, 0, 0, 0])
    assert evaluate.macro_f1(y, pred) == pytest.approx((2 / 3 + 0.8) / 2)


@pytest.mark.parametrize(("label", "text"), [(1, "1"), (1.0, "1"), (True, "1"), ("OFF", "off")])
def test_labels_compare_as_text(label: object, text: str) -> None:
    assert data.label_text(label) == text


def test_only_licensed_sets_train() -> None:
    assert set(data.TRAIN_ALLOWED) == {
        "osact2020_ar",
        "moroccan_darija_offensive_ar",
        "davidson_hate_offensive_en",
        "reddit_cssrs_en",
    }
