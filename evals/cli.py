"""`shkc-advisor eval …` and `shkc-advisor eval-feedback …`, added to the package's CLI.

    shkc-advisor eval DATASET [--out DIR] [--generator NAME] [--retriever hybrid|dense|bm25]
                              [--compare] [--limit N] [--no-judge] [--worst N]
    shkc-advisor eval-feedback FEEDBACK.jsonl --out drafts.jsonl [--dataset FILE ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DATASETS = Path(__file__).resolve().parent / "datasets"


def _settings(args: argparse.Namespace) -> Any:
    from shkc_advisor.settings import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    return Settings.load(**overrides)


def cmd_eval(args: argparse.Namespace) -> int:
    from shkc_advisor.errors import ConfigError

    from .metrics import HEADLINE
    from .report import fmt
    from .runner import run_eval

    if not Path(args.dataset).exists():
        raise ConfigError(f"no dataset at {args.dataset}; try evals/datasets/dev.jsonl")
    try:
        result = run_eval(
            args.dataset, args.out, settings=_settings(args), generator=args.generator,
            retriever=args.retriever, compare=args.compare, limit=args.limit,
            judge=not args.no_judge, worst=args.worst,
        )
    except ValueError as exc:  # a malformed dataset line
        raise ConfigError(str(exc)) from exc
    width = max(len(h) for h in HEADLINE)
    print("  ".join([" " * width, *(f"{r.name:>18}" for r in result.runs)]))
    for h in HEADLINE:
        cells = [f"{fmt(h, r.overall().get(h)):>18}" for r in result.runs]
        print("  ".join([f"{h:<{width}}", *cells]))
    print(f"\nreport: {result.out_dir / 'report.md'}")
    return 0


def cmd_eval_feedback(args: argparse.Namespace) -> int:
    from .feedback import feedback_to_drafts

    datasets = args.dataset or sorted(DATASETS.glob("*.jsonl"))
    written, skipped = feedback_to_drafts(args.feedback, args.out, datasets)
    print(f"wrote {written} draft case(s) to {args.out} ({skipped} skipped: empty or already in a "
          "dataset). Review each (answerable, support, must_include, notes) before moving it "
          "into evals/datasets/dev.jsonl.", file=sys.stderr)
    return 0


def add_eval_parser(subparsers: Any) -> None:
    """Register `eval` and `eval-feedback` on the package CLI's subparsers."""
    e = subparsers.add_parser("eval", help="score a dataset; writes answers, report.md/.json/.png")
    e.add_argument("dataset", help="JSONL of eval cases, e.g. evals/datasets/dev.jsonl")
    e.add_argument("--out", help="output directory (default evals/runs/<timestamp>)")
    e.add_argument("--generator", help="generator name: extractive, openai, … (default: settings)")
    e.add_argument("--retriever", choices=["hybrid", "dense", "bm25"], default="hybrid")
    e.add_argument("--compare", action="store_true",
                   help="also run the other retriever modes and a plain LangChain pipeline")
    e.add_argument("--limit", type=int, help="only the first N cases")
    e.add_argument("--no-judge", action="store_true", help="skip the LLM-judged metrics")
    e.add_argument("--worst", type=int, default=10, help="worst cases shown in report.md")
    e.set_defaults(func=cmd_eval)

    f = subparsers.add_parser("eval-feedback", help="turn exported feedback into draft eval cases")
    f.add_argument("feedback", help="feedback JSONL (id, ts, question, answer, citations, rating…)")
    f.add_argument("--out", required=True, help="where to write the draft cases (JSONL)")
    f.add_argument("--dataset", action="append",
                   help="skip questions already in it (repeatable; default evals/datasets/*)")
    f.set_defaults(func=cmd_eval_feedback)
