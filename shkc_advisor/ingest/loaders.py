"""Loaders: one function per format, all returning a ``LoadedDoc`` of paragraphs.

Metadata comes from Markdown front matter or a ``<stem>.meta.yaml`` sidecar; the
document id defaults to the file's path relative to the corpus root.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import IngestError, UnsupportedFileError
from .clean import Paragraph, normalize_space, repair_lines


@dataclass
class LoadedDoc:
    path: Path
    doc_id: str
    title: str
    kind: str  # "document" or "measure"
    sha256: str
    paragraphs: list[Paragraph]
    metadata: dict[str, Any] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise IngestError(path, "looks like a binary file, not text; convert it to .txt, .md or .pdf")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(path, "text is neither UTF-8 nor GB18030; re-save it as UTF-8")


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise IngestError(path, f"front matter is not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(meta, dict):
        raise IngestError(path, "front matter must be a YAML mapping")
    return meta, text[m.end():]


def _markdown_paragraphs(body: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block:
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", block)
        if m and "\n" not in block:
            out.append(Paragraph(normalize_space(m.group(2)), len(m.group(1)), None))
            continue
        out.extend(repair_lines(block))
    return out


def _card_paragraphs(meta: dict[str, Any], body: str) -> list[Paragraph]:
    """A measure card reads as: names, both summaries, one line per figure, then the body."""
    names = f"{meta.get('name_zh', '')}（{meta.get('name_en', '')}）"
    paras = [Paragraph(names, None), Paragraph(str(meta.get("summary_zh", "")), None)]
    paras.append(Paragraph(str(meta.get("summary_en", "")), None))
    for fig in meta.get("figures") or []:
        line = f"{fig.get('counts_zh', '')}：{fig.get('value')}{fig.get('unit', '')}。"
        paras.append(Paragraph(normalize_space(line), None))
    paras.extend(p for p in _markdown_paragraphs(body) if p.heading is None)
    return [p for p in paras if p.text.strip()]


def load_markdown(path: Path, data: bytes) -> tuple[dict[str, Any], list[Paragraph]]:
    meta, body = split_front_matter(path, _decode(path, data))
    if "name_zh" in meta and "figures" in meta:
        meta.setdefault("kind", "measure")
        meta.setdefault("title", meta["name_zh"])
        meta["card"] = json.dumps(meta, ensure_ascii=False, default=str)
        return meta, _card_paragraphs(meta, body)
    return meta, _markdown_paragraphs(body)


def load_text(path: Path, data: bytes) -> tuple[dict[str, Any], list[Paragraph]]:
    return {}, repair_lines(_decode(path, data))


def load_pdf(path: Path, data: bytes) -> tuple[dict[str, Any], list[Paragraph]]:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "PDF is encrypted; save an unprotected copy and add that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"PDF cannot be read ({exc}); is it truncated?") from exc
    if not any(p.strip() for p in pages):
        raise IngestError(path, "PDF has no extractable text (scanned?); OCR it first")
    info: dict[str, Any] = dict(reader.metadata or {})
    meta = {"title": str(info.get("/Title") or "").strip() or None, "pages": len(pages)}
    return {k: v for k, v in meta.items() if v}, repair_lines(pages)


def load_docx(path: Path, data: bytes) -> tuple[dict[str, Any], list[Paragraph]]:
    from io import BytesIO
    from zipfile import BadZipFile

    import docx

    try:
        document = docx.Document(BytesIO(data))
    except (BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(path, f"not a readable .docx ({exc})") from exc
    paras: list[Paragraph] = []
    for p in document.paragraphs:
        text = normalize_space(p.text)
        if not text:
            continue
        style = (p.style.name if p.style is not None else "") or ""
        m = re.match(r"Heading (\d)", style)
        if m or style == "Title":
            paras.append(Paragraph(text, int(m.group(1)) if m else 1, None))
        else:
            paras.extend(repair_lines(text))
    title = (document.core_properties.title or "").strip()
    return ({"title": title} if title else {}), paras


def load_html(path: Path, data: bytes) -> tuple[dict[str, Any], list[Paragraph]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path, data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe"]):
        tag.decompose()
    paras: list[Paragraph] = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre"]):
        if el.find(["p", "li", "td"]):  # the inner block is visited on its own
            continue
        text = normalize_space(el.get_text(" ", strip=True))
        if not text:
            continue
        if el.name and el.name[0] == "h":
            paras.append(Paragraph(text, int(el.name[1]), None))
        else:
            paras.extend(repair_lines(text))
    title = soup.title.get_text(strip=True) if soup.title else ""
    return ({"title": title} if title else {}), paras


Loader = Callable[[Path, bytes], tuple[dict[str, Any], list[Paragraph]]]
LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}
SUPPORTED = frozenset(LOADERS)


def default_doc_id(path: Path, root: Path | None) -> str:
    rel = path.resolve().relative_to(root.resolve()) if root else Path(path.name)
    return re.sub(r"[^\w.-]+", "-", str(rel.with_suffix(""))).strip("-")


def _sidecar(path: Path) -> dict[str, Any]:
    side = path.with_name(path.stem + ".meta.yaml")
    if not side.exists():
        return {}
    meta = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    if not isinstance(meta, dict):
        raise IngestError(side, "sidecar metadata must be a YAML mapping")
    return meta


def load_file(path: Path, root: Path | None = None, max_bytes: int | None = None) -> LoadedDoc:
    """Read one file into paragraphs with metadata. Raises ``IngestError`` with the reason."""
    path = Path(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnsupportedFileError(
            path, f"unsupported type {path.suffix or '(none)'}; use one of {', '.join(sorted(SUPPORTED))}"
        )
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise IngestError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError(path, "file is empty")
    meta, paragraphs = loader(path, data)
    meta = {**meta, **_sidecar(path)}
    if not any(p.heading is None for p in paragraphs):
        raise IngestError(path, "no text found in the file")
    doc_id = str(meta.get("id") or default_doc_id(path, root))
    title = str(meta.get("title") or meta.get("name_zh") or path.stem)
    return LoadedDoc(
        path=path,
        doc_id=doc_id,
        title=title,
        kind=str(meta.get("kind") if meta.get("kind") == "measure" else "document"),
        sha256=hashlib.sha256(data).hexdigest(),
        paragraphs=paragraphs,
        metadata=meta,
    )
