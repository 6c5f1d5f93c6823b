"""Founders' thumbs up/down on answers: a small SQLite store and `shkc-advisor feedback export`.

One row per rated answer with what was asked, what was answered and what it cited, so
that the export (JSONL, one object per row) can be turned into draft eval cases:

    {"id", "ts", "question", "answer", "citations", "rating" (+1/-1), "comment", "mode"}
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .settings import Settings

FIELDS = ("id", "ts", "question", "answer", "citations", "rating", "comment", "mode")
MAX_COMMENT_CHARS = 2000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    ts        TEXT NOT NULL,
    question  TEXT NOT NULL,
    answer    TEXT NOT NULL,
    citations TEXT NOT NULL,
    rating    INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment   TEXT NOT NULL DEFAULT '',
    mode      TEXT NOT NULL DEFAULT ''
)
"""


def feedback_path(settings: Settings) -> Path:
    return settings.data_dir / "feedback.sqlite"


class FeedbackStore:
    """Thread-safe by construction: every call opens its own short-lived connection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def from_settings(cls, settings: Settings) -> FeedbackStore:
        return cls(feedback_path(settings))

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=10)) as con:
            con.execute(_SCHEMA)
            with con:  # commit on success, roll back on error
                yield con

    def add(
        self,
        question: str,
        answer: str,
        citations: Sequence[dict[str, Any]],
        rating: int,
        comment: str = "",
        mode: str = "",
    ) -> int:
        """Store one rating and return its id."""
        with self._db() as con:
            cur = con.execute(
                "INSERT INTO feedback (ts, question, answer, citations, rating, comment, mode) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    question,
                    answer,
                    json.dumps(list(citations), ensure_ascii=False),
                    _rating(rating),
                    _comment(comment),
                    mode,
                ),
            )
            return int(cur.lastrowid or 0)

    def update(self, row_id: int, rating: int | None = None, comment: str | None = None) -> bool:
        """Change a stored rating or comment (a founder flips a thumb or adds a remark)."""
        sets: list[str] = []
        values: list[Any] = []
        if rating is not None:
            sets.append("rating = ?")
            values.append(_rating(rating))
        if comment is not None:
            sets.append("comment = ?")
            values.append(_comment(comment))
        if not sets:
            return False
        with self._db() as con:
            cur = con.execute(
                f"UPDATE feedback SET {', '.join(sets)} WHERE id = ?", (*values, row_id)
            )
            return cur.rowcount > 0

    def delete(self, row_id: int) -> bool:
        """Forget a rating (the founder clicked the same thumb again to withdraw it)."""
        with self._db() as con:
            return con.execute("DELETE FROM feedback WHERE id = ?", (row_id,)).rowcount > 0

    def rows(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._db() as con:
            cur = con.execute(f"SELECT {', '.join(FIELDS)} FROM feedback ORDER BY id")
            out = [dict(zip(FIELDS, r, strict=True)) for r in cur.fetchall()]
        for row in out:
            row["citations"] = json.loads(row["citations"])
        return out

    def export_jsonl(self, out: IO[str]) -> int:
        """Write every row as one JSON object per line; returns how many."""
        rows = self.rows()
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)


def _rating(rating: int) -> int:
    if rating not in (1, -1):
        raise InputError("a rating is +1 (helpful) or -1 (not helpful)")
    return int(rating)


def _comment(comment: str) -> str:
    return (comment or "").strip()[:MAX_COMMENT_CHARS]


# ---- command line -------------------------------------------------------------------------
def cmd_feedback_export(args: argparse.Namespace) -> int:
    from .cli import _settings

    store = FeedbackStore.from_settings(_settings(args))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            n = store.export_jsonl(f)
    else:
        n = store.export_jsonl(sys.stdout)
    print(f"exported {n} feedback rows" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def add_feedback_parser(subparsers: Any) -> None:
    """`shkc-advisor feedback export [--out FILE]` (hooked in by cli.build_parser)."""
    p = subparsers.add_parser("feedback", help="founders' ratings of answers")
    sub = p.add_subparsers(dest="feedback_command", required=True)
    e = sub.add_parser("export", help="write every rating as JSONL (for draft eval cases)")
    e.add_argument("--out", help="output file (default stdout)")
    e.set_defaults(func=cmd_feedback_export)


__all__ = ["FIELDS", "FeedbackStore", "add_feedback_parser", "feedback_path"]
