"""Evaluation suite for shkc-advisor: datasets, metrics, runner, report, baselines.

    shkc-advisor eval evals/datasets/dev.jsonl --compare

Lives beside the package in a checkout (installed with it in editable mode); the
library itself never imports it.
"""

from .metrics import CORE, HEADLINE, Case, Metric, Observation, Score, load_cases

__all__ = ["CORE", "HEADLINE", "Case", "Metric", "Observation", "Score", "load_cases"]
