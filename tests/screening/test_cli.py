"""The screening commands: evaluate, explain, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from halqa.screening.cli import main


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_evaluate_prints_metrics_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(
        tmp_path / "abuse.jsonl",
        [
            {"text": "يا ابن الكلب يا حقير", "label": "OFF"},
            {"text": "fuck you asshole", "label": 1},
            {"text": "صباح الخير يا جماعة", "label": "NOT_OFF"},
            {"text": "thanks, this helps", "label": 0},
        ],
    )
    assert main(["evaluate", "--task", "abuse", str(path), "--positive", "OFF,1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "n",
        "macro_f1",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "messages_per_second",
    }
    assert result["n"] == 4
    assert result["recall"] == 1.0


def test_evaluate_crisis_counts_ideation_and_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(
        tmp_path / "crisis.jsonl",
        [
            {"text": "I want to kill myself", "label": "ideation"},
            {"text": "I bought the pills for tonight, I will end my life", "label": "plan"},
            {"text": "lovely weather today", "label": "none"},
        ],
    )
    assert main(["evaluate", "--task", "crisis", str(path), "--format", "table"]) == 0
    assert "crisis.jsonl" in capsys.readouterr().out


def test_explain_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "انا تعبت وبدي انتحر"]) == 0
    out = capsys.readouterr().out
    assert "crisis" in out
    assert "language" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["evaluate"],
        ["evaluate", "--task", "spam", "x.jsonl"],
        ["evaluate", "--task", "abuse", "/no/such/file.jsonl"],
        ["explain"],
        ["train", "--data", "/no/such/dir"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_evaluate_rejects_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "hi"}\nnot json\n', "utf-8")
    assert main(["evaluate", "--task", "abuse", str(path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_evaluate_all_reports_held_out_splits_and_goals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "osact2020_ar").mkdir()
    _jsonl(
        tmp_path / "osact2020_ar" / "data.jsonl",
        [
            {"text": "يا ابن الكلب يا حقير", "label": "OFF", "split": "dev"},
            {"text": "صباح الخير يا جماعة", "label": "NOT_OFF", "split": "dev"},
            {"text": "not reported", "label": "OFF", "split": "train"},
        ],
    )
    assert main(["evaluate", "--all", "--data", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["osact2020_ar"]["n"] == 2
    assert {g["set"] for g in report["goals"]} >= {"osact2020_ar", "crisis_corpus"}
