"""Subprocesses the benchmark starts and stops itself: `shkc-advisor serve` and `chroma run`.

Both bind 127.0.0.1 on a free port; both are stopped by their own process id.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from .common import CORPUS, ROOT, child_env, free_port, proc_memory_mb


class Process:
    """A child process with a log file, stopped (SIGINT, then SIGKILL) by its pid."""

    def __init__(self, cmd: list[str], log: Path, env: dict[str, str]) -> None:
        self.cmd, self.log_path, self.env = cmd, log, env
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = 0.0

    def start(self) -> Process:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("wb")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            self.cmd, stdout=self._log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT
        )
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def memory(self) -> dict[str, float]:
        return proc_memory_mb(self.pid) if self.alive() else {}

    def log_tail(self, n: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()

    def __enter__(self) -> Process:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_http(url: str, proc: Process, timeout: float = 180.0) -> float:
    """Seconds from process start until ``url`` answers 200."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if not proc.alive():
                raise RuntimeError(f"{proc.cmd[:4]} exited:\n{proc.log_tail()}")
            try:
                if client.get(url).status_code == 200:
                    return time.perf_counter() - proc.started
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s:\n{proc.log_tail()}")


def serve_process(
    data_dir: Path, log: Path, port: int | None = None, **env: str
) -> tuple[Process, str]:
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "shkc_advisor.cli",
        "--data-dir",
        str(data_dir),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    e = child_env(SHKC_CORPUS_DIR=str(CORPUS), SHKC_GENERATOR="extractive", **env)
    return Process(cmd, log, e), f"http://127.0.0.1:{port}"


def v1_ask(client: httpx.Client, base: str, messages: list[dict[str, str]]) -> dict[str, Any]:
    r = client.post(
        f"{base}/v1/chat/completions", json={"model": "shkc-advisor", "messages": messages}
    )
    r.raise_for_status()
    data: dict[str, Any] = r.json()
    return data


def cold_start(data_dir: Path, log: Path) -> dict[str, Any]:
    """Spawn → page served (HTTP 200 on /) → first answer through /v1 (or the Gradio queue)."""
    from .load import GradioChat

    proc, base = serve_process(data_dir, log)
    with proc:
        http_s = wait_http(base + "/", proc)
        with httpx.Client(timeout=120.0) as client:
            has_v1 = client.get(base + "/v1/models").status_code == 200
            question = "履约贷第6期的总额度是多少？"
            if has_v1:
                data = v1_ask(client, base, [{"role": "user", "content": question}])
                ok = bool(data["choices"][0]["message"]["content"])
                via = "/v1/chat/completions"
            else:
                ok = GradioChat(base).ask(question)["ok"]
                via = "gradio queue"
        answer_s = time.perf_counter() - proc.started
        mem = proc.memory()
    return {
        "http_200_s": round(http_s, 2),
        "first_answer_s": round(answer_s, 2),
        "via": via,
        "ok": ok,
        "v1_available": has_v1,
        "memory": mem,
    }


def chroma_server(path: Path, log: Path) -> tuple[Process, str]:
    port = free_port()
    exe = Path(sys.executable).with_name("chroma")
    cmd = [
        str(exe) if exe.exists() else "chroma",
        "run",
        "--path",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    return Process(cmd, log, child_env()), f"http://127.0.0.1:{port}"


def wait_chroma(url: str, proc: Process, timeout: float = 60.0) -> float:
    return wait_http(url + "/api/v2/heartbeat", proc, timeout)


if __name__ == "__main__":  # manual check: python -m benchmarks.server DATA_DIR
    print(
        json.dumps(
            cold_start(Path(sys.argv[1]), Path(os.environ.get("TMPDIR", "/tmp")) / "serve.log")
        )
    )
