"""Faithfulness (RAGAS sense, LLM-judged): share of the answer's claims that the cited
passages support."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score
from .judge import Judge

SYSTEM = (
    "You check answers against source passages. Split the ANSWER into short atomic factual "
    "claims (ignore citation markers like [1] and polite filler). For each claim decide "
    "whether the PASSAGES alone support it. Reply with JSON only: "
    '{"claims": [{"claim": "...", "supported": true}]}'
)


def faithfulness(judge: Judge) -> Metric:
    def score(case: Case, obs: Observation) -> Score | None:
        if obs.abstained or not obs.quotes or not obs.text.strip():
            return None
        passages = "\n".join(f"[{i}] {q}" for i, q in enumerate(obs.quotes, 1))
        data = judge.ask_json(SYSTEM, f"PASSAGES:\n{passages}\n\nANSWER:\n{obs.text}")
        claims = data.get("claims") if data else None
        if not isinstance(claims, list) or not claims:
            return None
        bad = [str(c.get("claim", ""))[:60]
               for c in claims if isinstance(c, dict) and not c.get("supported")]
        reason = f"{len(claims) - len(bad)}/{len(claims)} claims supported"
        if bad:
            reason += f"; unsupported: “{bad[0]}”"
        return Score((len(claims) - len(bad)) / len(claims), reason)

    return Metric(
        "faithfulness", score,
        description="LLM-judged share of the answer's claims supported by its cited passages",
    )
