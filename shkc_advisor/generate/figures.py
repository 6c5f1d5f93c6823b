"""Figures a question states that its quotes hold only as something else: a count bound to
another noun ("新增了62家科技企业孵化器" — "科技企业孵化器42家，新型孵化器62家"), a figure of another
year or tranche ("139 in 2014" — 2015's; "第6期缩水到8.46亿元" — 第4期's), a span ("five years" —
"仅仅实践了一年"), a share of a part stated for the whole (1/3 — 1/4), another owner ("国有…33家" —
"民营孵化器仅33家"). ``premise`` reads what else a question takes for granted; ``extractive``
calls ``stated_otherwise`` with the quotes it picked."""

from __future__ import annotations

import re

from .analysis import Query, analyse, glossary, glossed
from .evidence import figure_pattern, first_year
from .numerals import in_wan_or_yi

_FIGURE_IN_YEAR = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s+[a-z\-]+){0,2}\s+in\s+((?:19|20)\d\d)\b", re.I)
_YEAR_THEN_FIGURE = re.compile(r"((?:19|20)\d\d)\s*年[^，,。；？?\d]{0,8}?(?<![\d.])(\d+(?:\.\d+)?)(?![\d.年])")
_SPAN = re.compile(r"(?<![\d.])(\d{1,3})\s*(years|months|weeks|个月|年(?![\d底初末]))", re.I)
_SPAN_ZH = {"years": "年", "年": "年", "months": "个月", "个月": "个月", "weeks": "周"}
_EN_COUNTED = re.compile(
    r"(?<![\d.])(\d+)\s+(?:([a-z\-]+)\s+)?(teams|enterprises|companies|firms|banks|universities|members|"
    r"organi[sz]ations|institutions)\b", re.I
)
_EN_MILLIONS_COUNTED = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*million\s+(?:[a-z\-]+\s+)?(users|visits|views|clicks)\b", re.I
)
_MEASURES_COUNTED = re.compile(r"(?<![\d.])(\d+)\s+(?:specific\s+|concrete\s+|policy\s+)*(measures|areas|aspects)\b|"
                               r"(?<![\d.“\"])(\d+)\s*(条(?=具体|政策|措施|举措)|个方面)", re.I)
_MEASURE_UNIT = {"measures": "条", "areas": "方面", "aspects": "方面", "条": "条", "个方面": "方面"}
_CURRENCY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[亿万]\s*(美元|元人民币|人民币|元)")
_MONEY_KIND = {"美元": "usd", "元人民币": "cny", "人民币": "cny", "元": "cny"}
_WITH_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万|%|％|家|项|场|宗)")
_ZH_COUNTED = re.compile(r"(?<![\d.])(\d+)\s*[家个所项]([\u4e00-\u9fff]{3,8})")  # "62家科技企业孵化器"
# (or after it: "新增科技企业孵化器62家")
# (or after it and a verb: "市级开发区只有1203个", "民营孵化器仅33家")
_COUNT_VERB = r"(?:只有|仅有|共有|已有|就有|还有|有|达到|达|仅|才|共)?"
_ZH_COUNT_AFTER = re.compile(rf"([\u4e00-\u9fff]{{3,10}}?){_COUNT_VERB}"
                             r"(?<![\d.])(\d+)\s*[家个所项](?![\u4e00-\u9fff]{3})")
# the same in English: "62 new technology business incubators" (科技企业孵化器), "42 new-type incubators"
_EN_KIND_COUNTED = re.compile(r"(?<![\d.])(\d+)\s+((?:[a-z-]+\s+){0,3}?)(incubators|nurseries|accelerators)\b", re.I)


def _en_kind(words: str, head: str) -> str:
    kind = {"incubators": "孵化器", "nurseries": "苗圃", "accelerators": "加速器"}[head.lower()]
    if "new-type" in words.lower():
        return "新型" + kind
    return "科技企业" + kind if re.search(r"\b(business|enterprise)\b", words, re.I) else kind


def _counts_of(noun: str, quotes: str, from_end: bool = False) -> set[str]:
    """The figures the quotes give for ``noun`` ("科技企业孵化器42家", "90家科技创业苗圃"), read
    by its longest start the quotes use (or end: "新增科技企业孵化器" — 科技企业孵化器)."""
    noun = re.sub(r"[了的吗呢吧啊]+$", "", noun)  # ("134家会员了")
    for k in range(len(noun), 1, -1):
        head = re.escape(noun[-k:] if from_end else noun[:k])
        # (a two-character noun may follow its kind: "57家联盟会员")
        kind = r"[\u4e00-\u9fff]{0,4}?" if k == 2 else ""
        found = re.findall(rf"{head}\s*{_COUNT_VERB}\s*(\d+)\s*[家个所项]|(?<![\d.])(\d+)\s*[家个所项]{kind}{head}",
                           quotes)
        if found:
            return {a or b for a, b in found}
    return set()


# a share stated as a fraction ("one-third", "三分之一", "1/3"), as the sources write it
FRACTION = re.compile(r"(?<![\d/])([1-9])\s*/\s*([1-9])(?![\d/])|([二三四五])分之一|"
                       r"\b(?:one|a)[- ](third|quarter|fourth|fifth)\b", re.I)
_DENOMINATOR = {"二": "2", "三": "3", "四": "4", "五": "5", "third": "3", "quarter": "4", "fourth": "4", "fifth": "5"}


def fractions(text: str) -> set[str]:
    return {f"{m.group(1)}/{m.group(2)}" if m.group(1) else f"1/{_DENOMINATOR[(m.group(3) or m.group(4)).lower()]}"
            for m in FRACTION.finditer(text)}


def _share_of_part(q: Query, quotes: str) -> list[str]:
    """A share the quotes give only for a part ("…近370家，占全国约1/4，其中来自世界500强企业的研发
    中心占比更是达全国1/3") stated for the whole: the question names nothing of the part."""
    off = []
    for f in fractions(q.text):
        a, b = f.split("/")
        # (read in the question's sentence that states it: a later sentence may ask about the part itself)
        stated = next((x for x in re.split(r"(?<=[.?!。？！；;])\s*", q.text) if f in fractions(x)), q.text)
        if f in fractions(lead := stated.split("其中")[0]):  # (or before its own 其中: "…占全国约1/3，那其中…")
            stated = lead
        parts = [m.group(1) for m in re.finditer(rf"其中([^。；;]*?)(?<![\d/]){a}\s*/\s*{b}(?![\d/])", quotes)]
        anywhere = re.findall(rf"(?<![\d/]){a}\s*/\s*{b}(?![\d/])", quotes)
        if not parts or len(parts) != len(anywhere):
            continue
        whole = quotes.split("其中")[0]  # (a word the whole's clause has names nothing of the part)
        words = [w for t in analyse(stated, set()).terms for w in t.alts if len(w) >= 2 and w not in whole]
        named = [n for part in parts for n in re.findall(r"\d+", part) if n in stated]
        named += [w for part in parts for w in words if w in part]
        if not named:
            off.append(f)
    return off


# who owns what a figure counts ("国有孵化器只有33家" — "民营孵化器仅33家")
_OWNER = {"国有": "state", "国营": "state", "公办": "state", "民营": "private", "私营": "private", "民办": "private",
          "外资": "foreign"}
_OWNED = "|".join(_OWNER)
_EN_OWNER = {"state": "state", "private": "private", "privately": "private", "foreign": "foreign"}


def _owned_otherwise(q: Query, quotes: str) -> list[str]:
    off = []
    for f in q.figures:
        figure = rf"[^，,。；？?\d]{{0,10}}?{figure_pattern(f)}"
        asked = {_OWNER[m.group(1)] for m in re.finditer(rf"({_OWNED}){figure}", q.text)}
        # ("only 33 (30.8%) were state-owned")
        asked |= {_EN_OWNER[m.group(1).lower()] for m in re.finditer(
            rf"{figure_pattern(f)}(?:[^,.;?]|\.(?=\d)){{0,24}}?\b(state|private|privately|foreign)"
            r"[- ](?:owned|run)", q.text, re.I)}
        said = {_OWNER[m.group(1)] for m in re.finditer(rf"({_OWNED}){figure}", quotes)}
        if asked and said and not asked & said:
            off.append(f)
    return off


# "29 of the 35 … had received Pujiang Talent Program support": the quote's 29 got another's ("29家曾获科技小巨人扶持")
_EN_SUPPORTED = re.compile(r"\b(\d+)\b[^.?!;]{0,60}?\b(?:received|got|had|obtained|won)\s+(?:received\s+)?(?:the\s+)?"
                           r"((?:[a-z-]+\s+){1,4}?)(?:support|funding|backing|grants?)\b", re.I)


def _supported_otherwise(q: Query, quotes: str) -> list[str]:
    off = []
    for m in _EN_SUPPORTED.finditer(q.text) if q.lang == "en" else ():
        names = glossed(m.group(2))
        got = re.search(rf"(?<![\d.]){m.group(1)}\s*[家个]?[^，。；]{{0,4}}?(?:获得?|受到)([\u4e00-\u9fff]{{2,10}}?)的?"
                        r"(?:扶持|支持|资助)", quotes)
        if names and got and m.group(1) in q.figures and not any(n in got.group(1) for n in names):
            off.append(m.group(1))
    return off


# a tranche the question names, in either language ("第6期", "the 6th tranche", "tranche 6")
_TRANCHE = r"第\s*(\d+)\s*期|\b(\d+)(?:st|nd|rd|th) (?:tranche|round|phase)\b|\b(?:tranche|round|phase) (\d+)\b"


def stated_otherwise(q: Query, quoted: list[str]) -> list[str]:
    """Figures the question states that its quotes contain only as something else: "缩小到了5亿元"
    (the quote's 5 is "第5期"), "after running for five years" ("仅仅实践了一年"), "139 in 2014"
    (139 is 2015's), "第6期缩水到8.46亿元" (8.46亿元 is 第4期's)."""
    quotes = " ".join(quoted)
    off = [m.group(1) for m in _WITH_UNIT.finditer(q.text) if m.group(1) in q.figures and not re.search(
        rf"(?<![\d.]){re.escape(m.group(1))}\s*{re.escape(m.group(2))}", quotes)]
    # "1790 start-up teams": the quote's 1790 counts enterprises ("1790家企业、14个创业团队")
    # ("134 member organisations": the word before the noun, when it names one, tells them apart —
    # "134家各类创新创业服务机构" are organisations, not members, "57家联盟会员" are)
    for m in _EN_COUNTED.finditer(q.text):
        bound = re.search(rf"(?<![\d.]){m.group(1)}\s*[家个项名所位]?([\u4e00-\u9fff]{{2,10}})", quotes)
        nouns = glossary().get((m.group(2) or "").lower(), ()) or glossary().get(m.group(3).lower(), ())
        if bound and nouns and m.group(1) in q.figures and not any(n in bound.group(1) for n in nouns) and any(
                n in quotes for n in nouns) and m.group(1) not in off:
            off.append(m.group(1))
    # (in millions: "8.8 million registered users" — "点击量已达880多万次…注册用户3300户")
    for m in _EN_MILLIONS_COUNTED.finditer(q.text):
        f = in_wan_or_yi(m.group(1), "million")
        bound = re.search(rf"(?<![\d.]){re.escape(f)}\s*多?万\s*([\u4e00-\u9fff]{{1,6}})", quotes)
        nouns = glossary().get(m.group(2).lower(), ())
        if bound and nouns and f in q.figures and not any(n in bound.group(1) for n in nouns) and any(
                n in quotes for n in nouns) and f not in off:
            off.append(f)
    # "22 specific measures across 8 areas": the quote's 22 names a document ("“22条”"), its 8 a month
    for m in _MEASURES_COUNTED.finditer(q.text):
        n, unit = m.group(1) or m.group(3), _MEASURE_UNIT[(m.group(2) or m.group(4)).lower()]
        if n in q.figures and n not in off and not re.search(rf"(?<![\d.“\"]){n}\s*个?{unit}(?![”\"])", quotes):
            off.append(n)
    # "近6亿元人民币": the quote's 6亿 is in another currency ("近6亿美元")
    for m in _CURRENCY.finditer(q.text):
        kinds = {_MONEY_KIND[c.group(2)] for c in _CURRENCY.finditer(quotes) if c.group(1) == m.group(1)}
        if kinds and _MONEY_KIND[m.group(2)] not in kinds and m.group(1) not in off:
            off.append(m.group(1))
    # "新增了62家科技企业孵化器": the quote counts them otherwise ("科技企业孵化器42家，新型孵化器62家")
    counted = [(m.group(1), m.group(2), False) for m in _ZH_COUNTED.finditer(q.text)]
    counted += [(m.group(2), m.group(1), True) for m in _ZH_COUNT_AFTER.finditer(q.text)]
    counted += [(m.group(1), _en_kind(m.group(2), m.group(3)), False) for m in _EN_KIND_COUNTED.finditer(q.text)]
    for figure, noun, from_end in counted:
        counts = _counts_of(noun, quotes, from_end)
        if figure in q.figures and counts and figure not in counts and figure not in off:
            off.append(figure)
    # "after running for 5 years" (five years): a span the quote gives otherwise ("仅仅实践了一年")
    off += [m.group(1) for m in _SPAN.finditer(q.text) if m.group(1) in q.figures and m.group(1) not in off
            and not re.search(rf"(?<![\d.]){m.group(1)}\s*{_SPAN_ZH[m.group(2).lower()]}", quotes)]
    # "fell from 139 in 2014 to 107…": the quote's 139 is 2015's
    pairs = [(m.group(1), m.group(2)) for m in _FIGURE_IN_YEAR.finditer(q.text)]
    pairs += [(m.group(2), m.group(1)) for m in _YEAR_THEN_FIGURE.finditer(q.text)]
    for f, year in pairs:
        said = [x for x in re.split(r"[。；;]", quotes) if re.search(figure_pattern(f), x)]
        if f in q.figures and said and all(first_year(x) and year not in x for x in said) and f not in off:
            off.append(f)
    # "第6期缩水到8.46亿元": in the quote 8.46亿元 is 第4期's (the figure's own 第N期 when the question
    # names several: "第2期就已经到了10.38亿元，后面第6期…" — 10.38 is 第3期's)
    asked = {m.group(m.lastindex or 0) for m in re.finditer(_TRANCHE, q.text, re.I)}
    for f in q.figures:
        own = re.search(rf"(?:{_TRANCHE})(?:[^第。；？?.]|\.(?=\d)){{0,60}}?{figure_pattern(f)}",
                        q.text, re.I)
        tranches = {own.group(own.lastindex or 0)} if own else asked if len(asked) == 1 else set()
        listed = re.search(rf"第\s*(\d+)\s*期[^第，。；]{{0,6}}?{figure_pattern(f)}", quotes)
        if tranches and listed and listed.group(1) not in tranches and f not in off:
            off.append(f)
    more = [*_share_of_part(q, quotes), *_owned_otherwise(q, quotes), *_supported_otherwise(q, quotes)]
    return off + [f for f in dict.fromkeys(more) if f not in off]
