"""The persistent index: idempotent, incremental, reopenable, and the same on a Chroma server."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shkc_advisor import Advisor

from .conftest import make_settings, start_chroma_server

CARD = "measures/performance-loan.md"


def _copy_corpus(tmp_path: Path) -> Path:
    from .conftest import CORPUS

    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


def check_incremental(advisor: Advisor, corpus: Path) -> None:
    first = advisor.index([corpus])
    assert not first.failed and first.chunks_total > 50
    again = advisor.index([corpus])
    assert again.chunks_embedded == 0 and not again.changed
    assert len(again.skipped) == len(first.added)

    card = corpus / CARD
    card.write_text(card.read_text("utf-8").replace("## 概述 / Overview", "## 概述 / Overview\n\n新增一句说明。"), "utf-8")
    edited = advisor.index([corpus])
    assert [Path(p).name for p in edited.updated] == ["performance-loan.md"]
    assert 0 < edited.chunks_embedded <= 3  # only that card's changed chunk(s)

    before = advisor.store.count()
    n_card = len(advisor.store.ids_for_doc("performance-loan"))
    card.unlink()
    removed = advisor.index([corpus])
    assert [Path(p).name for p in removed.removed] == ["performance-loan.md"]
    assert advisor.store.ids_for_doc("performance-loan") == set()
    assert advisor.store.count() == before - n_card
    # BM25 follows the same state: no chunk of the deleted card is retrievable.
    assert all(h.chunk.doc_id != "performance-loan" for h in advisor.search("履约贷 Performance Loan", k=10))


def test_incremental_index_embedded(tmp_path: Path, session_dir: Path, advisor: Advisor) -> None:
    corpus = _copy_corpus(tmp_path)
    a = Advisor(make_settings(tmp_path, session_dir, corpus_dir=corpus), generator="extractive")
    check_incremental(a, corpus)


def test_reopens_in_a_fresh_process(advisor: Advisor) -> None:
    """The registered embedding function lets plain chromadb reopen the collection and query by text."""
    code = (
        "import json, sys, chromadb\n"
        "import shkc_advisor.index.chroma_store  # registers the embedding function\n"
        f"c = chromadb.PersistentClient(path={str(advisor.settings.chroma_dir)!r})\n"
        "col = c.get_collection('shkc_chunks')\n"
        "r = col.query(query_texts=['履约贷第6期总额度'], n_results=3)\n"
        "print(json.dumps({'ef': col.configuration['embedding_function'].name(), 'docs': r['documents'][0]}, ensure_ascii=False))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["ef"] == "shkc-advisor"
    assert any("履约贷" in d for d in data["docs"])


def test_paths_add_and_keep_other_documents(tmp_path: Path, session_dir: Path) -> None:
    from .conftest import CORPUS

    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "note.md").write_text("# 测试政策\n\n浦东新区试点“测试补贴”，每家企业最高补贴12万元。\n", "utf-8")
    a = Advisor(make_settings(tmp_path, session_dir), generator="extractive")
    a.index([CORPUS / "sources"])
    r = a.index([extra])
    assert len(r.added) == 1
    ids = {h.chunk.doc_id for h in a.search("测试补贴 最高补贴", k=10)}
    assert "note" in ids
    assert a.store.ids_for_doc("shkc-tech-market-paper")  # kept
    (extra / "note.md").unlink()
    r = a.index([extra])
    assert len(r.removed) == 1 and a.store.ids_for_doc("shkc-tech-market-paper")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    proc, url = start_chroma_server(tmp_path / "server")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.server
def test_incremental_index_on_chroma_server(tmp_path: Path, session_dir: Path, chroma_server: str) -> None:
    corpus = _copy_corpus(tmp_path)
    a = Advisor(
        make_settings(tmp_path, session_dir, corpus_dir=corpus, chroma_url=chroma_server),
        generator="extractive",
    )
    check_incremental(a, corpus)
    ans = a.ask("履约贷第6期的总额度是多少？")
    assert "25" in ans.text and ans.citations


@pytest.mark.parametrize("warm", [True, False])
def test_sentence_vectors_are_warmed_only_when_asked(tmp_path: Path, session_dir: Path, warm: bool) -> None:
    from shkc_advisor.index.indexer import evidence_texts

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# 试点\n\n科技创新券试点扩大了受益范围。补贴力度也有所增大。\n", encoding="utf-8")
    a = Advisor(make_settings(tmp_path, session_dir, corpus_dir=docs, warm_sentences=warm), generator="extractive")
    seen: list[str] = []
    embed = a.embedder.embed_documents
    a.embedder.embed_documents = lambda texts: seen.extend(texts) or embed(texts)  # type: ignore[method-assign]
    a.index()
    sentences = set(evidence_texts(a.store.all_chunks()))
    assert sentences and (sentences <= set(seen)) == warm


def test_a_fresh_vector_equals_its_cached_copy(tmp_path: Path) -> None:
    """The cache keeps float32; a first embedding must not differ from every later one."""
    from collections.abc import Sequence

    from shkc_advisor.index.embedders import Embedder

    class Precise(Embedder):
        name = "precise"

        def _embed(self, texts: Sequence[str], is_query: bool) -> list[list[float]]:
            return [[1 / 3, 2 / 7, len(t) / 11] for t in texts]

    first = Precise(cache_path=tmp_path / "c.sqlite").embed_documents(["甲", "乙乙"])
    again = Precise(cache_path=tmp_path / "c.sqlite").embed_documents(["甲", "乙乙"])
    assert first == again
    assert Precise().embed_query("甲") == first[0]
