"""How a question says something moved, against how the sources say it did: a change's
direction ("为什么下降了？" — "增加1.34%"), a rate against a base year ("比2009年增长了…"), a change
against a base the quote moves the other way from ("并入后…都明显上升了" — "与2003年合并前相比…
下降"), and a series said to rise every step ("逐期递增" — 第4期 fell). ``premise.contradicted``
calls ``moved_otherwise``; each finding is named by the evidence's own words."""

from __future__ import annotations

import itertools
import re

from .analysis import Query

PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
# a change stated against a base year ("比2009年增长了73.7%"), read against the quote's for that year
_CHANGE_ON = re.compile(r"比\s*((?:19|20)\d\d)\s*年(?:增长|增加|提高|上升|下降|减少|降低)了?\s*(\d+(?:\.\d+)?)\s*[%％]")
# a change's direction: "why did it drop?" against "增加1.34%"
_DOWN_Q = re.compile(r"下降|下滑|减少|降低|萎缩|缩水|缩减|削减|缩小|收缩|跌|少了|变少|"
                     r"\b(drop(ped)?|f[ae]ll|fallen|declined?|decrease[ds]?|shr[iau]nks?|plunged?|plummet(ed)?|slump(ed)?|"
                     r"tumbled?|sank|sink|slip(?:ped|s)?|dip(?:ped|s)?|halved)\b", re.I)
_UP_Q = re.compile(r"上升|增长|增加|提高|上涨|涨|"
                   r"\b(r[io]se|risen|grow|grew|grown|increase[ds]?|jump(ed)?|climb(ed)?|soar(ed)?|surged?|doubled|"
                   r"tripled)\b", re.I)
_FALLS, _RISES = "下降|减少|降低|下滑", "增加|增长|提高|上升"
# (or a size moving without a percent: "规模进一步扩大…增至25亿元")
_DOWN = re.compile(rf"({_FALLS})\s*[\d.]+\s*[%％]|缩小|降至|减少到|下降到")
_UP = re.compile(rf"({_RISES})\s*[\d.]+\s*[%％]|扩大|增至|增加到|提高[至到]")
# a change against a base ("都超过了2003年合并前的水平", "与合并前相比…增长了", "并入后…都明显上升了")
# where the quotes move the other way from the same base ("与2003年合并前相比…则分别下降")
_BASE = r"(?:19|20)\d\d\s*年|合并前|并入前"
_ON_BASE = re.compile(rf"(?:比|与|较)\s*([^，。；？?]{{0,12}}?(?:{_BASE})[^，。；？?]{{0,6}}?)(?:相比|相较)?"
                      rf"[^。；？?]{{0,16}}?({_FALLS}|{_RISES}|超过|高于|低于|大?涨|大?跌|翻)")
_OVER_BASE = re.compile(rf"(超过|高于|低于|不及|少于)了?\s*([^，。；？?]{{0,12}}?(?:{_BASE}))")
# (not a change against a base of its own: "并入…以后，2009年成交额比2008年涨了多少？")
_AFTER_MERGE = re.compile(rf"(?:合并|并入|并进|并到)[^，。；？?]{{0,20}}?后[^。；？?比较]{{0,30}}?"
                          rf"({_FALLS}|{_RISES}|上涨|下滑|大?涨|翻)")
# (in English: "risen compared with pre-merger levels", "After X merged into Y in 2003, its deals grew")
_EN_UP = (r"r[io]sen?|rising|gr[eo]wn?|growing|increas(?:ed?|ing)|jump(?:ed|ing)|soar(?:ed|ing)|climb(?:ed|ing)|"
          r"doubled|tripled|shot up|above|exceeded|surpassed")
_EN_DOWN = r"f[ae]ll(?:en|ing)?|declin(?:ed?|ing)|dropp(?:ed|ing)|decreas(?:ed?|ing)|slipped|dipped|halved|below"
_EN_ON_BASE = re.compile(rf"\b({_EN_UP}|{_EN_DOWN})\b(?:[^.?!]{{0,40}}?\b(?:compared (?:with|to)|than|over|versus))?\s+"
                         r"(?:the\s+|their\s+)?((?:19|20)\d\d|pre-merger|before the merger)", re.I)
_EN_AFTER_MERGE = re.compile(rf"\bmerg\w*[^.?!]{{0,120}}?\b({_EN_UP}|{_EN_DOWN})\b", re.I)


def _changes_on_base(text: str, question: bool) -> list[tuple[set[str], bool, str]]:
    """(the base's years and "合并前", rose?, the words) for each change against a base."""
    def keys(base: str) -> set[str]:
        merger = re.search("合并前|并入前|pre-merger|before the merger", base, re.I)
        return set(re.findall(r"(?:19|20)\d\d", base)) | ({"合并前"} if merger else set())

    def rose(word: str) -> bool:
        return bool(re.fullmatch(rf"{_RISES}|超过|高于|上涨|大?涨|翻|{_EN_UP}", word, re.I))

    found = [(keys(m.group(0)), rose(m.group(2)), m.group(0)) for m in _ON_BASE.finditer(text)]
    # ("合并到综合性产权交易所后，…交易量和成交额反趋于下降", in a quote too)
    found += [({"合并前"}, rose(m.group(1)), m.group(0)) for m in _AFTER_MERGE.finditer(text)]
    if question:
        found += [(keys(m.group(2)), rose(m.group(1)), m.group(0)) for m in _OVER_BASE.finditer(text)]
        found += [(keys(m.group(2)), rose(m.group(1)), m.group(0)) for m in _EN_ON_BASE.finditer(text)]
        found += [({"合并前"}, rose(m.group(1)), m.group(0)) for m in _EN_AFTER_MERGE.finditer(text)]
    return found


# "是涨了还是跌了？": both ways asked, neither claimed
_EITHER = re.compile(r"(?:涨|升|增|降|跌|减|多|少)了?还是(?:涨|升|增|降|跌|减|多|少)|"
                     r"\b(?:rise|rose|grow|grew|increase)\w* or (?:fall|fell|drop|decline|decrease|shrink|shrank)",
                     re.I)


def _moved_otherwise(q: Query, quotes: list[str]) -> list[str]:
    if _EITHER.search(q.text):
        return []
    said = [c for text in quotes for c in _changes_on_base(text, question=False)]
    off = []
    for base, up, _words in _changes_on_base(q.text, question=True):
        same = [(went, words) for b, went, words in said if base & b]
        if same and all(went != up for went, _ in same):
            off.append(same[0][1])
    return off


def moved_in(q: Query, sentences: list[str]) -> tuple[int, str] | None:
    """"并入之后…都比2003年合并前大幅增长了": the first of ``sentences`` that moves the other way
    from the question's base, when the answering sentence only dates the merger — and its words."""
    for i, sentence in enumerate(sentences):
        if off := _moved_otherwise(q, [sentence]):
            return i, off[0]
    return None


# "逐期递增，每一期都比上一期多" against a series that falls somewhere ("第3期10.38亿元、第4期8.46亿元")
_EVERY_UP = re.compile(r"逐(?:期|年|步)(?:递增|增加|增长|扩大|上升)|每一?(?:期|年)都比上一?(?:期|年)(?:多|高|大)|"
                       r"一(?:期|年)比一(?:期|年)(?:多|高|大)|"
                       r"\b(?:gr[eo]wn?|r[io]sen?|increased?|got bigger) (?:every|each) (?:year|tranche|round|phase)|"
                       r"(?:every|each)(?: new)? (?:tranche|round|phase|year)\b[^.?!]{0,60}?"
                       r"(?:larger|bigger|higher) than the (?:last|previous|one before)|"
                       r"\b(?:rising|growing|increasing) steadily\b|\bsteadily (?:rising|growing|increasing)\b", re.I)
_EVERY_DOWN = re.compile(r"逐(?:期|年|步)(?:递减|减少|下降|缩小)|每一?(?:期|年)都比上一?(?:期|年)(?:少|低|小)", re.I)
_HEDGED = re.compile(r"大体|大致|总体|基本上|但|反而|除了|\b(mostly|generally|except|but)\b", re.I)  # (claims no rule)
_SERIES_ITEM = re.compile(r"第\s*(\d+)\s*期\s*(\d+(?:\.\d+)?)|"
                          r"((?:19|20)\d\d)\s*年(?:为|是)?\s*(\d+(?:\.\d+)?)(?![\d.年])")


def _series_breaks(q: Query, quotes: list[str]) -> list[str]:
    up, down = _EVERY_UP.search(q.text), _EVERY_DOWN.search(q.text)
    if bool(up) == bool(down) or _HEDGED.search(q.text):
        return []
    for text in quotes:
        series = sorted((int(m.group(1) or m.group(3)), float(m.group(2) or m.group(4)), m.group(0))
                        for m in _SERIES_ITEM.finditer(text))
        if len(series) < 3:  # (a series, not one change)
            continue
        for (_, a, said_a), (_, b, said_b) in itertools.pairwise(series):
            if (b < a) if up else (b > a):
                return [f"{said_a}、{said_b}"]
    return []


def moved_otherwise(q: Query, quotes: list[str], presumed: bool) -> list[str]:
    """The evidence's words where the question has something move the wrong way. A direction the
    question only asks about is read when it takes it for granted (``presumed``)."""
    off: list[str] = []
    quote = quotes[0]
    for year, pct in _CHANGE_ON.findall(q.text):
        rates = [m for text in quotes for m in _CHANGE_ON.finditer(text) if m.group(1) == year]
        if rates and not any(m.group(2) == pct for m in rates):
            off += [m.group(0) for m in rates]
    if presumed:
        up, down = _UP.search(quote), _DOWN.search(quote)
        if _DOWN_Q.search(q.text) and not _UP_Q.search(q.text) and up and not down:
            off.append(up.group(0))
        elif _UP_Q.search(q.text) and not _DOWN_Q.search(q.text) and down and not up:
            off.append(down.group(0))
        elif (went := _UP_Q.search(q.text)) is not None or _DOWN_Q.search(q.text):
            # a stated change read against the change word that governs the same figure in
            # the quote ("rose by 81.6%" — "…下降72.4%和81.6%"), when the quote moves both ways
            for pct in PERCENT.findall(q.text):
                m = re.search(rf"({_FALLS}|{_RISES})[^，。；,;]{{0,12}}?(?<![\d.]){re.escape(pct)}\s*[%％]", quote)
                if m and bool(went) == bool(re.fullmatch(_FALLS, m.group(1))):
                    off.append(m.group(0))
    return off + _moved_otherwise(q, quotes) + _series_breaks(q, quotes)
