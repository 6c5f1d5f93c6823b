"""What a question states about a measure, against its quotes: what it does ("不引入保险公司" —
"引进保险公司"), what its members all are ("都是新能源汽车企业" — "涉及互联网、生物医药…"), whom it
serves ("给大型国企" — "小微科技企业") and where a goal leads ("全球…领跑者" — "亚太地区…领跑之一").
Only stated clauses count, not asking ones. ``premise.contradicted`` calls ``claimed_otherwise``."""

from __future__ import annotations

import re

from .actors import stated_clauses
from .analysis import Query, glossary, glossed
from .evidence import first_year

# what the question says a measure does not do ("微贷通…不引入保险公司"), where the sources say it does
_DOES = ("引入|引进", "包括|包含|涵盖", "参与|加入", "支持|扶持|资助", "允许|接受")
_DOES_NOT = re.compile(rf"(?<!有)(?:不|没有?|未|并未|从未|并不|从不)(?:再|会)?({'|'.join(_DOES)})"
                       r"([\u4e00-\u9fff]{2,6})")


def _denied_otherwise(q: Query, quotes: list[str]) -> list[str]:
    """The quotes' words where a stated clause denies what they say a measure does."""
    off: list[str] = []
    for clause in stated_clauses(q.text):
        for m in _DOES_NOT.finditer(clause):
            verbs = next(v for v in _DOES if m.group(1) in v.split("|"))
            said = re.compile(rf"(?<![不没未])(?:{verbs}){m.group(2)[:2]}[\u4e00-\u9fff]{{0,4}}")
            off += [f.group(0) for text in quotes for f in said.finditer(text)][:1]
    return off


# "首批挂牌的都是新能源汽车企业吧" (or "大多是房地产…企业") against the kinds the quote lists
# ("涉及互联网、生物医药、3D打印等")
_ALL_ARE = re.compile(r"(?:都|全|全部|清一色|主要|大多|大都|大多数|大部分|多半)(?:是|为|属于)"
                      r"([\u4e00-\u9fffA-Za-z0-9]{2,12}?)"
                     r"(?:企业|公司|行业|领域|产业|的|吧|吗|[，,。？?])")
_ALL_ARE_EN = re.compile(r"\b(?:all|mostly|mainly|largely|predominantly|primarily|chiefly)\s+(?:been\s+)?"
                         r"((?:[a-z0-9-]+\s+(?:and\s+|or\s+)?){1,5}?)(?:firms|companies|enterprises|businesses)\b",
                         re.I)
_LISTED = re.compile(r"(?:涉及|包括|涵盖|覆盖|集中在)([^，。；：:]{2,12}、[^，。；]{2,40}?)(?:等|。|；|$)")


def _all_are_otherwise(q: Query, quote: str) -> list[str]:
    """The kinds the best quote lists, where the question says they all are another kind."""
    if not (listed := _LISTED.search(quote)):
        return []
    for m in _ALL_ARE.finditer(q.text):
        words = [a for t in q.terms if t.source == "zh" and t.found_in(m.group(1)) for a in t.alts]
        if words and not any(w in quote for w in words):
            return [listed.group(0)]
    # ("mostly real-estate and traditional mining firms": each word, and each pair, in the glossary's Chinese)
    for m in _ALL_ARE_EN.finditer(q.text):
        words = glossed(m.group(1))
        if words and not any(w in quote for w in words):
            return [listed.group(0)]
    return []


# whom a measure serves, by size: "微贷通是专门给大型国企做并购融资的吧" — "小微科技企业"
_FOR_LARGE = re.compile(r"(?:给|为|面向|针对|服务于?|帮)[^，。？?]{0,4}"
                        r"(?:大型|大中型|大企业|国企|国有企业|上市公司|龙头企业)|"
                        r"\b(?:for|aimed at|targets?|serves?) (?:big|large|state-owned|listed)\b", re.I)
_SMALL = re.compile(r"(?:小微|中小|初创|小型)[\u4e00-\u9fff]{0,4}?企业")


def _served_otherwise(q: Query, quotes: list[str]) -> list[str]:
    """The quotes' small firms, where a stated clause has the measure serve large ones."""
    stated = [c for c in stated_clauses(q.text) if _FOR_LARGE.search(c)]
    said = [m.group(0) for text in quotes if stated for m in _SMALL.finditer(text)]
    return said[:1]


# where a goal leads: "2040年…成为全球科技创新的领跑者" — "2040年：…成为亚太地区科技创新的领跑之一"
_LEADS = re.compile(r"(全球|世界|国际|亚太(?:地区)?|亚洲|全国|国内|长三角)[^，。；：:？?]{0,8}?(领跑|领先|前列)|"
                    r"\b(global|world|asia-pacific|asian|national|china's)\b[^,.;?]{0,30}?\b(lead(?:er|ers|ing)?)\b",
                    re.I)
_LEAD_SAME = {"世界": "全球", "国际": "全球", "亚太地区": "亚太", "国内": "全国", "global": "全球", "world": "全球",
              "asia-pacific": "亚太", "asian": "亚洲", "national": "全国", "china's": "全国"}


def _leads_otherwise(q: Query, quotes: list[str]) -> list[str]:
    """The quotes' words for where a goal leads, when a stated clause of the question (with its
    year, read in that year's quotes) puts it elsewhere."""
    def scope(m: re.Match[str]) -> str:
        word = (m.group(1) or m.group(3)).lower()
        return _LEAD_SAME.get(word, word)

    off: list[str] = []
    for clause in stated_clauses(q.text):
        year = first_year(clause) or (q.years[0] if len(q.years) == 1 else None)
        for m in _LEADS.finditer(clause) if year else []:
            said = [s for text in quotes if first_year(text) == year for s in _LEADS.finditer(text)]
            if said and all(scope(s) != scope(m) for s in said):
                off.append(said[0].group(0))
    return off


# whom a measure brings in: "微贷通是引进了创投基金的吧", "Weidaitong … brings venture capital funds in" —
# "微贷通引进保险公司"
_BRINGS_ZH = re.compile(r"(?<![不没未])(?:引进|引入|引来|带进)了?([\u4e00-\u9fff]{2,8}?)"
                        r"(?=来|进来|的|吧|吗|[，,。？?]|$)")
_BRINGS_EN = re.compile(r"\b(?:brings?|brought|bringing|introduces?|introduced|draws?|pulls?)\s+(?:in\s+)?"
                        r"((?:[a-z-]+\s+){0,3}(?:funds?|capital|investors?|companies|firms|banks?|insurers?|"
                        r"guarantors?|institutions?))\b", re.I)
_EN_ASKS = re.compile(r"^\s*(?:what|which|who|whom|how|does|do|did|will|can)\b", re.I)
_QUOTE_BRINGS = re.compile(r"(?:引进|引入)([\u4e00-\u9fff]{2,8}?)(?=[，,。；;]|$)")


def _brought_otherwise(q: Query, quotes: list[str]) -> list[str]:
    """The quotes' words for whom a measure brings in, where a stated clause of the question has it
    bring in someone else (read in the quote's clause naming the measure)."""
    subjects = [a for t in q.terms if t.required and t.source != "year" for a in t.alts]
    if q.lang == "zh":
        objects = [[a for t in q.terms if t.source == "zh" and t.found_in(m.group(1)) for a in t.alts]
                   for clause in stated_clauses(q.text) for m in _BRINGS_ZH.finditer(clause)]
    else:
        sentences = [s for s in re.split(r"(?<=[?.!])\s+", q.text) if not _EN_ASKS.search(s)]
        objects = [[z for w in m.group(1).lower().split() for z in glossary().get(w, ())]
                   for s in sentences for m in _BRINGS_EN.finditer(s)]
    for words in objects if subjects else []:
        said = [m.group(0) for text in quotes for clause in re.split(r"[，,。；;]", text)
                if any(s in clause for s in subjects) for m in _QUOTE_BRINGS.finditer(clause)]
        if words and said and not any(w in x for w in words for x in said):
            return said[:1]
    return []


def claimed_otherwise(q: Query, quotes: list[str]) -> list[str]:
    """The quotes' words for each claim of the question they contradict."""
    return (_denied_otherwise(q, quotes) + _all_are_otherwise(q, quotes[0]) + _leads_otherwise(q, quotes)
            + _served_otherwise(q, quotes) + _brought_otherwise(q, quotes))
