"""Fallback rate (LLM mode): answers where the model's output failed the guard, or the
endpoint failed, and the offline extractive answer was shown instead, with a note.
Lower is better; it does not apply to runs of the offline answerer itself."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score


def notes_of(obs: Observation) -> list[str]:
    return [str(n) for n in obs.raw.get("notes") or []]


def fallback(case: Case, obs: Observation) -> Score | None:
    fell = [n for n in notes_of(obs) if n.startswith("fallback:")]
    if fell:
        return Score(1.0, fell[0][:160])
    if obs.raw.get("mode", "extractive") == "extractive":
        return None  # the offline answerer has nothing to fall back from
    return Score(0.0, "the model's answer was shown")


METRIC = Metric(
    "fallback", fallback, higher_is_better=False,
    description="LLM answers replaced by the offline answer (endpoint error or guard failure)",
)
