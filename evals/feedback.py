"""Turn exported user feedback into draft eval cases, for a person to review.

    shkc-advisor eval-feedback feedback.jsonl --out drafts.jsonl

Input rows (what the chat's feedback export writes): ``{id, ts, question, answer,
citations, rating (+1/-1), comment, mode}``. Each new question becomes a draft in the
dataset schema. What only a reviewer can know stays open: ``answerable`` is ``null``
unless the user's rating settles it, and ``notes`` begins with "needs review" — the
dataset test rejects both, so an unreviewed draft cannot slip into dev.jsonl.

Guesses made:
  * thumbs-down on a refusal: maybe a false refusal — answerable unknown;
  * thumbs-down on an answer: maybe a wrong fact — answerable unknown, the answer's
    numbers listed in the notes as must_not_include candidates;
  * thumbs-up on a refusal: an unanswerable (or off-topic) question, answerable false;
  * thumbs-up on an answer: answerable, support = the cited quotes, must_include = the
    numbers the answer and its quotes share;
  * category from the question: injection wording, multi-hop wording, English
    (the paper is Chinese, so English questions are cross-lingual), else single fact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from shkc_advisor.guard import numbers
from shkc_advisor.ingest.clean import squash

REVIEW = "needs review"
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_INJECTION = re.compile(
    r"ignore (?:all |the |previous |your )|system prompt|you are now|pretend|jailbreak|"
    r"PWNED|HACKED|忽略|系统提示|你现在是|不需要引用|扮演|越狱",
    re.I,
)
_MULTI_HOP = re.compile(
    r"分别|加起来|一共|总共|相比|比较|增加了多少|涨了多少|减少了多少|相差|之间|哪个.{0,8}先|"
    r"\bbetween\b|\bdifference\b|\bcompared?\b|\bgrow|\bincrease|\bin total\b|\bcombined\b|"
    r"\bboth\b",
    re.I,
)
_REFUSAL = re.compile(
    r"资料没有提到|没有提到|不能改变这一角色|sources don't say|can't change that role", re.I
)


def guess_lang(text: str) -> str:
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    return "zh" if cjk * 4 >= latin else "en"


def guess_category(question: str, lang: str) -> str:
    if _INJECTION.search(question):
        return "injection"
    if _MULTI_HOP.search(question):
        return "multi_hop"
    return "cross_lingual" if lang == "en" else "single_fact"


def _quotes(citations: object) -> list[str]:
    out: list[str] = []
    for c in citations if isinstance(citations, list) else []:
        quote = c.get("quote") if isinstance(c, dict) else c
        if isinstance(quote, str) and quote.strip():
            out.append(quote.strip())
    return out


def is_refusal(row: dict[str, Any]) -> bool:
    if row.get("abstained") is not None:
        return bool(row["abstained"])
    return not _quotes(row.get("citations")) or bool(_REFUSAL.search(str(row.get("answer", ""))))


def draft_case(row: dict[str, Any], fallback_id: str) -> dict[str, Any]:
    """One feedback row as a draft case in the dataset schema."""
    question = str(row["question"]).strip()
    answer = str(row.get("answer") or "")
    quotes = _quotes(row.get("citations"))
    rating = _rating(row.get("rating"))
    comment = str(row.get("comment") or "").strip()
    lang = guess_lang(question)
    category = guess_category(question, lang)
    refused = is_refusal(row)
    answerable: bool | None = None
    support: list[str] = []
    must_include: list[str] = []
    if rating is not None and rating > 0:
        if refused:
            answerable = False
            if category not in ("injection",):
                category = "unanswerable"
            todo = ("the user accepted a refusal: confirm the paper does not answer it "
                    "(or mark it off_topic)")
        else:
            answerable = True
            support = quotes
            quoted = {n for q in quotes for n in numbers(q)}
            shared = [n for n in dict.fromkeys(numbers(answer)) if n in quoted]
            must_include = shared[:3]
            todo = ("the user liked the answer: keep only support that is verbatim paper text "
                    "(measure-card quotes are not), check must_include")
    elif refused:
        todo = ("the advisor refused and the user disagreed (a false refusal?): if the paper "
                "answers it, set "
                "answerable true, add support + must_include; else answerable false")
    else:
        stated = list(dict.fromkeys(numbers(answer)))
        todo = ("the user rated the answer down: check it against the paper; put the right fact in "
                "must_include and a wrong claim in must_not_include"
                + (f" (numbers stated: {', '.join(stated)})" if stated else "")
                + "; if the paper does not say, answerable false (unanswerable/false_premise)")
    rating_txt = f"{rating:+d}" if rating is not None else "unrated"
    notes = f"{REVIEW}: from feedback {row.get('id', fallback_id)} ({rating_txt}"
    notes += f", {row['ts']}" if row.get("ts") else ""
    notes += f", mode {row['mode']}" if row.get("mode") else ""
    notes += f"): {todo}."
    if comment:
        notes += f" User comment: “{comment}”."
    if answer:
        notes += f" Answer was: “{' '.join(answer.split())[:200]}”."
    return {
        "id": _draft_id(row.get("id"), fallback_id),
        "lang": lang,
        "category": category,
        "question": question,
        "answerable": answerable,
        "must_include": must_include,
        "any_of": [],
        "must_not_include": [],
        "support": support if len(support) != 1 else support[0],
        "measure": None,
        "notes": notes,
    }


def _rating(raw: object) -> int | None:
    try:
        value = int(float(str(raw)))
    except ValueError:
        return None
    return value if value else None


def _draft_id(raw: object, fallback: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(raw or "")).strip("-")[:24]
    return f"fb-{slug}" if slug else fallback


def drafts_from_feedback(
    rows: Iterable[dict[str, Any]], known_questions: Iterable[str] = (),
) -> tuple[list[dict[str, Any]], int]:
    """Draft cases, thumbs-down first; returns (drafts, rows skipped as duplicates/empty)."""
    seen = {squash(q).casefold() for q in known_questions}
    drafts: list[dict[str, Any]] = []
    skipped = 0
    for i, row in enumerate(rows, 1):
        q = row.get("question")
        key = squash(q).casefold() if isinstance(q, str) else ""
        if not key or key in seen:
            skipped += 1
            continue
        seen.add(key)
        drafts.append(draft_case(row, f"fb-{i:03d}"))
    drafts.sort(key=lambda d: (d["answerable"] is not None, d["answerable"] is False))
    return drafts, skipped


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def feedback_to_drafts(
    feedback: Path | str, out: Path | str, datasets: Sequence[Path | str] = (),
) -> tuple[int, int]:
    """Write draft cases for ``feedback`` to ``out``; questions already in ``datasets``
    are skipped. Returns (drafts written, rows skipped)."""
    known = [str(r.get("question", ""))
             for d in datasets if Path(d).exists() for r in read_jsonl(d)]
    drafts, skipped = drafts_from_feedback(read_jsonl(feedback), known)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for d in drafts:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return len(drafts), skipped
