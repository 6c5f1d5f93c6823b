"""Follow-up questions → standalone questions (offline, deterministic carry-over).

"那第6期呢？" after "履约贷第5期总额度是多少？" becomes "履约贷 总额度 那第6期呢？": the
previous question's policy names and topic words are carried over when the follow-up
names no policy of its own. LLM mode may rewrite with the model instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .index import tokenize

Message = dict[str, str]
_FOLLOW = re.compile(
    r"^(那|那么|还有|另外|以及|并且|而|它|其|这个|该|此|同样|呢)|呢[？?]?$|^(and|what about|how about|also|and for|"
    r"same for|then|for)\b|\b(it|its|that|this|they|them|those)\b",
    re.I,
)


def normalise_history(history: Sequence[Any] | None) -> list[Message]:
    """Accept OpenAI/Gradio messages ({role, content}) or (user, assistant) pairs."""
    out: list[Message] = []
    for item in history or []:
        if isinstance(item, dict):
            content = item.get("content")
            if isinstance(content, list):  # Gradio multimodal content parts
                content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
            if isinstance(content, str) and item.get("role") in ("user", "assistant"):
                out.append({"role": str(item["role"]), "content": content})
        elif isinstance(item, list | tuple) and len(item) == 2:
            user, bot = item
            if user:
                out.append({"role": "user", "content": str(user)})
            if bot:
                out.append({"role": "assistant", "content": str(bot)})
    return out


def _is_short(question: str) -> bool:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", question))
    latin = len(re.findall(r"[A-Za-z]+", question))
    return cjk <= 8 and latin <= 4


def standalone(question: str, history: Sequence[Message], anchors: set[str]) -> str:
    """Carry the previous topic into a follow-up that has none of its own.

    A follow-up is short or starts like one ("那…呢", "and for…"); a full question that
    names no policy is left alone.
    """
    prev = [m["content"] for m in history if m["role"] == "user"]
    if not prev:
        return question
    own = [w for w in tokenize.words(question) if w in anchors]
    follow = bool(_FOLLOW.search(question.strip()))
    if (own and not follow) or not (follow or _is_short(question)):
        return question
    if own:
        return question
    last = prev[-1]
    words = tokenize.words(last)
    carried = [w for w in words if w in anchors]
    if not carried:
        # English history: keep its content words; the glossary maps them later.
        carried = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]+", last) if len(w) > 3][:6]
    topic = [w for w in words if w not in carried and not re.search(r"\d", w) and len(w) >= 2][:3]
    return " ".join([*carried, *topic, question]).strip()
