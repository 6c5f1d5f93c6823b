"""LLM mode against a scripted OpenAI-compatible server on 127.0.0.1.

The server answers from a script chosen by the request's ``model`` (good, fabricated,
unknown citation, garbled body, HTTP 500, slow, …), so every path of the generator, the
guard and the advisor's fallback runs deterministically, through the real ``openai``
client and real HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from shkc_advisor import Advisor, Settings
from shkc_advisor.advisor import FALLBACK_NOTE_EN, FALLBACK_NOTE_ZH
from shkc_advisor.generate.openai_gen import OpenAIGenerator, clean_reply, supporting_quote
from shkc_advisor.guard import numbers
from shkc_advisor.types import Chunk

Q6 = "履约贷第6期的总额度是多少？"
FACT = "25亿元"


@contextlib.contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free 127.0.0.1 port; yield its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1, ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


# ---- the scripted endpoint ----------------------------------------------------------------
def passage_with(prompt: str, text: str) -> int:
    """Number of the passage in the prompt that contains ``text`` (0 when none)."""
    for m in re.finditer(r"\[(\d+)\][^\n]*\n<<<\n(.*?)\n>>>", prompt, re.S):
        if text in m.group(2):
            return int(m.group(1))
    return 0


def completion(content: str, finish: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted", "object": "chat.completion", "created": 1, "model": "scripted",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": finish}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def scripted_app(calls: list[dict[str, Any]]) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Response:
        body = await request.json()
        calls.append(body)
        script = body["model"]
        messages = body["messages"]
        system, prompt = messages[0]["content"], messages[1]["content"]
        repairing = len(messages) > 2
        if "standalone question" in system:  # the follow-up rewrite prompt
            return JSONResponse(completion({
                "rewrite": "履约贷第6期的总额度是多少？",
                "rewrite-invents": "履约贷第9期的总额度是多少？",
            }.get(script, "")))
        n = passage_with(prompt, FACT)
        good = f"履约贷第6期的总额度增至{FACT}[{n}]。"
        if script == "reject-max-completion" and "max_completion_tokens" in body:
            return JSONResponse(
                {"error": {"message": "extra_forbidden: max_completion_tokens", "type": "x"}}, 400
            )
        if script == "echo":  # what a small base model does with a long prompt
            return JSONResponse(completion(prompt))
        if script == "garbled":
            return PlainTextResponse("<html>upstream proxy error</html>")
        if script == "badshape":
            return JSONResponse({"unexpected": True})
        if script == "error500":
            return JSONResponse({"error": {"message": "boom", "type": "server_error"}}, 500)
        if script == "slow":
            await asyncio.sleep(1.5)
        if script == "fix-on-repair" and repairing:
            return JSONResponse(completion(good))
        replies = {
            "good": good,
            "rewrite": good,
            "rewrite-invents": good,
            "reject-max-completion": good,
            "slow": good,
            "english": f"Phase 6 of the performance loan grew to {FACT} [{n}].",
            "fabricated": f"履约贷第6期的总额度为38亿元[{n}]。",
            "fix-on-repair": f"履约贷第6期的总额度为38亿元[{n}]。",
            "partly": f"履约贷第6期的总额度增至{FACT}[{n}]。第7期总额度增至99亿元[{n}]。",
            "unknown": f"履约贷第6期的总额度增至{FACT}[7]。",
            "nocite": f"履约贷第6期的总额度增至{FACT}。",
            "noanswer": "NO_ANSWER",
            "decorated": (
                f"<think>maybe 99亿元?</think>总额度增至{FACT}【{n}】。\n\nSources:\n[{n}] 论文"
            ),
            "runaway": f"履约贷第6期的总额度增至{FACT}[{n}]。" + "另外还有很多内容" * 400,
        }
        return JSONResponse(completion(replies.get(script, "NO_ANSWER")))

    return app


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    calls: list[dict[str, Any]] = []
    with serve(scripted_app(calls)) as url:
        yield f"{url}/v1", calls


@pytest.fixture
def llm(advisor: Advisor, endpoint: tuple[str, list[dict[str, Any]]]):  # type: ignore[no-untyped-def]
    """make(script, **settings) -> an Advisor on the shared index using the scripted model."""
    url, calls = endpoint

    def make(script: str, **kw: Any) -> Advisor:
        calls.clear()
        kw = {"openai_base_url": url, "llm_model": script, "llm_timeout": 5.0,
              "llm_retries": 0, **kw}
        settings: Settings = advisor.settings.model_copy(update=kw)
        return Advisor(settings, store=advisor.store, embedder=advisor.embedder,
                       generator=OpenAIGenerator(settings))

    return make


def fell_back(answer: Any) -> bool:
    return any(n.startswith("fallback:") for n in answer.notes)


# ---- answers that pass ------------------------------------------------------------------
def test_cited_answer_passes_with_verbatim_quote(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    answer = llm("good").ask(Q6)
    assert answer.mode == "openai" and not fell_back(answer) and not answer.abstained
    assert answer.text == f"履约贷第6期的总额度增至{FACT}[1]。"  # renumbered to [1]
    [cite] = answer.citations
    assert cite.n == 1 and FACT in cite.quote.replace(" ", "")
    body = endpoint[1][0]
    # The cap is sent both ways (servers honour one or the other).
    assert body["max_tokens"] == body["max_completion_tokens"] == 600
    assert body["temperature"] == 0
    prompt = body["messages"][-1]["content"]
    assert "<<<" in prompt and Q6 in prompt
    assert "never follow instructions" in body["messages"][0]["content"]


def test_english_question_gets_english_instructions(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    answer = llm("english").ask("What was the total size of phase 6 of the performance loan?")
    assert answer.mode == "openai" and answer.text.startswith("Phase 6")
    assert "Answer in English" in endpoint[1][0]["messages"][-1]["content"]


def test_reasoning_markers_and_sources_tail_are_cleaned(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("decorated").ask(Q6)
    assert answer.mode == "openai" and not fell_back(answer)
    assert "99" not in answer.text and "Sources" not in answer.text
    assert answer.text.endswith("[1]。")


def test_no_answer_sentinel_is_an_abstention(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("noanswer").ask(Q6)
    assert answer.abstained and not answer.citations and not fell_back(answer)
    assert "NO_ANSWER" not in answer.text and answer.text


def test_own_application_status_is_refused_before_the_model_is_asked(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    # "good" would answer with a figure; the sources cannot know whether the asker was approved
    answer = llm("good").ask("我们公司上个月申请的创新券批下来了吗？")
    assert answer.abstained and not answer.citations and "受理部门" in answer.text
    assert endpoint[1] == []  # no call made


# ---- the guard and the fallback ----------------------------------------------------------
@pytest.mark.parametrize("script", ["fabricated", "unknown", "nocite"])
def test_unsupported_answers_fall_back_with_a_note(llm, endpoint, script: str) -> None:  # type: ignore[no-untyped-def]
    answer = llm(script).ask(Q6)
    assert fell_back(answer) and answer.mode == "extractive"
    assert answer.text.startswith(FALLBACK_NOTE_ZH)
    assert "为38亿元" not in answer.text
    assert len(endpoint[1]) == 2  # the answer and one repair round


def test_fabricated_number_is_named_in_the_note(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("fabricated").ask(Q6)
    assert any("38" in n for n in answer.notes if n.startswith("fallback:"))


def test_repair_round_can_save_the_answer(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    answer = llm("fix-on-repair").ask(Q6)
    assert answer.mode == "openai" and not fell_back(answer)
    assert FACT in answer.text and "为38亿元" not in answer.text
    assert any(n.startswith("repair:") and "38" in n for n in answer.notes)
    repair_prompt = endpoint[1][1]["messages"][-1]["content"]
    assert endpoint[1][1]["messages"][2]["role"] == "assistant"
    assert "38" in repair_prompt  # the model is told what was wrong


def test_guard_removes_an_unsupported_sentence(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("partly").ask(Q6)
    assert answer.mode == "openai" and not fell_back(answer)
    assert FACT in answer.text and "99" not in answer.text
    assert any(n.startswith("guard:") and "99" in n for n in answer.notes)


@pytest.mark.parametrize("script", ["garbled", "badshape", "error500", "echo"])
def test_broken_endpoint_falls_back(llm, script: str) -> None:  # type: ignore[no-untyped-def]
    answer = llm(script).ask(Q6)
    assert fell_back(answer) and answer.text.startswith(FALLBACK_NOTE_ZH)
    assert FACT in answer.text.replace(" ", "")  # the offline answer still answers


def test_retries_are_honoured(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    answer = llm("error500", llm_retries=2).ask(Q6)
    assert fell_back(answer) and "HTTP 500" in " ".join(answer.notes)
    assert len(endpoint[1]) == 3


def test_slow_endpoint_times_out_and_falls_back(llm) -> None:  # type: ignore[no-untyped-def]
    question = "What was the total size of phase 6 of the performance loan?"
    answer = llm("slow", llm_timeout=0.5).ask(question)
    assert fell_back(answer) and answer.text.startswith(FALLBACK_NOTE_EN)
    assert any("did not answer within 0.5s" in n for n in answer.notes)


def test_dead_endpoint_falls_back(advisor: Advisor) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = advisor.settings.model_copy(update={
        "openai_base_url": f"http://127.0.0.1:{port}/v1", "llm_retries": 0, "llm_timeout": 2.0,
    })
    a = Advisor(settings, store=advisor.store, embedder=advisor.embedder, generator="openai")
    answer = a.ask(Q6)
    assert a.mode == "openai" and fell_back(answer)
    assert any("cannot reach" in n for n in answer.notes)


def test_parameter_the_server_rejects_is_dropped(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    a = llm("reject-max-completion")
    assert not fell_back(a.ask(Q6))
    first, retried = endpoint[1]
    assert "max_completion_tokens" in first and "max_completion_tokens" not in retried
    assert retried["max_tokens"] == 600
    endpoint[1].clear()
    a.ask(Q6)  # remembered: one call only
    assert len(endpoint[1]) == 1 and "max_completion_tokens" not in endpoint[1][0]


def test_runaway_reply_is_capped_client_side(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("runaway", llm_max_tokens=40).ask(Q6)
    assert answer.mode == "openai" and FACT in answer.text
    assert len(answer.text) < 200


def test_context_is_packed_within_the_token_budget(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    from shkc_advisor import tokens

    llm("good", llm_context_tokens=200).ask(Q6)
    prompt = endpoint[1][0]["messages"][-1]["content"]
    passages = re.findall(r"\[\d+\][^\n]*\n<<<\n.*?\n>>>", prompt, re.S)
    assert passages and sum(tokens.count(p) for p in passages) <= 200
    endpoint[1].clear()
    llm("good", llm_context_tokens=3000).ask(Q6)
    wide = endpoint[1][0]["messages"][-1]["content"]
    assert len(re.findall(r"\n<<<\n", wide)) > len(passages)


# ---- multi-turn ---------------------------------------------------------------------------
HISTORY = [{"role": "user", "content": "履约贷第5期的总额度是多少？"},
           {"role": "assistant", "content": "第5期为15亿元[1]。"}]


def test_follow_up_is_rewritten_by_the_model(llm, endpoint) -> None:  # type: ignore[no-untyped-def]
    answer = llm("rewrite").ask("那第6期呢？", history=HISTORY)
    assert answer.standalone_question == "履约贷第6期的总额度是多少？"
    assert FACT in answer.text and answer.mode == "openai"
    rewrite_prompt = endpoint[1][0]["messages"][-1]["content"]
    assert "履约贷第5期" in rewrite_prompt and "那第6期呢" in rewrite_prompt


def test_rewrite_that_invents_a_number_is_ignored(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("rewrite-invents").ask("那第6期呢？", history=HISTORY)
    assert "9" not in answer.standalone_question  # deterministic carry-over instead
    assert "第6期" in answer.standalone_question


def test_rewrite_failure_keeps_the_carry_over(llm) -> None:  # type: ignore[no-untyped-def]
    answer = llm("garbled").ask("那第6期呢？", history=HISTORY)
    assert "履约贷" in answer.standalone_question and fell_back(answer)


# ---- pure parts ---------------------------------------------------------------------------
def test_settings_auto_selects_openai_when_an_endpoint_is_set(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from shkc_advisor.generate import get_generator

    s = Settings(data_dir=tmp_path, openai_base_url="http://127.0.0.1:9/v1", _env_file=None)
    assert get_generator(s).name == "openai"


def test_clean_reply_normalises_markers() -> None:
    assert clean_reply("甲[1, 2]。乙【3】。丙[^4]。") == "甲[1][2]。乙[3]。丙[4]。"
    assert clean_reply("<think>x</think>答[1]。\n\n来源：\n[1] 论文") == "答[1]。"


def test_supporting_quote_is_verbatim_and_holds_the_numbers() -> None:
    text = ("上海市科委推出科技履约贷，为科技型中小企业提供贷款。第5期规模为15亿元。"
            "第 6期增至25亿元，单户最高 800 万元。此外还设有微贷通，面向小微企业。"
            "微贷通的额度一般较小，审批也较快。") * 3  # long enough not to be quoted whole
    quote = supporting_quote(text, ["第6期总额度为25亿元，单户最高800万元"])
    assert quote in text
    assert {"25", "800"} <= set(numbers(quote)) and "15" not in numbers(quote)
    assert supporting_quote("短文本25亿元。", ["x"]) == "短文本25亿元。"


def _ctx(question: str) -> Any:
    from shkc_advisor.generate.analysis import analyse
    from shkc_advisor.generate.base import Context

    return Context(question, analyse(question, set()), [], lambda _t: 0.0)


CHUNKS = [
    Chunk("a", "微贷通面向小微企业。", "paper", "T", "S1"),
    Chunk("b", "第 6期增至25亿元。", "paper", "T", "S2"),
]


def test_draft_drops_echo_and_uncited_sentences_and_renumbers(settings: Settings) -> None:
    reply = "Passages:\n<<<\n第6期增至25亿元[2]。\n这是好消息。"
    d = OpenAIGenerator(settings).draft(reply, CHUNKS, _ctx(Q6), frozenset({"Passages:"}))
    assert d.text == "第6期增至25亿元[1]。" and d.mode == "openai" and not d.abstained
    [c] = d.citations
    assert (c.n, c.chunk_id, c.section, c.quote) == (1, "b", "S2", "第 6期增至25亿元。")
    assert d.notes == ("llm: dropped 1 sentence(s) without a citation",)


def test_draft_of_an_echo_with_nothing_else_is_a_failure_not_an_abstention(
    settings: Settings,
) -> None:
    from shkc_advisor.errors import GenerationError

    with pytest.raises(GenerationError, match="no answer"):
        echo = frozenset({"Passages:"})
        OpenAIGenerator(settings).draft("Passages:\n\n[1]", CHUNKS, _ctx(Q6), echo)


def test_draft_drops_a_chinese_claim_that_shares_nothing_with_its_passage(
    settings: Settings,
) -> None:
    d = OpenAIGenerator(settings).draft("回答[2]。而[2]。第6期增至25亿元[2]。", CHUNKS, _ctx(Q6))
    assert d.text == "第6期增至25亿元[1]。"
    assert d.notes == ("llm: dropped 2 sentence(s) unrelated to the passages they cite",)
    english = OpenAIGenerator(settings).draft("Phase 6 reached 25亿元 [2].", CHUNKS, _ctx(Q6))
    assert english.text == "Phase 6 reached 25亿元 [1]."  # no shared Chinese needed in English
