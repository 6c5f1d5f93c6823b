"""The grounding guard, shared by every generator: nothing unverified reaches a user.

Checks, in code:
  * every citation points to a chunk that retrieval returned, and its quote is verbatim
    text of that chunk (whitespace-insensitive);
  * every [n] in the text refers to a citation; unused citations are dropped;
  * every number in the text appears in a cited quote. A number the question states is
    not enough: a false premise echoed back ("yes, 30亿") would otherwise pass. A bare
    refusal may repeat the question's numbers, nothing else; a refusal that corrects a
    false premise with what the sources say carries citations and is checked like an answer;
  * an answer that is not a refusal carries at least one citation.
A failing sentence is removed (repair); if nothing supported is left, the caller gets
``ok=False`` and shows a refusal instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .ingest.clean import squash
from .types import Chunk, Citation, Draft

_MARK = re.compile(r"\[(\d{1,3})\]")
# 1,790 / 25 / 1.64 / 30.8% / ２５ (full-width digits are normalised by squash first).
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?")
# A sentence runs to its end mark, keeps [n] markers placed after the mark, and its spaces.
_SENTENCE = re.compile(
    r".*?(?:[。！？!?；;]+(?:\s*\[\d+\])*|\.(?:\s*\[\d+\])*(?=\s|$)|\n|$)\s*", re.S
)


def numbers(text: str) -> list[str]:
    """Numbers in text, without [n] markers, thousands separators or trailing zeros."""
    text = _MARK.sub(" ", unicodedata.normalize("NFKC", text))
    out = []
    for m in _NUMBER.finditer(text):
        n = m.group(0).replace(",", "")
        if "." in n:
            n = n.rstrip("0").rstrip(".")
        out.append(n)
    return out


@dataclass
class GuardResult:
    ok: bool
    text: str
    citations: list[Citation]
    problems: list[str] = field(default_factory=list)

    @property
    def repaired(self) -> bool:
        return self.ok and bool(self.problems)


def _valid_citations(
    citations: Iterable[Citation], retrieved: Mapping[str, Chunk], problems: list[str]
) -> dict[int, Citation]:
    valid: dict[int, Citation] = {}
    for c in citations:
        chunk = retrieved.get(c.chunk_id)
        if chunk is None:
            problems.append(f"[{c.n}] cites a passage that was not retrieved")
        elif not squash(c.quote) or squash(c.quote) not in squash(chunk.text):
            problems.append(f"[{c.n}] quote is not verbatim text of its passage")
        else:
            valid[c.n] = c
    return valid


def _split(text: str) -> list[str]:
    return [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def check(draft: Draft, retrieved: Mapping[str, Chunk], question: str = "") -> GuardResult:
    """Verify (and repair) a draft against the chunks retrieval returned."""
    problems: list[str] = []
    if draft.abstained and not draft.citations:
        # A refusal may not state figures or cite anything unverified either.
        bad = [n for n in numbers(draft.text) if n not in set(numbers(question))]
        if bad:
            problems.append(f"refusal states numbers {bad}")
        return GuardResult(not bad, draft.text, [], problems)
    valid = _valid_citations(draft.citations, retrieved, problems)
    kept: list[str] = []
    used: set[int] = set()
    for sentence in _split(draft.text):
        marks = [int(m) for m in _MARK.findall(sentence)]
        unknown = [m for m in marks if m not in valid]
        if unknown:
            problems.append(f"unknown citation {unknown} in: {sentence.strip()[:60]}")
            sentence = _MARK.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", sentence)
            marks = [m for m in marks if m in valid]
        support = {n for m in (marks or valid) for n in numbers(valid[m].quote)}
        missing = [n for n in numbers(sentence) if n not in support]
        if missing:
            problems.append(f"numbers {missing} not in the cited passages: {sentence.strip()[:60]}")
            continue
        kept.append(sentence)
        used.update(marks)
    text = "".join(kept).strip()
    if not used and valid and text:
        problems.append("answer has no [n] marker")
        return GuardResult(False, text, [], problems)
    citations = [valid[n] for n in sorted(used)]
    if not text or not citations:
        problems.append("nothing supported is left")
        return GuardResult(False, "", [], problems)
    return GuardResult(True, text, citations, problems)
