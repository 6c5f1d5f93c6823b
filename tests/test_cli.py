"""The CLI is a thin layer: JSON contract, batch mode, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

KEYS = {"question", "answer", "abstained", "citations", "mode", "latency_ms"}
CITE_KEYS = {"n", "doc_id", "title", "section", "quote"}


def run(advisor, *args: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    cmd = [sys.executable, "-m", "shkc_advisor.cli", "--data-dir", str(advisor.settings.data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_ask_json_contract(advisor) -> None:  # type: ignore[no-untyped-def]
    out = run(advisor, "ask", "科技创新板首批有多少家企业挂牌？", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= KEYS and data["mode"] == "extractive"
    assert "27" in data["answer"]
    assert data["citations"] and set(data["citations"][0]) == CITE_KEYS


def test_batch(advisor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in [
            {"id": "a", "question": "履约贷最高贷多少？"},
            {"id": "b", "question": "履约贷的利率是多少？"},
            {"id": "c", "question": ""},
        ]) + "\n", "utf-8",
    )
    dst = tmp_path / "out.jsonl"
    out = run(advisor, "ask", "--batch", str(src), "--out", str(dst))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in dst.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert "800" in rows[0]["answer"] and rows[1]["abstained"] is True
    assert "empty" in rows[2]["error"]


def test_empty_question_is_a_one_line_error(advisor) -> None:  # type: ignore[no-untyped-def]
    out = run(advisor, "ask", "  ")
    assert out.returncode == 2
    assert out.stderr.strip().startswith("error:") and "Traceback" not in out.stderr


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "shkc_advisor.cli", "--data-dir", str(tmp_path / "nothing"), "ask", "履约贷"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert out.returncode == 2 and "shkc-advisor index" in out.stderr and "Traceback" not in out.stderr
