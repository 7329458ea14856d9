"""`halqa screening train | evaluate | evaluate-pii | explain`: the screening commands.

`main(argv)` returns an exit code; any expected failure (bad arguments, missing files, bad
JSONL) prints one line to stderr and returns 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from halqa.screening import data

EXIT_USAGE = 2
REPO_ROOT = Path(__file__).parents[2]


class UsageError(Exception):
    """A problem the user can fix; shown as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="halqa screening", description="Train, evaluate and explain screening.")
    commands = root.add_subparsers(dest="command", required=True, parser_class=_Parser)
    train = commands.add_parser("train", help="train the models and write the model card")
    train.add_argument("--data", type=Path, help="shared data directory (default ../shared/data)")
    train.add_argument("--out", type=Path, help="model directory (default: the package's)")
    train.add_argument("--card", type=Path, help="model card path (default docs/model-card.md)")
    train.add_argument("--corpus", type=Path, help="authored crisis corpus JSONL")
    train.add_argument("--everyday", type=Path, help="authored everyday-messages JSONL")
    train.add_argument("--abuse-corpus", type=Path, help="authored dialect abuse JSONL")
    train.add_argument("--no-card", action="store_true", help="skip evaluation and model card")
    ev = commands.add_parser("evaluate", help="evaluate on JSONL of {text, label} lines")
    ev.add_argument("file", nargs="?", type=Path)
    ev.add_argument("--task", choices=("abuse", "crisis"))
    ev.add_argument("--positive", help="comma-separated labels that count as positive")
    ev.add_argument("--all", action="store_true", help="every shared set's held-out split")
    ev.add_argument("--data", type=Path, help="shared data directory for --all")
    ev.add_argument("--format", choices=("json", "table"), default="json")
    pii = commands.add_parser(
        "evaluate-pii", help="span precision and recall of personal-data detection"
    )
    pii.add_argument("file", nargs="?", type=Path, help="labelled JSONL (default: the shipped set)")
    pii.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    pii.add_argument("--format", choices=("json", "table"), default="table")
    pii.add_argument("--errors", action="store_true", help="list the dev split's misses")
    ex = commands.add_parser("explain", help="show the screening of one text")
    ex.add_argument("text")
    ex.add_argument("--lang", choices=("ar", "en"))
    ex.add_argument("--country")
    return root


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
        return int(COMMANDS[args.command](args))
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as error:
        print(f"halqa screening: {error}", file=sys.stderr)
        return EXIT_USAGE


def _train(args: argparse.Namespace) -> int:
    from halqa.screening import engine, train

    data_dir = args.data or data.default_data_dir()
    if not data_dir.is_dir():
        raise UsageError(f"halqa screening train: no data directory at {data_dir}")
    card = None if args.no_card else (args.card or REPO_ROOT / "docs" / "model-card.md")
    if card is not None:
        card.parent.mkdir(parents=True, exist_ok=True)
    train.run(
        data_dir,
        args.out or engine.MODELS_DIR,
        card,
        args.corpus or data.CORPUS_PATH,
        args.everyday or data.EVERYDAY_PATH,
        args.abuse_corpus or data.ABUSE_CORPUS_PATH,
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from halqa.screening import evaluate
    from halqa.screening.engine import screen

    if args.all:
        if args.file is not None:
            raise UsageError("halqa screening evaluate: give FILE or --all, not both")
        data_dir = args.data or data.default_data_dir()
        if not data_dir.is_dir():
            raise UsageError(f"halqa screening evaluate: no data directory at {data_dir}")
        report = evaluate.evaluate_all(data_dir, screen)
    else:
        report = _evaluate_file(args)
    if args.format == "table":
        print(evaluate.format_table(report if args.all else {str(args.file): report}))
    else:
        print(json.dumps(report, ensure_ascii=False))
    return 0


def _evaluate_file(args: argparse.Namespace) -> dict[str, Any]:
    from halqa.screening import evaluate
    from halqa.screening.engine import screen

    if args.file is None or args.task is None:
        raise UsageError("halqa screening evaluate: need --task and FILE (or --all)")
    if not args.file.is_file():
        raise UsageError(f"halqa screening evaluate: no such file: {args.file}")
    positives = None
    if args.positive:
        positives = frozenset(data.label_text(p) for p in args.positive.split(",") if p.strip())
    return evaluate.evaluate_file(args.task, args.file, positives, screen)


def _evaluate_pii(args: argparse.Namespace) -> int:
    from halqa.screening import pii_eval

    path = args.file or pii_eval.DEFAULT_CORPUS
    if not path.is_file():
        raise UsageError(f"halqa screening evaluate-pii: no such file: {path}")
    if args.errors:
        # The test split measures: reading its misses would tune the rules on it.
        if args.split != "dev":
            raise UsageError("halqa screening evaluate-pii: --errors lists the dev split only")
        print("\n".join(pii_eval.errors(path, "dev")))
        return 0
    result = pii_eval.evaluate(path, args.split)
    if not result["messages"]:
        raise UsageError(f"halqa screening evaluate-pii: {path}: no rows in split {args.split}")
    print(json.dumps(result, indent=2) if args.format == "json" else pii_eval.format_table(result))
    return 0


def _explain(args: argparse.Namespace) -> int:
    from halqa.screening.engine import screen

    s = screen(args.text, lang=args.lang, country=args.country)
    rows = [
        ("language", s.language),
        ("script", s.script.value),
        ("abuse", f"{s.abuse:.3f} ({s.abuse_label})"),
        ("crisis", f"{s.crisis.value} (P(ideation or plan) = {s.crisis_probability:.3f})"),
        ("model", s.model_version),
    ]
    rows += [
        ("personal data", f"{p.kind.value} [{p.start}:{p.end}] {args.text[p.start : p.end]!r}")
        for p in s.personal_data
    ]
    rows += [("signal", f"{g.source} {g.name} {g.weight:+.3f}") for g in s.signals]
    width = max(len(k) for k, _ in rows)
    print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    return 0


COMMANDS = {
    "train": _train,
    "evaluate": _evaluate,
    "evaluate-pii": _evaluate_pii,
    "explain": _explain,
}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
