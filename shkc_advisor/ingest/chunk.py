"""Chinese-aware chunking: by the document's own headings, then by sentence.

A chunk never crosses a section, never cuts a sentence (so never a number), carries its
section path, and has an id derived from its content, so re-indexing is idempotent.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from langchain_core.documents import Document

from .clean import CN_NUM, Paragraph

# A sentence ends at 。！？； (or !?; followed by space/end), keeping closing quotes attached.
_SENTENCE = re.compile(r".*?(?:[。！？；]+[”」』）)]*|[.!?;]+(?=\s|$)|$)", re.S)
_ITEM = re.compile(rf"^(\d{{1,2}}[、．]|[（(][{CN_NUM}\d]+[）)])")
_ITEM_LABEL_END = re.compile(r"[，。；：,;:！？]")
SECTION_SEP = " / "


def split_sentences(text: str) -> list[str]:
    """Sentences whose concatenation is exactly ``text``."""
    parts = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]
    return parts or ([text] if text else [])


def item_label(text: str, limit: int = 24) -> str | None:
    """'6、加快发展多层次资本市场' for a numbered item paragraph, else None."""
    if not _ITEM.match(text):
        return None
    head = _ITEM_LABEL_END.split(text, maxsplit=1)[0]
    return head[:limit]


def sectioned(paragraphs: Iterable[Paragraph], root: str = "") -> list[tuple[str, Paragraph]]:
    """Attach a section path (headings, then numbered item) to every body paragraph.

    Text before the first heading (title, abstract) gets ``root``.
    """
    path: dict[int, str] = {}
    item: str | None = None
    out: list[tuple[str, Paragraph]] = []
    for p in paragraphs:
        if p.heading is not None:
            path = {lvl: t for lvl, t in path.items() if lvl < p.heading}
            path[p.heading] = p.text
            item = None
            continue
        label = item_label(p.text)
        if label is not None:
            item = label
        parts = [path[k] for k in sorted(path)] + ([item] if item else [])
        out.append((SECTION_SEP.join(parts) or root, p))
    return out


def chunk_id(doc_id: str, section: str, text: str) -> str:
    return hashlib.sha1(f"{doc_id}\x1f{section}\x1f{text}".encode()).hexdigest()[:20]


def _pack(sentences: Sequence[str], size: int, overlap: int) -> list[str]:
    """Greedy packing of whole sentences into ~size chars, repeating `overlap` sentences."""
    chunks: list[str] = []
    start = 0
    while start < len(sentences):
        end, length = start, 0
        while end < len(sentences) and (end == start or length + len(sentences[end]) <= size):
            length += len(sentences[end])
            end += 1
        chunks.append("".join(sentences[start:end]).strip())
        if end >= len(sentences):
            break
        start = max(end - overlap, start + 1)
    return [c for c in chunks if c]


def chunk_paragraphs(
    paragraphs: Iterable[Paragraph],
    base: dict[str, object],
    size: int = 400,
    overlap: int = 1,
) -> list[Document]:
    """Chunks for one document. ``base`` metadata must hold doc_id and title."""
    doc_id = str(base["doc_id"])
    groups: list[tuple[str, list[str], int | None]] = []
    for section, p in sectioned(paragraphs, root=str(base.get("title") or doc_id)):
        sents = split_sentences(p.text)
        if groups and groups[-1][0] == section:
            prev = groups[-1][1]
            if prev:  # keep the paragraph break inside the chunk
                prev[-1] = prev[-1] + "\n"
            prev.extend(sents)
        else:
            groups.append((section, sents, p.page))
    docs: list[Document] = []
    for section, sents, page in groups:
        for i, text in enumerate(_pack(sents, size, overlap)):
            meta = dict(base)
            meta.update(section=section, chunk_index=i)
            if page is not None:
                meta["page"] = page
            meta["chunk_id"] = chunk_id(doc_id, section, text)
            docs.append(Document(page_content=text, metadata=meta, id=meta["chunk_id"]))
    return docs
