"""Hybrid retrieval: dense (Chroma) and BM25 fused by weighted reciprocal-rank fusion.

BM25 wins on exact Chinese terms and numbers; dense wins on paraphrase and carries
English questions to Chinese passages, where BM25 scores zero. RRF only adds rank
credit, so a retriever that finds nothing (BM25 on English) cannot push good dense
hits down. When a measure card is retrieved, the source passages its figures are
quoted from join the results, so answers can cite the paper itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from .errors import RetrievalError
from .index.bm25_store import BM25Store
from .index.chroma_store import ChromaStore, card_of
from .index.embedders import Embedder
from .ingest.clean import squash
from .types import Chunk, ScoredChunk

RetrieverMode = Literal["hybrid", "dense", "bm25"]
log = logging.getLogger(__name__)


def rrf(
    rankings: Sequence[tuple[float, Sequence[str]]], k: int
) -> dict[str, float]:
    """Weighted reciprocal-rank fusion of ranked id lists."""
    scores: dict[str, float] = {}
    for weight, ids in rankings:
        for rank, cid in enumerate(ids):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank + 1)
    return scores


class HybridSearch:
    """The retrieval engine (plain Python); ``retriever.HybridRetriever`` is its LangChain face."""

    def __init__(
        self,
        store: ChromaStore,
        bm25: BM25Store,
        embedder: Embedder,
        *,
        k: int = 6,
        candidates: int = 30,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        bm25_weight: float = 1.0,
        mode: RetrieverMode = "hybrid",
    ) -> None:
        self.store, self.bm25, self.embedder = store, bm25, embedder
        self.k, self.candidates, self.rrf_k = k, candidates, rrf_k
        self.dense_weight, self.bm25_weight, self.mode = dense_weight, bm25_weight, mode
        self._by_id = {c.id: c for c in bm25.chunks}
        self._squashed = {c.id: squash(c.text) for c in bm25.chunks if c.kind != "measure"}
        self._quotes: dict[tuple[str, str | None], str | None] = {}
        self._place = {
            (c.doc_id, c.section, c.metadata.get("chunk_index")): c for c in bm25.chunks if c.kind != "measure"
        }

    def _allowed(self, filters: dict[str, Any] | None) -> set[str] | None:
        if not filters:
            return None
        return {
            c.id
            for c in self.bm25.chunks
            if all(str(c.metadata.get(k, getattr(c, k, None))) == str(v) for k, v in filters.items())
        }

    def search(
        self, query: str, k: int | None = None, filters: dict[str, Any] | None = None,
        notes: list[str] | None = None,
    ) -> list[ScoredChunk]:
        """Top-k fused hits. In hybrid mode a failing dense store (a Chroma server that is
        down, a collection being rebuilt by another process) leaves BM25 to answer alone;
        the reason is appended to ``notes``."""
        k = k or self.k
        n = self.candidates
        dense: list[tuple[Chunk, float]] = []
        sparse: list[tuple[Chunk, float]] = []
        if self.mode in ("hybrid", "dense"):
            where = _where(filters)
            try:
                hits = self.store.search(self.embedder.embed_query(query), n, where)
            except RetrievalError as exc:
                if self.mode == "dense":
                    raise
                log.warning("dense retrieval failed, answering from BM25 alone: %s", exc)
                if notes is not None:
                    notes.append(f"keyword search only: {exc}")
                hits = []
            # Chroma returns ids only; the passages are in the chunk table held here.
            dense = [(self._by_id[cid], score) for cid, score in hits if cid in self._by_id]
        if self.mode in ("hybrid", "bm25"):
            sparse = self.bm25.search(query, n, self._allowed(filters))
        fused = rrf(
            [(self.dense_weight, [c.id for c, _ in dense]), (self.bm25_weight, [c.id for c, _ in sparse])],
            self.rrf_k,
        )
        chunks = {c.id: c for c, _ in dense} | {c.id: c for c, _ in sparse}
        d_rank = {c.id: (i, s) for i, (c, s) in enumerate(dense)}
        b_rank = {c.id: (i, s) for i, (c, s) in enumerate(sparse)}
        order = _fuse_order(fused, [c.id for c, _ in dense], [c.id for c, _ in sparse], k, self._group)
        out = [
            ScoredChunk(
                chunks[cid], fused[cid],
                dense_rank=d_rank[cid][0] if cid in d_rank else None,
                bm25_rank=b_rank[cid][0] if cid in b_rank else None,
                dense_score=d_rank[cid][1] if cid in d_rank else None,
                bm25_score=b_rank[cid][1] if cid in b_rank else None,
            )
            for cid in order
        ]
        return out if filters else self._with_card_sources(out)

    def _group(self, cid: str) -> str:
        """A measure card is one result however many of its chunks match: every chunk of a
        card carries the whole card, so a second one would only push a passage out."""
        c = self._by_id.get(cid)
        return f"card:{c.doc_id}" if c is not None and c.kind == "measure" else cid

    def _with_card_sources(self, hits: list[ScoredChunk]) -> list[ScoredChunk]:
        """Add the source chunks that retrieved measure cards quote (once each, after the card)."""
        present = {h.chunk.id for h in hits}
        out: list[ScoredChunk] = []
        for h in hits:
            out.append(h)
            card = card_of(h.chunk)
            if not card:
                continue
            for src in card.get("sources") or []:
                cid = self.find_quote(str(src.get("quote", "")), src.get("doc_id"))
                if cid and cid not in present:
                    present.add(cid)
                    out.append(ScoredChunk(self._by_id[cid], h.score * 0.999))
        return out

    def find_quote(self, quote: str, doc_id: str | None = None) -> str | None:
        """The chunk holding ``quote`` verbatim (memoised: card quotes are fixed, and a
        scan of every chunk per retrieved card is the slowest step at 100k chunks)."""
        key = (quote, doc_id)
        if key not in self._quotes:
            self._quotes[key] = self._find_quote(quote, doc_id)
        return self._quotes[key]

    def _find_quote(self, quote: str, doc_id: str | None) -> str | None:
        q = squash(quote)
        if not q:
            return None
        for cid, text in self._squashed.items():
            if q in text and (doc_id is None or self._by_id[cid].doc_id == doc_id):
                return cid
        return None

    def chunk(self, cid: str) -> Chunk | None:
        return self._by_id.get(cid)

    def next_chunk(self, chunk: Chunk) -> Chunk | None:
        """The chunk that continues ``chunk`` in its section (a list that runs on), if any."""
        index = chunk.metadata.get("chunk_index")
        if not isinstance(index, int):
            return None
        return self._place.get((chunk.doc_id, chunk.section, index + 1))


def _fuse_order(
    fused: dict[str, float], dense: list[str], sparse: list[str], k: int, group: Callable[[str], str]
) -> list[str]:
    """RRF order, one result per group, and each retriever's top two always make the cut: a
    passage only one retriever finds (BM25 on an exact term, dense on a paraphrase) is not
    drowned out by passages both rank middling."""

    def first_of_group(ids: Iterable[str]) -> list[str]:
        seen: set[str] = set()
        out = []
        for cid in ids:
            if (g := group(cid)) not in seen:
                seen.add(g)
                out.append(cid)
        return out

    ranked = first_of_group(sorted(fused, key=lambda cid: -fused[cid]))
    firsts = set(ranked)
    keep = list(dict.fromkeys([*[c for c in dense if c in firsts][:2], *[c for c in sparse if c in firsts][:2]]))[:k]
    rest = [cid for cid in ranked if cid not in keep]
    chosen = set(keep + rest[: max(k - len(keep), 0)])
    return [cid for cid in ranked if cid in chosen]


def _where(filters: dict[str, Any] | None) -> dict[str, Any] | None:
    if not filters:
        return None
    items = [{k: v} for k, v in filters.items()]
    return items[0] if len(items) == 1 else {"$and": items}
