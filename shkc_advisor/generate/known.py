"""What the sources know of a question's words: which of them they use, a named document or
programme they lack, an everyday thing they never mention. The extractive answerer reads these
before it ranks anything, and again for each part of a question in parts."""

from __future__ import annotations

import re

from ..index.tokenize import is_noun
from ..ingest.clean import squash
from .analysis import PLACES, Query, Term, glossary
from .base import Context, card_of_hit
from .cues import SHORTHAND_TITLE
from .evidence import content


def own_terms(q: Query, ctx: Context) -> list[Term]:
    """The question's words (not years) that the corpus uses."""
    return [t for t in q.terms if t.source != "year" and max(ctx.idf(a) for a in t.alts) > 0]


def unknown_title(titles: list[str], ctx: Context) -> bool:
    """Does the question name a document or programme that neither the retrieved passages
    nor (for English names) the glossary and the retrieved cards know? A false premise."""
    texts = [squash(h.chunk.text) for h in ctx.hits]
    known_en = " ".join([*glossary(), *(str(c.get("name_en", "")) for h in ctx.hits if (c := card_of_hit(h)))])
    return any(
        not any(squash(title) in t for t in texts) and title.lower() not in known_en.lower()
        for title in titles
        if not SHORTHAND_TITLE.fullmatch(title)
    )


_PAPER = re.compile(r"论文|文章|文中|原文|作者|笔者|课题组|资料|报告|paper|author|source", re.I)


def asks_about_unknown(q: Query, ctx: Context) -> bool:
    """"上海明天气温多少度？", "周末去哪个公园玩比较好？": the thing asked about is named by an
    everyday noun the sources never use, and nothing else (no policy name, no mention of the
    paper) makes the question theirs."""
    if not q.heads or any(t.anchor and t.source != "year" for t in q.terms) or _PAPER.search(q.text):
        return False
    alts = {h: next((t.alts for t in q.terms if h in t.alts), (h,)) for h in q.heads}
    return all(max(ctx.idf(a) for a in alts[h]) == 0 and content(h) == 1.0 and is_noun(h) for h in q.heads)


def only_places_known(q: Query, ctx: Context) -> bool:
    """"明天北京南站到上海虹桥的高铁还有二等座吗？": the only words the sources use are cities,
    and at least two of the rest are words they never use."""
    own = own_terms(q, ctx)
    unknown = [t for t in q.terms if t.source != "year" and t not in own and len(t.alts[0]) >= 2]
    return bool(own) and all(t.alts[0] in PLACES or t.alts[0] == "上海" for t in own) and len(unknown) >= 2
