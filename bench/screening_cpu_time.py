"""`bench_screening.py`'s `screen()` and scikit-learn timings on CPU time, for a busy machine.

    python bench/screening_cpu_time.py [ROOT] [--data DIR]

Same messages, warm-up and baseline as `bench_screening.py`, pinned to one core, but each call is
timed with `time.thread_time_ns`, so time the process spends preempted by other jobs is left out
(cache and memory contention still count). ROOT is the checkout whose `halqa` is measured
(default: this one), so an older commit unpacked elsewhere can be measured alternately with this
one. Also prints a second pass over the same messages, where every token is already cached.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


def timed(fn: Callable[[str], object], texts: Sequence[str]) -> tuple[float, float, float]:
    for t in texts[:200]:
        fn(t)
    gc.collect()
    latencies = np.empty(len(texts))
    clock = time.thread_time_ns
    for i, t in enumerate(texts):
        started = clock()
        fn(t)
        latencies[i] = clock() - started
    per_second = len(texts) / (latencies.sum() / 1e9)
    return per_second, np.percentile(latencies, 50) / 1e6, np.percentile(latencies, 99) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(prog="screening_cpu_time")
    parser.add_argument("root", nargs="?", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--n", type=int, default=3000)
    args = parser.parse_args()
    sys.path[:0] = [str(args.root), str(args.root / "bench")]
    import bench_screening as bench

    from halqa.screening import data, engine

    bench.pin_one_core()
    data_dir = args.data or data.default_data_dir()
    texts = bench.messages(data_dir, args.n)
    engine.models()
    screen = timed(engine.screen, texts)
    sklearn = timed(bench.sklearn_baseline(data_dir), texts)
    again = timed(engine.screen, texts)
    print(
        f"{args.root}: screen {screen[0]:.0f} msg/s p50 {screen[1]:.3f} p99 {screen[2]:.3f} ms"
        f" | sklearn {sklearn[0]:.0f} msg/s p50 {sklearn[1]:.3f} p99 {sklearn[2]:.3f} ms"
        f" | ratio {screen[0] / sklearn[0]:.2f}"
        f" | second pass {again[0]:.0f} msg/s p99 {again[2]:.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
