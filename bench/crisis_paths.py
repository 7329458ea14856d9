"""Which path the publish policy sends crisis and everyday messages down, per `crisis_urgent`.

    python bench/crisis_paths.py [--urgent 0.5 0.2 0.1] [--models DIR]

For the authored crisis corpus (dev and test ideation and plan rows) and the everyday set (dev
and test rows), screens each message and applies the publish policy's crisis decision
(`halqa.trust.policy`): *urgent* (crisis card, urgent case, moderators paged) when an ideation
rule fired, method and timing rules fired together, or P(ideation or plan) reached
`crisis_urgent`; *check-in* (a non-urgent case a moderator reads) when the model alone reached
ideation below that score. Prints, per score, the share of crises that go urgent, the share that
reach a moderator by either path, and the share of everyday messages that page someone: the
figures docs/crisis-protocol.md quotes. No database is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(prog="crisis_paths")
    parser.add_argument("--urgent", type=float, nargs="+", default=[0.5, 0.2, 0.1])
    parser.add_argument("--models", type=Path, help="model directory (default: the package's)")
    args = parser.parse_args()
    if args.models and not (args.models / "meta.json").is_file():
        parser.error(f"no model files (meta.json) in {args.models}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halqa.settings")
    import django

    django.setup()
    from halqa.screening import data, engine
    from halqa.trust.policy import Thresholds, crisis_decision

    m = engine.load_models(args.models) if args.models else engine.models()

    def screen(text: str) -> Any:
        return engine.screen_with(m, text)

    crises = [
        screen(r.text) for r in data.load_corpus(("dev", "test")) if r.label in ("ideation", "plan")
    ]
    everyday = [screen(r.text) for r in data.load_everyday(("dev", "test"))]
    print(f"model {m.version}: {len(crises)} crises, {len(everyday)} everyday")
    for score in args.urgent:
        t = Thresholds(crisis_urgent=score)
        decided = [crisis_decision(s, t)[:2] for s in crises]  # (level or None, confident)
        urgent = sum(confident for _, confident in decided) / len(decided)
        reach = sum(level is not None for level, _ in decided) / len(decided)
        paging = sum(crisis_decision(s, t)[1] for s in everyday) / len(everyday)
        print(
            f"crisis_urgent {score}: urgent {urgent:.3f} of crises, reach a moderator "
            f"{reach:.3f}, everyday messages paging {paging:.2%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
