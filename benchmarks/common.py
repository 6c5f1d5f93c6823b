"""Small shared helpers: percentiles, memory from /proc, ports, machine load, questions."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import socket
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
RESULTS = Path(__file__).resolve().parent / "results"

# The app and the library must never phone home, in benchmarks either.
OFFLINE_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def offline_env() -> None:
    for k, v in OFFLINE_ENV.items():
        os.environ.setdefault(k, v)


# Settings a benchmark sets itself; an LLM endpoint (OPENAI_*, SHKC_OPENAI_*) passes through.
_OWN_SETTINGS = (
    "SHKC_DATA_DIR",
    "SHKC_CORPUS_DIR",
    "SHKC_CHROMA_URL",
    "SHKC_COLLECTION",
    "SHKC_GENERATOR",
    "SHKC_HOST",
    "SHKC_PORT",
    "SHKC_API_KEY",
    "SHKC_ADMIN_PASSWORD",
    "SHKC_MCP",
    "SHKC_EMBEDDER",
)


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a subprocess: offline, the benchmark's own data dir and port."""
    env = {k: v for k, v in os.environ.items() if k not in _OWN_SETTINGS}
    env.update(OFFLINE_ENV)
    env.update(extra)
    return env


def stats_ms(samples: Iterable[float]) -> dict[str, float]:
    """p50/p95/mean/max in milliseconds of samples given in seconds."""
    xs = sorted(s * 1000 for s in samples)
    if not xs:
        return {"n": 0}

    def pct(p: float) -> float:
        # nearest-rank on the sorted samples: p95 of 40 samples is the 38th
        i = max(0, min(len(xs) - 1, round(p / 100 * len(xs) + 0.5) - 1))
        return round(xs[i], 2)

    return {
        "n": len(xs),
        "p50": pct(50),
        "p95": pct(95),
        "mean": round(statistics.fmean(xs), 2),
        "max": round(xs[-1], 2),
    }


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def proc_memory_mb(pid: int | None = None) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, from /proc (Linux)."""
    path = Path(f"/proc/{pid or 'self'}/status")
    out: dict[str, float] = {}
    try:
        for line in path.read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(
                    int(value.split()[0]) / 1024, 1
                )
    except OSError:
        pass
    if "peak_rss_mb" not in out and pid is None:  # not Linux: getrusage gives the peak
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out["peak_rss_mb"] = round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
    return out


def dir_size_mb(path: Path) -> float:
    total = 0
    for p in path.rglob("*"):
        if p.is_file():
            with contextlib.suppress(OSError):
                total += p.stat().st_size
    return round(total / 1e6, 2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def wait_quiet(max_load: float, max_wait_s: float, say: Callable[[str], None]) -> list[float]:
    """Wait (bounded) until the 1-minute load average drops below ``max_load``."""
    deadline = time.monotonic() + max_wait_s
    load = loadavg()
    while load and load[0] > max_load and time.monotonic() < deadline:
        say(f"machine busy (load {load[0]}); waiting for < {max_load} …")
        time.sleep(30)
        load = loadavg()
    return load


def questions(limit: int | None = None, category: str | None = None) -> list[str]:
    """Real user-style questions (zh and en) from the dev eval set, interleaved by language;
    only those of ``category`` when given (e.g. "multi_hop")."""
    path = ROOT / "evals" / "datasets" / "dev.jsonl"
    zh: list[str] = []
    en: list[str] = []
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if category is None or row.get("category") == category:
                    (en if row.get("lang") == "en" else zh).append(str(row["question"]))
    if not zh and not en:
        zh = ["履约贷第6期的总额度是多少？", "2015年底上海有多少家科技企业孵化器？"]
        en = ["How many enterprises received innovation vouchers?"]
    mixed: list[str] = []
    for i in range(max(len(zh), len(en))):
        mixed += ([zh[i]] if i < len(zh) else []) + ([en[i]] if i < len(en) else [])
    return mixed[:limit] if limit else mixed


def run_json(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Any:
    """Run a benchmark worker subprocess; its last stdout line is its JSON result."""
    import subprocess

    proc = subprocess.run(
        cmd, env=env or child_env(), capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd[:4])} … failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])
