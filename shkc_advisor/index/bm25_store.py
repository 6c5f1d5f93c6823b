"""The sparse store: bm25s over jieba words + CJK bigrams, persisted beside Chroma.

bm25s has no incremental update, so the index is rebuilt from the full chunk table
whenever an `index` run changed anything (tens of milliseconds per thousand chunks).
The chunk table (chunks.jsonl) also serves retrieval results without a Chroma round trip.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import IndexError_, IndexMissingError
from ..types import Chunk
from . import tokenize

_CHUNKS = "chunks.jsonl"


def _search_text(chunk: Chunk) -> str:
    return f"{chunk.title} {chunk.section}\n{chunk.text}"


def _card_names(chunks: Sequence[Chunk]) -> list[str]:
    names = []
    for c in chunks:
        if c.kind == "measure":
            names.append(c.title)
    return names


class BM25Store:
    def __init__(self, chunks: Sequence[Chunk], model: Any | None) -> None:
        self.chunks = list(chunks)
        self.model = model
        self.by_id = {c.id: i for i, c in enumerate(self.chunks)}
        self._df: np.ndarray | None = None
        tokenize.add_terms(_card_names(self.chunks))

    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> BM25Store:
        import bm25s

        tokenize.add_terms(_card_names(chunks))
        model = None
        if chunks:
            model = bm25s.BM25(k1=1.2, b=0.75)
            # Integer ids while tokenising: holding every token as a Python string peaked at
            # 5 GiB for 100k chunks; 4-byte ids per token keep the build a fraction of that.
            vocab: dict[str, int] = {}
            ids = [
                array("i", [vocab.setdefault(t, len(vocab)) for t in tokenize.tokens(_search_text(c)) or ["∅"]])
                for c in chunks
            ]
            model.index((ids, vocab), show_progress=False)
        return cls(chunks, model)

    def save(self, directory: Path) -> None:
        """Write to a temp dir, then swap it in: a reader never sees half an index."""
        tmp = directory.with_name(directory.name + ".tmp")
        if tmp.exists():
            _rmtree(tmp)
        tmp.mkdir(parents=True)
        if self.model is not None:
            self.model.save(str(tmp), show_progress=False)
        with (tmp / _CHUNKS).open("w", encoding="utf-8") as f:
            for c in self.chunks:
                row = {"id": c.id, "text": c.text, "doc_id": c.doc_id, "title": c.title,
                       "section": c.section, "kind": c.kind, "metadata": c.metadata}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        old = directory.with_name(directory.name + ".old")
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        if old.exists():
            _rmtree(old)

    @classmethod
    def load(cls, directory: Path) -> BM25Store:
        import bm25s

        path = directory / _CHUNKS
        if not path.exists():
            raise IndexMissingError(
                f"no index at {directory.parent}; run `shkc-advisor index` to build it"
            )
        try:
            chunks = [Chunk(**json.loads(line)) for line in path.open(encoding="utf-8") if line.strip()]
            model = bm25s.BM25.load(str(directory)) if chunks else None
        except (ValueError, TypeError, KeyError, OSError) as exc:
            raise IndexError_(
                f"the BM25 index in {directory} is corrupt ({exc}); run `shkc-advisor index --rebuild`"
            ) from exc
        return cls(chunks, model)

    def df(self, term: str) -> int:
        """Chunks containing ``term``: its own column if it is a token, else its rarest bigram."""
        if self.model is None:
            return 0
        if self._df is None:
            indptr = np.asarray(self.model.scores["indptr"])
            self._df = np.diff(indptr)
        vocab = self.model.vocab_dict
        key = term.lower()
        if key in vocab:
            return int(self._df[vocab[key]])
        grams = tokenize.bigrams(term)
        if not grams:
            return 0
        return min(int(self._df[vocab[g]]) if (g := "#" + b) in vocab else 0 for b in grams)

    def search(
        self, query: str, k: int, allowed: set[str] | None = None
    ) -> list[tuple[Chunk, float]]:
        """Top-k (chunk, score) with score > 0; ``allowed`` restricts to those chunk ids."""
        if self.model is None:
            return []
        q = [t for t in tokenize.tokens(query) if t in self.model.vocab_dict]
        if not q:
            return []
        scores = self.model.get_scores(q)
        if allowed is not None:
            mask = np.zeros(len(self.chunks), dtype=bool)
            for cid in allowed:
                if cid in self.by_id:
                    mask[self.by_id[cid]] = True
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(self.chunks))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top])]
        return [(self.chunks[i], float(scores[i])) for i in top if scores[i] > 0]


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
