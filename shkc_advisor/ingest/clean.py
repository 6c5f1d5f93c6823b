"""Repair text extracted from PDFs, Chinese-aware, and find the document's own headings.

PDF extraction breaks lines mid-sentence, puts spaces between Chinese characters and
digits ("2015 年"), and leaves page furniture (page numbers, footnote digits on their
own line). We never change a character of content: we only join lines, drop furniture
and remove whitespace next to CJK text, so every quote stays findable in the source
when whitespace is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2014\u2026"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK}])")
_MULTISPACE = re.compile(r"[ \t\u00a0]{2,}")
# Lines that are furniture, not content: bare page/footnote numbers, "第 3 页", "- 3 -".
_FURNITURE = re.compile(r"^\s*(?:\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|[-–—]\s*\d+\s*[-–—]|\d+\s*/\s*\d+)\s*$")
_TERMINAL = tuple("。！？；!?;…：:")
_CLOSERS = tuple("”」』）)】》\"'")

CN_NUM = "一二三四五六七八九十百"
# Chinese heading conventions, most to least significant.
HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{CN_NUM}\d]+[章编]\s*\S")),
    (1, re.compile(rf"^[{CN_NUM}]+、\s*\S")),
    (2, re.compile(rf"^[（(][{CN_NUM}]+[）)]\s*\S")),
    (2, re.compile(rf"^第[{CN_NUM}\d]+条")),
    (3, re.compile(r"^\d{1,2}[、．]\s*\S")),
]
_MAX_HEADING_CHARS = 40


def normalize_space(text: str) -> str:
    """Drop whitespace next to CJK characters and collapse the rest."""
    text = _SPACE_NEAR_CJK.sub("", text)
    return _MULTISPACE.sub(" ", text).strip()


def squash(text: str) -> str:
    """All whitespace removed: the form in which quotes are compared with sources."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def heading_level(line: str) -> int | None:
    """Level of a Chinese-convention heading line, or None for body text.

    Level 1-2 markers (一、 （一）) are headings when short. Numbered items (1、) start
    a new paragraph; they count as headings only when short and without a full stop.
    """
    line = line.strip()
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(line):
            if len(line) > _MAX_HEADING_CHARS:
                return None
            if level == 3 and line.endswith(("。", "；")):
                return None
            return level
    return None


def starts_item(line: str) -> bool:
    """A numbered item or list marker always starts a new paragraph."""
    s = line.strip()
    return bool(
        re.match(rf"^(?:\d{{1,2}}[、．]|[（(][{CN_NUM}\d]+[）)]|[{CN_NUM}]+、|[{CN_NUM}]是|【)", s)
    )


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: int | None = None  # heading level, None for body text
    page: int | None = None


def _lines(pages: list[str]) -> list[tuple[int | None, str]]:
    numbered = len(pages) > 1
    out: list[tuple[int | None, str]] = []
    for i, raw in enumerate(pages):
        raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        raw = "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
        out.extend((i + 1 if numbered else None, line) for line in raw.split("\n"))
    return out


def repair_lines(raw: str | list[str]) -> list[Paragraph]:
    """Join lines broken mid-sentence into paragraphs; mark headings; drop furniture.

    ``raw`` is the whole text, or a list of page texts (a paragraph may run across pages
    and keeps the page it started on).
    """
    paragraphs: list[Paragraph] = []
    buf = ""
    page: int | None = None
    buf_page: int | None = None

    def flush() -> None:
        nonlocal buf
        text = normalize_space(buf)
        if text:
            paragraphs.append(Paragraph(text, None, buf_page))
        buf = ""

    for page, line in _lines([raw] if isinstance(raw, str) else raw):
        s = line.strip()
        if not s or _FURNITURE.match(s):
            continue
        level = heading_level(normalize_space(s))
        if level is not None and level <= 2:
            flush()
            paragraphs.append(Paragraph(normalize_space(s), level, page))
            continue
        if buf and (starts_item(s) or level is not None):
            flush()
        if not buf:
            buf_page = page
        buf = f"{buf} {s}" if buf else s
        end = normalize_space(buf)
        if end.endswith(_TERMINAL) or (end.endswith(_CLOSERS) and end[-2:-1] in "。！？"):
            flush()
    flush()
    return paragraphs
