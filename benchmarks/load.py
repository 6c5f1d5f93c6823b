"""Bounded load on loopback: concurrent chat sessions through the Gradio queue and /v1.

The chat's UI events are deliberately not a public Gradio API (``api_visibility=private``),
so ``GradioChat`` speaks the browser's own protocol: ``POST /gradio_api/queue/join`` with
the chat's event index and a session hash, then the SSE stream of ``/gradio_api/queue/data``.
That is exactly what a browser tab does, including Gradio's per-session State (history)
and the chat's paced streaming. ``V1Chat`` is an OpenAI-style client of
``/v1/chat/completions`` that resends the conversation, as OpenAI clients do.

Each simulated user runs conversations of three turns, then starts a new one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from .common import CORPUS, child_env, stats_ms

ERROR_MARK = "⚠️"  # how the chat shows a failure (render.error_message)
TURNS = 3


class GradioChat:
    """One browser tab's chat session."""

    def __init__(self, base: str, timeout: float = 180.0) -> None:
        self.base = base
        self.client = httpx.Client(timeout=timeout)
        cfg = self.client.get(f"{base}/config").json()
        self.prefix = cfg.get("api_prefix", "/gradio_api")
        msg = next(
            c for c in cfg["components"] if c.get("props", {}).get("elem_id") == "shkc-question"
        )
        dep = next(d for d in cfg["dependencies"] if [msg["id"], "submit"] in d["targets"])
        self.fn_index, self.trigger, self.n_inputs = dep["id"], msg["id"], len(dep["inputs"])
        self.new_session()

    def new_session(self) -> None:
        self.session = uuid.uuid4().hex[:12]
        self.chat: list[Any] = []

    def ask(self, question: str) -> dict[str, Any]:
        t = time.perf_counter()
        data = [question, self.chat] + [None] * (self.n_inputs - 2)  # States live server-side
        r = self.client.post(
            f"{self.base}{self.prefix}/queue/join",
            json={
                "data": data,
                "fn_index": self.fn_index,
                "session_hash": self.session,
                "trigger_id": self.trigger,
                "event_data": None,
            },
        )
        if r.status_code != 200:
            return {"ok": False, "error": f"join HTTP {r.status_code}: {r.text[:200]}"}
        first_piece: float | None = None
        generating = 0
        with self.client.stream(
            "GET", f"{self.base}{self.prefix}/queue/data", params={"session_hash": self.session}
        ) as s:
            if s.status_code != 200:
                return {"ok": False, "error": f"data HTTP {s.status_code}"}
            for line in s.iter_lines():
                if not line.startswith("data:"):
                    continue
                m = json.loads(line[5:])
                kind = m.get("msg")
                if kind == "process_generating":
                    generating += 1
                    if generating == 2 and first_piece is None:  # the 1st is the "…" placeholder
                        first_piece = time.perf_counter() - t
                elif kind == "process_completed":
                    if not m.get("success", False):
                        return {"ok": False, "error": str(m.get("output"))[:300]}
                    chat = m["output"]["data"][1]
                    self.chat = chat
                    reply = _reply(chat)
                    if reply.startswith(ERROR_MARK) or not reply.strip():
                        return {"ok": False, "error": f"chat error: {reply[:200]}"}
                    return {
                        "ok": True,
                        "seconds": time.perf_counter() - t,
                        "first_piece": first_piece,
                    }
                elif kind in ("unexpected_error", "close_stream"):
                    return {"ok": False, "error": f"{kind}: {str(m)[:200]}"}
        return {"ok": False, "error": "stream ended without a result"}

    def close(self) -> None:
        self.client.close()


def _reply(chat: list[dict[str, Any]]) -> str:
    """The first assistant message after the last user message (the answer or the error)."""
    users = [i for i, m in enumerate(chat) if m.get("role") == "user"]
    after = chat[users[-1] + 1 :] if users else []
    return _text(after[0]) if after else ""


def _text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content or "")


class V1Chat:
    """An OpenAI-style client keeping its own conversation."""

    def __init__(self, base: str, timeout: float = 180.0) -> None:
        self.base = base
        self.client = httpx.Client(timeout=timeout)
        self.new_session()

    def new_session(self) -> None:
        self.messages: list[dict[str, str]] = []

    def ask(self, question: str) -> dict[str, Any]:
        t = time.perf_counter()
        msgs = [*self.messages, {"role": "user", "content": question}]
        try:
            r = self.client.post(
                f"{self.base}/v1/chat/completions", json={"model": "shkc-advisor", "messages": msgs}
            )
        except httpx.HTTPError as exc:
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        if r.status_code != 200:
            return {"ok": False, "error": f"HTTP {r.status_code}: {r.text[:200]}"}
        content = r.json()["choices"][0]["message"]["content"]
        if not content:
            return {"ok": False, "error": "empty answer"}
        self.messages = [*msgs, {"role": "assistant", "content": content}]
        return {"ok": True, "seconds": time.perf_counter() - t}

    def close(self) -> None:
        self.client.close()


def load_test(
    base: str, kind: str, concurrency: int, duration: float, questions: list[str]
) -> dict[str, Any]:
    """``concurrency`` users chatting for ``duration`` seconds; requests in flight finish."""
    lat: list[float] = []
    first: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()
    stop_at = time.monotonic() + duration

    def user(i: int) -> None:
        try:
            chat: GradioChat | V1Chat = GradioChat(base) if kind == "gradio" else V1Chat(base)
        except Exception as exc:  # counted: a user who cannot even open the page
            with lock:
                errors.append(f"open: {type(exc).__name__}: {exc}")
            return
        n = 0
        try:
            while n == 0 or time.monotonic() < stop_at:  # every user asks at least once
                if n and n % TURNS == 0:
                    chat.new_session()
                q = questions[(i * 7 + n) % len(questions)]
                try:
                    res = chat.ask(q)
                except Exception as exc:
                    res = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
                with lock:
                    if res["ok"]:
                        lat.append(res["seconds"])
                        if res.get("first_piece") is not None:
                            first.append(res["first_piece"])
                    else:
                        errors.append(res["error"])
                n += 1
        finally:
            chat.close()

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    out: dict[str, Any] = {
        "api": kind,
        "concurrency": concurrency,
        "duration_s": round(elapsed, 1),
        "answers": len(lat),
        "errors": len(errors),
        "error_samples": errors[:5],
        "throughput_per_s": round(len(lat) / elapsed, 2),
        "latency_ms": stats_ms(lat),
    }
    if first:
        out["first_piece_ms"] = stats_ms(first)
    return out


def index_while_serving(
    data_dir: Path, stop: threading.Event, rebuild: bool = True
) -> list[dict[str, Any]]:
    """`shkc-advisor index [--rebuild]` of the served data dir, again and again until ``stop``."""
    runs: list[dict[str, Any]] = []
    cmd = [sys.executable, "-m", "shkc_advisor.cli", "--data-dir", str(data_dir), "index", "--json"]
    if rebuild:
        cmd.append("--rebuild")
    while not stop.is_set():
        t = time.perf_counter()
        proc = subprocess.run(
            cmd, env=child_env(SHKC_CORPUS_DIR=str(CORPUS)), capture_output=True, text=True
        )
        runs.append(
            {
                "seconds": round(time.perf_counter() - t, 2),
                "rc": proc.returncode,
                "error": proc.stderr.strip().splitlines()[-1][:200] if proc.returncode else "",
            }
        )
    return runs


def load_during_index(
    base: str, data_dir: Path, concurrency: int, duration: float, questions: list[str]
) -> dict[str, Any]:
    """Gradio and /v1 users (half each) while index runs replace the served index."""
    stop = threading.Event()
    runs: list[dict[str, Any]] = []
    indexer = threading.Thread(
        target=lambda: runs.extend(index_while_serving(data_dir, stop)), daemon=True
    )
    results: dict[str, Any] = {}
    half = max(1, concurrency // 2)

    def go(kind: str) -> None:
        results[kind] = load_test(base, kind, half, duration, questions)

    workers = [threading.Thread(target=go, args=(k,)) for k in ("gradio", "v1")]
    indexer.start()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    stop.set()
    indexer.join()
    return {
        "index_runs": runs,
        **results,
        "errors": sum(r["errors"] for r in results.values()),
        "index_failures": sum(1 for r in runs if r["rc"] != 0),
    }
