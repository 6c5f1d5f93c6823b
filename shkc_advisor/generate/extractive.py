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
from dataclasses import replace

from ..ingest.clean import squash
from ..settings import Settings
from ..types import Chunk, Draft
from .actors import ASKS_ZH, stated_clauses
from .analysis import Query, analyse
from .asking import asks_something
from .base import Context, card_topics, refusal, register_generator, role_reply
from .changes import moved_in
from .compose import Answered, compose
from .cues import EARLIEST_Q, LAST_Q
from .evidence import (
    DATE,
    DIGIT,
    EVENT_DATE,
    MIN_COVERAGE,
    MIN_COVERAGE_ANCHORED,
    MONEY,
    RARE_IDF,
    SPECIFIC_IDF,
    Unit,
    anchors_ok,
    distinct,
    fact_units,
    figure_pattern,
    first_year,
    fits,
    run_on,
    score,
    sentence_units,
)
from .figures import stated_otherwise
from .focus import FOCUS
from .known import asks_about_unknown, only_places_known, unknown_title
from .numerals import YEAR
from .parts import each_part
from .premise import (
    contradicted,
    counted_otherwise,
    dates_an_event,
    event_year_off,
    first_class_otherwise,
    placed_elsewhere,
    placed_otherwise,
    presumes,
    quoted_otherwise,
    reached_otherwise,
    renamed_otherwise,
)


def _topics(ctx: Context) -> list[str]:
    names = card_topics(ctx)
    if not names:
        names = [h.chunk.section.split(" / ")[-1] for h in ctx.hits[:3]]
    return names


def _can_correct(q: Query, picked: list[Unit], premise_off: list[str]) -> bool:
    """A wrong figure in the question can be corrected only by a figure of the same kind."""
    text = " ".join(u.quote for u in picked)
    if not DIGIT.search(text):
        return False
    if set(premise_off) & set(YEAR.findall(q.text)) and not EVENT_DATE.search(text):
        return False  # "通过于2016年吧？" is corrected by the date it was passed, or not at all
    for unit in q.figure_units:
        if unit == "%" and "%" not in text:
            return False
        if unit in ("亿", "万", "million", "billion") and not MONEY.search(text):
            return False
    return True


def _recapped(f: str, q: Query, ranked: list[Unit], ctx: Context) -> Unit | None:
    """A sentence that holds the stated figure ``f`` with the words the question says it of: every
    word of the question's clause around it that the sources use (two at least, years aside)."""
    clause = next((c for c in re.split(r"[，,。；;？?！!]", q.text) if re.search(figure_pattern(f), c)), "")
    words = [t for t in q.terms if t.source not in ("year", "ordinal") and t.found_in(clause)
             and max(ctx.idf(a) for a in t.alts) > 1.0]
    if len(words) < 2:
        return None
    for u in ranked:
        said = next((x for x in re.split(r"[。；;]", u.quote) if re.search(figure_pattern(f), x)), None)
        if said and all(t.found_in(said) for t in words):
            return u
    return None


def _pick(best: Unit, ranked: list[Unit], q: Query, threshold: float, ctx: Context) -> list[Unit]:
    """The best unit, plus what a multi-part question needs: one unit per year asked about,
    or a second unit covering question terms (or figures) the first lacks; for "why", also
    the sentence after the best one."""
    picked = [best]
    if len(q.years) > 1:
        close = {y: [u for u in ranked if u.score >= threshold * 0.5 and first_year(u.quote) == y
                     and anchors_ok(u, q, strict=False)] for y in q.years}
        listed = [item for y in q.years if (item := next((u for u in close[y] if _ITEM.match(u.text)), None))]
        if len(listed) == len(q.years):  # a list the paper dates item by item ("2030年：…", "2050年：…")
            return listed[:3]
        for y in q.years:
            if not any(first_year(p.quote) == y for p in picked):
                picked += [u for u in close[y] if distinct(u, picked)][:1]
        return picked[:3]
    if q.asks_time and not DATE.search(best.quote) and best.pos > 0:  # the date opens the sentence
        run = sorted((u for u in ranked if u.chunk.id == best.chunk.id and u.pos < best.pos and u.text in best.lead),
                     key=lambda u: u.pos)
        first = next((i for i, u in enumerate(run) if DATE.search(u.quote)), None)
        if first is not None:
            picked = [*run[first:], best]
    asked = [t for t in q.terms if re.search(rf"哪(一)?[个项部家]\s*{re.escape(t.alts[0])}", q.text)]
    if asked and best.pos > 0 and not any(t.found_in(best.text) for t in asked):
        # "联盟是在哪个行动计划下成立的？": the plan is named in the sentence before
        before = next((u for u in ranked if u.chunk.id == best.chunk.id and u.pos == best.pos - 1), None)
        if before is not None and any(t.found_in(before.text) for t in asked):
            picked = [before, *picked]
    items = _items(best, ranked, ctx) if q.asks_list and best.pos >= 0 else []
    if items:
        return picked + [u for u in items if distinct(u, picked)]
    picked += _second(best, ranked, q, threshold)
    if q.asks_why and best.pos >= 0:  # the reason usually follows what it explains
        after = next((u for u in ranked if u.chunk.id == best.chunk.id and u.pos == best.pos + 1), None)
        if after is not None and distinct(after, picked):
            picked.append(after)
    if q.asks_example and best.pos >= 0 and not _EXAMPLE.match(best.text):
        # "举了哪些例子": the examples come within the next two sentences ("如…", "例如…")
        example = next((u for u in ranked if u.chunk.id == best.chunk.id and 0 < u.pos - best.pos <= 2
                        and _EXAMPLE.match(u.text)), None)
        if example is not None and distinct(example, picked):
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
    if items[-1].pos >= max(u.pos for u in same) - 1 and (
        more := run_on(best.chunk, best.rank, {u.text for u in same}, ctx)
    ) is not None:  # the list runs on into the next chunk
        span += [u for u in same if u.pos > items[-1].pos]
        last = max((i for i, u in enumerate(more) if _ITEM.match(u.text)), default=-1)
        span += more[: last + 1]
    return span[:most]


def _second(best: Unit, ranked: list[Unit], q: Query, threshold: float) -> list[Unit]:
    """A second unit: one stating what the first lacks, else another close figure."""
    second = [u for u in ranked[1:8] if anchors_ok(u, q, strict=False) and distinct(u, [best])]
    if q.subset:  # (of a part asked about, "民营的有几家", only what names that part)
        second = [u for u in second if any(a in u.quote for a in q.counted)]
    for u in second:
        if u.stated - best.stated and u.score >= threshold * 0.8:
            return [u]
    ratio = 0.5 if q.compares else 0.85
    for u in second:
        if q.asks_count and u.rank_score >= best.rank_score * ratio and DIGIT.search(u.quote):
            return [u]
    return []


# "创投贷是不是也跟履约贷一样最高800万元？": a figure given for one thing, asked of another
_LIKE = re.compile(r"(?:跟|和|与|像|同)([\u4e00-\u9fff]{2,8}?)一样|\b(?:the same as|just like|like|as with) "
                   r"(?:the )?([A-Za-z\u4e00-\u9fff-]+)", re.I)


def _like_another(q: Query, ranked: list[Unit]) -> bool:
    """Is each sentence holding the question's figures about the thing it is compared with
    ("跟履约贷一样"), or that a statement gives them for ("听说履约贷最高能贷800万元，那微贷通…"),
    never about the one asked of? Then the sources say nothing of the latter."""
    like = _LIKE.search(q.text)
    other = like and (like.group(1) or like.group(2))
    clauses = re.split(r"[，,。；;？?！!]", q.text)
    if not other:  # (the statement that gives the figures, when the clause that asks names something else)
        other = next((c for c in stated_clauses(q.text) if q.figures and all(f in c for f in q.figures)), "")
        asked = next((c for c in reversed(clauses) if ASKS_ZH.search(c)), "")
    else:
        asked = q.text
    if not other or not q.figures:
        return False
    names = [t for t in q.terms if t.required and t.source != "year"]
    other_t = [t for t in names if t.found_in(other)]
    subjects = [t for t in names if t not in other_t and t.found_in(asked)]
    holders = [u for u in ranked[:10] if all(re.search(figure_pattern(f), u.quote) for f in q.figures)]
    # (and no sentence about the one asked of answers in kind: "…只涨了1.34%，那…联合产权交易所…增加了多少？"
    # has its own "比2008年增加73.7%")
    own = [u for u in ranked[:10] if u not in holders and any(t.found_in(u.quote) for t in subjects) and fits(u, q)]
    return bool(other_t and subjects and holders) and not (own and not like) and all(
        any(t.found_in(u.quote) for t in other_t) and not any(t.found_in(u.quote) for t in subjects) for u in holders)


_EVENT_VERB = re.compile(r"成立|设立|组建|筹建|通过|出台|发布|推出|启动|开盘|落户|并入|并进|founded|set up|established|"
                         r"launched|adopted|passed|opened|merged|created|approved|挂牌|批准|创建", re.I)


OTHER_YEAR_GAP = 0.4  # how much better the figure's sentence for another year must match


_TO = r"\s*[-–—~至到]\s*"  # between the years of a period
_PERIOD = re.compile(rf"((?:19|20)\d\d){_TO}((?:19|20)\d\d)")


def _dated(u: Unit, year: str) -> bool:
    """Is ``u`` of the year (a pattern)? By its lead or section, or by the first year it names —
    "2014年…邀请80多位…，因此2015年有了…" is 2014's sentence."""
    if re.search(year, f"{u.lead} {u.chunk.section}"):
        return True
    m = re.search(year, u.text)
    return m is not None and not YEAR.search(u.text[: m.start()])


def _only_another_year(units: list[Unit], q: Query, ctx: Context, year: str) -> bool:
    """"2016年研发经费投入多少？": the sentences of the year asked about match little but the
    year, while one for another year states the figure itself — the sources give it for
    that year only, and a figure of the asked year about something else is no answer.
    ``year`` is a pattern: a year, or a period ("2016-2017")."""
    bare = [replace(u) for u in units]
    # (coverage only: without the query vector, no passage is embedded again for the ordering)
    score(bare, replace(q, terms=[t for t in q.terms if t.source != "year"], years=[]), replace(ctx, query_vector=None))
    # (a sentence of that year without the kind of figure asked — no percent for "what share" — is no answer)
    kind = replace(q, counted=(), subset=False)
    dated = [u.score for u in bare if _dated(u, year) and fits(u, kind)]
    best = max(u.score for u in bare)
    return best - max(dated, default=0.0) >= OTHER_YEAR_GAP


def _figures(units: list[Unit]) -> set[str]:
    """The numbers the units' quotes state, as a question's figures are written ("800", "1.64")."""
    return {n for u in units for n in re.findall(r"\d+(?:\.\d+)?", u.quote)}


def _quotes(draft: Draft) -> str:
    return " ".join(c.quote for c in draft.citations)


_CHECK_TAIL = re.compile(r"[，,]?\s*(对吧|对吗|是吧|是不是|没错吧|对不对)[？?]?\s*$")


def _last_claim(q: Query) -> str | None:
    """The detail a checked statement ends on, when clauses before it set the scene: "A…，B…，对吧？" → "B…，对吧？"."""
    if not q.is_check or q.lang != "zh" or not (tail := _CHECK_TAIL.search(q.text)):
        return None
    clauses = [c for c in re.split(r"[，,。；;]", q.text[: tail.start()]) if c.strip()]
    return f"{clauses[-1]}，对吧？" if len(clauses) >= 2 else None


class ExtractiveGenerator:
    name = "extractive"

    def generate(self, ctx: Context) -> Draft:
        q = ctx.query
        # an attempt to change the role with no real question left beside it gets the role reply
        if q.is_task or (q.injection and not (asks_something(q.text) and [t for t in q.terms if t.source != "year"])):
            return role_reply(q)
        if q.asks_author:
            return self._author(ctx, q)
        draft = self._answer(ctx, q)
        # a question in parts gets evidence per part, and may be answerable only so
        draft = each_part(self._answer, ctx, q, draft if isinstance(draft, Answered) else None) or draft
        if isinstance(draft, Answered) and not draft.premise_off and (claim := _last_claim(q)):
            # "“22条”要把上海建成…，路线图里说2030年就全面建成…，对吧？": a true recap first, then the
            # detail checked, whose evidence may sit elsewhere: read the detail on its own evidence
            cq = analyse(claim, {a for t in q.terms if t.anchor for a in t.alts})
            ctx.fetch_more(cq.search_text)
            if isinstance(sub := self._answer(ctx, cq), Answered) and sub.premise_off:
                return sub
        # (a corrected premise is flagged abstained too; "refused" below means no evidence at all)
        refused = not isinstance(draft, Answered)
        if q.years and presumes(q) and (refused or q.asks_time or _EVENT_VERB.search(q.text)):
            # "Was it founded in 1998?", "是2015年才成立的吧？", "2014年底通过的吧，具体哪天？": the
            # year may be the wrong premise, not the topic; the event's own date elsewhere answers it
            retry = self._answer(ctx, q.without_years())
            dated = isinstance(retry, Answered) and any(EVENT_DATE.search(u.quote) for u in retry.units)
            # (the draft dates another body's event: "上海技术产权交易所是2008年…成立的吧？" drew 2008's
            # 南南全球技术产权交易所, a shorter alias of the name asked about; the retry has the full name)
            full = [t.alts[0] for t in q.terms if t.required and t.source != "year" and len(t.alts) > 1]
            other = any(n in _quotes(retry) and n not in _quotes(draft) for n in full)
            dated_otherwise = dated and (other or not EVENT_DATE.search(_quotes(draft)))
            # (what the question asks for must still be there: a day, "…论坛是几月几号开的？")
            answers = q.focus is None or bool(FOCUS[q.focus][1].search(_quotes(retry)))
            if isinstance(retry, Answered) and (refused or dated_otherwise) and answers:
                # (or a year in the quotes, not as the event's: "对2014年、2015年…采取的各项举措")
                wrong = [y for y in q.years if y not in _quotes(retry)] or event_year_off(
                    q.text, [u.quote for u in retry.units])
                if wrong and dated:  # say that the year is not the paper's
                    return compose(ctx, retry.units, wrong)
                return retry
        if isinstance(draft, Answered) and q.years and not q.asks_time and dates_an_event(q.text):
            # "After X merged in 2008, by how much…?": the merger's own year, wherever the paper gives it
            retry = self._answer(ctx, q.without_years())
            more = [u for u in retry.units if distinct(u, draft.units)] if isinstance(retry, Answered) else []
            units = [*draft.units, *more]
            if wrong := event_year_off(q.text, [u.quote for u in units]):
                # (shown by the sentences that date the event, not the rest of the first answer)
                return compose(ctx, ([u for u in units if dates_an_event(u.quote)] or units)[:4], wrong)
        return draft

    def _author(self, ctx: Context, q: Query) -> Draft:
        """"这篇论文的作者是哪个单位的？": the document's opening line (title, author, affiliation),
        cited; refused when that line is only the title."""
        def openings() -> list[Chunk]:
            return [h.chunk for h in ctx.hits if h.chunk.kind != "measure" and h.chunk.section == h.chunk.title]

        if not openings():
            for title in dict.fromkeys(h.chunk.title for h in ctx.hits if h.chunk.kind != "measure"):
                ctx.fetch_more(title, most=2)
        for rank, chunk in enumerate(openings()):
            head = chunk.text.strip().split("\n", 1)[0].strip()
            if head and squash(head) != squash(chunk.title):
                return compose(ctx, [Unit(head, head, chunk, rank)], [])
        return refusal(q, _topics(ctx))

    def _answer(self, ctx: Context, q: Query) -> Draft:
        units = sentence_units(ctx)
        if (q.asks_count or q.asks_money or q.asks_percent) and not q.asks_time:
            units += fact_units(ctx)  # card figures answer "how many / how much" questions
        if not units or not q.terms:
            return refusal(q, _topics(ctx))
        if q.titles and unknown_title(q.titles, ctx):  # a named document or programme the sources lack
            # (unless the sources name the same thing otherwise: "提出了“开放创新、合作共赢”的新模式")
            if found := renamed_otherwise(q, [u.quote for u in units]):
                return compose(ctx, [units[found[0]]], [found[1]])
            return refusal(q, _topics(ctx))
        if only_places_known(q, ctx):
            return refusal(q, _topics(ctx))
        score(units, q, ctx)
        ranked = sorted(units, key=lambda u: (u.anchors_ok, u.rank_score), reverse=True)
        best = ranked[0]
        # (in English a year alone names nothing of the sources': "Who won the 2015 Shanghai Marathon?")
        named = any(t.anchor and (t.source != "year" or q.lang == "zh") for t in q.terms)
        threshold = MIN_COVERAGE_ANCHORED if named else MIN_COVERAGE
        if not best.anchors_ok or max(u.score for u in ranked if u.anchors_ok) < threshold:
            return refusal(q, _topics(ctx))
        if best.score < 0.7 and asks_about_unknown(q, ctx):  # (a sentence with most of the words is theirs)
            return refusal(q, _topics(ctx))
        # (the year of the ask, not of a recap before it: "2015年新增了42家，那2016年呢？")
        asked = q.asked or q.text
        # (not the base of a change: "2016年…是多少？比2014年增长了多少？", "跟2014年比涨了没？" ask 2016)
        asked_years = [y for y in dict.fromkeys(YEAR.findall(asked))
                       if not re.search(rf"(?:比|较|相比|compared (?:with|to))\s*{y}|(?:跟|和|与|同)\s*{y}\s*年?相?比",
                                        asked)]
        # (or of a period: "the 2016–2017 cycle", after a recap of 2015–2016's; asked alone, its first
        # year — the sources may write "2014–2015" as "2014年、2015年")
        period = _PERIOD.findall(asked) if len(asked_years) == 2 else []
        recap = bool(_PERIOD.search(q.text.replace(asked, "")))
        when = re.escape(asked_years[0]) if len(asked_years) == 1 else (
            (f"{period[0][0]}{_TO}{period[0][1]}" if recap else period[0][0]) if len(period) == 1 else None)
        if when and (q.asks_count or q.asks_money or q.asks_percent) and _only_another_year(units, q, ctx, when):
            return refusal(q, _topics(ctx))
        # (a day after a year checked is left to the year's premise: "“22条”是2014年底通过的吧？具体是哪天？")
        if q.focus and not (q.focus == "day" and q.years and q.is_check):
            evidence = FOCUS[q.focus][1]
            # (a day of the year asked: "2015年那届…论坛是几月几号开的？" is not answered by 2014's dates)
            of_year = [u for u in ranked[:5] if not (q.focus == "day" and when and q.years and not _dated(u, when))]
            if not any(evidence.search(u.quote) and u.anchors_ok for u in of_year):
                # "建了100个工作站，分布在哪些国家？": the wrong count of what is asked about is corrected
                counts = q.figures and q.focus in ("names", "countries")
                rest = self._answer(ctx, replace(q, focus=None)) if counts else None
                seen = _figures(ranked[:10])
                if isinstance(rest, Answered) and rest.premise_off and not set(rest.premise_off) & seen:
                    return compose(ctx, rest.units, rest.premise_off, [q.focus])
                return refusal(q, _topics(ctx))
        # a counted noun the corpus never uses ("嘉宾") cannot be checked: the sources word it otherwise
        # and a generic word of it ("企业" of "高新技术企业") says little about what is counted
        known = [a for a in q.counted if ctx.idf(a) > 0]
        fq = replace(q, counted=tuple([a for a in known if ctx.idf(a) >= SPECIFIC_IDF] or known))
        fitting = [u for u in ranked if u.anchors_ok and u.score >= threshold and fits(u, fq)]
        if not fitting:
            # ("新增了62家科技企业孵化器，分布在哪些区？": unanswerable as asked, but the figure is corrected)
            close = [u for u in ranked[:3] if u.anchors_ok and u.score >= threshold]
            # (only a figure no close quote holds as stated: "新增了19家…，到年底累计90家" recaps two sentences)
            wrong = stated_otherwise(q, [u.quote for u in close[:1]]) if q.figures and close else []
            if wrong:
                held = stated_otherwise(q, [u.quote for u in close])
                wrong = [f for f in wrong if f in held]
            if wrong:
                return compose(ctx, close[:1], wrong)
            return refusal(q, _topics(ctx))
        best = fitting[0]
        if q.asks_time and EARLIEST_Q.search(q.text):  # "最早是哪年": the earliest of the close candidates
            close = [u for u in fitting if u.score >= best.score - 0.1 and first_year(u.quote)]
            best = min(close, key=lambda u: first_year(u.quote) or "", default=best)
        if (sh := q.shorthand) and sh[0] > 1:  # "哪四化": the close sentence naming four things that end in 化
            best = next((u for u in fitting if u.quote.count(sh[1]) >= sh[0] and u.score >= best.score - 0.3), best)
        if LAST_Q.search(q.text):  # "最后一步": the last item of the list, not its best match
            best = next((u for u in reversed(_items(best, ranked, ctx, most=20)) if _ITEM.match(u.text)), best)
        if q.asks_example:  # "举了哪些例子": a close sentence giving examples ("如…") over the claim itself
            best = next((u for u in fitting if _EXAMPLE.match(u.text) and u.score >= best.score - 0.25), best)
        picked = _pick(best, ranked, q, threshold, ctx)
        names = [t for t in q.terms if t.required and t.source != "year"]
        shown = " ".join(u.text + " " + u.chunk.section + " " + u.context for u in picked)
        if not all(t.found_in(shown) for t in names):
            # "有一款面向…企业的科技信贷产品，叫什么？": what a measure the evidence names is, its card says
            shown += " ".join(h.chunk.text for h in ctx.hits if h.chunk.kind == "measure" and h.chunk.section in shown)
        if not all(t.found_in(shown) for t in names):
            return refusal(q, _topics(ctx))
        # (a figure the question recaps may open the quoted sentence: "35家…29家…；2014年、2015年…7家")
        # (or the sentence before: "2015年新开了19家苗圃，那到年底累计多少？" — "…苗圃19家…。至2015年年底…")
        # (only a count or an amount there, not an ordinal: "第5期" is no 5 banks)
        prior = " ".join(u.context for u in picked)
        opening = " ".join(re.split(r"[。！？!?]", u.lead)[-1] for u in picked)
        tallied = re.findall(r"(\d+(?:\.\d+)?)\s*[家个项所位名宗亿万%％]", prior)
        quoted = _figures(picked) | set(re.findall(r"\d+(?:\.\d+)?", opening)) | set(tallied)
        # (a year the founder mentions may date the whole paragraph: "2015年那届活动周我去过")
        dated = " ".join(f"{u.lead} {u.context} {u.text if u.fact else ''}" for u in picked)
        premise_off = [f for f in q.figures if f not in quoted and not (len(f) == 4 and f in dated)]
        # (a true recap from another sentence: "2009年上海技术市场交易额比2008年只涨了1.34%，那同一年
        # 联合产权交易所…增加了多少？" — 1.34% is the technology market's, in a sentence of its own)
        if confirmed := [u for f in premise_off if (u := _recapped(f, q, ranked, ctx)) and distinct(u, picked)]:
            premise_off = [f for f in premise_off if not any(re.search(figure_pattern(f), u.quote) for u in confirmed)]
            picked = picked + confirmed[:1]
        if _like_another(q, ranked):
            return refusal(q, _topics(ctx))
        stated = stated_otherwise(q, [opening, prior, *(u.quote for u in picked)])
        premise_off += [f for f in stated if f not in premise_off]
        if premise_off and not _can_correct(q, picked, premise_off):
            return refusal(q, _topics(ctx))
        # a share, rank, place or body taken for granted
        # (nearby: the sentence before each, and its section's title — "(三)2015年采取十二项重大举措…")
        premise_off += contradicted(q, [u.quote for u in picked], known=lambda w: ctx.idf(w) > 0,
                                    nearby=tuple(f"{u.context} {u.chunk.section}" for u in picked))
        # (the sentence before, when it holds the correction: "上海股权托管交易中心…开盘。其中，…")
        before = [u for u in ranked if any(w in u.quote for w in premise_off) and distinct(u, picked)
                  and any(u.chunk.id == p.chunk.id and u.pos == p.pos - 1 >= 0 for p in picked)]
        picked = before[:1] + picked
        # (a place the question gives a body in passing, where the sentence placing it is not picked)
        # (or a year it sets a goal's degree in: "到2020年就基本建成了吧" — "2030年：上海基本建成…")
        # (or a quoted name it dates: "2014年那届论坛的主题是“…”" — "…为主题的2015浦江创新论坛")
        top = [u.quote for u in ranked[:10]]
        # (or a change against a base the question reverses: "都比2003年合并前大幅增长了" — "…则分别下降")
        # (or a list's count, stated where the list begins: "分三步走，最后一步…" — "分四步走：")
        # (or a quoted name it gives a thing the sources name otherwise: "提出了“开放创新、合作共赢”的新模式")
        for otherwise in (placed_otherwise, reached_otherwise, first_class_otherwise, quoted_otherwise,
                          renamed_otherwise, counted_otherwise, moved_in):
            if (found := otherwise(q, top)) and found[1] not in premise_off:
                picked = [ranked[found[0]], *[p for p in picked if p is not ranked[found[0]]]][:max(len(picked), 2)]
                premise_off.append(found[1])
        # (a name the sources use in one passage only)
        if found := placed_elsewhere(q, top, rare=lambda w: ctx.idf(w) >= RARE_IDF):
            u = ranked[found[0]]
            picked = [u, *[p for p in picked if p is not u]][:len(picked)]
            premise_off.append(found[1])
        return compose(ctx, picked, premise_off)

@register_generator("extractive")
def _extractive(settings: Settings) -> ExtractiveGenerator:
    return ExtractiveGenerator()
