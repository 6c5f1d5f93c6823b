"""The LangChain face of the hybrid engine (``advisor.retriever``).

Kept apart from ``retrieval`` because ``langchain_core.retrievers`` pulls in LangChain's
tracing stack (~0.4 s of imports) that answering a question never needs.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from .retrieval import HybridSearch
from .types import ScoredChunk


def to_document(hit: ScoredChunk) -> Document:
    c = hit.chunk
    meta = {
        **{k: v for k, v in c.metadata.items() if k != "card"},
        "doc_id": c.doc_id, "title": c.title, "section": c.section, "kind": c.kind,
        "chunk_id": c.id, "score": hit.score,
        "dense_rank": hit.dense_rank, "bm25_rank": hit.bm25_rank,
    }
    if "card" in c.metadata:
        meta["card"] = json.loads(c.metadata["card"])
    return Document(page_content=c.text, metadata=meta, id=c.id)


class HybridRetriever(BaseRetriever):
    """LangChain retriever over the hybrid index (``advisor.retriever``).

    ``search_kwargs`` may hold ``k`` and ``filter`` (e.g. ``{"category": "financing"}``
    or ``{"doc_id": "..."}``).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    engine: HybridSearch
    k: int | None = None
    search_kwargs: dict[str, Any] = Field(default_factory=dict)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        opts = {**self.search_kwargs, **kwargs}
        k = int(kwargs.get("k") or self.k or opts.get("k") or self.engine.k)
        hits = self.engine.search(query, k=k, filters=opts.get("filter"))
        return [to_document(h) for h in hits][:k]
