"""A question in several parts ("哪年成立？又是哪年成为…？"): evidence for each part, and
whether the parts' answers make one answer. The extractive answerer passes itself in as
``answer``; every part goes through the same rules as a whole question."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..types import Draft
from .actors import names_body
from .analysis import Query, analyse
from .asking import asked_part, each_named, question_parts
from .base import Context
from .compose import Answered, compose
from .evidence import DATE, DIGIT, MONEY, SHARE, Unit, distinct, run_on, units_of
from .focus import FOCUS
from .known import asks_about_unknown, own_terms, unknown_title

_THAT_YEAR = re.compile(r"(这一年|那一年|该年|这年|那年|届时|那时候?|到时候?)|"
                        r"\b(?:in )?(?:that|the same) year\b|\bby (?:then|that time)\b", re.I)


_APPLICANT = frozenset({"企业", "公司", "申请", "申报", "最多", "最高", "额度", "上限", "金额"})

# a part counting things ("银行有几家？", "how many were visited") asks more than the part before it did
_COUNTS_THINGS = re.compile(r"(?:几|多少)\s*[家个项场所批位名人次件条]|how many", re.I)
# (words of such a part that ask "how often", not about something new — "最高能贷多少？" is new)
# (or that compares it: "…年利率大概是多少？比普通银行贷款低多少？")
_COMPARED = re.compile(r"\s*(?:那|又|还|能)?(?:比|跟|和)[^，。？?]{1,12}?(?:低|高|少|多|便宜|贵|优惠)(?:多少|几|吗)")
_PER = re.compile(r"[一每]?(?:年|月|季度?|次|期)|一年|每年|per (?:year|month)|a year|annual(?:ly)?", re.I)


def _answered_year(units: list[Unit], question: str) -> str | None:
    """The year a part was answered with: the first in its sentences the question lacks."""
    return next((y for u in units for y in re.findall(r"(?:19|20)\d\d", u.quote) if y not in question), None)


def _plain_fact(q: Query) -> bool:
    return q.asks_count or q.asks_money or q.asks_percent or q.asks_time or q.asks_where


def _after(u: Unit, q: Query, ctx: Context) -> Unit | None:
    """The sentence after ``u`` (in the next chunk if ``u`` ends its own), when it holds what
    a follow-up with no words of its own asks: a duration, a date, a figure, or, for "why", anything."""
    if u.pos < 0:
        return None
    units = units_of(u.chunk, u.rank)
    nxt = next((x for x in units if x.pos == u.pos + 1), None)
    if nxt is None:
        nxt = next(iter(run_on(u.chunk, u.rank, {y.text for y in units}, ctx) or []), None)
    if nxt is None:
        return None
    if q.focus:
        return nxt if FOCUS[q.focus][1].search(nxt.quote) else None
    if q.asks_time:
        return nxt if DATE.search(nxt.quote) else None
    if q.asks_count or q.asks_money or q.asks_percent:  # the kind of figure asked for, not any digit
        kind = SHARE if q.asks_percent else MONEY if q.asks_money else DIGIT
        return nxt if kind.search(nxt.quote) else None
    return nxt if q.asks_why else None


def each_part(answer: Callable[[Context, Query], Draft], ctx: Context, q: Query,
              draft: Answered | None) -> Draft | None:
    """A question in several parts ("哪年成立？又是哪年成为…？") gets evidence for each
    part. Every part that asks something must be answered; otherwise the whole answer
    (``draft``, or None when there was none) stands. One exception: when the whole
    question was refused, a part asking for a kind of detail the sources lack ("哪几家
    银行？") may be left out, and the answer to the rest says it is not given."""
    anchors = {a for t in q.terms if t.anchor for a in t.alts}
    parts = question_parts(q.text, lambda c: len(own_terms(analyse(c, anchors), ctx)) >= 2)
    parts = [each for part in parts for each in each_named(part, anchors)]
    if len(parts) < 2 or len(parts) > 4:
        return draft
    partial = draft is None and not (q.titles and unknown_title(q.titles, ctx))
    picked = list(draft.units) if draft else []
    missing: list[str] = []  # FOCUS kinds of the parts left out
    left_out = -1  # the last part left out
    answered: list[Unit] = []  # the evidence of the last part answered
    off = list(draft.premise_off) if draft else []  # figures a part's evidence contradicts
    queries = [analyse(part, anchors) for part in parts]
    for i, pq in enumerate(queries):
        if (m := _THAT_YEAR.search(parts[i])) and (year := _answered_year(answered, q.text)):
            # "…到哪一年建成？这一年对应什么阶段？": the year the part before was answered with
            said = f"{year}年" if m.group(1) else f"in {year}"
            pq = queries[i] = analyse(_THAT_YEAR.sub(said, parts[i]), anchors)
        if draft is None and asks_about_unknown(pq, ctx):  # "…会下雨吗？气温多少度？": no story goes on
            return draft
        own = own_terms(pq, ctx)
        if i and left_out == i - 1 and pq.focus is None and not pq.figures and (_COMPARED.match(parts[i]) or (
                all(_PER.fullmatch(t.alts[0]) for t in own) and not _COUNTS_THINGS.search(parts[i]))):
            left_out = i  # "…需要交会费吗？一年多少？": more of the detail the sources lack (not "银行有几家？")
            continue
        if not [t for t in pq.terms if t.source != "year"] and pq.focus in (None, "day") and not pq.asks_why:
            continue  # "中间隔了多久？", "具体是哪天？" work on the other parts' answers
        if i and picked and not own and pq.focus and any(FOCUS[pq.focus][1].search(u.quote) for u in picked):
            continue  # "…为什么没办下去？办了多久？": the reason's sentence also says how long ("仅仅实践了一年")
        # (not a part naming a district of its own: "…这90家苗圃…？浦东有几家？")
        if i and picked and not own and not pq.places and (after := _after(picked[-1], pq, ctx)) is not None:
            # "…是几家中介搞起来的？后来为啥撤了，搞了多久？": the story goes on in the next sentence
            if distinct(after, picked):
                picked.append(after)
            continue
        # (the applicant and what it gets name no subject: "每家企业最多能申请多少额度？")
        if not any(t.required and t.source != "year" for t in pq.terms) and len(
            [t for t in own if not (i and t.alts[0] in _APPLICANT)]
        ) <= 2:
            # (a part that names its own subject — "金融那个实施意见…多少条措施" — is not about the last one)
            # "…哪几家银行合作？有多少家银行参与？" is still about the measure named before
            # (or a quoted name of its own: "…搞过一个“杨浦实践基地”，…？最后坚持了多久？")
            bq = analyse("".join(parts[:i]), anchors) if i else None
            before = [t for t in bq.terms if t.source != "year" and (
                t.required or any(t.alts[0] in title for title in bq.titles))] if bq else []
            pq.terms += [t for t in before if t.alts not in {x.alts for x in pq.terms}]
            pq.follows = bool(i)
        sub = answer(ctx, pq)
        if not isinstance(sub, Answered) and i == 0 and (asked := asked_part(parts[0])) != parts[0]:
            # "我们在考虑两条路：一是…，二是…。创新券有多少家企业拿到？": the story names both
            # subjects, the first part asks about one — when it names its own
            aq = analyse(asked, anchors)
            if any(t.anchor for t in aq.terms):
                sub = answer(ctx, aq)
        if not isinstance(sub, Answered) and ctx.search is not None and own:
            # the part's evidence may sit far from the rest's: it gets a search of its own
            ctx.fetch_more(pq.search_text)
            sub = answer(ctx, pq)
        if isinstance(sub, Answered):
            picked += [u for u in sub.units if distinct(u, picked)]
            answered = sub.units
            # a figure a part states ("…是50亿元对吧？还款期限多久？"), or what a part naming its
            # subject checks ("…was organised by the Ministry of Commerce alone, right? Which theme…?";
            # not "是不是都是科技小巨人？" after the count it asks of; or who founded it: "…是上海交通大学
            # 一家牵头创办的吧？", whose other words the sources never use)
            if pq.figures or (pq.is_check and (len(own) >= 2 or (own and names_body(pq)))):
                off += [f for f in sub.premise_off if f not in off]
        elif partial and pq.focus not in (None, "process"):
            # (a part asking for conditions is usually followed by the conditions
            # themselves, "营收要到多少？", which no figure nearby answers)
            missing.append(str(pq.focus))
            left_out = i
        else:
            return draft
    # Only a part asking a plain fact (a count, amount, share, date, place) may stand
    # alone next to a detail the sources lack; "有没有贴息？" after "利率多少？" may not.
    if missing and not all(_plain_fact(pq) for pq in queries if not pq.focus):
        return draft
    if not picked or (draft and len(picked) == len(draft.units)):
        return draft
    return compose(ctx, picked[: 8 if q.asks_list else 4], off, missing)
