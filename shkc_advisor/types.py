"""Plain data passed between the layers. No heavy imports here."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["extractive", "openai", "refusal"]


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage with where it came from."""

    id: str
    text: str
    doc_id: str
    title: str
    section: str
    kind: str = "document"  # "document" (a source text) or "measure" (a measure card)
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None


@dataclass(frozen=True)
class Citation:
    """One [n] in an answer. ``quote`` is verbatim text of the retrieved chunk ``chunk_id``."""

    n: int
    doc_id: str
    title: str
    section: str
    quote: str
    chunk_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "chunk_id"}


@dataclass
class Answer:
    """What ``Advisor.ask`` returns. ``abstained`` means the sources do not answer the
    question as asked: a plain refusal has no citations; one that corrects a false premise
    ("最高1000万元吧？") cites what the sources say instead."""

    text: str
    citations: list[Citation]
    abstained: bool
    mode: str
    latency_ms: float
    question: str = ""
    notes: list[str] = field(default_factory=list)
    standalone_question: str = ""

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` contract."""
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "mode": self.mode,
            "latency_ms": round(self.latency_ms, 1),
        }
        if self.notes:
            data["notes"] = self.notes
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)


@dataclass(frozen=True)
class Draft:
    """A generator's proposal before the guard sees it: text with [n] and its citations."""

    text: str
    citations: list[Citation]
    abstained: bool = False
    mode: str = "extractive"
    notes: tuple[str, ...] = ()
