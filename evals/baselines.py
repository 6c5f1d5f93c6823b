"""The systems an eval can run: the advisor (any retriever mode) and a plain LangChain RAG.

Every system turns a case into an ``Observation`` (answer, citations' quotes, latency and
the top retrieved chunk texts for the retrieval metrics), so all are scored alike.

The LangChain baseline is what a first prototype would be: RecursiveCharacterTextSplitter
(500/50) over the cleaned paper, a Chroma vector store with our embedder, and the top 3
passages as the answer — it never abstains and cites exactly those passages.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Protocol

from shkc_advisor import Advisor, AdvisorError, Settings
from shkc_advisor.retrieval import RetrieverMode

from .metrics.base import Case, Observation

SEARCH_K = 10  # depth of the retrieval list scored by recall@k and MRR
PAPER = Path("sources") / "shkc-tech-market-paper.txt"


class System(Protocol):
    name: str

    def observe(self, case: Case) -> Observation: ...

    def close(self) -> None: ...


class AdvisorSystem:
    """The advisor through its public API: ``ask`` for the answer, ``search`` for recall."""

    def __init__(self, advisor: Advisor, name: str | None = None, search_k: int = SEARCH_K) -> None:
        self.advisor = advisor
        self.name = name or f"{advisor.retriever_mode} · {advisor.mode}"
        self.search_k = search_k

    def observe(self, case: Case) -> Observation:
        started = time.perf_counter()
        try:
            answer = self.advisor.ask(case.question)
        except AdvisorError as exc:  # an InputError is a refusal of sorts; record it
            obs = Observation(
                question=case.question, text="", abstained=True, quotes=[],
                latency_ms=(time.perf_counter() - started) * 1000, error=str(exc),
                raw={"question": case.question, "error": str(exc)},
            )
        else:
            obs = Observation(
                question=case.question, text=answer.text, abstained=answer.abstained,
                quotes=[c.quote for c in answer.citations], latency_ms=answer.latency_ms,
                raw=answer.to_json(),
            )
        try:
            # search() adds the paper passages a retrieved measure card quotes right after
            # it, so the list can outgrow k; score the first k like any other system.
            hits = self.advisor.search(case.question, k=self.search_k)[: self.search_k]
        except AdvisorError:
            hits = []
        obs.retrieved = [h.chunk.text for h in hits]
        obs.carried = [card_quotes(h.chunk.metadata.get("card")) for h in hits]
        return obs

    def close(self) -> None:
        pass


def card_quotes(raw: object) -> list[str]:
    """The verbatim source quotes of a measure card (chunk metadata holds it as JSON)."""
    if not isinstance(raw, str) or not raw:
        return []
    sources = json.loads(raw).get("sources") or []
    return [str(s["quote"]) for s in sources if isinstance(s, dict) and s.get("quote")]


def advisor_variants(
    settings: Settings, primary: Advisor, generator: str | None,
    modes: tuple[RetrieverMode, ...] = ("bm25", "dense"),
) -> list[AdvisorSystem]:
    """The same advisor with single retrievers, sharing the primary's store and embedder."""
    return [
        AdvisorSystem(
            Advisor(settings, generator=generator, retriever_mode=mode,
                    store=primary.store, embedder=primary.embedder),
            name=mode if mode == "hybrid" else f"{mode}-only",
        )
        for mode in modes
    ]


def paper_text(corpus_dir: Path) -> str:
    """The paper as the loader cleans it (lines joined, page furniture dropped)."""
    from shkc_advisor.ingest.loaders import load_file

    doc = load_file(corpus_dir / PAPER)
    return "\n\n".join(p.text for p in doc.paragraphs)


class LangChainBaseline:
    """Splitter + Chroma (temp dir) + top-3 passages joined as the answer."""

    name = "langchain top-3"

    def __init__(
        self, settings: Settings, embedder: Any | None = None, *, answer_k: int = 3,
        search_k: int = SEARCH_K, chunk_size: int = 500, chunk_overlap: int = 50,
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from shkc_advisor.index.embedders import get_embedder

        self.answer_k, self.search_k = answer_k, search_k
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap
        )
        self.chunks = splitter.split_text(paper_text(settings.corpus_dir))
        self._dir = tempfile.mkdtemp(prefix="shkc-lc-baseline-")
        client = chromadb.PersistentClient(
            path=self._dir, settings=ChromaSettings(anonymized_telemetry=False)
        )
        self.store = Chroma(
            collection_name="langchain_baseline", client=client,
            embedding_function=embedder or get_embedder(settings),
        )
        self.store.add_texts(self.chunks)

    def observe(self, case: Case) -> Observation:
        started = time.perf_counter()
        docs = self.store.similarity_search(case.question, k=self.answer_k)
        passages = [d.page_content for d in docs]
        text = "\n\n".join(f"[{i}] {p}" for i, p in enumerate(passages, 1))
        latency = (time.perf_counter() - started) * 1000
        docs = self.store.similarity_search(case.question, k=self.search_k)
        retrieved = [d.page_content for d in docs]
        raw = {
            "question": case.question, "answer": text, "abstained": False,
            "citations": [{"n": i, "quote": p} for i, p in enumerate(passages, 1)],
            "mode": "langchain", "latency_ms": round(latency, 1),
        }
        return Observation(
            question=case.question, text=text, abstained=False, quotes=passages,
            latency_ms=latency, retrieved=retrieved, raw=raw,
        )

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)
