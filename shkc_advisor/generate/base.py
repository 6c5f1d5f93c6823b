"""The generator protocol and registry. Generators draft; the guard decides what is shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..errors import ConfigError
from ..settings import Settings
from ..types import Chunk, Draft, ScoredChunk
from .analysis import Query


@dataclass
class Context:
    """Everything a generator may use: the standalone question, its analysis, the hits."""

    question: str
    query: Query
    hits: list[ScoredChunk]
    idf: Callable[[str], float]
    history: list[dict[str, str]] = field(default_factory=list)
    # Dense similarity for ranking evidence sentences (cached passage vectors).
    query_vector: list[float] | None = None
    embed_passages: Callable[[list[str]], list[list[float]]] | None = None
    notes: list[str] = field(default_factory=list)  # e.g. retrieval ran degraded
    unrelated: bool = False  # no passage is near the question at all (see Embedder.unrelated_below)
    # The chunk continuing a hit in its section. A generator that uses one appends it to
    # ``hits`` (see ``fetch_next``), so its citations still point to retrieved chunks.
    next_chunk: Callable[[Chunk], Chunk | None] | None = None
    # A search of its own for one part of a multi-part question; the same rule applies.
    search: Callable[[str], list[ScoredChunk]] | None = None

    def fetch_next(self, chunk: Chunk) -> Chunk | None:
        nxt = self.next_chunk(chunk) if self.next_chunk else None
        if nxt is not None and all(h.chunk.id != nxt.id for h in self.hits):
            self.hits.append(ScoredChunk(nxt, 0.0))
        return nxt

    def fetch_more(self, text: str, most: int = 4) -> None:
        """Add the best ``most`` hits of a search for ``text`` that are not hits yet."""
        if self.search is None:
            return
        seen = {h.chunk.id for h in self.hits}
        fresh = [h for h in self.search(text) if h.chunk.id not in seen]
        self.hits.extend(ScoredChunk(h.chunk, 0.0) for h in fresh[:most])


@runtime_checkable
class Generator(Protocol):
    name: str

    def generate(self, ctx: Context) -> Draft: ...


GeneratorFactory = Callable[[Settings], Generator]
_REGISTRY: dict[str, GeneratorFactory] = {}


def register_generator(name: str) -> Callable[[GeneratorFactory], GeneratorFactory]:
    def deco(factory: GeneratorFactory) -> GeneratorFactory:
        _REGISTRY[name] = factory
        return factory

    return deco


def available_generators() -> list[str]:
    return sorted(_REGISTRY)


def get_generator(settings: Settings, name: str | None = None) -> Generator:
    name = name or settings.generator
    if name == "auto":
        name = "openai" if settings.llm_configured else "extractive"
    factory = _REGISTRY.get(name)
    if factory is None:
        raise ConfigError(
            f"unknown generator {name!r}; set SHKC_GENERATOR to one of "
            f"{', '.join(['auto', *available_generators()])}"
        )
    return factory(settings)


_DIGIT = re.compile(r"\d")


def refusal(query: Query, topics: list[str], reason: str | None = None) -> Draft:
    """An honest "the sources don't say", naming what they do cover (never a figure)."""
    from .focus import FOCUS

    topics = [t for t in dict.fromkeys(topics) if t and not _DIGIT.search(t)][:4]
    focus = FOCUS.get(query.focus or "")
    if query.lang == "en":
        what = f" {focus[3]}" if focus else " an answer to this question"
        text = f"The sources don't say: they do not give{what}."
        if reason:
            text += f" {reason}"
        if topics:
            text += " What they do cover nearby: " + "; ".join(topics) + "."
        text += " Try rephrasing, or check with the issuing department for current details."
    else:
        what = focus[2] if focus else "这个问题的答案"
        text = f"抱歉，现有资料没有提到{what}。"
        if reason:
            text += reason
        if topics:
            text += "资料涉及的相关内容有：" + "；".join(topics) + "。"
        text += "您可以换个问法，或向主管部门咨询最新信息。"
    return Draft(text=text, citations=[], abstained=True, mode="extractive")


def role_reply(query: Query) -> Draft:
    """The reply to an attempt to change the advisor's role or extract its instructions."""
    if query.lang == "en":
        text = (
            "I'm the Shanghai sci-tech policy advisor: I only answer from the policy sources, "
            "with citations, and I can't change that role or share my instructions. "
            "Ask me about innovation vouchers, loans, incubators or other measures."
        )
    else:
        text = (
            "我是上海科创政策顾问，只依据政策资料作答并注明出处，不能改变这一角色或透露内部指令。"
            "欢迎询问科技创新券、科技信贷、孵化器等政策措施。"
        )
    return Draft(text=text, citations=[], abstained=True, mode="extractive")


def stream_text(text: str, size: int = 8) -> Iterator[str]:
    """Deterministic streaming of a finished answer, a few characters at a time."""
    for i in range(0, len(text), size):
        yield text[i : i + size]


def card_of_hit(hit: ScoredChunk) -> dict[str, Any] | None:
    import json

    raw = hit.chunk.metadata.get("card")
    return json.loads(raw) if isinstance(raw, str) and raw else None


def card_topics(ctx: Context) -> list[str]:
    """Names of the measure cards among the hits, in the question's language (for refusals)."""
    key = "name_en" if ctx.query.lang == "en" else "name_zh"
    return [str(card.get(key, "")) for h in ctx.hits if (card := card_of_hit(h))]
