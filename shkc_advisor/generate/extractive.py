"""The offline answerer: picks the passage sentences (or measure-card figures) that answer
the question, composes a short reply with [n] markers, and refuses when the evidence does
not cover what was asked. Deterministic; no model beyond retrieval.

Decision rules (tuned on evals/datasets/dev.jsonl, checked on test.jsonl):
  * every anchor of the question (policy name, place, year, "第N期") must occur in the
    evidence sentence or its immediate context;
  * the weighted share of question terms the evidence covers must reach a threshold;
  * a question asking for a rate, deadline, contact, address or procedure needs evidence
    of that kind; otherwise it is refused, saying what the sources do cover.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..guard import numbers
from ..index import tokenize
from ..ingest.chunk import split_sentences
from ..ingest.clean import squash
from ..settings import Settings
from ..types import Chunk, Citation, Draft
from .analysis import (
    EARLIEST_Q,
    INJECTION,
    SHORTHAND_TITLE,
    YEAR,
    Query,
    Term,
    analyse,
    asks_something,
    glossary,
)
from .base import Context, card_of_hit, card_topics, refusal, register_generator, role_reply
from .focus import FOCUS

OOV_ZH = 1.2  # weight of a Chinese question word the corpus never uses
OOV_EN = 1.25  # weight of an English word the glossary cannot map
MIN_COVERAGE = 0.45
MIN_COVERAGE_ANCHORED = 0.3
SPECIFIC_IDF = 2.0  # below it a corpus word is generic (企业 1.1, 科技 0.7, 技术 1.3)
PART_CREDIT = 0.5  # a word inside a compound question term ("会员" of "会员单位")
_CLAUSE = re.compile(r"(?<=[，,；;：:])")

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


def _sentence_units(ctx: Context) -> list[Unit]:
    return [u for rank, hit in enumerate(ctx.hits) if hit.chunk.kind != "measure" for u in _units_of(hit.chunk, rank)]


def _units_of(c: Chunk, rank: int) -> list[Unit]:
    units: list[Unit] = []
    sents = [s.strip() for s in split_sentences(c.text) if s.strip()]
    lead = ""
    for i, s in enumerate(sents):
        prev = sents[i - 1] if i else ""
        lead = lead + prev if prev[-1:] in ("；", ";", "，", ",", "") else prev
        if INJECTION.search(s):  # hostile text in a document is never used as evidence
            continue
        units.append(Unit(s, s, c, rank, context=f"{c.section} {prev}", lead=lead, pos=i))
    return units


def _fact_units(ctx: Context) -> list[Unit]:
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
            verbatim = _verbatim(quote, home.chunk.text)
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


def _verbatim(quote: str, text: str) -> str | None:
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


def _weights(query: Query, idf: "Context") -> list[float]:  # noqa: UP037 - forward ref
    return [max(idf.idf(a) for a in t.alts) * (ASIDE if t.aside and not t.anchor else 1.0) for t in query.terms]


# The date of an event ("2015年5月25日", "成立于2007年7月"), not a year in passing ("2014年、2015年这两年")
_EVENT_DATE = re.compile(r"(19|20)\d\d\s*年\s*\d{1,2}\s*月|于\s*(19|20)\d\d")
_CAUSE = re.compile(r"关键是|原因|由于|因为|所以|因此|导致|造成|在于|根源")
_CHANGE = re.compile(r"从.{1,30}转向|转变为|由.{1,20}(变为|改为)|改为|调整为|不再")


COMMON_IDF = 5.0  # jieba's general-text IDF below which a word is everyday Chinese (还是 4.0, 自己 3.5)


def _content(word: str) -> float:
    """How much a word the corpus never uses says about what is asked: little for the common
    words of everyday Chinese (还是, 自己, 现在), fully for rare ones (评审, 租金) and unknown names."""
    g = tokenize.general_idf(word)
    return 0.2 if g is not None and g < COMMON_IDF else 1.0


def _score(units: list[Unit], query: Query, ctx: Context) -> None:
    weights = _weights(query, ctx)
    oov = sum(OOV_ZH * (ASIDE if t.aside and not t.anchor else 1.0) * _content(t.alts[0])
              for t, w in zip(query.terms, weights, strict=True) if w == 0.0)
    oov += sum(OOV_EN * (ASIDE if w in query.unknown_aside else 1.0) for w in query.unknown_en)
    total = sum(weights) + oov
    en_words = set(query.en_words)
    # Computed once per question, not once per candidate sentence.
    asks_number = bool(re.search(r"多少|几|比例|规模|额度|how many|how much|what share|percent", query.text, re.I))
    asks_time, compares, shorthand, asks_why = query.asks_time, query.compares, query.shorthand, query.asks_why
    many_years = len(query.years) > 1
    titles = [squash(t) for t in re.findall(r"《([^》]{6,60})》", query.text)]  # documents, not “quoted names”
    for u in units:
        covered: set[int] = set()
        stated: set[int] = set()
        got = 0.0
        for i, (t, w) in enumerate(zip(query.terms, weights, strict=True)):
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
        u.anchors_ok = _anchors_ok(u, query, strict=True)
        cov = got / total if total else 0.0
        has_number = bool(re.search(r"\d", u.quote))
        u.score = cov + (0.05 if asks_number and has_number else 0.0) - 0.01 * u.rank + (0.02 if u.fact else 0)
        # "when": the date of an event over a year in passing; "what changed": a sentence of change
        if ((asks_time and _EVENT_DATE.search(u.quote)) or (compares and _CHANGE.search(u.quote))
                or (asks_why and _CAUSE.search(u.quote))):
            u.score += 0.04
        if titles and any(t in squash(u.quote) for t in titles):
            u.score += 0.1  # the document named exactly, not a near namesake (转移转化 / 转化)
        if shorthand and shorthand[0] > 1 and u.quote.count(shorthand[1]) >= shorthand[0]:
            u.score += 0.2  # "四化": the sentence naming four things that end in 化
        u.rank_score = u.score
    _add_dense(units, ctx)


DENSE_WEIGHT = 0.3


def _add_dense(units: list[Unit], ctx: Context) -> None:
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
        u.rank_score = u.score + DENSE_WEIGHT * ((float(sim) - lo) / (hi - lo) if hi > lo else 0.0)


_PLACE_WORD = re.compile(r"[\u4e00-\u9fff](区|县|市|省|路|镇|天地|大厦|园区|开发区)|落户|位于|设在|地区|国家|全国|各地")
_DATE = re.compile(r"(19|20)\d\d\s*年|\d{1,2}\s*月(\d{1,2}\s*日)?|(19|20)\d\d")
_DIGIT = re.compile(r"\d|[一二两三四五六七八九十百千]+[个家项条次期名宗批类]")
_SHARE = re.compile(r"%|％|\d\s*/\s*\d|分之|一半|[\d一二三四五六七八九]\s*成(?![交立果功为本])")  # 30%, 1/4, 三成
_MONEY = re.compile(r"\d[\d.,]*\s*(多)?\s*(亿|万)?\s*(元|美元)|\d[\d.]*\s*亿")


def _anchors_ok(u: Unit, query: Query, strict: bool) -> bool:
    """Policy names, places and ordinals in the unit (or its section); one of the years.

    ``strict=False`` (for a second piece of evidence) also accepts the previous sentence
    and does not require a year.
    """
    where = u.text + " " + u.chunk.section
    if not strict or query.follows:  # ("仅实践了一年" follows the sentence naming the base)
        where += " " + u.context
    names = [t for t in query.terms if t.required and t.source != "year"]
    found = [t for t in names if t.found_in(where)]
    # A question about two named measures may be answered by one sentence for each.
    needed = 1 if strict and len(names) >= 2 and _names_distinct(names) else len(names)
    if len(found) < needed:
        return False
    if strict and query.years:  # (the year may open a sentence of several clauses: "2015年…；与…签署…；")
        return any(y in u.text or y in u.chunk.section or y in u.lead for y in query.years)
    if query.years:  # a second piece must not be about a different year
        year = _first_year(u.text) or _first_year(u.context.split(" ", 1)[-1])
        return year is None or year in query.years
    return True


def _names_distinct(names: list[Term]) -> bool:
    return len({t.alts[0] for t in names if t.source in ("zh", "glossary")}) >= 2


def _place_has_figure(text: str, place: str) -> bool:
    return any(place in c and _DIGIT.search(c) for c in _CLAUSE.split(text))


def _fits(u: Unit, query: Query) -> bool:
    """Does the evidence hold the kind of answer asked for (a figure, an amount, a date)?"""
    text = u.quote
    if (query.asks_count or query.asks_money or query.asks_percent) and not _DIGIT.search(text):
        return False
    if query.asks_count and not query.asks_time and not _DIGIT.search(_DATE.sub("", text)):
        return False  # "how many" is not answered by a date
    if query.counted and not any(a and a in f"{u.text} {u.context} {u.chunk.section}" for a in query.counted):
        return False  # "民营的有几家": a count of incubators does not say how many are private
    if query.asks_money and not query.asks_percent and not _MONEY.search(text):
        return False
    if query.asks_percent and not _SHARE.search(text):
        return False
    if query.asks_time and not _DATE.search(text) and not _DATE.search(u.lead):
        return False  # (the date may open the sentence: "2005年…施行后，…；…；并开始建设…")
    if query.focus in ("meaning", "issuer", "names") and not FOCUS[query.focus][1].search(text):
        return False  # a definition, an issuing body: in the sentence shown, not just nearby
    if query.asks_where and not query.is_check and not query.asks_rank and not _PLACE_WORD.search(text):
        return False  # "在哪里": a place, not only a mention of the thing
    if query.asks_ordinal and not re.search(rf"第\s*[\d一二三四五六七八九十]+\s*{query.asks_ordinal}", text):
        return False
    # A figure for another place must sit next to that place, not next to 上海.
    asks_figure = query.asks_count or query.asks_money or query.asks_percent
    if query.places and asks_figure and not all(_place_has_figure(text, p) for p in query.places):
        return False
    asks_shanghai = "上海" in query.text or "shanghai" in query.text.lower()
    return not (query.places and "上海" in text and not asks_shanghai)


def _first_year(text: str) -> str | None:
    m = re.search(r"(19|20)\d\d", text)
    return m.group(0) if m else None


def _window(sentence: str, query: Query) -> str:
    """The clauses of ``sentence`` from the first to the last one that matches the question
    (dates count as matching for "when" questions). A premise being checked gets the whole
    sentence: the clause that contradicts it may match no question word."""
    clauses = [c for c in _CLAUSE.split(sentence) if c]
    if len(clauses) <= 2 or len(sentence) <= 60 or query.asks_where or (query.is_check and query.figures):
        return sentence
    if query.lang == "en" and len(sentence) <= 160:  # a reader of the English framing gets the whole sentence
        return sentence
    idx = [
        i for i, c in enumerate(clauses)
        if any(t.found_in(c) or any(part in c for part in t.parts) for t in query.terms)
        or ((query.asks_time or query.is_check) and _DATE.search(c))
    ]
    if not idx:
        return sentence
    if query.asks_count and not any(_DIGIT.search(clauses[i]) for i in idx):
        nxt = max(idx) + 1
        if nxt < len(clauses) and _DIGIT.search(clauses[nxt]):
            idx.append(nxt)
    lo, hi = min(idx), max(idx)
    if not (query.asks_count or query.asks_money or query.asks_time or query.asks_percent):
        if len(sentence) <= 160:  # an open question ("定位是啥"): the description is the answer
            return sentence
        hi = min(hi + 1, len(clauses) - 1)  # "建成什么样的…": the description follows the match
    text = "".join(clauses[lo : hi + 1]).rstrip("，,；;：:")
    return text if len(text) >= 8 else sentence


def _topics(ctx: Context) -> list[str]:
    names = card_topics(ctx)
    if not names:
        names = [h.chunk.section.split(" / ")[-1] for h in ctx.hits[:3]]
    return names


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


def _unknown_title(titles: list[str], ctx: Context) -> bool:
    """Does the question name a document or programme that neither the retrieved passages
    nor (for English names) the glossary and the retrieved cards know? A false premise."""
    texts = [squash(h.chunk.text) for h in ctx.hits]
    known_en = " ".join([*glossary(), *(str(c.get("name_en", "")) for h in ctx.hits if (c := card_of_hit(h)))])
    return any(
        not any(squash(title) in t for t in texts) and title.lower() not in known_en.lower()
        for title in titles
        if not SHORTHAND_TITLE.fullmatch(title)
    )


def _can_correct(q: Query, picked: list[Unit], premise_off: list[str]) -> bool:
    """A wrong figure in the question can be corrected only by a figure of the same kind."""
    text = " ".join(u.quote for u in picked)
    if not _DIGIT.search(text):
        return False
    if set(premise_off) & set(YEAR.findall(q.text)) and not _EVENT_DATE.search(text):
        return False  # "通过于2016年吧？" is corrected by the date it was passed, or not at all
    for unit in q.figure_units:
        if unit == "%" and "%" not in text:
            return False
        if unit in ("亿", "万", "million", "billion") and not _MONEY.search(text):
            return False
    return True


def _distinct(u: Unit, picked: list[Unit]) -> bool:
    if u.fact is not None:  # a figure adds nothing next to a sentence that already states it
        figure = squash(f"{u.fact.get('value')}{u.fact.get('unit', '')}")
        return all(u.fact is not p.fact and not (p.fact is None and figure in squash(p.quote)) for p in picked)
    a = squash(u.quote)
    return all(a not in squash(p.quote) and squash(p.quote) not in a for p in picked)


def _pick(best: Unit, ranked: list[Unit], q: Query, threshold: float, ctx: Context) -> list[Unit]:
    """The best unit, plus what a multi-part question needs: one unit per year asked about,
    or a second unit covering question terms (or figures) the first lacks; for "why", also
    the sentence after the best one."""
    picked = [best]
    if len(q.years) > 1:
        close = {y: [u for u in ranked if u.score >= threshold * 0.5 and _first_year(u.quote) == y
                     and _anchors_ok(u, q, strict=False)] for y in q.years}
        listed = [item for y in q.years if (item := next((u for u in close[y] if _ITEM.match(u.text)), None))]
        if len(listed) == len(q.years):  # a list the paper dates item by item ("2030年：…", "2050年：…")
            return listed[:3]
        for y in q.years:
            if not any(_first_year(p.quote) == y for p in picked):
                picked += [u for u in close[y] if _distinct(u, picked)][:1]
        return picked[:3]
    if q.asks_time and not _DATE.search(best.quote) and best.pos > 0:  # the date opens the sentence
        run = sorted((u for u in ranked if u.chunk.id == best.chunk.id and u.pos < best.pos and u.text in best.lead),
                     key=lambda u: u.pos)
        first = next((i for i, u in enumerate(run) if _DATE.search(u.quote)), None)
        if first is not None:
            picked = [*run[first:], best]
    items = _items(best, ranked, ctx) if q.asks_list and best.pos >= 0 else []
    if items:
        return picked + [u for u in items if _distinct(u, picked)]
    picked += _second(best, ranked, q, threshold)
    if q.asks_why and best.pos >= 0:  # the reason usually follows what it explains
        after = next((u for u in ranked if u.chunk.id == best.chunk.id and u.pos == best.pos + 1), None)
        if after is not None and _distinct(after, picked):
            picked.append(after)
    if q.asks_example and best.pos >= 0 and not _EXAMPLE.match(best.text):
        # "举了哪些例子": the examples come within the next two sentences ("如…", "例如…")
        example = next((u for u in ranked if u.chunk.id == best.chunk.id and 0 < u.pos - best.pos <= 2
                        and _EXAMPLE.match(u.text)), None)
        if example is not None and _distinct(example, picked):
            picked.append(example)
    return picked


_EXAMPLE = re.compile(r"\s*(如|例如|比如|譬如)(?!何|果|今|此|期)")
# "一是…", "（二）…", "3、…", "2030年：…": an item of a list the paper spells out
_ITEM = re.compile(
    r"\s*(?:[一二三四五六七八九十]是|（[一二三四五六七八九十]）|\d{1,2}[、.．]|(?:19|20)\d\d\s*年\s*[：:]|首先|其次)"
)


def _items(best: Unit, ranked: list[Unit], ctx: Context, most: int = 8) -> list[Unit]:
    """The list that ``best`` introduces (or belongs to), from its own chunk: "分为三类。一是…。
    包括…。二是…。" — its items and the sentences between them (a stage's name, a category's
    documents), following the list into the next chunk of the section when it runs on."""
    same = sorted((u for u in ranked if u.chunk.id == best.chunk.id and u.pos >= 0), key=lambda u: u.pos)
    if _ITEM.match(best.text):  # the best sentence is itself an item: take its siblings too
        start = best.pos
        while any(u.pos == start - 1 and _ITEM.match(u.text) for u in same) or any(
            u.pos == start - 2 and _ITEM.match(u.text) for u in same
        ):
            start -= 1
    else:
        start = best.pos + 1
    window = [u for u in same if start <= u.pos <= start + 8 and u is not best]
    items = [u for u in window if _ITEM.match(u.text)]
    if not items or items[0].pos > best.pos + 2:  # no list right after it
        return []
    span = [u for u in window if u.pos <= items[-1].pos]
    if items[-1].pos >= max(u.pos for u in same) - 1 and (nxt := ctx.fetch_next(best.chunk)) is not None:
        # the list runs on into the next chunk, which repeats this one's last sentence
        span += [u for u in same if u.pos > items[-1].pos]
        seen = {u.text for u in same}
        more = [u for u in _units_of(nxt, best.rank) if u.text not in seen]
        last = max((i for i, u in enumerate(more) if _ITEM.match(u.text)), default=-1)
        span += more[: last + 1]
    return span[:most]


def _after(u: Unit, q: Query, ctx: Context) -> Unit | None:
    """The sentence after ``u`` (in the next chunk if ``u`` ends its own), when it holds what
    a follow-up with no words of its own asks: a duration, a date, a figure, or, for "why", anything."""
    if u.pos < 0:
        return None
    units = _units_of(u.chunk, u.rank)
    nxt = next((x for x in units if x.pos == u.pos + 1), None)
    if nxt is None and (chunk := ctx.fetch_next(u.chunk)) is not None:
        nxt = next((x for x in _units_of(chunk, u.rank) if x.text not in {y.text for y in units}), None)
    if nxt is None:
        return None
    if q.focus:
        return nxt if FOCUS[q.focus][1].search(nxt.quote) else None
    if q.asks_time:
        return nxt if _DATE.search(nxt.quote) else None
    if q.asks_count or q.asks_money or q.asks_percent:
        return nxt if _DIGIT.search(nxt.quote) else None
    return nxt if q.asks_why else None


def _second(best: Unit, ranked: list[Unit], q: Query, threshold: float) -> list[Unit]:
    """A second unit: one stating what the first lacks, else another close figure."""
    second = [u for u in ranked[1:8] if _anchors_ok(u, q, strict=False) and _distinct(u, [best])]
    for u in second:
        if u.stated - best.stated and u.score >= threshold * 0.8:
            return [u]
    ratio = 0.5 if q.compares else 0.85
    for u in second:
        if q.asks_count and u.rank_score >= best.rank_score * ratio and _DIGIT.search(u.quote):
            return [u]
    return []


# "…？…？", and "When was X set up, and how many Y…?"
_PARTS = re.compile(
    r"(?<=[？?])|(?<=,)\s*and (?=(?:how|what|when|which|where|who|whose|why|"
    r"in (?:what|which)|by (?:how|what|when|which)|were|was|is|are|did|does|do|has|have)\b)",
    re.I,
)


def _quotes(draft: Draft) -> str:
    return " ".join(c.quote for c in draft.citations)


def _plain_fact(q: Query) -> bool:
    return q.asks_count or q.asks_money or q.asks_percent or q.asks_time or q.asks_where


@dataclass(frozen=True)
class _Answered(Draft):
    """A composed answer plus the evidence units behind it (for multi-part questions)."""

    units: list[Unit] = field(default_factory=list)
    premise_off: list[str] = field(default_factory=list)


class ExtractiveGenerator:
    name = "extractive"

    def generate(self, ctx: Context) -> Draft:
        q = ctx.query
        # an attempt to change the role with no real question left beside it gets the role reply
        if q.is_task or (q.injection and not (asks_something(q.text) and [t for t in q.terms if t.source != "year"])):
            return role_reply(q)
        draft = self._answer(ctx, q)
        # a question in parts gets evidence per part, and may be answerable only so
        draft = self._each_part(ctx, q, draft if isinstance(draft, _Answered) else None) or draft
        if q.years and q.is_check and (draft.abstained or q.asks_time):
            # "Was it founded in 1998?", "2014年底通过的吧，具体哪天？": the year may be the wrong
            # premise, not the topic; an event's own date elsewhere answers it
            retry = self._answer(ctx, q.without_years())
            dated = isinstance(retry, _Answered) and _EVENT_DATE.search(retry.units[0].quote)
            if not retry.abstained and (draft.abstained or (dated and not _EVENT_DATE.search(_quotes(draft)))):
                return retry
        return draft

    def _answer(self, ctx: Context, q: Query) -> Draft:
        units = _sentence_units(ctx)
        if (q.asks_count or q.asks_money or q.asks_percent) and not q.asks_time:
            units += _fact_units(ctx)  # card figures answer "how many / how much" questions
        if not units or not q.terms:
            return refusal(q, _topics(ctx))
        if q.titles and _unknown_title(q.titles, ctx):  # a named document or programme the sources lack
            return refusal(q, _topics(ctx))
        _score(units, q, ctx)
        ranked = sorted(units, key=lambda u: (u.anchors_ok, u.rank_score), reverse=True)
        best = ranked[0]
        threshold = MIN_COVERAGE_ANCHORED if any(t.anchor for t in q.terms) else MIN_COVERAGE
        if not best.anchors_ok or max(u.score for u in ranked if u.anchors_ok) < threshold:
            return refusal(q, _topics(ctx))
        if q.focus:
            evidence = FOCUS[q.focus][1]
            if not any(evidence.search(u.quote) and u.anchors_ok for u in ranked[:5]):
                # "建了100个工作站，分布在哪些国家？": the wrong count of what is asked about is corrected
                counts = q.figures and q.focus in ("names", "countries")
                rest = self._answer(ctx, replace(q, focus=None)) if counts else None
                seen = {n for u in ranked[:10] for n in re.findall(r"\d+(?:\.\d+)?", u.quote)}
                if isinstance(rest, _Answered) and rest.premise_off and not set(rest.premise_off) & seen:
                    return self._compose(ctx, rest.units, rest.premise_off, [q.focus])
                return refusal(q, _topics(ctx))
        # a counted noun the corpus never uses ("嘉宾") cannot be checked: the sources word it otherwise
        # and a generic word of it ("企业" of "高新技术企业") says little about what is counted
        known = [a for a in q.counted if ctx.idf(a) > 0]
        fq = replace(q, counted=tuple([a for a in known if ctx.idf(a) >= SPECIFIC_IDF] or known))
        fitting = [u for u in ranked if u.anchors_ok and u.score >= threshold and _fits(u, fq)]
        if not fitting:
            return refusal(q, _topics(ctx))
        best = fitting[0]
        if q.asks_time and EARLIEST_Q.search(q.text):  # "最早是哪年": the earliest of the close candidates
            close = [u for u in fitting if u.score >= best.score - 0.1 and _first_year(u.quote)]
            best = min(close, key=lambda u: _first_year(u.quote) or "", default=best)
        if q.asks_example:  # "举了哪些例子": a close sentence giving examples ("如…") over the claim itself
            best = next((u for u in fitting if _EXAMPLE.match(u.text) and u.score >= best.score - 0.25), best)
        picked = _pick(best, ranked, q, threshold, ctx)
        names = [t for t in q.terms if t.required and t.source != "year"]
        shown = " ".join(u.text + " " + u.chunk.section + " " + u.context for u in picked)
        if not all(t.found_in(shown) for t in names):
            return refusal(q, _topics(ctx))
        quoted = {n for u in picked for n in re.findall(r"\d+(?:\.\d+)?", u.quote)}
        premise_off = [f for f in q.figures if f not in quoted]
        if premise_off and not _can_correct(q, picked, premise_off):
            return refusal(q, _topics(ctx))
        return self._compose(ctx, picked, premise_off)

    def _each_part(self, ctx: Context, q: Query, draft: _Answered | None) -> Draft | None:
        """A question in several parts ("哪年成立？又是哪年成为…？") gets evidence for each
        part. Every part that asks something must be answered; otherwise the whole answer
        (``draft``, or None when there was none) stands. One exception: when the whole
        question was refused, a part asking for a kind of detail the sources lack ("哪几家
        银行？") may be left out, and the answer to the rest says it is not given."""
        parts = [p for p in _PARTS.split(q.text) if p and p.strip()]
        if len(parts) < 2 or len(parts) > 4:
            return draft
        anchors = {a for t in q.terms if t.anchor for a in t.alts}
        partial = draft is None and not (q.titles and _unknown_title(q.titles, ctx))
        picked = list(draft.units) if draft else []
        missing: list[str] = []  # FOCUS kinds of the parts left out
        queries = [analyse(part, anchors) for part in parts]
        for i, pq in enumerate(queries):
            own = [t for t in pq.terms if t.source != "year" and max(ctx.idf(a) for a in t.alts) > 0]
            if not [t for t in pq.terms if t.source != "year"] and pq.focus is None and not pq.asks_why:
                continue  # "中间隔了多久？" works on the other parts' answers
            if i and picked and not own and (after := _after(picked[-1], pq, ctx)) is not None:
                # "…是几家中介搞起来的？后来为啥撤了，搞了多久？": the story goes on in the next sentence
                if _distinct(after, picked):
                    picked.append(after)
                continue
            if not any(t.required and t.source != "year" for t in pq.terms):
                # "…哪几家银行合作？有多少家银行参与？" is still about the measure named before
                before = analyse("".join(parts[:i]), anchors).terms if i else []
                pq.terms += [t for t in before if t.required and t.source != "year"]
                pq.follows = bool(i)
            sub = self._answer(ctx, pq)
            if isinstance(sub, _Answered):
                picked += [u for u in sub.units if _distinct(u, picked)]
            elif partial and pq.focus not in (None, "process"):
                # (a part asking for conditions is usually followed by the conditions
                # themselves, "营收要到多少？", which no figure nearby answers)
                missing.append(str(pq.focus))
            else:
                return draft
        # Only a part asking a plain fact (a count, amount, share, date, place) may stand
        # alone next to a detail the sources lack; "有没有贴息？" after "利率多少？" may not.
        if missing and not all(_plain_fact(pq) for pq in queries if not pq.focus):
            return draft
        if not picked or (draft and len(picked) == len(draft.units)):
            return draft
        return self._compose(ctx, picked[: 8 if q.asks_list else 4], draft.premise_off if draft else [], missing)

    def _compose(
        self, ctx: Context, picked: list[Unit], premise_off: list[str], missing: list[str] | None = None
    ) -> Draft:
        q = ctx.query
        citations: list[Citation] = []
        parts: list[str] = []
        numbered: dict[str, int] = {}
        for u in picked:
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
                if fact is None:
                    parts.append(f"The source says (in Chinese): “{_window(u.quote, q)}” [{n}].")
                elif shown:
                    parts.append(fact)
                else:  # the sentence itself too: it often holds the figure asked with this one
                    parts.append(f"{fact[:-1]}, from “{_window(u.quote, q).rstrip('。；;，,')}”.")
            else:
                body = _window(u.quote, q).rstrip("。；;，,")
                parts.append(f"{body}[{n}]。")
        if q.lang == "en":
            lead = "According to the sources: "
            tail = " Note: the figure in your question does not match the sources." if premise_off else ""
            tail += "".join(f" The sources do not give {FOCUS[f][3]}." for f in dict.fromkeys(missing or []))
        else:
            lead = "根据资料，"
            tail = "注意：问题中的数字与资料不一致，请以资料为准。" if premise_off else ""
            tail += "".join(f"资料没有提到{FOCUS[f][2]}。" for f in dict.fromkeys(missing or []))
        text = lead + (" " if q.lang == "en" else "").join(parts) + tail
        return _Answered(text=text, citations=citations, abstained=False, mode="extractive",
                         units=picked, premise_off=premise_off)


@register_generator("extractive")
def _extractive(settings: Settings) -> ExtractiveGenerator:
    return ExtractiveGenerator()
