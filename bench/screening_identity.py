"""Check that a change to the serving path leaves every `screen()` result as it was.

    python bench/screening_identity.py write /tmp/before.json   # on the unchanged code
    python bench/screening_identity.py check /tmp/before.json   # after the change

Screens a fixed sample of rows (the train-allowed shared sets in every split, the authored
crisis and everyday corpora, the personal-data corpus, the benchmark's messages, and the
evasions of `evaluate.EVASIONS` applied to some of them) and records, per message, the whole
`Screening` (language, script, spans, labels, rounded probabilities, signals) plus the raw model
scores and `normalise()` output. `check` reports every difference: fields must be equal, raw
probabilities equal to 1e-9. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from halqa.screening import data, engine, evaluate, pii_eval  # noqa: E402
from halqa.screening.features import prepare  # noqa: E402
from halqa.screening.normalise import normalise  # noqa: E402

PER_SET = 1500
TOLERANCE = 1e-9


def texts(data_dir: Path) -> list[tuple[str, str | None]]:
    """(text, country) pairs in a fixed order."""
    rows: list[data.Row] = []
    for name in data.TRAIN_ALLOWED:
        got = data.load(data_dir, name, ("all",))
        step = max(1, len(got) // PER_SET)
        rows += got[::step][:PER_SET]
    rows += data.load_corpus(("train", "dev", "test"))
    rows += data.load_everyday(("train", "dev", "test"))
    out: list[tuple[str, str | None]] = [(r.text, None) for r in rows]
    for i, r in enumerate(rows[::12]):
        for k, change in enumerate(evaluate.EVASIONS.values()):
            if (i + k) % 3 == 0 and r.text.strip():
                out.append((change(r.text), None))
    for k, row in enumerate(pii_eval.load()):
        out.append((row["text"], (None, "SA", "EG", "KW", "MA")[k % 5]))
    out += [("", None), (" ", None), ("\u200b", None), ("😂😂", None), ("ههههههه", None)]
    return out


def record(text: str, country: str | None) -> dict[str, Any]:
    s = engine.screen(text, country=country)
    m = engine.models()
    raw = engine.score(prepare(text), m)
    n = normalise(text)
    return {
        "language": s.language,
        "script": s.script.value,
        "personal_data": [[p.kind.value, p.start, p.end, p.score, p.rule] for p in s.personal_data],
        "abuse": s.abuse,
        "abuse_label": s.abuse_label,
        "crisis": s.crisis.value,
        "crisis_probability": s.crisis_probability,
        "signals": [[g.source, g.name, g.weight] for g in s.signals],
        "model_version": s.model_version,
        "raw": [raw.abuse, *raw.levels, raw.crisis],
        "normalised": [n.text, n.offsets],
    }


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    out = []
    for key, value in before.items():
        if key == "raw":
            if any(
                not math.isclose(a, b, rel_tol=0, abs_tol=TOLERANCE)
                for a, b in zip(value, after[key], strict=True)
            ):
                out.append(f"raw {value} != {after[key]}")
        elif after.get(key) != value:
            out.append(f"{key}: {value!r} != {after.get(key)!r}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(prog="screening_identity")
    parser.add_argument("mode", choices=("write", "check"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--data", type=Path, default=data.default_data_dir())
    args = parser.parse_args()
    pairs = texts(args.data)
    results = [record(t, c) for t, c in pairs]
    if args.mode == "write":
        args.path.write_text(
            json.dumps({"texts": pairs, "results": results}, ensure_ascii=False), "utf-8"
        )
        print(f"wrote {len(results)} results to {args.path}")
        return 0
    before = json.loads(args.path.read_text("utf-8"))
    if [list(p) for p in pairs] != before["texts"]:
        print("the sample differs from the one written: cannot compare")
        return 1
    bad = 0
    for (text, _), b, a in zip(pairs, before["results"], results, strict=True):
        diff = differences(b, a)
        if diff:
            bad += 1
            if bad <= 20:
                print(repr(text[:120]), *diff, sep="\n  ")
    print(f"{len(results)} messages, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
