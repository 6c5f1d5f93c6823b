"""Keep the stores in step with files: a manifest of file hashes, a lock, crash-safe order.

Order of work for each changed file: embed only chunks whose id is new (ids are content
hashes, and vectors are cached), upsert them, then delete that document's stale chunks.
The manifest and the BM25 index are written last; a run killed part-way leaves a
"dirty" marker, and the next run simply redoes the work and reaches the same state.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IndexLockedError, IngestError
from ..ingest import SUPPORTED, document_to_chunk, load_documents
from ..ingest.loaders import file_sha256
from ..settings import Settings
from ..types import Chunk
from . import tokenize
from .bm25_store import BM25Store
from .chroma_store import ChromaStore
from .embedders import Embedder

Progress = Callable[[str, int, int], None]  # (file, done, total)


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    chunks_embedded: int = 0
    chunks_total: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}, "
            f"removed {len(self.removed)}, failed {len(self.failed)} files; "
            f"embedded {self.chunks_embedded} chunks, {self.chunks_total} in the index; "
            f"{self.seconds:.1f} s"
        )

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__}


def evidence_texts(chunks: Sequence[Chunk]) -> list[str]:
    """Sentences (and card figure descriptions) the answerer ranks by dense similarity.

    Embedding them once at index time keeps English questions fast at answer time.
    """
    from ..ingest.chunk import split_sentences

    out: dict[str, None] = {}
    for c in chunks:
        if c.kind == "measure":
            card = c.metadata.get("card")
            if isinstance(card, str):
                data = json.loads(card)
                for fig in data.get("figures") or []:
                    out[figure_text(data, fig)] = None
            continue
        for sent in split_sentences(c.text):
            if sent.strip():
                out[sent.strip()] = None
    return list(out)


def figure_text(card: dict[str, Any], fig: dict[str, Any]) -> str:
    return f"{card.get('name_en', '')}: {fig.get('counts_en', '')}"


def embed_text(chunk: Chunk) -> str:
    """What the embedder sees: section path for context, then the passage."""
    return f"{chunk.section}\n{chunk.text}"


class Manifest:
    """path → {sha256, doc_id, chunks}. Written atomically.

    ``VERSION`` goes up when chunks gain metadata (2: ``chunk_index``); an older manifest
    makes the next ``index`` an in-place rebuild, which refreshes metadata without
    re-embedding (the vectors are cached)."""

    VERSION = 2

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, dict[str, Any]] = {}
        self.embedder: dict[str, Any] | None = None  # config of the embedder that made the vectors
        self.dictionary: str | None = None  # the word list BM25 was segmented with
        self.outdated = False
        if path.exists():
            try:
                data = json.loads(path.read_text("utf-8"))
                self.files, self.embedder = data.get("files", {}), data.get("embedder")
                self.dictionary = data.get("dictionary")
                self.outdated = data.get("version", 1) < self.VERSION
            except (ValueError, OSError, AttributeError):
                self.files = {}  # a corrupt manifest only costs a re-scan

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        data = {"version": self.VERSION, "embedder": self.embedder, "dictionary": self.dictionary,
                "files": self.files}
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1))
        os.replace(tmp, self.path)


@contextmanager
def index_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "index.lock").open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexLockedError(
                f"another `shkc-advisor index` is running on {data_dir}; wait for it to finish"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(files to index, roots that own them). Sidecars and hidden files are skipped."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if f.name.endswith(".meta.yaml") or f.name.lower() in {"readme.md"}:
                        continue
                    files.append(f)
        elif p.exists():
            files.append(p)
    return files, list(paths)


class Indexer:
    def __init__(
        self, settings: Settings, store: ChromaStore, embedder: Embedder
    ) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder

    def sync(
        self,
        paths: Sequence[Path] | None = None,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> IndexReport:
        start = time.perf_counter()
        s = self.settings
        roots = [Path(p).resolve() for p in (paths or [s.corpus_dir])]
        report = IndexReport()
        with index_lock(s.data_dir):
            dirty = s.data_dir / "index.dirty"
            manifest = Manifest(s.manifest_path)
            rebuild = rebuild or manifest.outdated
            if rebuild:
                # Re-read every file. The collection is dropped only when its vectors are
                # unusable (another embedder, or unreadable); otherwise it is rebuilt in
                # place, so a server answering from it meanwhile never finds it missing.
                if manifest.embedder != self.embedder.config() or not self.store.healthy():
                    self.store.reset()
                manifest.files = {}
            manifest.embedder = self.embedder.config()
            # (a new policy-term list segments text differently: the BM25 index must follow it)
            resegment = manifest.dictionary != tokenize.dictionary_fingerprint()
            force_bm25 = rebuild or resegment or dirty.exists() or not (s.bm25_dir / "chunks.jsonl").exists()
            manifest.dictionary = tokenize.dictionary_fingerprint()
            dirty.touch()
            files, _ = collect_files(roots)
            seen: set[str] = set()
            by_hash = {v["sha256"]: k for k, v in manifest.files.items()}
            for i, f in enumerate(files):
                key = str(f.resolve())
                seen.add(key)
                if progress:
                    progress(f.name, i, len(files))
                try:
                    self._sync_file(f, key, roots, manifest, by_hash, report)
                except IngestError as exc:
                    report.failed[str(f)] = exc.reason
            # Files that disappeared from the given roots (or a given file path that is gone).
            for key in list(manifest.files):
                inside = any(Path(key) == r or Path(key).is_relative_to(r) for r in roots)
                if inside and key not in seen:
                    entry = manifest.files.pop(key)
                    self.store.delete(self.store.ids_for_doc(entry["doc_id"]))
                    report.removed.append(key)
            if report.changed or force_bm25:  # (a rebuild always forces BM25)
                chunks = self.store.all_chunks()
                if rebuild:  # in place: drop what no indexed file produced any more
                    known = {v["doc_id"] for v in manifest.files.values()}
                    self.store.delete(c.id for c in chunks if c.doc_id not in known)
                    chunks = [c for c in chunks if c.doc_id in known]
                BM25Store.build(chunks).save(s.bm25_dir)
                if s.warm_sentences:  # else English answers embed their sentences on first use
                    self.embedder.embed_documents(evidence_texts(chunks))
            manifest.save()
            dirty.unlink(missing_ok=True)
        report.chunks_total = self.store.count()
        report.seconds = time.perf_counter() - start
        if progress:
            progress("", len(files), len(files))
        return report

    def _sync_file(
        self,
        f: Path,
        key: str,
        roots: Sequence[Path],
        manifest: Manifest,
        by_hash: dict[str, str],
        report: IndexReport,
    ) -> None:
        s = self.settings
        if f.suffix.lower() not in SUPPORTED:
            raise IngestError(f, f"unsupported type {f.suffix or '(none)'}")
        old = manifest.files.get(key)
        sha = file_sha256(f)
        if old and old["sha256"] == sha:
            report.skipped.append(key)
            return
        other = by_hash.get(sha)
        if other and other != key and other in manifest.files:
            raise IngestError(f, f"duplicate of {other}; skipped")
        root = next((r for r in roots if f.resolve().is_relative_to(r) and r.is_dir()), None)
        doc, docs = load_documents(
            f, root=root, size=s.chunk_size, overlap=s.chunk_overlap,
            max_bytes=int(s.max_file_mb * 1e6),
        )
        clash = next(
            (k for k, v in manifest.files.items() if v["doc_id"] == doc.doc_id and k != key), None
        )
        if clash:
            raise IngestError(f, f"document id {doc.doc_id!r} is already used by {clash}")
        chunks = [document_to_chunk(d) for d in docs]
        chunks = list({c.id: c for c in chunks}.values())  # identical passages: keep one
        have = self.store.existing([c.id for c in chunks])
        new = [c for c in chunks if c.id not in have]
        if new:
            vectors = self.embedder.embed_documents([embed_text(c) for c in new])
            self.store.upsert(new, vectors)
            report.chunks_embedded += len(new)
        if have:  # same text, maybe new metadata (e.g. a card's years): no re-embedding
            self.store.update_metadata([c for c in chunks if c.id in have])
        stale = self.store.ids_for_doc(doc.doc_id) - {c.id for c in chunks}
        if stale:
            self.store.delete(stale)
        manifest.files[key] = {"sha256": sha, "doc_id": doc.doc_id, "chunks": len(chunks)}
        by_hash[sha] = key
        (report.updated if old else report.added).append(key)
