"""The admin tab's work, without Gradio: check uploads, save them, list and delete documents.

Uploads live in ``<data_dir>/uploads`` and are indexed with ``advisor.index([paths])``;
deleting one removes the file and re-syncs that folder, which drops its chunks.
"""

from __future__ import annotations

import hmac
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..settings import Settings

UPLOAD_TYPES = (".md", ".txt", ".pdf", ".docx", ".html")


def uploads_dir(settings: Settings) -> Path:
    return settings.data_dir / "uploads"


def check_password(settings: Settings, given: str | None) -> bool:
    secret = settings.admin_password.get_secret_value() if settings.admin_password else ""
    if not secret:
        return False
    return hmac.compare_digest((given or "").encode("utf-8"), secret.encode("utf-8"))


def safe_name(name: str) -> str:
    """A file name that stays inside the uploads folder (no path, no hidden files)."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")[:80] or "document"
    return stem + suffix


def check_upload(path: Path, settings: Settings, name: str | None = None) -> None:
    """Raise ``IngestError`` unless the file has an accepted type and size."""
    name = name or path.name
    if Path(name).suffix.lower() not in UPLOAD_TYPES:
        raise IngestError(name, f"unsupported type; upload one of {', '.join(UPLOAD_TYPES)}")
    size = path.stat().st_size
    if size > settings.max_file_mb * 1e6:
        raise IngestError(
            name, f"file is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB limit"
        )
    if size == 0:
        raise IngestError(name, "file is empty")


def save_uploads(
    files: Sequence[tuple[Path, str]],
    settings: Settings,
) -> tuple[list[Path], dict[str, str]]:
    """Copy accepted (temp path, original name) uploads into the uploads folder.

    Returns (saved paths, {name: reason} for rejected files).
    """
    dest_dir = uploads_dir(settings)
    dest_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    rejected: dict[str, str] = {}
    for tmp, name in files:
        try:
            check_upload(tmp, settings, name)
        except IngestError as exc:
            rejected[name] = exc.reason
            continue
        dest = dest_dir / safe_name(name)
        shutil.copyfile(tmp, dest)
        saved.append(dest)
    return saved, rejected


def list_documents(settings: Settings) -> list[dict[str, Any]]:
    """The manifest as rows: doc_id, file name, chunks, whether it was uploaded, full path."""
    try:
        files = json.loads(settings.manifest_path.read_text("utf-8")).get("files", {})
    except (OSError, ValueError):
        return []
    up = uploads_dir(settings).resolve()
    rows = []
    for path, entry in sorted(files.items(), key=lambda kv: str(kv[1].get("doc_id"))):
        p = Path(path)
        rows.append(
            {
                "doc_id": str(entry.get("doc_id", "")),
                "file": p.name,
                "chunks": int(entry.get("chunks", 0)),
                "uploaded": p.is_relative_to(up),
                "path": path,
            }
        )
    return rows


def delete_upload(settings: Settings, doc_id: str) -> Path:
    """Remove an uploaded document's file; the caller re-indexes the uploads folder."""
    for row in list_documents(settings):
        if row["doc_id"] == doc_id and row["uploaded"]:
            path = Path(row["path"])
            path.unlink(missing_ok=True)
            return path
    raise IngestError(doc_id, "not an uploaded document; only uploads can be deleted here")
