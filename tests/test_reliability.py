"""Bad input, faults and hostile content: clear errors, nothing lost, nothing half-indexed.

Each test here backs a row of the README's "What happens when …" table.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shkc_advisor import Advisor, AdvisorError, InputError
from shkc_advisor.errors import IndexError_, IndexLockedError, IndexMissingError
from shkc_advisor.index.indexer import index_lock

from .conftest import CORPUS, make_settings
from .pdfgen import make_pdf

CLI = [sys.executable, "-m", "shkc_advisor.cli"]


def cli(data_dir: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                          timeout=timeout)


# ---- bad questions ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        ("\x00\x01\x02", "empty"),
        ("x" * 100_000, "characters long"),
        ("🙂🎉🚀", "no words"),
        ("？？？！！", "no words"),
    ],
)
def test_bad_questions_get_a_clear_typed_error(advisor: Advisor, question: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        advisor.ask(question)


def test_mixed_scripts_and_control_characters_still_answer(advisor: Advisor) -> None:
    ans = advisor.ask("履约贷\x07 第6期 total quota 是多少？")
    assert "25" in ans.text and ans.citations


def test_cli_bad_question_is_one_line_and_nonzero(advisor: Advisor) -> None:
    out = cli(advisor.settings.data_dir, "ask", "x" * 5000)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


# ---- bad documents ----------------------------------------------------------------------

def _bad_batch(folder: Path) -> dict[str, str]:
    """Files that must each be rejected with a reason; returns name → expected words."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "latin1.txt").write_bytes("café naïve résumé déjà".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (folder / "empty.md").write_text("", "utf-8")
    good_pdf = make_pdf([["Pudong test grant: up to 12 units per firm."]])
    (folder / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 3])
    from pypdf import PdfWriter

    (folder / "plain.pdf").write_bytes(good_pdf)
    writer = PdfWriter(clone_from=str(folder / "plain.pdf"))
    writer.encrypt("secret")
    with (folder / "encrypted.pdf").open("wb") as f:
        writer.write(f)
    (folder / "plain.pdf").unlink()
    (folder / "huge.txt").write_text("上海科技。" * 400_000, "utf-8")  # ~6 MB
    (folder / "bad-front.md").write_text("---\nid: [unclosed\n---\n正文。\n", "utf-8")
    return {
        "sheet.xlsx": "unsupported type",
        "latin1.txt": "UTF-8",
        "binary.txt": "binary",
        "empty.md": "empty",
        "truncated.pdf": "truncated",
        "encrypted.pdf": "encrypted",
        "huge.txt": "limit",
        "bad-front.md": "YAML",
    }


def test_bad_documents_are_rejected_and_the_rest_indexed(tmp_path: Path, session_dir: Path) -> None:
    docs = tmp_path / "docs"
    expected = _bad_batch(docs)
    (docs / "good.md").write_text("# 测试补贴\n\n浦东测试补贴每家企业最高12万元。\n", "utf-8")
    (docs / "good-copy.md").write_text("# 测试补贴\n\n浦东测试补贴每家企业最高12万元。\n", "utf-8")
    (docs / "gbk.txt").write_bytes("闵行测试券每家企业最多5张。".encode("gb18030"))
    a = Advisor(make_settings(tmp_path, session_dir, corpus_dir=docs, max_file_mb=1), generator="extractive")
    report = a.index()
    failed = {Path(p).name: reason for p, reason in report.failed.items()}
    for name, words in expected.items():
        assert name in failed, f"{name} was not rejected"
        assert words.lower() in failed[name].lower(), (name, failed[name])
    # Exactly one of the two identical files is indexed; the other is named as a duplicate.
    dup = [n for n in ("good.md", "good-copy.md") if n in failed]
    assert len(dup) == 1 and "duplicate" in failed[dup[0]]
    assert sorted(Path(p).name for p in report.added) == sorted(
        ["gbk.txt", *[n for n in ("good.md", "good-copy.md") if n not in failed]]
    )
    # Nothing of a rejected file reached either store; the manifest lists only indexed files.
    manifest = json.loads(a.settings.manifest_path.read_text("utf-8"))["files"]
    assert sorted(Path(p).name for p in manifest) == sorted(Path(p).name for p in report.added)
    assert {h.chunk.doc_id for h in a.search("测试", k=20)} <= {"good", "good-copy", "gbk"}
    assert "5" in a.ask("闵行测试券每家企业最多几张？").text


def test_cli_reports_failed_files_and_keeps_going(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_text("", "utf-8")
    (docs / "ok.md").write_text("# 标题\n\n内容一句。\n", "utf-8")
    out = cli(tmp_path / "data", "index", str(docs))
    assert out.returncode == 0, out.stderr
    assert "added 1" in out.stdout and "failed 1" in out.stdout
    assert "empty.txt: file is empty" in out.stderr


# ---- faults -----------------------------------------------------------------------------

def _state(data_dir: Path) -> tuple[set[str], set[str], set[str]]:
    import chromadb

    client = chromadb.PersistentClient(path=str(data_dir / "chroma"))
    ids = set(client.get_collection("shkc_chunks").get(include=[])["ids"])
    bm25 = {json.loads(line)["id"] for line in (data_dir / "bm25" / "chunks.jsonl").open()}
    files = {Path(p).name for p in json.loads((data_dir / "manifest.json").read_text())["files"]}
    return ids, bm25, files


@pytest.mark.slow
def test_index_killed_midway_then_rerun_matches_a_clean_run(tmp_path: Path, advisor: Advisor) -> None:
    data = tmp_path / "data"  # no embedding cache: the run takes long enough to be killed
    proc = subprocess.Popen([*CLI, "--data-dir", str(data), "index", str(CORPUS)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and not (data / "chroma" / "chroma.sqlite3").exists():
        time.sleep(0.2)
    time.sleep(3)  # part-way through embedding
    assert proc.poll() is None, "index finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (data / "index.dirty").exists()
    out = cli(data, "index", str(CORPUS))
    assert out.returncode == 0, out.stderr
    assert not (data / "index.dirty").exists()
    clean = _state(advisor.settings.data_dir)
    assert _state(data) == clean


def test_concurrent_index_runs_are_refused_by_the_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with index_lock(data):
        out = cli(data, "index", str(CORPUS / "measures" / "performance-loan.md"))
        assert out.returncode == 2
        assert "another `shkc-advisor index` is running" in out.stderr
        with pytest.raises(IndexLockedError), index_lock(data):
            pass


def test_deleted_data_dir_is_a_clear_error_then_index_recovers(tmp_path: Path, session_dir: Path) -> None:
    settings = make_settings(tmp_path, session_dir)
    a = Advisor(settings, generator="extractive")
    a.index()
    shutil.rmtree(settings.data_dir)
    fresh = Advisor(settings, generator="extractive")
    with pytest.raises(IndexMissingError, match="shkc-advisor index"):
        fresh.ask("履约贷第6期总额度是多少？")
    fresh.index()
    assert "25" in fresh.ask("履约贷第6期总额度是多少？").text


@pytest.mark.parametrize("victim", ["bm25/chunks.jsonl", "chroma/chroma.sqlite3"])
def test_corrupt_index_is_a_clear_error_and_rebuild_recovers(
    tmp_path: Path, session_dir: Path, victim: str
) -> None:
    settings = make_settings(tmp_path, session_dir)
    Advisor(settings, generator="extractive").index()
    (settings.data_dir / victim).write_bytes(b"\x00garbage" * 100)
    broken = Advisor(settings, generator="extractive")
    with pytest.raises(AdvisorError, match="--rebuild"):
        broken.ask("履约贷第6期总额度是多少？")
    out = cli(settings.data_dir, "index", str(CORPUS), "--rebuild")
    assert out.returncode == 0, out.stderr
    healed = Advisor(settings, generator="extractive")
    assert "25" in healed.ask("履约贷第6期总额度是多少？").text


def test_chroma_server_down_is_a_clear_error(tmp_path: Path, session_dir: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = make_settings(tmp_path, session_dir, chroma_url=f"http://127.0.0.1:{port}")
    with pytest.raises(IndexError_, match="Chroma server"):
        Advisor(settings, generator="extractive").index([CORPUS / "measures"])


@pytest.mark.server
def test_chroma_server_dying_mid_service_leaves_keyword_search(tmp_path: Path, session_dir: Path) -> None:
    from .conftest import start_chroma_server

    proc, url = start_chroma_server(tmp_path / "server")
    try:
        serving = Advisor(make_settings(tmp_path, session_dir, chroma_url=url), generator="extractive")
        serving.index()
        assert not serving.ask("履约贷第6期总额度是多少？").notes
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    ans = serving.ask("履约贷第6期总额度是多少？")  # dense side gone: BM25 answers, and says so
    assert "25" in ans.text and ans.citations
    assert any(n.startswith("keyword search only") for n in ans.notes)


def test_running_advisor_survives_a_rebuild_by_another_advisor(tmp_path: Path, session_dir: Path) -> None:
    settings = make_settings(tmp_path, session_dir)
    serving = Advisor(settings, generator="extractive")
    serving.index()
    assert "25" in serving.ask("履约贷第6期总额度是多少？").text
    Advisor(settings, generator="extractive").index(rebuild=True)  # e.g. the admin tab or a CLI run
    assert "25" in serving.ask("履约贷第6期总额度是多少？").text


def test_rebuild_happens_in_place_unless_the_vectors_are_unusable(tmp_path: Path, session_dir: Path) -> None:
    settings = make_settings(tmp_path, session_dir)
    a = Advisor(settings, generator="extractive")
    a.index()
    first, total = a.store.collection.id, a.store.count()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.md").write_text("# 附注\n\n这是一份只在额外目录里的说明文件，用于测试重建。\n", encoding="utf-8")
    a.index([extra])
    assert a.store.count() > total
    report = a.index(rebuild=True)  # the shipped corpus only: the extra note goes
    assert a.store.collection.id == first, "a healthy collection is rebuilt in place"
    assert a.store.count() == total and report.chunks_embedded == 0
    manifest = json.loads(settings.manifest_path.read_text("utf-8"))
    manifest["embedder"] = {"embedder": "another-model"}
    settings.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    a.index(rebuild=True)  # vectors from another embedder cannot be kept
    assert a.store.collection.id != first and a.store.count() == total


def test_an_index_from_an_older_version_gains_the_new_metadata_without_re_embedding(
    tmp_path: Path, session_dir: Path
) -> None:
    settings = make_settings(tmp_path, session_dir)
    a = Advisor(settings, generator="extractive")
    a.index()
    manifest = json.loads(settings.manifest_path.read_text("utf-8"))
    manifest["version"] = 1  # written before chunks carried their position in a section
    settings.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    first = a.store.collection.id
    report = a.index()  # every file is read again (its metadata rewritten), in place
    assert report.skipped == [] and report.added and report.chunks_embedded == 0
    assert a.store.collection.id == first
    assert all("chunk_index" in c.metadata for c in a.store.all_chunks() if c.kind == "document")
    assert json.loads(settings.manifest_path.read_text("utf-8"))["version"] == 2


def test_a_new_policy_term_list_resegments_bm25_without_re_embedding(tmp_path: Path, session_dir: Path) -> None:
    settings = make_settings(tmp_path, session_dir)
    a = Advisor(settings, generator="extractive")
    a.index()
    manifest = json.loads(settings.manifest_path.read_text("utf-8"))
    assert manifest["dictionary"]  # the word list the BM25 index was segmented with
    manifest["dictionary"] = "an-older-list"
    settings.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    before = (settings.bm25_dir / "chunks.jsonl").stat().st_mtime_ns
    report = a.index()  # no file changed, yet BM25 is rebuilt; no vector is recomputed
    assert report.chunks_embedded == 0
    assert (settings.bm25_dir / "chunks.jsonl").stat().st_mtime_ns != before
    assert json.loads(settings.manifest_path.read_text("utf-8"))["dictionary"] != "an-older-list"
