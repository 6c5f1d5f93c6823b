"""Citation support (ALCE-style recall, by string match): the key facts the answer states
are found in the passages it cites, not just somewhere in the corpus."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, contains, found_in_any


def citation_support(case: Case, obs: Observation) -> Score | None:
    if not case.answerable or obs.abstained or not case.must_include:
        return None
    stated = [m for m in case.must_include if contains(obs.text, m)]
    if not stated:
        return None  # accuracy already counts the missing facts
    if not obs.quotes:
        return Score(0.0, "states facts without citations")
    unsupported = [m for m in stated if not found_in_any(obs.quotes, m)]
    if unsupported:
        reason = "not in the cited quotes: " + ", ".join(repr(m) for m in unsupported)
    else:
        reason = f"{len(stated)} stated fact(s) all in the cited quotes"
    return Score((len(stated) - len(unsupported)) / len(stated), reason)


METRIC = Metric(
    "citation_support", citation_support,
    description="share of must_include facts stated in the answer that are in its cited quotes",
)
