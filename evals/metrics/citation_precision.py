"""Citation precision: share of an answer's citations whose quote is relevant to the case —
it overlaps a support passage or contains a must_include fact."""

from __future__ import annotations

from difflib import SequenceMatcher

from .base import Case, Metric, Observation, Score, contains, norm

MIN_OVERLAP = 12  # characters of shared text that make a quote "about" a support passage


def overlaps(quote: str, support: str) -> bool:
    a, b = norm(quote), norm(support)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= min(MIN_OVERLAP, len(a), len(b))


def relevant(case: Case, quote: str) -> bool:
    return any(overlaps(quote, s) for s in case.supports) or any(
        contains(quote, m) for m in case.must_include
    )


def citation_precision(case: Case, obs: Observation) -> Score | None:
    if obs.abstained or not obs.quotes or not (case.supports or case.must_include):
        return None
    bad = [i + 1 for i, q in enumerate(obs.quotes) if not relevant(case, q)]
    good = len(obs.quotes) - len(bad)
    reason = f"{good}/{len(obs.quotes)} citations relevant"
    if bad:
        reason += f"; irrelevant: {', '.join(f'[{n}]' for n in bad)}"
    return Score(good / len(obs.quotes), reason)


METRIC = Metric(
    "citation_precision", citation_precision,
    description="share of citations whose quote overlaps a support passage or has a must_include",
)
