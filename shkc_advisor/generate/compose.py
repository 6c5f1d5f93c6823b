"""How the offline answer reads: the picked sentences (or card figures) joined with [n]
markers, one citation per quoted sentence, in the question's language. An English question
gets card figures in English and the Chinese sentence quoted; a premise the sources
contradict is flagged, with what they do say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..guard import numbers
from ..types import Citation, Draft
from .analysis import Query
from .base import Context
from .evidence import CLAUSE, DATE, DIGIT, Unit
from .focus import FOCUS

UNITS_EN = {
    "亿元": "hundred million yuan (亿元)",
    "万元": "ten thousand yuan (万元)",
    "亿美元": "hundred million US dollars (亿美元)",
    "%": "%",
    "余家": "+",  # "450余家": more than 450
    "英寸": "-inch",
}
# Chinese measure words: the English wording of what is counted already says it.
COUNT_WORDS = frozenset("家 项 个 条 宗 所 户 场 个方面 名 位 批 期".split())

_CHANGE_Q = re.compile(r"相比|比.{0,12}(掉|降|涨|增|减|多|少)|变化|compared|\b(drop|fell|rose|grew|change)", re.I)
_CHANGE_WORD = re.compile(r"下降|增长|增加|减少|提高|降低|翻")
_OPENING_LINK = re.compile(r"^(?:其中|此外|另外|同时)\s*[，,]\s*")


def _window(sentence: str, query: Query) -> str:
    """The clauses of ``sentence`` from the first to the last one that matches the question
    (dates count as matching for "when" questions). A premise being checked gets the whole
    sentence: the clause that contradicts it may match no question word."""
    clauses = [c for c in CLAUSE.split(sentence) if c]
    if len(clauses) <= 2 or len(sentence) <= 60 or query.asks_where or (query.is_check and query.figures):
        return sentence
    if query.lang == "en" and len(sentence) <= 160:  # a reader of the English framing gets the whole sentence
        return sentence
    named = [i for i, c in enumerate(clauses)
             if any(t.found_in(c) or any(part in c for part in t.parts) for t in query.terms)]
    if not named:  # (a date alone is no answer: "至2015年年底")
        return sentence
    idx = [*named, *(i for i, c in enumerate(clauses) if (query.asks_time or query.is_check) and DATE.search(c))]
    if _CHANGE_Q.search(query.text):  # "跟合并前比掉了多少": the clause stating the change, in its own words
        idx += [i for i, c in enumerate(clauses) if _CHANGE_WORD.search(c) and DIGIT.search(c)]
    if query.asks_count and not any(DIGIT.search(clauses[i]) for i in idx):
        nxt = max(idx) + 1
        if nxt < len(clauses) and DIGIT.search(clauses[nxt]):
            idx.append(nxt)
    lo, hi = min(idx), max(idx)
    if not (query.asks_count or query.asks_money or query.asks_time or query.asks_percent):
        if len(sentence) <= 160:  # an open question ("定位是啥"): the description is the answer
            return sentence
        hi = min(hi + 1, len(clauses) - 1)  # "建成什么样的…": the description follows the match
    text = "".join(clauses[lo : hi + 1]).rstrip("，,；;：:")
    return text if len(text) >= 8 else sentence


def _english_fact(u: Unit, n: int) -> str | None:
    """The card figure in English; None when its wording has numbers the quote lacks
    (the guard would drop it): the Chinese sentence is shown instead."""
    fig, card = u.fact or {}, u.card or {}
    unit = str(fig.get("unit", ""))
    unit_en = "" if unit in COUNT_WORDS else UNITS_EN.get(unit, f"({unit})" if unit else "")
    what = str(fig.get("counts_en", "")).strip().rstrip(".")
    name = str(card.get("name_en", "")).strip()
    quoted = set(numbers(u.quote))
    if not set(numbers(what)) <= quoted:
        return None
    if not set(numbers(name)) <= quoted:
        name = ""  # e.g. "3+X" in the card's name, not in the passage
    sep = "" if unit_en in ("", "%", "+", "-inch") else " "
    lead = f"{name} — " if name else ""
    if not name:  # the figure's description opens the sentence
        what = what[:1].upper() + what[1:]
    return f"{lead}{what}: {fig.get('value')}{sep}{unit_en} [{n}]."


_FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_MONTHS = "January February March April May June July August September October November December".split()


def _english_date(quote: str) -> str | None:
    """"2015年11月5日" → "5 November 2015", "1993年12月" → "December 1993": the first date of a quote."""
    m = _FULL_DATE.search(quote)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    month = f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return f"{int(m.group(3))} {month}" if m.group(3) else month


@dataclass(frozen=True)
class Answered(Draft):
    """A composed answer plus the evidence units behind it (for multi-part questions)."""

    units: list[Unit] = field(default_factory=list)
    premise_off: list[str] = field(default_factory=list)


def compose(
    ctx: Context, picked: list[Unit], premise_off: list[str], missing: list[str] | None = None
) -> Answered:
    """The answer built from ``picked``; ``premise_off`` (what the question states that the
    sources contradict) flags it abstained, ``missing`` names the details no part found."""
    q = ctx.query
    citations: list[Citation] = []
    parts: list[str] = []
    numbered: dict[str, int] = {}
    said: set[tuple[str, str]] = set()
    for u in picked:
        if (u.text, u.quote) in said:  # two parts answered by the same card figure: said once
            continue
        said.add((u.text, u.quote))
        c = u.chunk
        n = numbered.get(u.quote)
        shown = n is not None
        if n is None:  # two facts from one sentence share one citation
            n = numbered[u.quote] = len(citations) + 1
            citations.append(Citation(n, c.doc_id, c.title, c.section, u.quote, c.id))
        if q.lang != "en" and shown:
            continue
        if q.lang == "en":
            fact = _english_fact(u, n) if u.fact else None
            # "When was…?" in English gets the date of its best sentence in English
            day = _english_date(u.quote) if q.asks_time and u is picked[0] and not premise_off else None
            if fact is None and day:
                parts.append(f"Date given: {day} [{n}].")
            if fact is None:
                parts.append(f"The source says (in Chinese): “{_window(u.quote, q)}” [{n}].")
            elif shown:
                parts.append(fact)
            else:  # the sentence itself too: it often holds the figure asked with this one
                parts.append(f"{fact[:-1]}, from “{_window(u.quote, q).rstrip('。；;，,')}”.")
        else:
            body = _window(u.quote, q).rstrip("。；;，,")
            if not parts:  # ("根据资料，其中，科技创新板…": the connective belongs to the sentence before)
                body = _OPENING_LINK.sub("", body)
            parts.append(f"{body}[{n}]。")
    # A question resting on what the sources contradict (a figure, a share, a rank, a place)
    # is refused as asked (abstained), and the refusal says what the sources do say, cited.
    if q.lang == "en":
        lead = ("The sources contradict what your question assumes. What they say: " if premise_off
                else "According to the sources: ")
        tail = "".join(f" The sources do not give {FOCUS[f][3]}." for f in dict.fromkeys(missing or []))
        if q.injection:
            tail += " (The instructions in your question are not part of the sources and were ignored.)"
    else:
        lead = "问题中的说法与资料不一致。资料写的是：" if premise_off else "根据资料，"
        tail = "请以资料为准。" if premise_off else ""
        tail += "".join(f"资料没有提到{FOCUS[f][2]}。" for f in dict.fromkeys(missing or []))
        if q.injection:
            tail += "（问题里夹带的指令或“通知”不属于资料，已忽略。）"
    text = lead + (" " if q.lang == "en" else "").join(parts) + tail
    return Answered(text=text, citations=citations, abstained=bool(premise_off), mode="extractive",
                    units=picked, premise_off=premise_off)
