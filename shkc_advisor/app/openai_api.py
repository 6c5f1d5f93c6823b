"""The advisor as an OpenAI-compatible API: ``POST /v1/chat/completions`` and ``GET /v1/models``.

Any OpenAI client (or a chat front end that speaks the protocol) can use the advisor:
the last user message is the question, earlier user/assistant messages are the history,
system messages are ignored (the advisor's role is fixed). The reply text ends with a
``Sources:`` block, and the response carries the structured answer in an extra ``shkc``
field (citations, abstained, mode, notes). Streaming uses server-sent events and shows
only verified text, like the chat. Errors are OpenAI-style JSON bodies.

    from openai import OpenAI
    client = OpenAI(base_url="http://127.0.0.1:7860/v1", api_key="SHKC_API_KEY or anything")
    client.chat.completions.create(
        model="shkc-advisor", messages=[{"role": "user", "content": "履约贷最高能贷多少？"}]
    )
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import time
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.concurrency import run_in_threadpool

from .. import tokens
from ..errors import AdvisorError, IndexError_, InputError
from ..settings import Settings
from ..types import Answer

if TYPE_CHECKING:
    from ..advisor import Advisor

log = logging.getLogger(__name__)

MODEL_ID = "shkc-advisor"
CREATED = 1767225600  # 2026-01-01: a fixed "created" for the one model
_SOURCES = re.compile(r"\n+Sources:\n.*$", re.S)


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None

    @property
    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class ChatRequest(BaseModel):
    """The fields the advisor uses; sampling parameters are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[Message]
    stream: bool = False
    stream_options: StreamOptions | None = None


# ---- helpers (pure, tested directly) ------------------------------------------------------
def error_body(message: str, kind: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def error(status: int, message: str, code: str | None = None) -> JSONResponse:
    kind = {
        401: "authentication_error",
        404: "not_found_error",
        503: "service_unavailable",
    }.get(status, "invalid_request_error" if status < 500 else "server_error")
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(message, kind, code), status_code=status, headers=headers)


def split_messages(messages: list[Message]) -> tuple[str, list[dict[str, str]]]:
    """(question, history): the last message must be the user's."""
    if not messages:
        raise InputError("messages is empty; send at least one user message")
    last = messages[-1]
    if last.role != "user":
        raise InputError("the last message must be the user's question (role 'user')")
    history = [
        {"role": m.role, "content": _SOURCES.sub("", m.text)}  # our own Sources block
        for m in messages[:-1]
        if m.role in ("user", "assistant") and m.text.strip()
    ]
    return last.text, history


def sources_block(answer: Answer) -> str:
    if not answer.citations:
        return ""
    lines = [
        f"[{c.n}] {' — '.join(p for p in (c.title, c.section) if p)}: {c.quote}"
        for c in answer.citations
    ]
    return "\n\nSources:\n" + "\n".join(lines)


def shkc_extra(answer: Answer) -> dict[str, Any]:
    data = answer.to_json()
    data["notes"] = answer.notes
    data["standalone_question"] = answer.standalone_question
    return data


def usage(question: str, history: list[dict[str, str]], content: str) -> dict[str, int]:
    prompt = tokens.count(question + "".join(m["content"] for m in history))
    completion = tokens.count(content)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def completion(answer: Answer, history: list[dict[str, str]]) -> dict[str, Any]:
    content = answer.text + sources_block(answer)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": usage(answer.question, history, content),
        "shkc": shkc_extra(answer),
    }


def _sse(data: dict[str, Any]) -> str:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


def sse_events(
    first: str | Answer,
    rest: Iterator[str | Answer],
    history: list[dict[str, str]],
    include_usage: bool = False,
) -> Iterator[str]:
    """``chat.completion.chunk`` events: role, text pieces, sources, stop (+ shkc), [DONE]."""
    cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def chunk(delta: dict[str, Any], finish: Literal["stop"] | None = None) -> dict[str, Any]:
        return {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }

    yield _sse(chunk({"role": "assistant", "content": ""}))
    item = first
    try:
        while not isinstance(item, Answer):
            yield _sse(chunk({"content": item}))
            item = next(rest)
    except (AdvisorError, StopIteration) as exc:  # the pieces are of a finished answer: rare
        yield _sse(error_body(str(exc) or "the answer stream ended early", "server_error"))
        yield "data: [DONE]\n\n"
        return
    answer = item
    sources = sources_block(answer)
    if sources:
        yield _sse(chunk({"content": sources}))
    yield _sse({**chunk({}, "stop"), "shkc": shkc_extra(answer)})
    if include_usage:
        content = answer.text + sources
        yield _sse({**chunk({}), "choices": [], "usage": usage(answer.question, history, content)})
    yield "data: [DONE]\n\n"


# ---- the router ---------------------------------------------------------------------------
def create_v1_router(advisor: Advisor, settings: Settings) -> APIRouter:
    """``/v1`` routes for ``advisor``; bearer ``settings.api_key`` required when set."""
    router = APIRouter(prefix="/v1", tags=["openai"])
    secret = settings.api_key.get_secret_value() if settings.api_key else None

    def denied(request: Request) -> JSONResponse | None:
        if not secret:
            return None
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        ok = hmac.compare_digest(given.strip().encode(), secret.encode())
        if scheme.lower() == "bearer" and ok:
            return None
        return error(
            401,
            "missing or wrong API key: send 'Authorization: Bearer <SHKC_API_KEY>'",
            "invalid_api_key",
        )

    def failure(exc: Exception) -> JSONResponse:
        if isinstance(exc, InputError):
            return error(400, str(exc), "invalid_question")
        if isinstance(exc, IndexError_):
            return error(503, str(exc), "index_unavailable")
        if isinstance(exc, AdvisorError):
            return error(500, str(exc), "advisor_error")
        log.exception("unexpected error in /v1/chat/completions")
        return error(500, f"internal error ({type(exc).__name__}); see the server log")

    @router.get("/models")
    async def models(request: Request) -> Response:
        if (resp := denied(request)) is not None:
            return resp
        return JSONResponse({"object": "list", "data": [_model()]})

    @router.get("/models/{model}")
    async def model(model: str, request: Request) -> Response:
        if (resp := denied(request)) is not None:
            return resp
        if model != MODEL_ID:
            message = f"model {model!r} does not exist; use {MODEL_ID!r}"
            return error(404, message, "model_not_found")
        return JSONResponse(_model())

    @router.post("/chat/completions")
    async def chat_completions(request: Request) -> Response:
        if (resp := denied(request)) is not None:
            return resp
        try:
            req = ChatRequest.model_validate(await request.json())
        except json.JSONDecodeError:
            return error(400, "the request body is not valid JSON")
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"])
            return error(400, f"invalid request: {where}: {problem['msg']}")
        try:
            question, history = split_messages(req.messages)
            if not req.stream:
                answer = await run_in_threadpool(advisor.ask, question, history)
                return JSONResponse(completion(answer, history))
            # The first piece is computed before the response starts, so errors are
            # still proper HTTP errors rather than events inside a 200 stream.
            pieces = advisor.stream(question, history)
            first = await run_in_threadpool(next, pieces)
        except Exception as exc:
            return failure(exc)
        include = bool(req.stream_options and req.stream_options.include_usage)
        return StreamingResponse(
            sse_events(first, pieces, history, include),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return router


def _model() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "shkc-advisor"}


__all__ = ["MODEL_ID", "create_v1_router"]
