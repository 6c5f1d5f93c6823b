"""Ingestion: files → cleaned paragraphs → section-aware chunks (LangChain Documents)."""

from __future__ import annotations

from pathlib import Path

from langchain_core.documents import Document

from ..types import Chunk
from .chunk import chunk_paragraphs, split_sentences
from .clean import repair_lines, squash
from .loaders import SUPPORTED, LoadedDoc, load_file

__all__ = [
    "SUPPORTED",
    "LoadedDoc",
    "chunk_paragraphs",
    "document_to_chunk",
    "load_documents",
    "load_file",
    "repair_lines",
    "split_sentences",
    "squash",
]

_BASE_KEYS = ("category", "lang", "language", "card")


def load_documents(
    path: Path, root: Path | None = None, size: int = 400, overlap: int = 1,
    max_bytes: int | None = None,
) -> tuple[LoadedDoc, list[Document]]:
    """One file as chunk Documents with doc id, title, section path, page and content hash."""
    doc = load_file(path, root=root, max_bytes=max_bytes)
    base: dict[str, object] = {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "kind": doc.kind,
        "source": str(path),
        "content_hash": doc.sha256,
    }
    for key in _BASE_KEYS:
        value = doc.metadata.get(key)
        if isinstance(value, str | int | float) and value is not None:
            base[key] = value
    return doc, chunk_paragraphs(doc.paragraphs, base, size=size, overlap=overlap)


def document_to_chunk(d: Document) -> Chunk:
    meta = dict(d.metadata)
    return Chunk(
        id=str(meta.pop("chunk_id")),
        text=d.page_content,
        doc_id=str(meta.pop("doc_id")),
        title=str(meta.pop("title")),
        section=str(meta.pop("section")),
        kind=str(meta.pop("kind", "document")),
        metadata=meta,
    )
