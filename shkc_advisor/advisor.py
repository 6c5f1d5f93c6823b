"""``Advisor``: wiring of settings, stores, retrieval, generators and the guard.

No business logic lives here: each step is owned by its module. The advisor opens the
index lazily and reopens the BM25 side when an `index` run (another process, the admin
tab) has replaced it.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import guard
from .conversation import normalise_history, standalone
from .errors import AdvisorError, GenerationError, IndexError_, IndexMissingError, InputError
from .generate import Context, Generator, get_generator
from .generate.analysis import analyse, asks_everyday
from .generate.base import refusal, stream_text
from .generate.evidence import RARE_IDF
from .index.bm25_store import BM25Store
from .index.chroma_store import ChromaStore, discard_local_index
from .index.embedders import Embedder, get_embedder
from .index.indexer import Indexer, IndexReport, Progress
from .retrieval import HybridSearch, RetrieverMode
from .settings import Settings
from .types import Answer, Draft, ScoredChunk

if TYPE_CHECKING:
    from .retriever import HybridRetriever

FALLBACK_NOTE_ZH = "（大模型服务暂不可用或回答未通过核验，以下为离线检索答案。）"
FALLBACK_NOTE_EN = "(The LLM endpoint was unavailable or its answer failed verification; this is the offline answer.)"
SCOPE_ZH = "这个问题不在资料范围内：资料讲的是上海科技创新政策措施。"
SCOPE_EN = "This question is outside the sources, which cover Shanghai's sci-tech innovation policy measures."
OWN_STATUS_ZH = "资料是政策文本，不含具体申请的办理进度，请向受理部门查询。"
OWN_STATUS_EN = "The sources are policy texts; they hold no application's progress. Ask the office handling it."


def check_question(question: object, max_chars: int) -> str:
    """Reject what cannot be a question, with a message a founder understands."""
    if not isinstance(question, str):
        raise InputError("the question must be text")
    text = "".join(
        ch for ch in question if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    ).strip()
    if not text:
        raise InputError("the question is empty; type a question about a Shanghai policy measure")
    if len(text) > max_chars:
        raise InputError(
            f"the question is {len(text)} characters long; please keep it under {max_chars}"
        )
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise InputError("the question has no words; ask in Chinese or English")
    return text


class Advisor:
    """Grounded answers on Shanghai sci-tech policy.

    >>> advisor = Advisor()                 # settings from SHKC_* env / .env
    >>> advisor.ask("履约贷第6期的总额度是多少？").text
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: ChromaStore | None = None,
        embedder: Embedder | None = None,
        generator: Generator | str | None = None,
        retriever_mode: RetrieverMode = "hybrid",
    ) -> None:
        self.settings = settings or Settings.load()
        self.embedder = embedder or get_embedder(self.settings)
        self._store = store
        self._generator = (
            get_generator(self.settings, generator) if generator is None or isinstance(generator, str)
            else generator
        )
        self._fallback: Generator | None = None
        self.retriever_mode = retriever_mode
        self._engine: HybridSearch | None = None
        self._bm25_stamp: float = -1.0
        self._lock = threading.Lock()

    # ---- index -------------------------------------------------------------------------
    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            self._store = ChromaStore.from_settings(self.settings, self.embedder)
        return self._store

    def index(
        self, paths: Sequence[Path | str] | None = None, rebuild: bool = False,
        progress: Progress | None = None,
    ) -> IndexReport:
        """Add, update and remove documents so the index matches the files."""
        try:
            store = self.store
        except IndexError_:
            if not rebuild or self.settings.chroma_url:
                raise
            discard_local_index(self.settings)  # corrupt beyond repair: start the store afresh
            store = self.store
        indexer = Indexer(self.settings, store, self.embedder)
        report = indexer.sync([Path(p) for p in paths] if paths else None, rebuild, progress)
        self._engine = None
        return report

    def has_index(self) -> bool:
        return (self.settings.bm25_dir / "chunks.jsonl").exists()

    @property
    def engine(self) -> HybridSearch:
        stamp_file = self.settings.bm25_dir / "chunks.jsonl"
        stamp = stamp_file.stat().st_mtime if stamp_file.exists() else -1.0
        with self._lock:
            if self._engine is None or stamp != self._bm25_stamp:
                if stamp < 0:
                    raise IndexMissingError(
                        f"no index in {self.settings.data_dir}; run `shkc-advisor index` first"
                    )
                bm25 = BM25Store.load(self.settings.bm25_dir)
                s = self.settings
                self._engine = HybridSearch(
                    self.store, bm25, self.embedder, k=s.top_k, candidates=s.candidates,
                    rrf_k=s.rrf_k, dense_weight=s.dense_weight, bm25_weight=s.bm25_weight,
                    mode=self.retriever_mode,
                )
                self._bm25_stamp = stamp
                self._anchors = _anchor_terms(bm25)
                self._idf_cache: dict[str, float] = {}
            return self._engine

    @property
    def retriever(self) -> HybridRetriever:
        """The hybrid index as a LangChain ``BaseRetriever``."""
        from .retriever import HybridRetriever  # LangChain's tracing stack loads only for this

        return HybridRetriever(engine=self.engine, k=self.settings.top_k)

    def search(self, query: str, k: int | None = None, filters: dict[str, Any] | None = None) -> list[ScoredChunk]:
        return self.engine.search(query, k=k, filters=filters)

    def measures(self) -> list[dict[str, Any]]:
        """The measure cards in the index (front matter as dicts)."""
        import json

        seen: dict[str, dict[str, Any]] = {}
        for c in self.engine.bm25.chunks:
            raw = c.metadata.get("card")
            if c.kind == "measure" and isinstance(raw, str) and c.doc_id not in seen:
                seen[c.doc_id] = json.loads(raw)
        return sorted(seen.values(), key=lambda d: str(d.get("id")))

    # ---- answering ---------------------------------------------------------------------
    def idf(self, term: str) -> float:
        cached = self._idf_cache.get(term)
        if cached is None:
            bm25 = self.engine.bm25
            # Terms with digits ("第6期", "22条") have no bigram statistics: count them.
            df = (
                sum(1 for c in bm25.chunks if term in c.text)
                if any(ch.isdigit() for ch in term) else bm25.df(term)
            )
            n = max(len(bm25.chunks), 1)
            cached = 0.0 if df == 0 else math.log(1 + (n - df + 0.5) / (df + 0.5))
            self._idf_cache[term] = cached
        return cached

    def _prepare(self, question: str, history: Sequence[Any] | None, filters: dict[str, Any] | None) -> Context:
        q = check_question(question, self.settings.max_question_chars)
        engine = self.engine
        messages = normalise_history(history)
        standalone_q = standalone(q, messages, self._anchors)
        rewrite = getattr(self._generator, "rewrite", None)  # LLM mode: the model rewrites
        if rewrite is not None and messages:
            limit = self.settings.max_question_chars
            with contextlib.suppress(AdvisorError):  # on failure the carry-over stands
                standalone_q = check_question(rewrite(q, messages), limit)
        query = analyse(standalone_q, self._anchors)
        notes: list[str] = []
        hits = engine.search(query.search_text, filters=filters, notes=notes)
        vector = None
        if query.lang == "en" and self.retriever_mode != "bm25":
            vector = self.embedder.embed_query(query.search_text)  # cached from retrieval
        nearest = max((h.dense_score for h in hits if h.dense_score is not None), default=None)
        floor = getattr(self.embedder, "unrelated_below", None)
        unrelated = query.lang == "zh" and nearest is not None and floor is not None and nearest < floor
        # (a word of one passage, found there, is no chance likeness: "那场研讨会是在哪里开的？")
        unrelated = unrelated and not any(
            self.idf(t.alts[0]) >= RARE_IDF and t.alts[0] in h.chunk.text
            for t in query.terms if not t.aside and t.source == "zh" for h in hits[:3])
        unrelated = unrelated and not query.asks_author  # (the author's name is no policy word)
        unrelated = unrelated or asks_everyday(query, self.idf)
        return Context(
            standalone_q, query, hits, self.idf, messages,
            query_vector=vector, embed_passages=self.embedder.embed_documents, notes=notes, unrelated=unrelated,
            next_chunk=engine.next_chunk,
            search=lambda text: engine.search(text, filters=filters, notes=[]),
        )

    def _finish(self, question: str, ctx: Context, draft: Draft, started: float, notes: list[str]) -> Answer:
        retrieved = {h.chunk.id: h.chunk for h in ctx.hits}
        result = guard.check(draft, retrieved, ctx.question)
        if not result.ok:
            if not draft.abstained and draft.mode != "extractive":
                raise GenerationError("; ".join(result.problems))
            draft = refusal(ctx.query, [])
            result = guard.check(draft, retrieved, ctx.question)
        return Answer(
            text=result.text,
            citations=result.citations,
            abstained=draft.abstained,
            mode=draft.mode,
            latency_ms=(time.perf_counter() - started) * 1000,
            question=question,
            notes=ctx.notes + notes + list(draft.notes),
            standalone_question=ctx.question if ctx.question != question else "",
        )

    def _offline(self) -> Generator:
        if self._fallback is None:
            self._fallback = get_generator(self.settings, "extractive")
        return self._fallback

    def ask(
        self, question: str, history: Sequence[Any] | None = None,
        filters: dict[str, Any] | None = None,
    ) -> Answer:
        """Answer with citations, or abstain. Raises ``InputError`` for unusable questions."""
        started = time.perf_counter()
        ctx = self._prepare(question, history, filters)
        if ctx.unrelated:  # any generator would only find words in common ("孵化器孵小鸡")
            scope = SCOPE_EN if ctx.query.lang == "en" else SCOPE_ZH
            return self._finish(question, ctx, refusal(ctx.query, [], scope), started, [])
        if ctx.query.asks_own_status:  # "我们的创新券批下来了吗": no generator can know, an LLM would guess
            status = OWN_STATUS_EN if ctx.query.lang == "en" else OWN_STATUS_ZH
            return self._finish(question, ctx, refusal(ctx.query, [], status), started, [])
        try:
            draft = self._generator.generate(ctx)
            return self._finish(question, ctx, draft, started, [])
        except GenerationError as exc:
            if self._generator.name == "extractive":
                raise
            note = FALLBACK_NOTE_EN if ctx.query.lang == "en" else FALLBACK_NOTE_ZH
            draft = self._offline().generate(ctx)
            answer = self._finish(question, ctx, draft, started, [f"fallback: {exc}"])
            answer.text = f"{note}\n{answer.text}"
            return answer

    def stream(
        self, question: str, history: Sequence[Any] | None = None,
        filters: dict[str, Any] | None = None,
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are ready, then the final, verified ``Answer``.

        Streaming shows verified text only: the guard runs before anything is shown, so
        the pieces are the guarded answer released progressively.
        """
        answer = self.ask(question, history, filters)
        yield from stream_text(answer.text)
        yield answer

    @property
    def mode(self) -> str:
        return self._generator.name


def _anchor_terms(bm25: BM25Store) -> set[str]:
    from importlib import resources

    terms = set(resources.files("shkc_advisor").joinpath("data/terms.txt").read_text("utf-8").split())
    for c in bm25.chunks:
        if c.kind == "measure":
            terms.add(c.title)
    return {t for t in terms if len(t) >= 2}


__all__ = ["Advisor", "AdvisorError", "check_question"]
