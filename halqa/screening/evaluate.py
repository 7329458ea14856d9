"""`halqa screening evaluate`: metrics of `screen()` on labelled JSONL, one set or all of them.

No scikit-learn here: the metrics are a few lines of numpy, so evaluation runs wherever the
engine runs. A row is positive when its label (as text) is in the positive set; for crisis the
prediction is positive at level ideation or plan, and the score is `crisis_probability`.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from halqa.screening import data
from halqa.screening.types import CrisisLevel, Screening

Screener = Callable[[str], Screening]
Array = npt.NDArray[Any]
IDEATION_RANK = CrisisLevel.IDEATION.rank

# (report key, metric, goal, "min" or "max"): the quality goals.
GOALS = (
    ("osact2020_ar", "macro_f1", 0.85, "min"),
    ("osact2022_ar", "macro_f1", 0.80, "min"),
    ("l_hsab_ar", "macro_f1", 0.80, "min"),
    ("t_hsab_ar", "macro_f1", 0.80, "min"),
    ("omcd_ar", "macro_f1", 0.80, "min"),
    ("moroccan_darija_offensive_ar", "macro_f1", 0.80, "min"),
    ("davidson_hate_offensive_en", "macro_f1", 0.90, "min"),
    ("crisis_corpus", "recall", 0.95, "min"),
    ("crisis_corpus", "precision", 0.80, "min"),
    ("crisis_corpus", "plan_vs_ideation_macro_f1", 0.80, "min"),
    ("everyday", "false_alarm_share", 0.05, "max"),
    ("twitter_suicidal_intention_en", "macro_f1", 0.85, "min"),
    ("arabic_suicide_tweets_ar", "negatives_at_ideation_or_plan", 0.05, "max"),
    ("distress_not_abuse", "abusive_share", 0.03, "max"),
)


def f_score(truth: Array, pred: Array, beta: float) -> float:
    tp = float(np.sum(truth & pred))
    fp, fn = float(np.sum(~truth & pred)), float(np.sum(truth & ~pred))
    denom = (1 + beta**2) * tp + beta**2 * fn + fp
    return (1 + beta**2) * tp / denom if denom else 0.0


def macro_f1(y: Array, pred: Array) -> float:
    """Mean F1 of the two classes of 0/1 arrays."""
    y, pred = np.asarray(y).astype(bool), np.asarray(pred).astype(bool)
    return (f_score(y, pred, 1.0) + f_score(~y, ~pred, 1.0)) / 2


def roc_auc(y: Array, score: Array) -> float | None:
    """Area under the ROC curve by mean ranks (ties averaged); None with one class only."""
    y = np.asarray(y).astype(bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if not n_pos or not n_neg:
        return None
    order = np.argsort(score, kind="stable")
    ranks = np.empty(len(score))
    sorted_scores = np.asarray(score)[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for start, count in zip(first, counts, strict=True):
        ranks[order[start : start + count]] = start + (count + 1) / 2
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def screen_rows(rows: Sequence[data.Row], screener: Screener) -> tuple[list[Screening], float]:
    started = time.perf_counter()
    results = [screener(r.text) for r in rows]
    elapsed = time.perf_counter() - started
    return results, (len(rows) / elapsed if elapsed else 0.0)


def metrics(
    task: str, rows: Sequence[data.Row], positives: frozenset[str], screener: Screener
) -> dict[str, Any]:
    """n, macro_f1, precision, recall, f1, roc_auc, messages_per_second."""
    results, speed = screen_rows(rows, screener)
    y = np.array([r.label in positives for r in rows], dtype=bool)
    if task == "abuse":
        pred = np.array([s.abuse_label == "abusive" for s in results], dtype=bool)
        score = np.array([s.abuse for s in results])
    else:
        pred = np.array([s.crisis.rank >= IDEATION_RANK for s in results], dtype=bool)
        score = np.array([s.crisis_probability for s in results])
    tp = float(np.sum(y & pred))
    auc = roc_auc(y, score)
    return {
        "n": len(rows),
        "macro_f1": round(macro_f1(y, pred), 4),
        "precision": round(tp / float(pred.sum()), 4) if pred.any() else 0.0,
        "recall": round(tp / float(y.sum()), 4) if y.any() else 0.0,
        "f1": round(f_score(y, pred, 1.0), 4),
        "roc_auc": None if auc is None else round(auc, 4),
        "messages_per_second": round(speed, 1),
    }


def default_positives(task: str) -> frozenset[str]:
    return data.ABUSE_POSITIVE if task == "abuse" else data.CRISIS_POSITIVE


def evaluate_file(
    task: str, path: Path, positives: frozenset[str] | None, screener: Screener
) -> dict[str, Any]:
    rows = list(data.read_jsonl(path))
    if not rows:
        raise ValueError(f"{path}: no rows")
    return metrics(task, rows, positives or default_positives(task), screener)


def evaluate_all(
    data_dir: Path,
    screener: Screener,
    corpus: Path = data.CORPUS_PATH,
    everyday: Path = data.EVERYDAY_PATH,
    abuse_corpus: Path = data.ABUSE_CORPUS_PATH,
) -> dict[str, Any]:
    """Every shared set's held-out split, the authored corpora's test splits, and personal
    data."""
    report: dict[str, Any] = {}
    crisis_texts: list[data.Row] = []
    for ds in data.DATA_SETS:
        try:
            rows = data.load(data_dir, ds.name, ds.eval_splits)
        except FileNotFoundError:
            continue
        if ds.name == "omcd_ar":
            rows = _without_train_overlap(data_dir, ds.name, rows)
        result = metrics(ds.task, rows, default_positives(ds.task), screener)
        result["split"] = "+".join(ds.eval_splits)
        result["use"] = "train/evaluate" if ds.train_allowed else "evaluation only"
        if ds.name == "arabic_suicide_tweets_ar":
            result.update(_figurative(rows, screener))
        if ds.task == "crisis":
            crisis_texts += rows
        report[ds.name] = result
    corpus_rows = data.load_corpus(("test",), corpus)
    if corpus_rows:
        report["crisis_corpus"] = corpus_metrics(corpus_rows, screener)
        crisis_texts += corpus_rows
    abuse_rows = data.load_abuse_corpus(("test",), abuse_corpus)
    if abuse_rows:
        report["abuse_corpus"] = metrics("abuse", abuse_rows, data.ABUSE_POSITIVE, screener)
        report["abuse_corpus"].update(split="test", use="train/evaluate")
    everyday_rows = data.load_everyday(("test",), everyday)
    if everyday_rows:
        report["everyday"] = everyday_metrics(everyday_rows, screener)
    report["distress_not_abuse"] = _abusive_share(crisis_texts, screener)
    report.update(_personal_data())
    report["goals"] = goal_table(report)
    return report


def _without_train_overlap(data_dir: Path, name: str, rows: list[data.Row]) -> list[data.Row]:
    """OMCD's official train and test share texts; the SOURCE.md says to drop them."""
    train = {r.text for r in data.load(data_dir, name, ("train", "dev"))}
    return [r for r in rows if r.text not in train]


def corpus_metrics(rows: Sequence[data.Row], screener: Screener) -> dict[str, Any]:
    """Ideation-or-plan detection, plan told from ideation, and the four-level macro-F1."""
    result = metrics("crisis", rows, frozenset({"ideation", "plan"}), screener)
    levels = np.array([screener(r.text).crisis.rank for r in rows])
    truth = np.array([data.LEVELS.index(r.label) for r in rows])
    both = truth >= IDEATION_RANK
    result["plan_vs_ideation_macro_f1"] = round(macro_f1(truth[both] == 3, levels[both] == 3), 4)
    result["levels_macro_f1"] = round(
        float(np.mean([f_score(truth == k, levels == k, 1.0) for k in range(4)])), 4
    )
    return result


def everyday_metrics(rows: Sequence[data.Row], screener: Screener) -> dict[str, Any]:
    """Ordinary group messages: the share that reaches ideation or plan is a false alarm
    (each would open an urgent case and page a moderator)."""
    levels = Counter(screener(r.text).crisis for r in rows)
    high = sum(n for level, n in levels.items() if level.rank >= IDEATION_RANK)
    return {
        "n": len(rows),
        "split": "test",
        "false_alarm_share": round(high / len(rows), 4),
        "levels": {level.value: levels.get(level, 0) for level in CrisisLevel},
    }


def _figurative(rows: Sequence[data.Row], screener: Screener) -> dict[str, Any]:
    """How the Arabic 'about suicide' set is levelled: negatives must stay below ideation."""
    negatives = [screener(r.text).crisis for r in rows if not data.is_crisis(r.label)]
    positives = Counter(screener(r.text).crisis.value for r in rows if data.is_crisis(r.label))
    high = sum(level.rank >= IDEATION_RANK for level in negatives)
    return {
        "negatives_at_ideation_or_plan": round(high / len(negatives), 4) if negatives else None,
        "positive_levels": {level.value: positives.get(level.value, 0) for level in CrisisLevel},
    }


def _abusive_share(rows: Sequence[data.Row], screener: Screener) -> dict[str, Any]:
    abusive = sum(screener(r.text).abuse_label == "abusive" for r in rows)
    # No rows, no figure: a share of nothing must not count as a goal met.
    return {"n": len(rows), "abusive_share": round(abusive / len(rows), 4) if rows else None}


def _personal_data() -> dict[str, Any]:
    """The personal-data evaluation on its labelled set's held-out split."""
    from halqa.screening import pii_eval

    try:
        return {"personal_data": pii_eval.evaluate(pii_eval.DEFAULT_CORPUS, split="test")}
    except (OSError, ValueError) as error:
        return {"personal_data": {"error": str(error)}}


def goal_table(report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for key, metric, goal, kind in GOALS:
        value = report.get(key, {}).get(metric)
        met = None if value is None else bool(value >= goal if kind == "min" else value <= goal)
        rows.append(
            {
                "set": key,
                "metric": metric,
                "goal": f"{'>=' if kind == 'min' else '<='} {goal}",
                "value": value,
                "met": met,
            }
        )
    return rows


def format_table(report: dict[str, Any]) -> str:
    """A plain-text table for people."""
    lines = [
        f"{'set':34} {'n':>6} {'macroF1':>8} {'prec':>6} {'recall':>6} {'auc':>6} {'msg/s':>8}"
    ]
    for name, r in report.items():
        if isinstance(r, dict) and "macro_f1" in r:
            auc = "-" if r["roc_auc"] is None else f"{r['roc_auc']:.3f}"
            lines.append(
                f"{name:34} {r['n']:>6} {r['macro_f1']:>8.3f} {r['precision']:>6.3f} "
                f"{r['recall']:>6.3f} {auc:>6} {r['messages_per_second']:>8.0f}"
            )
    everyday = report.get("everyday")
    if everyday:
        lines.append(
            f"everyday ({everyday['split']}, n={everyday['n']}): false alarms at ideation or plan "
            f"{everyday['false_alarm_share']} levels {json.dumps(everyday['levels'])}"
        )
    pii = report.get("personal_data", {})
    for mode in ("exact", "overlap"):
        overall = pii.get(mode, {}).get("all")
        if overall:
            lines.append(
                f"personal_data ({pii.get('split')}, {mode}): precision {overall['precision']}"
                f" recall {overall['recall']} f1 {overall['f1']} spans {overall['support']}"
            )
    for g in report.get("goals", []):
        mark = {True: "met", False: "MISSED", None: "n/a"}[g["met"]]
        lines.append(f"goal {g['set']}.{g['metric']} {g['goal']}: {g['value']} {mark}")
    return "\n".join(lines)


# Evasions a member might use to slip past screening; each keeps the text readable to people.
_HOMOGLYPHS = str.maketrans(
    {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "ي": "ی", "ك": "ک"}
)
_ARABIZI = str.maketrans(
    {
        "ا": "a",
        "أ": "2",
        "إ": "e",
        "آ": "a",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "7",
        "خ": "5",
        "د": "d",
        "ذ": "th",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "6",
        "ظ": "z",
        "ع": "3",
        "غ": "gh",
        "ف": "f",
        "ق": "9",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "ة": "a",
        "و": "o",
        "ي": "i",
        "ى": "a",
        "ئ": "2",
        "ؤ": "2",
        "ء": "2",
    }
)


def _words(text: str, change: Callable[[str], str]) -> str:
    return " ".join(change(w) if len(w) >= 3 else w for w in text.split(" "))


def _spaced(text: str) -> str:
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = " ".join(words[longest])
    return " ".join(words)


def _diacritics(text: str) -> str:
    """Arabic short-vowel marks (fatha) on every letter; Latin text is left as it is."""
    return "".join(c + "\u064e" if "\u0621" <= c <= "\u064a" else c for c in text)


EVASIONS: dict[str, Callable[[str], str]] = {
    "spaced": _spaced,
    "elongation": lambda t: _words(
        t, lambda w: w[: len(w) // 2] + w[len(w) // 2] * 4 + w[len(w) // 2 + 1 :]
    ),
    "zero_width": lambda t: _words(
        t, lambda w: "\u200b".join(w[i : i + 2] for i in range(0, len(w), 2))
    ),
    "diacritics": _diacritics,
    "homoglyphs": lambda t: t.translate(_HOMOGLYPHS),
    "arabizi": lambda t: t.translate(_ARABIZI),
}


def evasion_recall(
    rows: Sequence[tuple[str, str]], screener: Screener, names: Sequence[str] = tuple(EVASIONS)
) -> dict[str, float]:
    """Recall on (text, task) positives, plain and under each named evasion."""

    def hit(text: str, task: str) -> bool:
        s = screener(text)
        return s.abuse_label == "abusive" if task == "abuse" else s.crisis.rank >= IDEATION_RANK

    out = {"plain": sum(hit(t, k) for t, k in rows) / len(rows)}
    for name in names:
        out[name] = sum(hit(EVASIONS[name](t), k) for t, k in rows) / len(rows)
    return {k: round(v, 4) for k, v in out.items()}
