"""The benchmark code paths at a tiny size: they run and produce every figure.

No timing assertions: speed and memory targets live in `python -m benchmarks` output only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from shkc_advisor import Advisor

ROOT = Path(__file__).resolve().parents[1]
MODES = ("embed_query", "bm25", "dense_store", "dense_engine", "peer_dense", "hybrid",
         "ask_extractive", "ask_multipart", "hybrid_incl_embed", "ask_extractive_incl_embed")


def test_synthetic_corpus_keeps_real_chunks_and_makes_unique_normalised_ones(
    advisor: Advisor,
) -> None:
    from benchmarks.corpus import real_chunks_and_vectors, synthesize

    real, vecs = real_chunks_and_vectors(advisor.settings.data_dir)
    assert len(real) == advisor.store.count() and vecs.shape == (len(real), 384)

    small, _, n_syn = synthesize(real, vecs, 50)
    assert n_syn == 0 and len(small) == 50 and {c.id for c in small} <= {c.id for c in real}

    chunks, out, n_syn = synthesize(real, vecs, len(real) + 300)
    assert n_syn == 300 and len(chunks) == len(out) == len(real) + 300
    assert chunks[: len(real)] == real
    assert len({c.id for c in chunks}) == len(chunks)
    assert len({c.text for c in chunks}) == len(chunks)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-4)
    # Synthetic chunks reuse real sentences and stay near a real vector, not random noise.
    sentences = "".join(c.text for c in real)
    syn = chunks[len(real) :]
    first = syn[0].text.split("\n〔合成段落")[0]
    assert first and all(part in sentences for part in first.split("。") if part)
    sims = out[len(real) :] @ vecs.T
    assert float(np.median(sims.max(axis=1))) > 0.9


@pytest.mark.slow
def test_benchmark_run_writes_every_figure_json_and_plot(advisor: Advisor, tmp_path: Path) -> None:
    out = tmp_path / "results"
    cmd = [sys.executable, "-m", "benchmarks", "--real-data", str(advisor.settings.data_dir),
           "--sizes", "100,300", "--queries", "2", "--rounds", "1", "--only", "retrieval",
           "--max-load", "0", "--out-dir", str(out), "--work-dir", str(tmp_path / "work"),
           "--name", "smoke"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHKC_", "OPENAI_"))}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((out / "smoke.json").read_text("utf-8"))
    assert data["failures"] == {}
    for size, synthetic in (("100", 0), ("300", 300 - advisor.store.count())):
        res = data["sizes"][size]
        assert res["chunks"] == int(size) and res["build"]["synthetic"] == synthetic
        assert res["errors"] == {}
        for mode in MODES:
            assert res["latency_ms"][mode]["n"] >= 2, mode
        assert res["ratios"]["hybrid/peer_dense"]["p50"] > 0
        assert res["memory"]["after_queries"]["peak_rss_mb"] > 0
    assert (out / "smoke.png").stat().st_size > 10_000
    assert "synthetic" in proc.stdout and "TARGETS" in proc.stdout
    statuses = {t["target"]: t["status"] for t in data["targets"]}
    assert statuses["warm hybrid retrieval p95 @10k"] == "not run"  # no 10k size in this run


@pytest.mark.slow
def test_load_clients_chat_through_the_gradio_queue_and_v1(
    advisor: Advisor, tmp_path: Path
) -> None:
    from benchmarks.load import GradioChat, load_test
    from benchmarks.server import serve_process, wait_http

    data = tmp_path / "data"
    shutil.copytree(advisor.settings.data_dir, data)
    proc, base = serve_process(data, tmp_path / "serve.log")
    with proc:
        wait_http(base + "/", proc)
        questions = ["履约贷第6期的总额度是多少？", "How many firms received innovation vouchers?"]
        for api in ("gradio", "v1"):
            res = load_test(base, api, concurrency=2, duration=0.1, questions=questions)
            assert res["errors"] == 0, res["error_samples"]
            assert res["answers"] >= 2 and res["latency_ms"]["n"] == res["answers"]
        # A failure shown in the chat counts as an error, not an answer.
        chat = GradioChat(base)
        try:
            bad = chat.ask("？？？")
            good = chat.ask("履约贷第6期的总额度是多少？")
        finally:
            chat.close()
        assert not bad["ok"] and "no words" in bad["error"]
        assert good["ok"] and good["first_piece"] is not None
