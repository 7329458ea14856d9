"""Benchmark of `screen()` against baselines measured in the same run.

    python bench/bench_screening.py [--data DIR] [--n 3000] [--skip-arabic-toxic]

Prints (and writes to var/bench/screening.json): single-core messages/s and p50/p99 latency of
`screen()` one message at a time on real held-out messages, the same for two baselines
(`normalise()` alone, the floor; a scikit-learn pipeline's predict_proba per message, the usual
way), model load time and size, recall under evasions, and a side-by-side comparison with the
`arabic-toxic` PyPI classifier on the same Arabic abuse rows, run in its own virtual environment
(var/bench/arabic-toxic-venv, created on first use) because it pins an older scikit-learn.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from halqa.screening import data, engine, evaluate  # noqa: E402
from halqa.screening.normalise import normalise  # noqa: E402

VENV = ROOT / "var" / "bench" / "arabic-toxic-venv"
ARABIC_SETS = {
    "osact2020_ar": ("dev",),
    "osact2022_ar": ("dev",),
    "l_hsab_ar": ("test",),
    "t_hsab_ar": ("test",),
    "omcd_ar": ("test",),
    "moroccan_darija_offensive_ar": ("test",),
}
TOXIC_SCRIPT = """
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import arabic_toxic
texts = json.load(sys.stdin)
arabic_toxic.classify("warm up")
started = time.perf_counter()
labels = [bool(arabic_toxic.classify(t)["is_toxic"]) for t in texts]
print(json.dumps({"labels": labels, "seconds": time.perf_counter() - started}))
"""


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def messages(data_dir: Path, n: int) -> list[str]:
    """Real held-out messages in both languages, in a fixed order."""
    rows = data.load(data_dir, "osact2020_ar", ("dev",))
    rows += data.load(data_dir, "davidson_hate_offensive_en", ("test",))
    rows += data.load(data_dir, "moroccan_darija_offensive_ar", ("test",))
    rows += data.load_corpus(("test", "dev"))
    texts = [r.text for r in rows]
    return [texts[(i * 7919) % len(texts)] for i in range(n)]


def timed(fn: Callable[[str], object], texts: Sequence[str]) -> dict[str, float]:
    """Throughput and latency percentiles, one message at a time."""
    for t in texts[:200]:
        fn(t)
    gc.collect()
    latencies = np.empty(len(texts))
    clock = time.perf_counter_ns
    for i, t in enumerate(texts):
        started = clock()
        fn(t)
        latencies[i] = clock() - started
    total = latencies.sum() / 1e9
    return {
        "messages_per_second": round(len(texts) / total, 1),
        "p50_ms": round(float(np.percentile(latencies, 50)) / 1e6, 4),
        "p99_ms": round(float(np.percentile(latencies, 99)) / 1e6, 4),
    }


def sklearn_baseline(data_dir: Path) -> Callable[[str], object]:
    """A plain scikit-learn pipeline of the same kind (char n-grams + LR), called per message."""
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = data.load(data_dir, "osact2020_ar", ("train",))
    pipeline = make_pipeline(
        HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=2**20),
        LogisticRegression(max_iter=1000),
    )
    pipeline.fit([r.text for r in rows], [data.is_abuse(r.label) for r in rows])
    return lambda text: pipeline.predict_proba([text])


def load_and_size() -> dict[str, float]:
    started = time.perf_counter()
    engine.load_models()
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in engine.MODELS_DIR.iterdir())
    return {"load_seconds": round(seconds, 3), "model_megabytes": round(size / 1e6, 2)}


SETS_SEEN: dict[str, list[data.Row]] = {}


def arabic_rows(data_dir: Path) -> list[data.Row]:
    for name, splits in ARABIC_SETS.items():
        SETS_SEEN[name] = data.load(data_dir, name, splits)
    return [r for rows in SETS_SEEN.values() for r in rows]


def ensure_venv() -> str | None:
    """Create the arabic-toxic venv on first use; return an error line if it cannot be made."""
    python = VENV / "bin" / "python"
    if python.exists():
        return None
    steps = [
        [sys.executable, "-m", "venv", str(VENV)],
        [str(python), "-m", "pip", "install", "-q", "arabic-toxic"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode:
            lines = (done.stderr or done.stdout).strip().splitlines()
            return lines[-1] if lines else f"exit {done.returncode}"
    return None


def arabic_toxic(rows: Sequence[data.Row]) -> dict[str, Any]:
    error = ensure_venv()
    if error:
        return {"error": error}
    done = subprocess.run(
        [str(VENV / "bin" / "python"), "-c", TOXIC_SCRIPT],
        input=json.dumps([r.text for r in rows]),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1]}
    out = json.loads(done.stdout)
    return {"labels": out["labels"], "messages_per_second": round(len(rows) / out["seconds"], 1)}


def comparison(data_dir: Path) -> dict[str, Any]:
    """Macro-F1 and speed of screen() and arabic-toxic on the same Arabic abuse rows."""
    rows = arabic_rows(data_dir)
    y = np.array([data.is_abuse(r.label) for r in rows])
    ours, speed = evaluate.screen_rows(rows, engine.screen)
    pred = np.array([s.abuse_label == "abusive" for s in ours])
    result: dict[str, Any] = {
        "rows": len(rows),
        "halqa": {
            "macro_f1": round(evaluate.macro_f1(y, pred), 4),
            "messages_per_second": round(speed, 1),
        },
    }
    other = arabic_toxic(rows)
    if "error" in other:
        result["arabic_toxic"] = other
        return result
    theirs = np.array(other["labels"])
    result["arabic_toxic"] = {
        "macro_f1": round(evaluate.macro_f1(y, theirs), 4),
        "messages_per_second": other["messages_per_second"],
    }
    result["per_set_macro_f1"] = per_set(rows, pred, theirs, y)
    return result


def per_set(rows: Sequence[data.Row], ours: Any, theirs: Any, y: Any) -> dict[str, Any]:
    out, start = {}, 0
    for name, count in set_sizes(rows).items():
        s = slice(start, start + count)
        out[name] = {
            "halqa": round(evaluate.macro_f1(y[s], ours[s]), 4),
            "arabic_toxic": round(evaluate.macro_f1(y[s], theirs[s]), 4),
        }
        start += count
    return out


def set_sizes(rows: Sequence[data.Row]) -> dict[str, int]:
    return {name: len(rows_) for name, rows_ in SETS_SEEN.items()}


def evasions(data_dir: Path) -> dict[str, Any]:
    """Recall of positives, plain and evaded: corpus test ideation/plan and abuse dev sets."""
    crisis = [
        (r.text, "crisis", r.lang)
        for r in data.load_corpus(("test",))
        if r.label in ("ideation", "plan")
    ]
    abuse = [
        (r.text, "abuse", r.lang)
        for n in ("osact2020_ar", "moroccan_darija_offensive_ar", "davidson_hate_offensive_en")
        for r in data.load(data_dir, n, ("dev",))
        if data.is_abuse(r.label)
    ]
    out = {}
    for name, rows in (("crisis_corpus_test", crisis), ("abuse_dev", abuse)):
        names = tuple(n for n in evaluate.EVASIONS if n != "arabizi")
        out[name] = evaluate.evasion_recall([(t, k) for t, k, _ in rows], engine.screen, names)
        arabic = evaluate.evasion_recall(
            [(t, k) for t, k, lang in rows if lang == "ar"], engine.screen, ("arabizi",)
        )
        out[name]["arabic_rows_plain"] = arabic["plain"]
        out[name]["arabizi"] = arabic["arabizi"]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench_screening")
    parser.add_argument("--data", type=Path, default=data.default_data_dir())
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--skip-arabic-toxic", action="store_true")
    args = parser.parse_args()
    pin_one_core()
    report: dict[str, Any] = {"load": load_and_size()}
    texts = messages(args.data, args.n)
    report["mean_chars"] = round(sum(map(len, texts)) / len(texts), 1)
    report["screen"] = timed(engine.screen, texts)
    report["baseline_normalise"] = timed(normalise, texts)
    report["baseline_sklearn_predict_proba"] = timed(sklearn_baseline(args.data), texts)
    for name in ("baseline_normalise", "baseline_sklearn_predict_proba"):
        report[f"screen_speed_vs_{name}"] = round(
            report["screen"]["messages_per_second"] / report[name]["messages_per_second"], 3
        )
    seconds = {}
    for size in (10_000, 100_000):
        started = time.perf_counter()
        engine.screen(("انا تعبت " * size)[:size])
        seconds[size] = time.perf_counter() - started
    report["seconds_for_100kb"] = round(seconds[100_000], 3)
    report["time_100kb_vs_10kb"] = round(seconds[100_000] / seconds[10_000], 2)  # linear: ~10
    report["evasion_recall"] = evasions(args.data)
    if not args.skip_arabic_toxic:
        report["arabic_toxic_comparison"] = comparison(args.data)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    out = ROOT / "var" / "bench" / "screening.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
