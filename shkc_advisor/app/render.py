"""Pure formatting for the chat page: answers, sources, measure cards, retrieval rows.

Document text is data, never markup: a quote that contains ``<script>`` or ``[a](b)`` must
show those characters. Chat messages are Markdown, so every piece of text from the
advisor goes through ``escape_md``; card panels are HTML built with ``html.escape``.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Sequence
from typing import Any

from ..types import Answer, Citation, ScoredChunk
from .matcher import NEEDS, STAGES, Match

_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also stops
# autolinks (https\://…, www\.…), emphasis, lists, tables and $…$ maths.
_MD_ESCAPE = {c: _HTML_ENTITIES.get(c, "\\" + c) for c in string.punctuation}
_CJK = re.compile(r"[\u3400-\u9fff]")

MODE_LABELS = {"extractive": "offline", "openai": "LLM"}
NO_INDEX_EN = (
    "No index has been built yet, so there is nothing to answer from. "
    "Run `shkc-advisor index` (or `make run`), then reload this page."
)
NO_INDEX_ZH = (
    "尚未建立索引，暂时无法回答。请先运行 `shkc-advisor index`（或 `make run`），然后刷新本页。"
)


def escape_md(text: str) -> str:
    """Text that Markdown (and the HTML it allows) will display literally."""
    return "".join(_MD_ESCAPE.get(c, c) for c in text)


def escape_html(text: object) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def is_zh(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def mode_label(mode: str) -> str:
    return MODE_LABELS.get(mode, mode or "offline")


def _quote_md(quote: str) -> str:
    return "> " + escape_md(" ".join(quote.split()))


def answer_markdown(answer: Answer) -> str:
    """The answer bubble: the guarded text (with its [n] markers), refusal flag, notes."""
    zh = is_zh(answer.question) or is_zh(answer.text)
    parts = []
    if answer.abstained and answer.citations:  # a false premise, refused with what the sources say
        parts.append("**资料与问题中的说法不一致**" if zh else "**The sources say otherwise**")
    elif answer.abstained:
        parts.append("**资料中没有答案**" if zh else "**Not in the sources**")
    parts.append(escape_md(answer.text))
    for note in answer.notes:
        parts.append("*" + ("注：" if zh else "Note: ") + escape_md(note) + "*")
    return "\n\n".join(parts)


def citation_markdown(c: Citation) -> str:
    head = f"**\\[{c.n}\\] {escape_md(c.title)}**"
    if c.section:
        head += f" — {escape_md(c.section)}"
    return f"{head}\n{_quote_md(c.quote)}"


def sources_message(
    answer: Answer,
    nearby: Sequence[ScoredChunk] = (),
) -> dict[str, Any]:
    """The collapsible panel under an answer: each citation with title, section and quote.

    For a refusal it lists what the sources do cover near the question instead.
    """
    zh = is_zh(answer.question)
    log = f"{mode_label(answer.mode)} · {answer.latency_ms / 1000:.1f} s"
    if answer.citations:
        title = f"来源（{len(answer.citations)}）" if zh else f"Sources ({len(answer.citations)})"
        body = "\n\n".join(citation_markdown(c) for c in answer.citations)
    else:
        title = "资料涉及的相关内容" if zh else "What the sources do cover"
        seen: dict[str, ScoredChunk] = {}
        for h in nearby:
            seen.setdefault(f"{h.chunk.title}\n{h.chunk.section}", h)
        lines = [
            f"- **{escape_md(h.chunk.title)}** — {escape_md(h.chunk.section or '')}"
            for h in list(seen.values())[:4]
        ]
        body = "\n".join(lines) or ("（没有相关段落）" if zh else "(no related passages)")
    return {
        "role": "assistant",
        "content": body,
        "metadata": {"title": title, "status": "done", "log": log},
    }


def error_message(text: str, markdown: bool = False) -> dict[str, Any]:
    """A problem shown in the chat; ``markdown`` only for the app's own messages."""
    return {"role": "assistant", "content": "⚠️ " + (text if markdown else escape_md(text))}


def no_index_text(question: str = "") -> str:
    return NO_INDEX_ZH if is_zh(question) else NO_INDEX_EN


# ---- measure cards -------------------------------------------------------------------------
_WHO = {
    "founder_teams": "founder teams · 创业团队",
    "startups": "start-ups · 初创企业",
    "smes": "SMEs · 中小企业",
    "little_giants": "Little Giants · 小巨人企业",
    "all_enterprises": "all enterprises · 各类企业",
    "universities": "universities · 高校",
    "research_institutes": "research institutes · 科研院所",
    "intermediaries": "intermediaries · 服务机构",
}


def who_serves(card: dict[str, Any]) -> str:
    return ", ".join(_WHO.get(s, s) for s in card.get("serves") or [])


def helps_with(card: dict[str, Any]) -> str:
    return ", ".join(
        f"{NEEDS[n][0]} · {NEEDS[n][1]}" if n in NEEDS else n for n in card.get("helps_with") or []
    )


def card_title(card: dict[str, Any]) -> str:
    return f"{card.get('name_zh') or ''} · {card.get('name_en') or ''}".strip(" ·")


def _quote_html(src: dict[str, Any]) -> str:
    section = (
        f"<div class='shkc-sec'>{escape_html(src.get('section'))}</div>"
        if src.get("section")
        else ""
    )
    return f"<blockquote class='shkc-quote'>{escape_html(src.get('quote'))}{section}</blockquote>"


def card_html(card: dict[str, Any], match: Match | None = None) -> str:
    """One measure card: name, who it serves, figures with the quotes they come from."""
    e = escape_html
    years = ", ".join(str(y) for y in card.get("years") or [])
    meta = " · ".join(
        x for x in (str(card.get("category") or ""), years, str(card.get("issuer") or "")) if x
    )
    rows = [
        f"<div class='shkc-card' data-measure='{e(card.get('id'))}'>",
        f"<h3>{e(card_title(card))}</h3>",
        f"<div class='shkc-meta'>{e(meta)}</div>",
    ]
    if match is not None:
        rows.append(
            f"<p class='shkc-why'><b>Why it fits · 匹配原因：</b>"
            f"{e(match.why_en)} · {e(match.why_zh)}</p>"
        )
        if match.evidence:
            rows.append(_quote_html(match.evidence))
    rows += [
        f"<p><b>Serves · 面向：</b>{e(who_serves(card))}<br>"
        f"<b>Helps with · 帮助：</b>{e(helps_with(card))}</p>",
        f"<p>{e(card.get('summary_zh'))}</p><p>{e(card.get('summary_en'))}</p>",
    ]
    sources = list(card.get("sources") or [])
    figures = list(card.get("figures") or [])
    if figures and match is None:
        # Figures grouped under the one quote they come from, so each quote shows once.
        groups: dict[int, list[dict[str, Any]]] = {}
        for fig in figures:
            idx = fig.get("source")
            groups.setdefault(idx if isinstance(idx, int) else -1, []).append(fig)
        rows.append("<ul class='shkc-figures'>")
        for idx, figs in groups.items():
            src = sources[idx] if 0 <= idx < len(sources) else {}
            items = "<br>".join(_figure_html(f) for f in figs)
            rows.append(f"<li>{items}{_quote_html(src) if src else ''}</li>")
        rows.append("</ul>")
    rows.append("</div>")
    return "\n".join(rows)


def _figure_html(fig: dict[str, Any]) -> str:
    e = escape_html
    year = f" ({e(fig.get('year'))})" if fig.get("year") else ""
    return (
        f"<b>{e(fig.get('value'))} {e(fig.get('unit') or '')}</b> — "
        f"{e(fig.get('counts_zh'))} / {e(fig.get('counts_en'))}{year}"
    )


def ask_about(card: dict[str, Any], zh: bool = True) -> str:
    """The question 'ask about this measure' puts in the chat box."""
    if zh:
        return f"{card.get('name_zh') or card.get('name_en')}是什么？有哪些数据？"
    return f"What is the {card.get('name_en') or card.get('name_zh')} and what figures are given?"


def stage_choices() -> list[tuple[str, str]]:
    return [(f"{zh} · {en}", key) for key, (en, zh, _) in STAGES.items()]


def need_choices() -> list[tuple[str, str]]:
    return [(f"{zh} · {en}", key) for key, (en, zh) in NEEDS.items()]


# ---- retrieval test ------------------------------------------------------------------------
RETRIEVAL_HEADERS = [
    "#",
    "fused",
    "dense #",
    "dense",
    "BM25 #",
    "BM25",
    "title",
    "text",
    "section",
]
RETRIEVAL_WIDTHS: list[str | int] = ["4%", "7%", "6%", "7%", "6%", "7%", "14%", "34%", "15%"]


def _num(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def _rank(r: int | None) -> int | str:
    return "–" if r is None else r + 1  # 1-based for people


def retrieval_rows(hits: Iterable[ScoredChunk], text_chars: int = 300) -> list[list[Any]]:
    """One row per hit. A hit with neither rank came in as a retrieved measure card's source."""
    rows: list[list[Any]] = []
    for i, h in enumerate(hits, 1):
        text = " ".join(h.chunk.text.split())
        via_card = h.dense_rank is None and h.bm25_rank is None
        rows.append(
            [
                i,
                _num(h.score),
                "card source" if via_card else _rank(h.dense_rank),
                _num(h.dense_score),
                "card source" if via_card else _rank(h.bm25_rank),
                _num(h.bm25_score),
                h.chunk.title,
                text if len(text) <= text_chars else text[:text_chars] + "…",
                h.chunk.section,
            ]
        )
    return rows
