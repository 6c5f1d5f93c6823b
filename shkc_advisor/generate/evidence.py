"""Candidate evidence for the offline answerer and how well it answers a question: every
sentence of the retrieved chunks (and every measure-card figure whose quote sits in one),
scored by the weighted share of question terms it covers, checked for the question's
anchors (names, places, years) and for the kind of answer asked (a figure, a date, a place).
Composition — which units to show and how — lives in ``extractive``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ..index import tokenize
from ..ingest.chunk import split_sentences
from ..ingest.clean import squash
from ..types import Chunk
from .analysis import PLACES, Query, Term
from .asking import INJECTION
from .base import Context, card_of_hit
from .focus import FOCUS

OOV_ZH = 1.2  # weight of a Chinese question word the corpus never uses
OOV_EN = 1.25  # weight of an English word the glossary cannot map
MIN_COVERAGE = 0.45
MIN_COVERAGE_ANCHORED = 0.3
SPECIFIC_IDF = 2.0  # below it a corpus word is generic (企业 1.1, 科技 0.7, 技术 1.3)
RARE_IDF = 4.5  # a word of one passage among the corpus's (4.8 for one in 175, 4.3 for two)
PART_CREDIT = 0.5  # a word inside a compound question term ("会员" of "会员单位")
CLAUSE = re.compile(r"(?<=[，,；;：:])")


@dataclass
class Unit:
    """A candidate piece of evidence: one sentence of a retrieved chunk, or a card figure."""

    text: str  # what is matched and shown
    quote: str  # verbatim text of ``chunk`` that supports it
    chunk: Chunk
    rank: int
    context: str = ""  # previous sentence + section path: half credit for matching terms
    lead: str = ""  # the sentences before it up to the last full stop ("2005年…施行后，…；…；并开始建设…")
    fact: dict[str, object] | None = None
    card: dict[str, object] | None = None
    score: float = 0.0  # lexical coverage: decides whether the sources answer at all
    rank_score: float = 0.0  # coverage plus dense similarity: orders the evidence
    anchors_ok: bool = False
    pos: int = -1  # index of the sentence in its chunk
    covered: frozenset[int] = frozenset()  # question terms found in the unit or its context
    stated: frozenset[int] = frozenset()  # question terms found in the unit itself


_LIST_INTRO = re.compile(r"(?<=[：:])\s*\n")  # "…分四步走：" then the list on the next line
# a sentence that only names what the one before described: it belongs with it
_NAMING = re.compile(r"(?:又|也|被|可)?(?:称为|称作|简称|叫做|即)")


def sentence_units(ctx: Context) -> list[Unit]:
    units = [u for rank, hit in enumerate(ctx.hits) if hit.chunk.kind != "measure" for u in units_of(hit.chunk, rank)]
    # a sentence cut short by a chunk's end gives way to its whole copy in the next chunk
    # ("…领跑之一。" / "…领跑之一。称为内生型发展阶段"), taking its context along
    last = {u.chunk.id: u for u in units}  # (only a chunk's last sentence can be cut short)
    out: list[Unit] = []
    for u in units:
        cut = last[u.chunk.id] is u
        longer = next((v for v in units if cut and len(v.text) > len(u.text) and v.text.startswith(u.text)), None)
        if longer is None:
            out.append(u)
        elif u.context not in longer.context:
            longer.context += " " + u.context
    return out


_FIRST_ITEM = re.compile(r"(?:一是|其一|首先)[，,：:]?")
# a sentence whose subject is the sentence before's: a part of it ("其中，科技创新板首批…"), or what
# became of it ("因涉及到…利益机制，仅仅实践了一年，就因经费问题撤销基地而告终" after "…创建了“杨浦实践基地”")
_GOES_ON = ("其中", "其一", "因涉及", "因为", "由于", "然而", "但因", "后因", "可惜")
_LATER_ITEM = re.compile(r"(?:[二三四五六七八九]是|其[二三四五六]|其次|再次)")


def units_of(c: Chunk, rank: int) -> list[Unit]:
    units: list[Unit] = []
    # a list's introduction ("…分四步走：" then "2020年：…") is a sentence of its own, not
    # part of the first item, and context for every item
    sents = [p.strip() for s in split_sentences(c.text) for p in _LIST_INTRO.split(s) if p.strip()]
    lead = intro = ""
    for i, s in enumerate(sents):
        prev = sents[i - 1] if i else ""
        lead = lead + prev if prev[-1:] in ("；", ";", "，", ",", "") else prev
        # (so is the sentence before "一是…" for "二是…", "三是…")
        intro = prev if prev[-1:] in ("：", ":") or _FIRST_ITEM.match(s) else intro
        if INJECTION.search(s):  # hostile text in a document is never used as evidence
            continue
        if units and units[-1].pos == i - 1 and _NAMING.match(s):  # "…基本框架准备。称为外源型发展阶段，…"
            units[-1] = replace(units[-1], text=units[-1].text + s, quote=units[-1].quote + s, pos=i)
            continue
        context = f"{c.section} {prev}" if prev == intro else f"{c.section} {intro} {prev}".replace("  ", " ")
        units.append(Unit(s, s, c, rank, context=context, lead=lead, pos=i))
    return units


def fact_units(ctx: Context) -> list[Unit]:
    """Card figures whose quote sits in a retrieved source chunk (so it can be cited)."""
    docs = [(h, squash(h.chunk.text)) for h in ctx.hits if h.chunk.kind != "measure"]
    units: list[Unit] = []
    seen: set[str] = set()
    for rank, hit in enumerate(ctx.hits):
        card = card_of_hit(hit)
        if not card or card.get("id") in seen:
            continue
        seen.add(str(card.get("id")))
        sources = card.get("sources") or []
        for fig in card.get("figures") or []:
            try:
                src = sources[int(fig.get("source", 0))]
            except (IndexError, TypeError, ValueError):
                continue
            quote = str(src.get("quote", ""))
            home = next((h for h, text in docs if squash(quote) and squash(quote) in text), None)
            if home is None:
                continue
            verbatim = verbatim_in(quote, home.chunk.text)
            if verbatim is None:
                continue
            # Matched on what the figure counts (so facts of one card differ); the shared
            # quote only gives context credit.
            year = f" ({fig['year']}年)" if fig.get("year") else ""  # so a year asked about is found
            text = f"{card.get('name_zh', '')} {fig.get('counts_zh', '')} {fig.get('value')}{fig.get('unit', '')}{year}"
            units.append(
                Unit(text, verbatim, home.chunk, rank, context=verbatim, fact=fig, card=card)
            )
    return units


def verbatim_in(quote: str, text: str) -> str | None:
    """The span of ``text`` equal to ``quote`` once whitespace and width are ignored."""
    target = squash(quote)
    if not target:
        return None
    index: list[int] = []  # position in ``text`` of every character of the flat form
    flat: list[str] = []
    for i, ch in enumerate(text):
        for norm in unicodedata.normalize("NFKC", ch):
            if not norm.isspace():
                flat.append(norm)
                index.append(i)
    pos = "".join(flat).find(target)
    if pos < 0:
        return None
    return text[index[pos] : index[pos + len(target) - 1] + 1]


ASIDE = 0.3  # weight of a word from the context a founder gives before asking


def term_weights(query: Query, idf: "Context") -> list[float]:  # noqa: UP037 - forward ref
    return [max(idf.idf(a) for a in t.alts) * (ASIDE if t.aside and not t.anchor else 1.0) for t in query.terms]


# the generic kind an ask names ("并到哪家机构"): the answer names the body itself ("并入上海联合产权交易所"),
# seldom the kind, so a sentence holding the word in passing ("市场中介机构…") ranks as if it weighed little
# (its coverage, which decides a refusal, still counts it: "由哪个部门发放？")
_ASKED_KIND = re.compile(r"(?:哪一?[家个所些]|什么)(机构|单位|部门|组织)")
ASKED_KIND = 0.1


# The date of an event ("2015年5月25日", "成立于2007年7月"), not a year in passing ("2014年、2015年这两年")
EVENT_DATE = re.compile(r"(19|20)\d\d\s*年\s*\d{1,2}\s*月|于\s*(19|20)\d\d")
CAUSE = re.compile(r"关键是|原因|由于|因为|所以|因此|导致|造成|在于|根源")
REMEDY = re.compile(r"针对|建立|设立|完善|加强|推进|推动|引导|鼓励|提出|建议|应当|要进一步")
CHANGE = re.compile(r"从.{1,30}转向|转变为|由.{1,20}(变为|改为)|改为|调整为|不再")


COMMON_IDF = 5.0  # jieba's general-text IDF below which a word is everyday Chinese (还是 4.0, 自己 3.5)


def content(word: str) -> float:
    """How much a word the corpus never uses says about what is asked: little for the common
    words of everyday Chinese (还是, 自己, 现在), fully for rare ones (评审, 租金) and unknown names."""
    g = tokenize.general_idf(word)
    return 0.2 if g is not None and g < COMMON_IDF else 1.0


_MID_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+")


_WHAT_SORT = re.compile(r"(?:什么样|怎样|哪种|哪类|何种)的?([\u4e00-\u9fff]{2,8})")
_TITLE = re.compile(r"《[^》]*》")


def score(units: list[Unit], query: Query, ctx: Context) -> None:
    weights = term_weights(query, ctx)
    oov = sum(OOV_ZH * (ASIDE if t.aside and not t.anchor else 1.0) * content(t.alts[0])
              for t, w in zip(query.terms, weights, strict=True) if w == 0.0)
    # a capitalised word mid-sentence the glossary lacks names something else ("a Starbucks voucher")
    names = {w.lower() for w in _MID_NAME.findall(query.text)}
    oov += sum(OOV_EN * (ASIDE if w in query.unknown_aside else 2.0 if w in names else 1.0) for w in query.unknown_en)
    total = sum(weights) + oov
    en_words = set(query.en_words)
    # Computed once per question, not once per candidate sentence.
    asks_number = bool(re.search(r"多少|几|比例|规模|额度|how many|how much|what share|percent", query.text, re.I))
    asks_time, compares, shorthand, asks_why = query.asks_time, query.compares, query.shorthand, query.asks_why
    asks_remedy = query.asks_remedy and not asks_why
    many_years = len(query.years) > 1
    titles = [squash(t) for t in re.findall(r"《([^》]{6,60})》", query.text)]  # documents, not “quoted names”
    # "上海技术产权交易所" (alts 技术产权交易所, …): its short forms also sit inside other names
    # ("联合国南南全球技术产权交易所")
    full_names = [t.alts[0] for t in query.terms
                  if t.anchor and len(t.alts) > 1 and all(a in t.alts[0] for a in t.alts[1:])]
    kinds_named = _ASKED_KIND.findall(query.text)
    asked_kinds = {i for i, t in enumerate(query.terms) if not t.anchor and t.alts[0] in kinds_named}
    # "…定位是什么样的科技创新中心？": the sentence describing one, not a document titled after it
    # ("《关于加快建设具有全球影响力的科技创新中心的意见》")
    sorts = [m.group(1) for m in _WHAT_SORT.finditer(query.text)]
    described = [t for t in query.terms if any(a in k for a in t.alts for k in sorts)]
    for u in units:
        covered: set[int] = set()
        stated: set[int] = set()
        got = 0.0
        kind_found = 0.0
        for i, (t, w) in enumerate(zip(query.terms, weights, strict=True)):
            if i in asked_kinds and t.found_in(u.text):
                kind_found = w
            if t.source == "year" and many_years and not t.found_in(u.text) and any(y in u.text for y in query.years):
                got += w * 0.5  # "2040年和2050年分别…": each year may be answered by its own sentence
            elif t.found_in(u.text):
                got += w
                covered.add(i)
                stated.add(i)
            elif t.found_in(u.context):
                got += w * 0.5
                covered.add(i)
            elif t.parts and any(part in u.text for part in t.parts):
                got += w * PART_CREDIT
        if u.fact and en_words:  # English words matched against the card's English text
            en_text = f"{u.card.get('name_en', '')} {u.fact.get('counts_en', '')}".lower() if u.card else ""
            hits = sum(1 for w in en_words if w in en_text)
            got += OOV_EN * min(hits, len(query.unknown_en)) + 0.05 * hits
        if u.fact and str(u.fact.get("unit")) == "%" and not query.asks_percent:
            got -= 0.1 * total  # "how many" is not answered by a share
        if u.fact and str(u.fact.get("value")) in query.figures:
            got -= 0.15 * total  # the question already states this figure: it is not the answer
        u.covered, u.stated = frozenset(covered), frozenset(stated)
        u.anchors_ok = anchors_ok(u, query, strict=True)
        cov = got / total if total else 0.0
        has_number = bool(re.search(r"\d", u.quote))
        u.score = cov + (0.05 if asks_number and has_number else 0.0) - 0.01 * u.rank + (0.02 if u.fact else 0)
        # "when": the date of an event over a year in passing; "what changed": a sentence of change
        if ((asks_time and EVENT_DATE.search(u.quote)) or (compares and CHANGE.search(u.quote))
                or (asks_why and CAUSE.search(u.quote))):
            u.score += 0.04
        if asks_remedy and REMEDY.search(u.quote) and not CAUSE.search(u.quote):
            u.score += 0.06  # what is done about it, not why it arose
        if titles and any(t in squash(u.quote) for t in titles):
            u.score += 0.1  # the document named exactly, not a near namesake (转移转化 / 转化)
        if shorthand and shorthand[0] > 1 and u.quote.count(shorthand[1]) >= shorthand[0]:
            u.score += 0.2  # "四化": the sentence naming four things that end in 化
        u.rank_score = u.score - (kind_found * (1 - ASKED_KIND) / total if total else 0.0)
        if any(n in u.text for n in full_names):  # (orders only: it is no more evidence of an answer)
            u.rank_score += 0.05  # the body named in full, not a longer name containing its short form
        if described and not any(t.found_in(_TITLE.sub(" ", u.text)) for t in described):
            u.rank_score -= 0.05
    add_dense(units, ctx)


DENSE_WEIGHT = 0.3


def add_dense(units: list[Unit], ctx: Context) -> None:
    """English questions: rank Chinese evidence by multilingual similarity as well, since the
    glossary cannot map every English word. Ordering only; thresholds stay lexical."""
    if ctx.query_vector is None or ctx.embed_passages is None or not units:
        return
    import numpy as np

    from ..index.indexer import figure_text

    texts = [figure_text(u.card or {}, u.fact) if u.fact else u.quote for u in units]
    vecs = np.asarray(ctx.embed_passages(texts), dtype=np.float32)
    sims = vecs @ np.asarray(ctx.query_vector, dtype=np.float32)
    lo, hi = float(sims.min()), float(sims.max())
    for u, sim in zip(units, sims, strict=True):
        u.rank_score += DENSE_WEIGHT * ((float(sim) - lo) / (hi - lo) if hi > lo else 0.0)


_LIST_MARK = re.compile(r"^\s*[（(]?\d{1,2}\s*[、.．)）]")
_PLACE_NAMES = frozenset(PLACES.values()) | {"中关村"}  # (中关村 is no anchor: "能用中关村的政策吗" asks about 张江)
_DISTRICT_Q = re.compile(r"(?:哪个|哪一个|哪些|哪几个)区(?!域|别|分)|which districts?", re.I)
_DISTRICT_WORD = re.compile(r"[\u4e00-\u9fff](?<!地)区|district", re.I)
# (not 区域, 市场, 路演/路线: "首家区域性联盟" and "科技市场" name no place)
PLACE_WORD = re.compile(
    r"[\u4e00-\u9fff](区(?!域|别|分)|县|市(?!场|值)|省|路(?!演|线|径)|镇|天地|大厦|园区|开发区)|落户|位于|设在|地区|国家|全国|各地"
)
DATE = re.compile(r"(19|20)\d\d\s*年|\d{1,2}\s*月(\d{1,2}\s*日)?|(19|20)\d\d")
# a figure that counts or measures ("33家", "66.58%"), not a digit of a name ("3D打印")
_COUNT_IN = re.compile(r"\d+(?:\.\d+)?\s*(?:[个家项条名位所宗户批%％]|亿|万)|"
                       r"[一二两三四五六七八九十百千]+[个家项条名位所宗户批]")
DIGIT = re.compile(r"\d|[一二两三四五六七八九十百千]+[个家项条次期名宗批类]")
SHARE = re.compile(r"%|％|\d\s*/\s*\d|分之|一半|[\d一二三四五六七八九]\s*成(?![交立果功为本])")  # 30%, 1/4, 三成
MONEY = re.compile(r"\d[\d.,]*\s*(多)?\s*(亿|万)?\s*(元|美元)|\d[\d.]*\s*亿")


def anchors_ok(u: Unit, query: Query, strict: bool) -> bool:
    """Policy names, places and ordinals in the unit (or its section); one of the years.

    ``strict=False`` (for a second piece of evidence) also accepts the previous sentence
    and does not require a year.
    """
    where = u.text + " " + u.chunk.section
    # ("仅实践了一年" follows the sentence naming the base; "其中，科技创新板首批…" the one naming the board in full)
    if not strict or query.follows or u.text.startswith(_GOES_ON):
        where += " " + u.context
    names = [t for t in query.terms if t.required and t.source != "year"]
    found = [t for t in names if t.found_in(where)]
    # A question about two named measures may be answered by one sentence for each.
    needed = 1 if strict and len(names) >= 2 and names_distinct(names) else len(names)
    if len(found) < needed:
        return False
    if strict and query.years:  # (the year may open a sentence of several clauses: "2015年…；与…签署…；")
        # (or the list an item belongs to: "2015年，上海出台一系列…政策。一是…。二是…")
        own = u.lead + (u.context if _LATER_ITEM.match(u.text) else "")
        return any(y in u.text or y in u.chunk.section or y in own for y in query.years)
    if query.years:  # a second piece must not be about a different year
        year = first_year(u.text) or first_year(u.context.split(" ", 1)[-1])
        return year is None or year in query.years
    return True


def names_distinct(names: list[Term]) -> bool:
    return len({t.alts[0] for t in names if t.source in ("zh", "glossary")}) >= 2


def place_has_figure(text: str, place: str) -> bool:
    return any(place in c and DIGIT.search(c) for c in CLAUSE.split(text))


def fits(u: Unit, query: Query) -> bool:
    """Does the evidence hold the kind of answer asked for (a figure, an amount, a date)?"""
    text = u.quote
    figures = _LIST_MARK.sub("", text)  # "8、扎实开展…": an item's number is no figure
    if (query.asks_count or query.asks_money or query.asks_percent) and not DIGIT.search(figures):
        return False
    if query.asks_count and not query.asks_time and not DIGIT.search(DATE.sub("", figures)):
        return False  # "how many" is not answered by a date
    if query.counted and not any(a and a in f"{u.text} {u.context} {u.chunk.section}" for a in query.counted):
        return False  # "民营的有几家": a count of incubators does not say how many are private
    if query.subset and query.counted:  # "27家企业挂牌，涉及互联网、生物医药…": the part is listed, not counted
        parts = [c for c in CLAUSE.split(text) if any(a in c for a in query.counted)]
        if not any(_COUNT_IN.search(c) for c in parts):
            return False
    if query.asks_money and not query.asks_percent and not MONEY.search(text):
        return False
    if query.asks_percent and not SHARE.search(text):
        return False
    if query.asks_time and not DATE.search(text) and (text.endswith(("：", ":")) or not DATE.search(u.lead)):
        return False  # (the date may open the sentence: "2005年…施行后，…；…；并开始建设…"; not a list's header)
    if query.focus in ("meaning", "issuer", "names", "person", "term") and not FOCUS[query.focus][1].search(text):
        return False  # a definition, an issuing body: in the sentence shown, not just nearby
    if query.asks_where and not query.is_check and not query.asks_rank and not PLACE_WORD.search(text) and not any(
        p in text and p not in query.text for p in _PLACE_NAMES
    ):
        return False  # "在哪里": a place ("哪里的政策" — "中关村政策"), not only a mention of the thing
    if _DISTRICT_Q.search(query.text) and not _DISTRICT_WORD.search(text):
        return False  # "哪个区": a district, not any place ("发展中国家")
    if query.asks_ordinal and not re.search(rf"第\s*[\d一二三四五六七八九十]+\s*{query.asks_ordinal}", text):
        return False
    # A figure for another place must sit next to that place, not next to 上海.
    asks_figure = query.asks_count or query.asks_money or query.asks_percent
    # (a place only in the story before the ask is none: "We're choosing between Beijing and Shanghai. …")
    asked = (query.cue_text or query.text).lower()
    places = [p for p in query.places if any(n in asked for n, zh in PLACES.items() if zh == p) or p in asked]
    if places and asks_figure and not all(place_has_figure(text, p) for p in places):
        return False
    asks_shanghai = "上海" in query.text or "shanghai" in query.text.lower()
    return not (query.places and "上海" in text and not asks_shanghai)


def figure_pattern(f: str) -> str:
    """``f`` as a figure of its own: "8.46" not inside "18.46" or "8.461"."""
    return rf"(?<![\d.]){re.escape(f)}(?![\d.])"


def first_year(text: str) -> str | None:
    m = re.search(r"(19|20)\d\d", text)
    return m.group(0) if m else None


def distinct(u: Unit, picked: list[Unit]) -> bool:
    if u.fact is not None:  # a figure adds nothing next to a sentence that already states it
        figure = squash(f"{u.fact.get('value')}{u.fact.get('unit', '')}")
        return all(u.fact is not p.fact and not (p.fact is None and figure in squash(p.quote)) for p in picked)
    return all(not _overlap(squash(u.quote), squash(p.quote)) for p in picked)


def _overlap(a: str, b: str) -> bool:
    """One quote inside the other, or the same sentence in both: overlapping chunks cut a
    sentence at different places ("…不高。2014年…33家，占30.8%" / "2014年…33家，占30.8%,科技…")."""
    if a in b or b in a:
        return True
    block = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return block.size >= max(15, min(len(a), len(b)) // 2)


def run_on(chunk: Chunk, rank: int, seen: set[str], ctx: Context) -> list[Unit] | None:
    """The units of the chunk after ``chunk`` in its section, less the sentences it repeats
    from ``chunk`` (``seen``); None when ``chunk`` ends its section."""
    nxt = ctx.fetch_next(chunk)
    return None if nxt is None else [u for u in units_of(nxt, rank) if u.text not in seen]
