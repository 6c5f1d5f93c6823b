"""Unsupported-number rate: numbers in an answer found in no cited quote (micro-averaged
over all numbers stated; lower is better, the floor is 0). As in the guard, a number the
question states does not count as support, except in a refusal, which may repeat it."""

from __future__ import annotations

from shkc_advisor.guard import numbers

from .base import Case, Metric, Observation, Score


def unsupported_numbers(case: Case, obs: Observation) -> Score | None:
    stated = numbers(obs.text)
    if not stated:
        return None
    allowed = set(numbers(obs.question)) if obs.abstained else set()
    for quote in obs.quotes:
        allowed.update(numbers(quote))
    bad = [n for n in stated if n not in allowed]
    reason = f"{len(bad)}/{len(stated)} numbers unsupported"
    if bad:
        reason += ": " + ", ".join(dict.fromkeys(bad))
    return Score(len(bad) / len(stated), reason, weight=len(stated))


METRIC = Metric(
    "unsupported_numbers", unsupported_numbers, higher_is_better=False,
    description="share of numbers in answers found in no cited quote (refusals: nor the question)",
)
