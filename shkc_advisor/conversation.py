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


def standalone(question: str, history: Sequence[Message], anchors: set[str]) -> str:
    """Carry the previous topic into a follow-up that has none of its own."""
    prev = [m["content"] for m in history if m["role"] == "user"]
    if not prev:
        return question
    own = [w for w in tokenize.words(question) if w in anchors]
    if own and not _FOLLOW.search(question.strip()):
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
    if not carried and not _FOLLOW.search(question.strip()) and len(question) > 12:
        return question
    return " ".join([*carried, *topic, question]).strip()
