"""Latency of one answer; reported as p50 and p95 in milliseconds."""

from __future__ import annotations

from collections.abc import Sequence

from .base import Case, Metric, Observation, Score


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), without numpy."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency(case: Case, obs: Observation) -> Score | None:
    return Score(obs.latency_ms, f"{obs.latency_ms:.0f} ms")


def summarize(name: str, scores: Sequence[Score]) -> dict[str, float]:
    values = [s.value for s in scores]
    if not values:
        return {}
    return {"latency_p50": percentile(values, 50), "latency_p95": percentile(values, 95)}


METRIC = Metric(
    "latency_ms", latency, higher_is_better=False, summarize=summarize, pass_fail=False,
    description="milliseconds per answer, reported as p50 / p95",
)

