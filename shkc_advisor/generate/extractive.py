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
from dataclasses import dataclass

from ..ingest.chunk import split_sentences
from ..ingest.clean import squash
from ..settings import Settings
from ..types import Chunk, Citation, Draft
from .analysis import FOCUS, INJECTION, Query
from .base import Context, card_of_hit, refusal, register_generator, role_reply

OOV_ZH = 1.2  # weight of a Chinese question word the corpus never uses
OOV_EN = 1.0  # weight of an English word the glossary cannot map
MIN_COVERAGE = 0.45
MIN_COVERAGE_ANCHORED = 0.3
_CLAUSE = re.compile(r"(?<=[，,；;：:])")

UNITS_EN = {
    "亿元": "hundred million yuan (亿元)",
    "万元": "ten thousand yuan (万元)",
    "亿美元": "hundred million US dollars (亿美元)",
    "%": "%",
}


@dataclass
class Unit:
    """A candidate piece of evidence: one sentence of a retrieved chunk, or a card figure."""

    text: str  # what is matched and shown
    quote: str  # verbatim text of ``chunk`` that supports it
    chunk: Chunk
    rank: int
    context: str = ""  # previous sentence + section path: half credit for matching terms
    fact: dict[str, object] | None = None
    card: dict[str, object] | None = None
    score: float = 0.0
    anchors_ok: bool = False
    covered: frozenset[int] = frozenset()


def _sentence_units(ctx: Context) -> list[Unit]:
    units: list[Unit] = []
    for rank, hit in enumerate(ctx.hits):
        c = hit.chunk
        if c.kind == "measure":
            continue
        sents = [s.strip() for s in split_sentences(c.text) if s.strip()]
        for i, s in enumerate(sents):
            if INJECTION.search(s):  # hostile text in a document is never used as evidence
                continue
            prev = sents[i - 1] if i else ""
            units.append(Unit(s, s, c, rank, context=f"{c.section} {prev}"))
    return units


def _fact_units(ctx: Context) -> list[Unit]:
    """Card figures whose quote sits in a retrieved source chunk (so it can be cited)."""
    docs = [(h, squash(h.chunk.text)) for h in ctx.hits if h.chunk.kind != "measure"]
    units: list[Unit] = []
    for rank, hit in enumerate(ctx.hits):
        card = card_of_hit(hit)
        if not card:
            continue
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
            text = f"{card.get('name_zh', '')} {fig.get('counts_zh', '')} {verbatim}"
            units.append(
                Unit(text, verbatim, home.chunk, rank, context=home.chunk.section, fact=fig, card=card)
            )
    return units


def _verbatim(quote: str, text: str) -> str | None:
    """The span of ``text`` equal to ``quote`` once whitespace is ignored."""
    target = squash(quote)
    if not target:
        return None
    chars = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    flat = "".join(ch for _, ch in chars)
    pos = flat.find(target)
    if pos < 0:
        return None
    return text[chars[pos][0] : chars[pos + len(target) - 1][0] + 1]


def _weights(query: Query, idf: "Context") -> list[float]:  # noqa: UP037 - forward ref
    return [max(idf.idf(a) for a in t.alts) for t in query.terms]


def _score(units: list[Unit], query: Query, ctx: Context) -> None:
    weights = _weights(query, ctx)
    oov = sum(OOV_ZH for w in weights if w == 0.0) + OOV_EN * len(query.unknown_en)
    total = sum(weights) + oov
    en_words = set(query.en_words)
    for u in units:
        covered: set[int] = set()
        got = 0.0
        for i, (t, w) in enumerate(zip(query.terms, weights, strict=True)):
            if t.found_in(u.text):
                got += w
                covered.add(i)
            elif t.found_in(u.context):
                got += w * 0.5
                covered.add(i)
        if u.fact and en_words:  # English words matched against the card's English text
            en_text = f"{u.card.get('name_en', '')} {u.fact.get('counts_en', '')}".lower() if u.card else ""
            hits = sum(1 for w in en_words if w in en_text)
            got += OOV_EN * min(hits, len(query.unknown_en))
        u.covered = frozenset(covered)
        u.anchors_ok = all(
            t.found_in(u.text) or t.found_in(u.context) for t in query.terms if t.anchor
        )
        cov = got / total if total else 0.0
        asks_number = bool(re.search(r"多少|几|比例|规模|额度|how many|how much|what share|percent", query.text, re.I))
        has_number = bool(re.search(r"\d", u.quote))
        u.score = cov + (0.05 if asks_number and has_number else 0.0) - 0.01 * u.rank + (0.02 if u.fact else 0)


def _window(sentence: str, query: Query) -> str:
    """The clauses of ``sentence`` from the first to the last one that matches the question."""
    clauses = [c for c in _CLAUSE.split(sentence) if c]
    if len(clauses) <= 2 or len(sentence) <= 60:
        return sentence
    idx = [i for i, c in enumerate(clauses) if any(t.found_in(c) for t in query.terms)]
    if not idx:
        return sentence
    lo, hi = min(idx), max(idx)
    text = "".join(clauses[lo : hi + 1]).rstrip("，,；;：:")
    return text if len(text) >= 8 else sentence


def _topics(ctx: Context) -> list[str]:
    names = []
    for h in ctx.hits:
        card = card_of_hit(h)
        if card:
            names.append(str(card.get("name_en" if ctx.query.lang == "en" else "name_zh", "")))
    if not names:
        names = [h.chunk.section.split(" / ")[-1] for h in ctx.hits[:3]]
    return names


def _english_fact(u: Unit, n: int) -> str:
    fig, card = u.fact or {}, u.card or {}
    unit = str(fig.get("unit", ""))
    unit_en = UNITS_EN.get(unit, f"({unit})" if unit else "")
    what = str(fig.get("counts_en", "")).strip().rstrip(".")
    name = str(card.get("name_en", "")).strip()
    sep = "" if unit_en == "%" else " "
    return f"{name} — {what}: {fig.get('value')}{sep}{unit_en} [{n}]."


class ExtractiveGenerator:
    name = "extractive"

    def generate(self, ctx: Context) -> Draft:
        q = ctx.query
        if q.injection and not [t for t in q.terms if t.source != "glossary" or t.anchor]:
            return role_reply(q)
        units = _sentence_units(ctx) + _fact_units(ctx)
        if not units or not q.terms:
            return refusal(q, _topics(ctx))
        _score(units, q, ctx)
        ranked = sorted(units, key=lambda u: (u.anchors_ok, u.score), reverse=True)
        best = ranked[0]
        anchored = any(t.anchor for t in q.terms)
        threshold = MIN_COVERAGE_ANCHORED if anchored else MIN_COVERAGE
        if not best.anchors_ok or best.score < threshold:
            return refusal(q, _topics(ctx))
        if q.focus:
            evidence = FOCUS[q.focus][1]
            if not any(evidence.search(u.quote) and u.anchors_ok for u in ranked[:5]):
                return refusal(q, _topics(ctx))
        picked = [best]
        # A second piece when it covers question terms the first does not (multi-part questions).
        for u in ranked[1:8]:
            if u.anchors_ok and u.score >= threshold * 0.8 and (u.covered - best.covered) \
                    and squash(u.quote) not in squash(best.quote) and squash(best.quote) not in squash(u.quote):
                picked.append(u)
                break
        premise_off = [f for f in q.figures if f not in {n for u in picked for n in re.findall(r"\d+(?:\.\d+)?", u.quote)}]
        return self._compose(ctx, picked, premise_off)

    def _compose(self, ctx: Context, picked: list[Unit], premise_off: list[str]) -> Draft:
        q = ctx.query
        citations: list[Citation] = []
        parts: list[str] = []
        for n, u in enumerate(picked, start=1):
            c = u.chunk
            citations.append(Citation(n, c.doc_id, c.title, c.section, u.quote, c.id))
            if q.lang == "en":
                if u.fact:
                    parts.append(_english_fact(u, n))
                else:
                    parts.append(f"The source says (in Chinese): “{_window(u.quote, q)}” [{n}].")
            else:
                body = _window(u.quote, q).rstrip("。；;，,")
                parts.append(f"{body}[{n}]。")
        if q.lang == "en":
            lead = "According to the sources: "
            tail = " Note: the figure in your question does not match the sources." if premise_off else ""
        else:
            lead = "根据资料，"
            tail = "注意：问题中的数字与资料不一致，请以资料为准。" if premise_off else ""
        text = lead + (" " if q.lang == "en" else "").join(parts) + tail
        return Draft(text=text, citations=citations, abstained=False, mode="extractive")


@register_generator("extractive")
def _extractive(settings: Settings) -> ExtractiveGenerator:
    return ExtractiveGenerator()
