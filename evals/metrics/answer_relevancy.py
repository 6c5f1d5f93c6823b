"""Answer relevancy (RAGAS sense, LLM-judged): questions generated back from the answer
should mean what was asked — mean cosine similarity, 0 for a noncommittal answer."""

from __future__ import annotations

from .base import Case, Metric, Observation, Score
from .judge import Judge, cosine

N_QUESTIONS = 3
SYSTEM = (
    f"Write {N_QUESTIONS} different questions, in the language of the ANSWER, that the ANSWER "
    "answers. Set noncommittal to true if the answer is evasive or says it does not know. "
    'Reply with JSON only: {"questions": ["..."], "noncommittal": false}'
)


def answer_relevancy(judge: Judge) -> Metric:
    def score(case: Case, obs: Observation) -> Score | None:
        if not case.answerable or judge.embed is None:
            return None
        if obs.abstained:
            return Score(0.0, "noncommittal (abstained)")
        data = judge.ask_json(SYSTEM, f"ANSWER:\n{obs.text}")
        raw = (data or {}).get("questions", [])
        questions = [q for q in raw if isinstance(q, str) and q.strip()]
        if not data or not questions:
            return None
        if data.get("noncommittal"):
            return Score(0.0, "judge found the answer noncommittal")
        target = judge.embed(case.question)
        sims = [cosine(judge.embed(q), target) for q in questions]
        value = max(0.0, sum(sims) / len(sims))
        return Score(value, f"mean similarity of {len(sims)} generated questions {value:.2f}")

    return Metric(
        "answer_relevancy", score,
        description="LLM-judged: similarity of questions generated from the answer to the question",
    )
