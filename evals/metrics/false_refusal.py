"""False refusal: an answerable question that the system abstained on (lower is better)."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score


def false_refusal(case: Case, obs: Observation) -> Score | None:
    if not case.answerable:
        return None
    if obs.abstained:
        why = f" ({obs.error})" if obs.error else ""
        return Score(1.0, "abstained although the paper answers it" + why)
    return Score(0.0, "answered")


METRIC = Metric(
    "false_refusal", false_refusal, higher_is_better=False,
    description="answerable cases abstained on (lower is better)",
)
