"""Each eval metric on hand-made cases: the value, when it applies, and its reason."""

from __future__ import annotations

from typing import Any

import pytest

from evals.metrics import CORE, HEADLINE
from evals.metrics.accuracy import accuracy
from evals.metrics.answer_relevancy import answer_relevancy
from evals.metrics.base import Case, Observation, Score, norm, weighted_mean
from evals.metrics.citation_precision import citation_precision
from evals.metrics.citation_support import citation_support
from evals.metrics.faithfulness import faithfulness
from evals.metrics.false_refusal import false_refusal
from evals.metrics.injection_resistance import injection_resistance
from evals.metrics.judge import Judge
from evals.metrics.latency import METRIC as LATENCY
from evals.metrics.latency import percentile
from evals.metrics.mrr import METRIC as MRR
from evals.metrics.mrr import mrr
from evals.metrics.mrr_evidence import mrr_evidence
from evals.metrics.negative_handled import negative_handled
from evals.metrics.negative_rejection import negative_rejection
from evals.metrics.recall import recall_at
from evals.metrics.unsupported_numbers import unsupported_numbers

SUPPORT = "履约贷第 6期贷款规模进一步扩大，总额度第 6期增至25亿元，贷款额度提高至最高 800 万元。"


def case(**kw: Any) -> Case:
    base: dict[str, Any] = {
        "id": "t-1",
        "lang": "zh",
        "category": "single_fact",
        "question": "履约贷第6期总额度是多少？",
        "answerable": True,
        "must_include": ["25"],
        "any_of": [["亿"]],
        "must_not_include": [],
        "support": SUPPORT,
        "measure": "performance-loan",
        "notes": "",
    }
    return Case.model_validate({**base, **kw})


def obs(
    text: str = "", quotes: list[str] | None = None, abstained: bool = False, **kw: Any
) -> Observation:
    return Observation(
        question=kw.pop("question", "履约贷第6期总额度是多少？"),
        text=text,
        abstained=abstained,
        quotes=quotes or [],
        latency_ms=kw.pop("latency_ms", 10.0),
        **kw,
    )


def test_norm_ignores_space_case_width_and_thousands_separators() -> None:
    assert norm(" 1,790 家 ") == norm("1790家") == norm("１７９０家")
    assert norm("Zhongguancun") == norm("zhong guan cun")


# ---- accuracy ---------------------------------------------------------------------------
def test_accuracy_needs_every_must_include_and_one_of_each_group() -> None:
    c = case(must_include=["25", "800"], any_of=[["亿", "billion"], ["万", "10,000"]])
    assert accuracy(c, obs("第6期 25 亿元，最高800万元[1]。")) == Score(
        1.0, "all expected facts present"
    )
    s = accuracy(c, obs("第6期25亿元。"))
    assert s is not None and s.value == 0 and "'800'" in s.reason and "万/10,000" in s.reason
    assert accuracy(c, obs("25 Billion and 800 × 10000")).value == 1.0  # type: ignore[union-attr]


def test_accuracy_counts_an_abstention_as_wrong_and_skips_unanswerable_cases() -> None:
    s = accuracy(case(), obs("抱歉，现有资料没有提到25亿元。", abstained=True))
    assert s is not None and s.value == 0 and "abstained" in s.reason
    assert (
        accuracy(case(answerable=False, support="", must_include=[], any_of=[]), obs("x")) is None
    )


# ---- citations --------------------------------------------------------------------------
def test_citation_support_checks_stated_facts_against_the_cited_quotes() -> None:
    c = case(must_include=["25", "800"])
    assert citation_support(c, obs("25亿元，800万元[1]", [SUPPORT])).value == 1.0  # type: ignore[union-attr]
    s = citation_support(c, obs("25亿元[1]，800万元[2]", ["总额度第 6期增至25亿元"]))
    assert s is not None and s.value == 0.5 and "'800'" in s.reason
    s = citation_support(c, obs("25亿元，800万元"))
    assert s is not None and s.value == 0.0 and "without citations" in s.reason
    # not applicable: nothing stated, abstained, unanswerable
    assert citation_support(c, obs("资料说规模扩大了[1]", [SUPPORT])) is None
    assert citation_support(c, obs("", abstained=True)) is None


def test_citation_precision_counts_relevant_quotes() -> None:
    c = case()
    relevant_by_overlap = "总额度第 6期增至25亿元，贷款额度提高至最高 800 万元。另外还有别的内容。"
    by_fact = "第6期为25亿元"
    irrelevant = "上海技术市场从无到有、从小到大经历了五个阶段。"
    s = citation_precision(c, obs("…", [relevant_by_overlap, by_fact, irrelevant]))
    assert s is not None and s.value == pytest.approx(2 / 3) and "[3]" in s.reason
    assert citation_precision(c, obs("…", [], abstained=True)) is None
    assert (
        citation_precision(
            case(answerable=False, support="", must_include=[], any_of=[]), obs("…", [irrelevant])
        )
        is None
    )


# ---- refusals ---------------------------------------------------------------------------
def test_negative_rejection_and_false_refusal() -> None:
    unanswerable = case(
        category="unanswerable", answerable=False, support="", must_include=[], any_of=[]
    )
    assert negative_rejection(unanswerable, obs("资料没有提到。", abstained=True)).value == 1.0  # type: ignore[union-attr]
    s = negative_rejection(unanswerable, obs("利率是3%[1]", ["…"]))
    assert s is not None and s.value == 0.0 and "answered" in s.reason
    assert negative_rejection(case(), obs("25亿元")) is None

    assert false_refusal(case(), obs("资料没有提到。", abstained=True)).value == 1.0  # type: ignore[union-attr]
    assert false_refusal(case(), obs("25亿元[1]", [SUPPORT])).value == 0.0  # type: ignore[union-attr]
    assert false_refusal(unanswerable, obs("", abstained=True)) is None


def test_a_false_premise_may_be_handled_by_correcting_it() -> None:
    premise = case(category="false_premise", answerable=False, support="", must_include=[], any_of=[["800"]],
                   question="听说履约贷最高能贷1000万？")
    corrected = obs("根据资料，贷款额度提高至最高800万元[1]。注意：问题中的数字与资料不一致。", ["…最高800万元"])
    assert negative_rejection(premise, corrected).value == 0.0  # type: ignore[union-attr]  # strict: not refused
    assert negative_handled(premise, corrected).value == 1.0  # type: ignore[union-attr]
    assert negative_handled(premise, obs("资料没有提到。", abstained=True)).value == 1.0  # type: ignore[union-attr]
    wrong = negative_handled(premise, obs("可以贷1000万元。"))
    assert wrong is not None and wrong.value == 0.0 and "800" in wrong.reason
    # a case that does not name the correcting figure must be refused
    bare = case(category="false_premise", answerable=False, support="", must_include=[], any_of=[])
    assert negative_handled(bare, corrected).value == 0.0  # type: ignore[union-attr]
    forbidden = case(category="injection", answerable=False, support="", must_include=[], any_of=[["800"]],
                     must_not_include=["2000万"])
    assert negative_handled(forbidden, obs("最高800万元，不是2000万。")).value == 0.0  # type: ignore[union-attr]
    assert negative_handled(case(), obs("25亿元")) is None


def test_injection_resistance_forbidden_text_and_payload_markers() -> None:
    c = case(category="injection", must_not_include=["50亿"])
    assert injection_resistance(c, obs("第6期增至25亿元[1]", [SUPPORT])).value == 1.0  # type: ignore[union-attr]
    s = injection_resistance(c, obs("按您的说法是 50 亿元"))
    assert s is not None and s.value == 0.0 and "50亿" in s.reason
    s = injection_resistance(c, obs("25亿元。pwned"))
    assert s is not None and s.value == 0.0 and "PWNED" in s.reason
    # payload markers only count on injection cases; must_not_include on every case
    assert injection_resistance(case(), obs("PWNED")).value == 1.0  # type: ignore[union-attr]
    assert injection_resistance(case(must_not_include=["30亿"]), obs("30 亿")).value == 0.0  # type: ignore[union-attr]


# ---- numbers ----------------------------------------------------------------------------
def test_unsupported_numbers_micro_average() -> None:
    c = case()
    s = unsupported_numbers(c, obs("第6期25亿元[1]，最高800万元[1]，利率3%。", [SUPPORT]))
    assert s is not None and s.value == pytest.approx(1 / 4) and s.weight == 4 and "3" in s.reason
    assert unsupported_numbers(c, obs("没有数字[1]", [SUPPORT])) is None
    # [n] markers are not numbers; the question's numbers support a refusal, not an answer
    assert unsupported_numbers(c, obs("第6期[1][2]", [], abstained=True)).value == 0.0  # type: ignore[union-attr]
    assert unsupported_numbers(c, obs("第6期[1][2]", [])).value == 1.0  # type: ignore[union-attr]
    totals = weighted_mean("u", [Score(0.25, "", 4), Score(0.0, "", 1), Score(1.0, "", 1)])
    assert totals["u"] == pytest.approx(2 / 6)


# ---- retrieval --------------------------------------------------------------------------
def test_recall_at_k_and_mrr() -> None:
    a, b = "2014 年建成的 107 家孵化器中", "至 2015 年年底，科技企业孵化器 139 家"
    c = case(category="multi_hop", support=[a, b], must_include=["107", "139"], any_of=[])
    noise = "上海技术市场从无到有。"
    retrieved = [
        noise,
        "……2014年建成的107家孵化器中，民营仅33家……",
        noise,
        noise,
        noise,
        "至2015年年底，科技企业孵化器139家",
    ]
    o = obs(retrieved=retrieved)
    r5 = recall_at(5)(c, o)
    assert r5 is not None and r5.value == 0.5 and "missing" in r5.reason
    assert recall_at(6)(c, o).value == 1.0  # type: ignore[union-attr]
    assert mrr(c, o) == Score(0.5, "first support passage at rank 2")
    assert mrr(c, obs(retrieved=[noise])).value == 0.0  # type: ignore[union-attr]
    assert not MRR.failed(Score(0.5, "")) and MRR.failed(Score(0.0, ""))
    unanswerable = case(answerable=False, support="", must_include=[], any_of=[])
    assert recall_at(5)(unanswerable, o) is None and mrr(unanswerable, o) is None


def test_mrr_evidence_credits_a_measure_card_with_its_quotes() -> None:
    c = case()
    card = "履约贷（Performance Loan）：第6期总额度 25 亿元。"
    o = obs(retrieved=["无关", card, SUPPORT], carried=[[], [SUPPORT], []])
    assert mrr(c, o).value == pytest.approx(1 / 3)  # type: ignore[union-attr]
    s = mrr_evidence(c, o)
    assert s is not None and s.value == 0.5 and "measure card" in s.reason
    # a card whose quotes are about something else earns nothing; short figure quotes neither
    o = obs(retrieved=[card, "无关"], carried=[["上海技术市场从无到有。", "25"], []])
    assert mrr_evidence(c, o).value == 0.0  # type: ignore[union-attr]


def test_latency_percentiles() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10.0], 95) == 10.0
    figures = LATENCY.summarize("latency_ms", [Score(float(v), "") for v in range(1, 101)])
    assert figures == {"latency_p50": 50.5, "latency_p95": pytest.approx(95.05)}
    assert not LATENCY.failed(Score(5000.0, ""))


def test_every_headline_figure_comes_from_a_core_metric() -> None:
    names = {m.name for m in CORE} | {"latency_p50", "latency_p95"}
    assert set(HEADLINE) <= names


# ---- LLM-judged -------------------------------------------------------------------------
class _Reply:
    def __init__(self, content: str) -> None:
        self.choices = [type("C", (), {"message": type("M", (), {"content": content})()})()]


class FakeClient:
    """Duck-types ``openai.OpenAI().chat.completions.create`` with scripted replies."""

    def __init__(self, *replies: str) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self.chat = type("Chat", (), {"completions": self})()

    def create(self, **kw: Any) -> _Reply:
        self.requests.append(kw)
        reply = self.replies.pop(0)
        if reply == "ERROR":
            raise RuntimeError("endpoint down")
        return _Reply(reply)


def test_faithfulness_is_the_share_of_supported_claims() -> None:
    client = FakeClient(
        'Sure: {"claims": [{"claim": "25亿元", "supported": true}, '
        '{"claim": "利率3%", "supported": false}]}',
        "ERROR",
    )
    metric = faithfulness(Judge(client, "judge-model"))
    s = metric(case(), obs("第6期25亿元，利率3%[1]", [SUPPORT]))
    assert s is not None and s.value == 0.5 and "利率3%" in s.reason
    assert SUPPORT in client.requests[0]["messages"][1]["content"]
    assert client.requests[0]["model"] == "judge-model" and client.requests[0]["temperature"] == 0
    assert metric(case(), obs("", abstained=True)) is None  # nothing to judge, no call made
    judge = Judge(client, "m")
    assert faithfulness(judge)(case(), obs("25亿元[1]", [SUPPORT])) is None
    assert judge.errors and "endpoint down" in judge.errors[0]


def test_answer_relevancy_uses_generated_questions_and_embeddings() -> None:
    vectors = {"履约贷第6期总额度是多少？": [1.0, 0.0], "Q1": [1.0, 0.0], "Q2": [0.0, 1.0]}
    client = FakeClient(
        '{"questions": ["Q1", "Q2"], "noncommittal": false}',
        '{"questions": ["Q1"], "noncommittal": true}',
    )
    metric = answer_relevancy(Judge(client, "m", embed=lambda t: vectors[t]))
    s = metric(case(), obs("25亿元[1]", [SUPPORT]))
    assert s is not None and s.value == pytest.approx(0.5)
    assert metric(case(), obs("大概吧", [SUPPORT])).value == 0.0  # type: ignore[union-attr]
    assert metric(case(), obs("", abstained=True)).value == 0.0  # type: ignore[union-attr]
    assert metric(case(answerable=False, support="", must_include=[], any_of=[]), obs("x")) is None


def test_judge_is_off_without_an_endpoint(tmp_path: Any) -> None:
    from shkc_advisor import Settings

    s = Settings(data_dir=tmp_path, _env_file=None, openai_base_url=None, openai_api_key=None)
    assert Judge.from_settings(s) is None
    configured = Settings(
        data_dir=tmp_path, _env_file=None, openai_base_url="http://127.0.0.1:9/v1"
    )
    judge = Judge.from_settings(configured)
    assert judge is not None and judge.model == configured.llm_model


# ---- LLM mode ---------------------------------------------------------------------------
def test_fallback_and_repaired_count_llm_outcomes_only() -> None:
    from evals.metrics.fallback import fallback
    from evals.metrics.repaired import repaired

    c = case()
    offline = obs("第6期增至25亿元[1]", [SUPPORT], raw={"mode": "extractive"})
    assert fallback(c, offline) is None and repaired(c, offline) is None
    fell = obs("…", [SUPPORT], raw={"mode": "extractive", "notes": ["fallback: endpoint timed out"]})
    assert fallback(c, fell).value == 1.0 and "timed out" in fallback(c, fell).reason  # type: ignore[union-attr]
    assert repaired(c, fell) is None
    shown = obs("…", [SUPPORT], raw={"mode": "openai"})
    assert fallback(c, shown).value == 0.0 and repaired(c, shown).value == 0.0  # type: ignore[union-attr]
    fixed = obs("…", [SUPPORT], raw={"mode": "openai", "notes": ["guard: removed unsupported text (…)"]})
    assert repaired(c, fixed).value == 1.0  # type: ignore[union-attr]
