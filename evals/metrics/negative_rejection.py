"""Negative rejection: when the sources cannot answer (unanswerable, off-topic, a false
premise to refuse, an injection to refuse — ``answerable: false``), the system abstains."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, short


def negative_rejection(case: Case, obs: Observation) -> Score | None:
    if case.answerable:
        return None
    if obs.abstained:
        return Score(1.0, "abstained")
    return Score(0.0, f"answered an unanswerable question: “{short(obs.text, 60)}”")


METRIC = Metric(
    "negative_rejection", negative_rejection,
    description="answerable=false cases (unanswerable, off-topic, refusal-style ones): abstained",
)
