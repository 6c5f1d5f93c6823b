"""Regression gate: the whole dev set, offline, must stay at or above evals/floors.json.

Runs every dev case through the session advisor (extractive + hybrid) with the same
metrics as `shkc-advisor eval`. A failure lists the cases that pulled the metric down.
"""

from __future__ import annotations

import json

from evals.baselines import AdvisorSystem
from evals.metrics import CORE, load_cases
from evals.runner import SystemRun, run_system
from shkc_advisor import Advisor

from .conftest import ROOT

FLOORS = json.loads((ROOT / "evals" / "floors.json").read_text("utf-8"))
GATED = [m for m in CORE if m.name != "latency_ms"]  # speed lives in benchmarks/


def _culprits(run: SystemRun, metric: str, limit: int = 8) -> str:
    bad = [
        (r.case.id, r.scores[metric].reason)
        for r in run.rows
        if metric in r.scores
        and next(m for m in GATED if m.name == metric).failed(r.scores[metric])
    ]
    return "; ".join(f"{cid}: {why}" for cid, why in bad[:limit])


def test_floors_cover_the_gated_headline_metrics() -> None:
    gated = set(FLOORS["floors"]) | set(FLOORS["ceilings"])
    assert gated == {
        "accuracy",
        "citation_support",
        "negative_rejection",
        "false_refusal",
        "unsupported_numbers",
        "injection_resistance",
        "recall@5",
        "mrr",
    }
    assert FLOORS["ceilings"]["unsupported_numbers"] == 0
    for name, floor in FLOORS["floors"].items():
        assert floor <= FLOORS["measured"][name], f"floor of {name} above its measured value"


def test_dev_set_meets_the_floors(advisor: Advisor) -> None:
    assert advisor.mode == "extractive" and advisor.retriever_mode == "hybrid"
    cases = load_cases(ROOT / FLOORS["dataset"])
    assert len(cases) == 112
    run = run_system(AdvisorSystem(advisor), cases, GATED)
    figures = run.overall()
    problems = [
        f"{name} = {figures[name]:.3f} < floor {floor} ({_culprits(run, name)})"
        for name, floor in FLOORS["floors"].items()
        if figures[name] < floor - 1e-9
    ] + [
        f"{name} = {figures[name]:.3f} > ceiling {ceiling} ({_culprits(run, name)})"
        for name, ceiling in FLOORS["ceilings"].items()
        if figures[name] > ceiling + 1e-9
    ]
    assert not problems, "\n".join(problems)
