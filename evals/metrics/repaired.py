"""Repair rate (LLM mode): the model's answer was shown only after the guard removed
unsupported or uncited sentences, or after the model rewrote it once on the guard's
findings. Not good or bad alone: it counts how often the guard had to step in."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score
from .fallback import notes_of

REPAIR_PREFIXES = ("repair:", "guard:", "llm:")


def repaired(case: Case, obs: Observation) -> Score | None:
    if obs.raw.get("mode", "extractive") == "extractive":
        return None  # offline answers, and LLM answers that fell back to them
    fixed = [n for n in notes_of(obs) if n.startswith(REPAIR_PREFIXES)]
    return Score(1.0, fixed[0][:160]) if fixed else Score(0.0, "shown as the model wrote it")


METRIC = Metric(
    "repaired", repaired, higher_is_better=False,
    description="LLM answers shown only after the guard removed or the model rewrote text",
)
