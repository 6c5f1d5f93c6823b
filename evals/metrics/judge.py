"""The LLM judge behind the optional metrics: any OpenAI-compatible endpoint.

Used only when ``settings.llm_configured``; otherwise the runner skips the judged
metrics and says so in the report. Calls that fail are counted, not fatal: one flaky
response should not sink a 100-case run.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from shkc_advisor.settings import Settings

SKIPPED = (
    "LLM-judged metrics (faithfulness, answer_relevancy) skipped: no OpenAI-compatible "
    "endpoint configured (set OPENAI_BASE_URL / OPENAI_API_KEY, or SHKC_OPENAI_*)"
)
_JSON = re.compile(r"\{.*\}", re.S)


class Judge:
    """Asks a chat model for JSON; embeds text for similarity (answer relevancy)."""

    def __init__(
        self, client: Any, model: str, embed: Callable[[str], Sequence[float]] | None = None,
    ) -> None:
        self.client, self.model, self.embed = client, model, embed
        self.calls = 0
        self.errors: list[str] = []

    @classmethod
    def from_settings(
        cls, settings: Settings, embed: Callable[[str], Sequence[float]] | None = None,
    ) -> Judge | None:
        if not settings.llm_configured:
            return None
        from openai import OpenAI

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "none"
        client = OpenAI(
            base_url=settings.openai_base_url, api_key=key, timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
        )
        return cls(client, settings.llm_model, embed)

    def ask_json(self, system: str, user: str) -> dict[str, Any] | None:
        """One deterministic chat call whose reply must hold a JSON object."""
        self.calls += 1
        try:
            reply = self.client.chat.completions.create(
                model=self.model, temperature=0,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            )
            content = reply.choices[0].message.content or ""
            m = _JSON.search(content)
            data = json.loads(m.group(0)) if m else None
            if not isinstance(data, dict):
                raise ValueError(f"no JSON object in the reply: {content[:80]!r}")
            return data
        except Exception as exc:  # the endpoint's failures are many and varied
            self.errors.append(f"{type(exc).__name__}: {exc}"[:200])
            return None


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0
