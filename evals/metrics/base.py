"""Types every metric shares: a typed eval case, what a system produced, a score.

A metric is a small function ``(case, observation) -> Score | None`` (None: the metric
does not apply to this case), wrapped in a ``Metric`` that says how scores aggregate and
which direction is better — the shape ragas and pydantic-evals use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shkc_advisor.ingest.clean import squash

Category = Literal[
    "single_fact", "multi_hop", "unanswerable", "false_premise", "injection", "off_topic",
    "cross_lingual",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]


class Case(BaseModel):
    """One eval case (a line of evals/datasets/*.jsonl). Strict: a draft with
    ``answerable: null`` or an unknown key is rejected until someone reviews it."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str = Field(min_length=1)
    lang: Literal["zh", "en"]
    category: Category
    question: str = Field(min_length=1)
    answerable: bool
    must_include: list[str]
    any_of: list[list[str]]
    must_not_include: list[str]
    support: str | list[str]
    measure: str | None
    notes: str

    @property
    def supports(self) -> list[str]:
        """Non-empty support passages (verbatim paper text)."""
        items = [self.support] if isinstance(self.support, str) else self.support
        return [s for s in items if s.strip()]


def load_cases(path: Path | str, limit: int | None = None) -> list[Case]:
    """Read and validate a JSONL dataset; the error names the line that is wrong."""
    cases: list[Case] = []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                cases.append(Case.model_validate(json.loads(line)))
            except ValueError as exc:
                raise ValueError(f"{path}:{line_no}: not a valid eval case: {exc}") from exc
    return cases[:limit] if limit else cases


@dataclass
class Observation:
    """What a system did for one case: its answer and what retrieval returned."""

    question: str
    text: str
    abstained: bool
    quotes: list[str]
    latency_ms: float
    retrieved: list[str] = field(default_factory=list)  # chunk texts, best first
    # per retrieved chunk, the paper passages it quotes (a measure card's sources), else []
    carried: list[list[str]] = field(default_factory=list)
    error: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)  # the `ask --json` contract


@dataclass(frozen=True)
class Score:
    value: float
    reason: str
    weight: float = 1.0  # for micro-averages (e.g. numbers per answer)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": round(self.value, 4), "reason": self.reason}
        if self.weight != 1.0:
            data["weight"] = self.weight
        return data


ScoreFn = Callable[[Case, Observation], Score | None]


def weighted_mean(name: str, scores: Sequence[Score]) -> dict[str, float]:
    total = sum(s.weight for s in scores)
    if not total:
        return {}
    return {name: sum(s.value * s.weight for s in scores) / total}


@dataclass(frozen=True)
class Metric:
    """A named score function. ``summarize`` turns its scores into reported figures."""

    name: str
    fn: ScoreFn
    higher_is_better: bool = True
    description: str = ""
    summarize: Callable[[str, Sequence[Score]], dict[str, float]] = weighted_mean
    pass_fail: bool = True  # False for measurements (latency) that no case "fails"
    fail_below: float = 1.0  # a higher-is-better score below this is a failure

    def __call__(self, case: Case, obs: Observation) -> Score | None:
        return self.fn(case, obs)

    def failed(self, score: Score) -> bool:
        """Whether one case's score is a failure worth showing among the worst cases."""
        if not self.pass_fail:
            return False
        return score.value < self.fail_below if self.higher_is_better else score.value > 0.0


# ---- text matching shared by the metrics ------------------------------------------------
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def norm(text: str) -> str:
    """Whitespace-, case- and width-insensitive form; 1,790 and 1790 compare equal."""
    return _THOUSANDS.sub("", squash(text)).casefold()


def contains(haystack: str, needle: str) -> bool:
    n = norm(needle)
    return bool(n) and n in norm(haystack)


def found_in_any(texts: Iterable[str], needle: str) -> bool:
    n = norm(needle)
    return bool(n) and any(n in norm(t) for t in texts)


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
