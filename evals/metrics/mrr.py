"""Mean reciprocal rank of the first retrieved chunk that contains a support passage."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, norm


def mrr(case: Case, obs: Observation) -> Score | None:
    supports = [norm(s) for s in case.supports]
    if not supports:
        return None
    for rank, text in enumerate(obs.retrieved, 1):
        if any(s in norm(text) for s in supports):
            return Score(1.0 / rank, f"first support passage at rank {rank}")
    return Score(0.0, f"no support passage in the top {len(obs.retrieved)}")


METRIC = Metric(
    "mrr", mrr,
    fail_below=1e-9,  # a lower rank is reported; only "not retrieved at all" fails a case
    description="1/rank of the first chunk with a support passage (0 if not in top 10)",
)
