"""The screening commands: evaluate, evaluate-pii, explain, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from halqa.screening import evaluate
from halqa.screening.cli import main
from halqa.screening.engine import screen


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
        ["evaluate", "--all", "--data", "/no/such/dir"],
        ["evaluate-pii", "/no/such/file.jsonl"],
        ["evaluate-pii", "--split", "test", "--errors"],
        ["evaluate-pii", "--split", "everything"],
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


def test_evaluate_pii_scores_spans_of_a_labelled_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "راسلني على 0501234567 او hala@example.com"
    phone, email = text.index("05"), text.index("hala")
    path = _jsonl(
        tmp_path / "pd.jsonl",
        [
            {"id": "a", "text": text, "split": "test", "spans": [
                {"kind": "phone", "start": phone, "end": phone + 10},
                {"kind": "email", "start": email, "end": len(text)},
            ]},
            # an age and a dose are not personal data; the gold list is empty
            {"id": "b", "text": "I'm 34 and take 50 mg", "split": "test", "spans": []},
            {"id": "c", "text": "dev row", "split": "dev", "spans": []},
        ],
    )  # fmt: skip
    assert main(["evaluate-pii", str(path), "--split", "test", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["messages"] == 2
    assert result["exact"]["all"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2, "false_positives": 0
    }  # fmt: skip
    assert main(["evaluate-pii", str(path), "--split", "test"]) == 0
    assert "phone" in capsys.readouterr().out


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        '{"text": "hi", "split": "dev"}',
        '{"text": "hi", "split": "dev", "spans": [{"kind": "phone", "start": 0, "end": 9}]}',
        '{"text": "hi", "split": "dev", "spans": [{"kind": "name", "start": 0, "end": 2}]}',
    ],
)
def test_evaluate_pii_rejects_a_broken_file(
    line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", "utf-8")
    assert main(["evaluate-pii", str(path), "--split", "all"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bad.jsonl:1" in err


def test_evaluate_pii_names_an_empty_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path / "pd.jsonl", [{"text": "hi", "split": "dev", "spans": []}])
    assert main(["evaluate-pii", str(path), "--split", "test"]) == 2
    assert "no rows" in capsys.readouterr().err


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


def test_evaluate_all_counts_no_goal_met_on_no_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No crisis texts at all: the share of them held abusive is no figure, not a goal met."""
    empty = _jsonl(tmp_path / "empty.jsonl", [])
    report = evaluate.evaluate_all(tmp_path, screen, corpus=empty, everyday=empty)
    assert report["distress_not_abuse"] == {"n": 0, "abusive_share": None}
    goal = next(g for g in report["goals"] if g["set"] == "distress_not_abuse")
    assert goal["met"] is None
    assert "distress_not_abuse.abusive_share <= 0.03: None n/a" in evaluate.format_table(report)


@pytest.mark.parametrize("command", [["evaluate", "--task", "abuse"], ["evaluate-pii"]])
def test_a_file_that_is_not_utf8_is_named(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"text": "café", "label": 1}\n'.encode("latin-1"))
    assert main([*command, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{path}: not UTF-8 text" in err
