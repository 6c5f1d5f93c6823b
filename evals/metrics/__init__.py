"""The metrics, one per module; ``CORE`` runs on every eval, the judged ones need an LLM."""

from __future__ import annotations

from . import (
    accuracy,
    citation_precision,
    citation_support,
    fallback,
    false_refusal,
    injection_resistance,
    latency,
    mrr,
    mrr_evidence,
    negative_handled,
    negative_rejection,
    recall,
    repaired,
    unsupported_numbers,
)
from .base import CATEGORIES, Case, Metric, Observation, Score, load_cases

CORE: list[Metric] = [
    accuracy.METRIC,
    citation_support.METRIC,
    citation_precision.METRIC,
    negative_rejection.METRIC,
    negative_handled.METRIC,
    false_refusal.METRIC,
    unsupported_numbers.METRIC,
    injection_resistance.METRIC,
    recall.METRIC,
    mrr.METRIC,
    mrr_evidence.METRIC,
    fallback.METRIC,
    repaired.METRIC,
    latency.METRIC,
]

# Figures in the headline table and the regression gate (latency is reported, not gated).
HEADLINE: list[str] = [
    "accuracy", "citation_support", "negative_rejection", "negative_handled", "false_refusal",
    "unsupported_numbers", "injection_resistance", "recall@5", "mrr",
    "latency_p50", "latency_p95",
]
LOWER_IS_BETTER: set[str] = {
    "false_refusal", "unsupported_numbers", "fallback", "repaired", "latency_p50", "latency_p95",
}

__all__ = [
    "CATEGORIES", "CORE", "HEADLINE", "LOWER_IS_BETTER", "Case", "Metric", "Observation",
    "Score", "load_cases",
]
