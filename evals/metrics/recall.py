"""Retrieval recall@k: share of the case's support passages found in the top-k chunks."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, norm, short


def recall_at(k: int) -> Metric:
    def score(case: Case, obs: Observation) -> Score | None:
        supports = case.supports
        if not supports:
            return None
        top = [norm(t) for t in obs.retrieved[:k]]
        missing = [s for s in supports if not any(norm(s) in t for t in top)]
        found = len(supports) - len(missing)
        reason = f"{found}/{len(supports)} support passages in the top {k}"
        if missing:
            reason += f"; missing “{short(missing[0])}”"
        return Score(found / len(supports), reason)

    return Metric(
        f"recall@{k}", score,
        description=f"share of support passages found in the top {k} retrieved chunks",
    )


METRIC = recall_at(5)
