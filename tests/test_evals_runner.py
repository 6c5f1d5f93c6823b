"""The eval runner and its report: answers.jsonl, report.json, report.md, report.png, and the
`shkc-advisor eval` command end to end (with the baselines)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evals.baselines import AdvisorSystem
from evals.metrics import CORE, HEADLINE, Case, Observation, load_cases
from evals.report import render_markdown, write_report
from evals.runner import run_system
from shkc_advisor import Advisor
from shkc_advisor.cli import build_parser

from .conftest import CORPUS, ROOT

DEV = ROOT / "evals" / "datasets" / "dev.jsonl"
PICK = ["dev-002", "dev-040", "dev-058", "dev-070", "dev-098", "dev-101", "dev-106"]


class Parrot:
    """A system that repeats the question and never abstains: fails everything it can."""

    name = "parrot"

    def observe(self, case: Case) -> Observation:
        return Observation(
            question=case.question,
            text=case.question + " 123",
            abstained=False,
            quotes=[],
            latency_ms=1.0,
            retrieved=["无关的文字"],
            raw={"question": case.question, "answer": case.question + " 123"},
        )

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    by_id = {c.id: c for c in load_cases(DEV)}
    return [by_id[i] for i in PICK]


def test_runs_score_cases_and_report_side_by_side(
    advisor: Advisor, cases: list[Case], tmp_path: Path
) -> None:
    ours = run_system(AdvisorSystem(advisor), cases, CORE)
    parrot = run_system(Parrot(), cases, CORE)
    assert [r.case.id for r in ours.rows] == PICK
    row = ours.rows[0].to_json(ours.name)
    assert row["id"] == "dev-002" and "answer" in row and "citations" in row
    assert row["metrics"]["accuracy"]["value"] == 1.0 and row["metrics"]["accuracy"]["reason"]
    assert parrot.overall()["negative_rejection"] == 0.0  # it never abstains
    assert parrot.overall()["unsupported_numbers"] > 0  # "123" is in no quote
    assert set(ours.by("category")) == {c.category for c in cases}

    meta = {
        "dataset": str(DEV),
        "cases": len(cases),
        "generator": "extractive",
        "retriever": "hybrid",
    }
    write_report(tmp_path, [ours, parrot], meta, ["a note for the reader"], worst=3)
    data = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert set(data["headline"]) == {ours.name, "parrot"}
    assert set(data["headline"]["parrot"]) == set(HEADLINE)
    assert data["systems"][0]["by_category"]["unanswerable"]["negative_rejection"] == 1.0
    md = (tmp_path / "report.md").read_text("utf-8")
    assert f"| metric | n | {ours.name} | parrot |" in md
    assert "## By category" in md and "## By language" in md and "## Worst cases" in md
    assert "> a note for the reader" in md and "![headline metrics per category](report.png)" in md
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_worst_cases_show_the_answer_and_the_reasons(cases: list[Case]) -> None:
    run = run_system(Parrot(), cases, CORE)
    md = render_markdown(
        [run], {"dataset": "dev.jsonl", "cases": len(cases)}, [], worst=2, chart=None
    )
    worst = md.split("## Worst cases")[1]
    assert worst.count("### ") == 2 and "… and 5 more failing cases" in worst
    assert "**Q:** " in worst and "**A** (0 citation(s)):" in worst
    assert "- `recall@5` = 0.00: 0/1 support passages in the top 5" in worst


def test_eval_commands_are_registered() -> None:
    args = build_parser().parse_args(
        ["eval", "d.jsonl", "--compare", "--limit", "3", "--retriever", "bm25"]
    )
    assert args.compare and args.limit == 3 and args.retriever == "bm25" and callable(args.func)
    args = build_parser().parse_args(["eval-feedback", "f.jsonl", "--out", "d.jsonl"])
    assert args.out == "d.jsonl"


@pytest.mark.slow
def test_eval_command_end_to_end_with_baselines(advisor: Advisor, tmp_path: Path) -> None:
    """The installed CLI, run outside the checkout (evals must still import), no LLM endpoint."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SHKC_"))}
    env.update(
        SHKC_CORPUS_DIR=str(CORPUS), GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False"
    )
    out = tmp_path / "run"
    cmd = [
        sys.executable,
        "-m",
        "shkc_advisor.cli",
        "--data-dir",
        str(advisor.settings.data_dir),
        "eval",
        str(DEV),
        "--limit",
        "3",
        "--compare",
        "--out",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "accuracy" in proc.stdout and str(out / "report.md") in proc.stdout
    assert "skipped: no OpenAI-compatible endpoint" in proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "answers-bm25-only.jsonl",
        "answers-dense-only.jsonl",
        "answers-langchain-top-3.jsonl",
        "answers.jsonl",
        "report.json",
        "report.md",
        "report.png",
    ]
    rows = [json.loads(line) for line in (out / "answers.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["dev-001", "dev-002", "dev-003"]
    assert all(
        {"answer", "abstained", "citations", "latency_ms", "metrics"} <= set(r) for r in rows
    )
    lc = [
        json.loads(line)
        for line in (out / "answers-langchain-top-3.jsonl").read_text("utf-8").splitlines()
    ]
    assert all(not r["abstained"] and len(r["citations"]) == 3 for r in lc)
    md = (out / "report.md").read_text("utf-8")
    assert "| metric | n | hybrid · extractive | bm25-only | dense-only | langchain top-3 |" in md
    assert "LLM-judged metrics (faithfulness, answer_relevancy) skipped" in md
