"""MRR where a measure card counts as the paper passages it quotes.

The advisor ranks a measure card (a bilingual summary, not verbatim paper text) first and
puts the passages it quotes right after it, so plain ``mrr`` often sees the evidence at
rank 2. This variant credits the card's rank when one of its source quotes is (or
contains) a support passage: it measures how high the evidence is ranked.
"""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, norm

MIN_QUOTE = 8  # characters: shorter card quotes are figures, not passages


def _quotes_support(quotes: list[str], support: str) -> bool:
    return any(support in q or (len(q) >= MIN_QUOTE and q in support) for q in map(norm, quotes))


def mrr_evidence(case: Case, obs: Observation) -> Score | None:
    supports = [norm(s) for s in case.supports]
    if not supports:
        return None
    for rank, text in enumerate(obs.retrieved, 1):
        carried = obs.carried[rank - 1] if rank <= len(obs.carried) else []
        if any(s in norm(text) for s in supports):
            return Score(1.0 / rank, f"support passage at rank {rank}")
        if any(_quotes_support(carried, s) for s in supports):
            return Score(1.0 / rank, f"measure card quoting a support passage at rank {rank}")
    return Score(0.0, f"no support passage in the top {len(obs.retrieved)}")


METRIC = Metric(
    "mrr_evidence", mrr_evidence, fail_below=1e-9,
    description="mrr where a measure card counts as the support passages it quotes",
)
