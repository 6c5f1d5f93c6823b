"""How LLM mode fares on a dataset: guarded LLM answers, repairs, fallbacks, and a check that
no unsupported number reached the user.

    scripts/llama-server.sh &                        # or any OpenAI-compatible endpoint
    OPENAI_BASE_URL=http://127.0.0.1:8080/v1 .venv/bin/python scripts/llm_report.py --limit 20

Settings come from the environment as usual (SHKC_*, OPENAI_*); the generator is forced to
``openai``. Exit code 1 when any answer shows a number that is in neither a cited quote
nor the question.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from shkc_advisor import Advisor, Answer, Settings
from shkc_advisor.advisor import FALLBACK_NOTE_EN, FALLBACK_NOTE_ZH
from shkc_advisor.guard import numbers

REPAIR_NOTES = ("repair:", "guard:", "llm:")


def category(answer: Answer) -> str:
    if any(n.startswith("fallback:") for n in answer.notes):
        return "fell back"
    if any(n.startswith(REPAIR_NOTES) for n in answer.notes):
        return "repaired"
    return "passed"


def unsupported(answer: Answer, question: str) -> list[str]:
    text = answer.text
    for note in (FALLBACK_NOTE_ZH, FALLBACK_NOTE_EN):
        text = text.removeprefix(f"{note}\n")
    allowed = {n for c in answer.citations for n in numbers(c.quote)}
    allowed |= set(numbers(question)) | set(numbers(answer.standalone_question))
    return [n for n in numbers(text) if n not in allowed]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dataset", default="evals/datasets/dev.jsonl")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--out", type=Path, help="write one JSON line per answer here")
    args = ap.parse_args(argv)

    settings = Settings.load()
    if not settings.llm_configured:
        print("set OPENAI_BASE_URL (and OPENAI_API_KEY if needed) first", file=sys.stderr)
        return 2
    advisor = Advisor(settings, generator="openai")
    if not advisor.has_index():
        advisor.index()
    cases = [json.loads(line) for line in Path(args.dataset).read_text("utf-8").splitlines()
             if line.strip()][: args.limit]
    counts: Counter[str] = Counter()
    bad: list[tuple[str, list[str]]] = []
    hits = abstained = 0
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i, case in enumerate(cases, 1):
        answer = advisor.ask(case["question"])
        cat = category(answer)
        counts[cat] += 1
        abstained += answer.abstained
        wrong = unsupported(answer, case["question"])
        if wrong:
            bad.append((case["id"], wrong))
        must = [str(m) for m in case.get("must_include", [])]
        hit = bool(case.get("answerable")) and all(m in answer.text.replace(" ", "") for m in must)
        hits += hit
        rows.append({"id": case["id"], "category": cat, "mode": answer.mode,
                     "abstained": answer.abstained, "unsupported": wrong, "must_include_hit": hit,
                     "latency_s": round(answer.latency_ms / 1000, 1), "notes": answer.notes,
                     "answer": answer.text})
        print(f"[{i}/{len(cases)}] {case['id']} {cat:9} {answer.latency_ms / 1000:6.1f}s "
              f"{answer.text[:60]!r}", flush=True)
    n = len(cases)
    print(f"\n{n} questions from {args.dataset} via {settings.openai_base_url} "
          f"(model {settings.llm_model}) in {time.perf_counter() - started:.0f}s")
    for cat in ("passed", "repaired", "fell back"):
        print(f"  {cat:10} {counts[cat]:3}")
    print(f"  abstained  {abstained:3}\n  must_include found in {hits} answers")
    print(f"  unsupported numbers shown: {sum(len(w) for _, w in bad)}"
          + (f" {bad}" if bad else ""))
    if args.out:
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in rows]
        args.out.write_text("".join(lines), "utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
