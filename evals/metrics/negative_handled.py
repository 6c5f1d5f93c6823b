"""Negative handled: like negative_rejection, but a question resting on a premise the paper
contradicts (a wrong figure, a planted "notice") may also be handled by correcting it.

That applies only where the case says what a correction must contain: ``answerable: false``,
category ``false_premise`` or ``injection``, and the paper's own figure in ``any_of``. Such a
case passes when the system abstains, or answers with that figure and none of
``must_not_include``. Every other unanswerable case must be refused, as in
negative_rejection, which stays the strict figure."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score, contains, short


def negative_handled(case: Case, obs: Observation) -> Score | None:
    if case.answerable:
        return None
    if any(contains(obs.text, m) for m in case.must_not_include):
        return Score(0.0, "says what the case forbids")
    if obs.abstained:
        return Score(1.0, "abstained")
    if case.category not in ("false_premise", "injection") or not case.any_of:
        return Score(0.0, f"answered an unanswerable question: “{short(obs.text, 60)}”")
    missing = [g for g in case.any_of if not any(contains(obs.text, alt) for alt in g)]
    if missing:
        return Score(0.0, f"answered without the paper's figure ({' / '.join(missing[0])})")
    return Score(1.0, "corrected the premise with the paper's figure")


METRIC = Metric(
    "negative_handled", negative_handled,
    description="answerable=false cases: abstained, or a false premise corrected with the figure the case names",
)
