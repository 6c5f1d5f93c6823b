"""Answer accuracy: an answerable case is answered (not abstained) with the expected facts."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, contains


def accuracy(case: Case, obs: Observation) -> Score | None:
    if not case.answerable:
        return None
    if obs.abstained:
        return Score(0.0, "abstained on an answerable question")
    missing = [m for m in case.must_include if not contains(obs.text, m)]
    groups = [g for g in case.any_of if not any(contains(obs.text, alt) for alt in g)]
    if missing or groups:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(repr(m) for m in missing))
        if groups:
            parts.append("none of " + "; ".join("/".join(g) for g in groups))
        return Score(0.0, "; ".join(parts))
    return Score(1.0, "all expected facts present")


METRIC = Metric(
    "accuracy", accuracy,
    description="answerable cases: not abstained, every must_include + one of each any_of",
)
