"""Run a dataset through one or more systems, score every case, write the report.

    run_eval("evals/datasets/dev.jsonl", compare=True)      # what `shkc-advisor eval` does
    run = run_system(AdvisorSystem(advisor), cases, CORE)    # what the regression gate does
    run.overall()["accuracy"]
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from shkc_advisor import Advisor, Settings
from shkc_advisor.retrieval import RetrieverMode

from .baselines import AdvisorSystem, LangChainBaseline, System, advisor_variants
from .metrics import CORE, Case, Metric, Observation, Score, load_cases
from .metrics.answer_relevancy import answer_relevancy
from .metrics.faithfulness import faithfulness
from .metrics.judge import SKIPPED, Judge

RUNS_DIR = Path(__file__).resolve().parent / "runs"
ALL_MODES: tuple[RetrieverMode, ...] = ("hybrid", "bm25", "dense")


@dataclass
class CaseRun:
    case: Case
    obs: Observation
    scores: dict[str, Score]

    def to_json(self, system: str) -> dict[str, Any]:
        return {
            "id": self.case.id, "system": system, "category": self.case.category,
            "lang": self.case.lang, **self.obs.raw,
            "metrics": {name: s.to_json() for name, s in self.scores.items()},
        }


@dataclass
class SystemRun:
    name: str
    metrics: list[Metric]
    rows: list[CaseRun] = field(default_factory=list)

    def figures(self, rows: Sequence[CaseRun] | None = None) -> dict[str, float]:
        """Every reported figure (metric summaries) over ``rows`` (default: all)."""
        rows = self.rows if rows is None else rows
        out: dict[str, float] = {}
        for m in self.metrics:
            scores = [r.scores[m.name] for r in rows if m.name in r.scores]
            out.update(m.summarize(m.name, scores))
        return out

    def counts(self, rows: Sequence[CaseRun] | None = None) -> dict[str, int]:
        rows = self.rows if rows is None else rows
        return {m.name: sum(m.name in r.scores for r in rows) for m in self.metrics}

    def overall(self) -> dict[str, float]:
        return self.figures()

    def by(self, key: str) -> dict[str, dict[str, float]]:
        groups: dict[str, list[CaseRun]] = {}
        for r in self.rows:
            groups.setdefault(str(getattr(r.case, key)), []).append(r)
        return {g: self.figures(rs) for g, rs in sorted(groups.items())}

    def failures(self, row: CaseRun) -> list[tuple[str, Score]]:
        return [(m.name, row.scores[m.name]) for m in self.metrics
                if m.name in row.scores and m.failed(row.scores[m.name])]

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name, "cases": len(self.rows), "overall": self.overall(),
            "counts": self.counts(), "by_category": self.by("category"), "by_lang": self.by("lang"),
        }


def score_case(case: Case, obs: Observation, metrics: Sequence[Metric]) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for m in metrics:
        s = m(case, obs)
        if s is not None:
            scores[m.name] = s
    return scores


def run_system(
    system: System, cases: Sequence[Case], metrics: Sequence[Metric], progress: bool = False,
) -> SystemRun:
    from tqdm import tqdm

    run = SystemRun(system.name, list(metrics))
    for case in tqdm(cases, desc=system.name, unit="case", file=sys.stderr, disable=not progress):
        obs = system.observe(case)
        run.rows.append(CaseRun(case, obs, score_case(case, obs, metrics)))
    return run


@dataclass
class EvalResult:
    out_dir: Path
    runs: list[SystemRun]
    notes: list[str]


def judged_metrics(settings: Settings, advisor: Advisor) -> tuple[list[Metric], Judge | None]:
    judge = Judge.from_settings(settings, embed=advisor.embedder.embed_query)
    if judge is None:
        return [], None
    return [faithfulness(judge), answer_relevancy(judge)], judge


def _progress_cb() -> Any:
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(name: str, done: int, total: int) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="file", desc="indexing", file=sys.stderr)
        bar["bar"].n = done
        bar["bar"].refresh()
        if done >= total:
            bar["bar"].close()

    return update


def run_eval(
    dataset: Path | str,
    out: Path | str | None = None,
    *,
    settings: Settings | None = None,
    generator: str | None = None,
    retriever: RetrieverMode = "hybrid",
    compare: bool = False,
    limit: int | None = None,
    judge: bool = True,
    progress: bool = True,
    worst: int = 10,
) -> EvalResult:
    """Score ``dataset`` on the advisor (and, with ``compare``, the baselines); write
    answers*.jsonl, report.json, report.md and report.png into ``out``."""
    from .report import write_report

    settings = settings or Settings.load()
    cases = load_cases(dataset, limit)
    out_dir = Path(out) if out else RUNS_DIR / datetime.now().strftime("%Y%m%d-%H%M%S")
    out_dir.mkdir(parents=True, exist_ok=True)

    advisor = Advisor(settings, generator=generator, retriever_mode=retriever)
    if not advisor.has_index():
        print(f"no index in {settings.data_dir}; indexing {settings.corpus_dir} first",
              file=sys.stderr)
        advisor.index(progress=_progress_cb() if progress else None)

    notes: list[str] = []
    metrics = list(CORE)
    judge_obj: Judge | None = None
    if judge:
        extra, judge_obj = judged_metrics(settings, advisor)
        metrics += extra
        if judge_obj is None:
            notes.append(SKIPPED)
            print(SKIPPED, file=sys.stderr)
    else:
        notes.append("LLM-judged metrics skipped: --no-judge")

    systems: list[System] = [AdvisorSystem(advisor, name=f"{retriever} · {advisor.mode}")]
    if compare:
        modes = tuple(m for m in ALL_MODES if m != retriever)
        systems += advisor_variants(settings, advisor, generator, modes)
        systems.append(LangChainBaseline(settings, advisor.embedder))

    runs: list[SystemRun] = []
    try:
        for i, system in enumerate(systems):
            run = run_system(system, cases, metrics, progress)
            runs.append(run)
            name = "answers.jsonl" if i == 0 else f"answers-{_slug(system.name)}.jsonl"
            with open(out_dir / name, "w", encoding="utf-8") as f:
                for row in run.rows:
                    f.write(json.dumps(row.to_json(system.name), ensure_ascii=False) + "\n")
    finally:
        for system in systems:
            system.close()

    if judge_obj is not None and judge_obj.errors:
        notes.append(f"LLM judge: {len(judge_obj.errors)} of {judge_obj.calls} calls failed "
                     f"(first: {judge_obj.errors[0]}); those cases are not scored")
    meta = {
        "dataset": str(dataset), "cases": len(cases), "load_avg": round(os.getloadavg()[0], 1),
        "created": datetime.now().isoformat(timespec="seconds"),
        "generator": advisor.mode, "retriever": retriever, "compare": compare,
        "embedder": settings.embedder, "top_k": settings.top_k,
    }
    write_report(out_dir, runs, meta, notes, worst=worst)
    return EvalResult(out_dir, runs, notes)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
