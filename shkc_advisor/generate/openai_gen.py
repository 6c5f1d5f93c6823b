"""The LLM generator: any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM,
Ollama, llama.cpp server) through the official ``openai`` client.

The model sees numbered, fenced passages packed within ``llm_context_tokens`` and must cite
[n] for every claim or answer ``NO_ANSWER``. Its reply becomes a ``Draft`` whose citations
quote the passage sentences that support each claim (verbatim). The guard decides what is
shown; here the draft is checked once too, so a failing reply gets one repair round before
the advisor falls back to the offline answer. Every endpoint failure (dead, slow, HTTP
error, garbled body, empty reply) is raised as ``GenerationError``.

Importing this module touches no network and does not import ``openai``; the client is
built on first use.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .. import guard, tokens
from ..errors import GenerationError
from ..ingest.chunk import split_sentences
from ..ingest.clean import squash
from ..settings import Settings
from ..types import Chunk, Citation, Draft
from . import prompts
from .asking import is_english
from .base import Context, card_topics, refusal, register_generator, role_reply

if TYPE_CHECKING:
    from openai import OpenAI

log = logging.getLogger(__name__)

OPENAI_URL = "https://api.openai.com/v1"
LOCAL_KEY = "not-needed"  # local servers take any key; the client insists on one
QUOTE_WHOLE = 160  # chunks this short are quoted whole
REWRITE_TOKENS = 160
MIN_CLAIM_CHARS = 4  # word characters a cited sentence needs to count as a claim

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_SOURCES_TAIL = re.compile(
    r"\n\s*(?:#+\s*)?(?:\*\*)?(?:sources?|references?|citations?|来源|参考资料|参考来源|出处|引用)"
    r"(?:\*\*)?\s*[:：].*$",
    re.S | re.I,
)
_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]"})
_GROUP = re.compile(r"\[\^?\s*(\d{1,3}(?:\s*[,，、;]\s*\d{1,3})*)\s*\]")
_MARK = re.compile(r"\[(\d{1,3})\]")
_CLAIM = re.compile(r".*?(?:[。！？!?；;]+(?:\s*\[\d+\])*|\.(?:\s*\[\d+\])*(?=\s|$)|\n|$)", re.S)
_WORD = re.compile(r"\w")
_CJK_PAIR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2}")
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$)|\]")
_BIGRAM_SPLIT = re.compile(r"\s+")
# Parameters some servers reject; dropped (and remembered) when a 400 names them.
_OPTIONAL = ("max_tokens", "max_completion_tokens", "temperature")


class OpenAIGenerator:
    """Grounded answers from an OpenAI-compatible endpoint.

    ``client`` may be injected (tests, custom transports); otherwise it is built from
    ``settings`` on first use, with ``llm_timeout`` and ``llm_retries``.
    """

    name = "openai"

    def __init__(
        self, settings: Settings, client: OpenAI | None = None, repair_rounds: int = 1
    ) -> None:
        self.settings = settings
        self._client = client
        self.repair_rounds = repair_rounds
        self._dropped: set[str] = set()
        if self._is_openai():
            # OpenAI rejects max_tokens next to max_completion_tokens; others may ignore the latter.
            self._dropped.add("max_tokens")
        self._lock = threading.Lock()

    # ---- endpoint --------------------------------------------------------------------
    def _is_openai(self) -> bool:
        url = self.settings.openai_base_url
        return url is None or "api.openai.com" in url

    @property
    def base_url(self) -> str:
        return self.settings.openai_base_url or OPENAI_URL

    @property
    def client(self) -> OpenAI:
        with self._lock:
            if self._client is None:
                from openai import OpenAI

                key = self.settings.openai_api_key
                # Everything passed explicitly: the client must not read OPENAI_* itself.
                self._client = OpenAI(
                    base_url=self.base_url,
                    api_key=key.get_secret_value() if key else LOCAL_KEY,
                    timeout=self.settings.llm_timeout,
                    max_retries=self.settings.llm_retries,
                )
            return self._client

    def chat(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> str:
        """One completion's text, capped at ``max_tokens`` even if the server ignores it."""
        cap = max_tokens or self.settings.llm_max_tokens
        import openai

        for _attempt in range(len(_OPTIONAL) + 1):
            params: dict[str, Any] = {
                "max_tokens": cap, "max_completion_tokens": cap, "temperature": 0,
            }
            for p in self._dropped:
                params.pop(p, None)
            try:
                resp = self.client.chat.completions.create(
                    model=self.settings.llm_model,
                    messages=messages,  # type: ignore[arg-type]
                    **params,
                )
            except openai.BadRequestError as exc:
                drop = _rejected_param(str(exc), params)
                if drop is None:
                    raise GenerationError(
                        f"the LLM endpoint refused the request: {_short(exc)}"
                    ) from exc
                log.info("endpoint rejects %s; retrying without it", drop)
                self._dropped.add(drop)
                continue
            except openai.APITimeoutError as exc:
                raise GenerationError(
                    f"the LLM endpoint did not answer within {self.settings.llm_timeout:g}s "
                    "(SHKC_LLM_TIMEOUT)"
                ) from exc
            except openai.APIConnectionError as exc:
                raise GenerationError(
                    f"cannot reach the LLM endpoint at {self.base_url}; check OPENAI_BASE_URL"
                ) from exc
            except openai.APIStatusError as exc:
                raise GenerationError(
                    f"the LLM endpoint answered HTTP {exc.status_code}: {_short(exc)}"
                ) from exc
            except Exception as exc:  # garbled bodies surface as many exception types
                raise GenerationError(
                    f"the LLM endpoint returned unusable output ({type(exc).__name__})"
                ) from exc
            return _reply_text(resp, cap)
        raise GenerationError("the LLM endpoint rejects every request; check SHKC_LLM_MODEL")

    # ---- answering -------------------------------------------------------------------
    def generate(self, ctx: Context) -> Draft:
        q = ctx.query
        question = q.text.strip()  # injection sentences already removed by analyse()
        if q.injection and not question:
            return role_reply(q)
        if not ctx.hits:
            return replace(refusal(q, []), mode=self.name)
        budget = self.settings.llm_context_tokens
        packed = prompts.pack([h.chunk for h in ctx.hits], budget)
        if not packed.chunks:
            return replace(refusal(q, card_topics(ctx)), mode=self.name)
        messages = prompts.answer_messages(question, q.lang, packed)
        reply = self.chat(messages)
        echo = frozenset(ln.strip() for m in messages for ln in m["content"].splitlines())
        draft = self.draft(reply, packed.chunks, ctx, echo)
        retrieved = {h.chunk.id: h.chunk for h in ctx.hits}
        checked = guard.check(draft, retrieved, ctx.question)
        if not checked.ok and not draft.abstained and self.repair_rounds > 0:
            # One more try with the guard's findings; the advisor falls back if it fails too.
            again = self.chat(prompts.repair_messages(messages, reply, checked.problems))
            second = self.draft(again, packed.chunks, ctx, echo)
            if second.abstained or not guard.check(second, retrieved, ctx.question).ok:
                return draft  # a model that needed repair is not trusted to abstain either
            note = f"repair: the model rewrote its answer ({'; '.join(checked.problems)[:200]})"
            return replace(second, notes=(*second.notes, note))
        if checked.repaired:
            note = f"guard: removed unsupported text ({'; '.join(checked.problems)[:200]})"
            draft = replace(draft, notes=(*draft.notes, note))
        return draft

    def draft(
        self, reply: str, chunks: Sequence[Chunk], ctx: Context, echo: frozenset[str] = frozenset()
    ) -> Draft:
        """The model's reply as a Draft: prompt lines it echoed and sentences without a
        citation dropped, markers renumbered 1..m, quotes verbatim."""
        text = clean_reply(reply, echo)
        marks = _MARK.findall(text)
        sentinel = prompts.NO_ANSWER in text.upper().replace(" ", "_")
        if (sentinel and not marks) or text.upper().startswith(prompts.NO_ANSWER):
            return replace(refusal(ctx.query, card_topics(ctx)), mode=self.name)
        text = re.sub(r"\s*NO[_ ]ANSWER\s*", "", text, flags=re.I).strip()
        if not text:  # not an abstention: the model failed to answer at all
            raise GenerationError("the model's reply holds no answer (it repeated the prompt)")
        # Renumber the passages used to 1..m in order of first use. Markers beyond the
        # passages given stay as they are (all > m), so the guard reports them.
        order: dict[int, int] = {}
        for m in marks:
            n = int(m)
            if 1 <= n <= len(chunks) and n not in order:
                order[n] = len(order) + 1
        text = _MARK.sub(
            lambda m: f"[{order[int(m.group(1))]}]" if int(m.group(1)) in order else m.group(0),
            text,
        )
        sentences: list[str] = []
        for piece in _CLAIM.findall(text):
            if _WORD.search(_MARK.sub("", piece)):
                sentences.append(piece)
            elif sentences:  # line breaks, a lone "[1]": they belong to the sentence before
                sentences[-1] += piece
        if not sentences:
            raise GenerationError("the model's reply holds no answer (only citation markers)")
        notes: list[str] = []
        cited = [s for s in sentences if _MARK.search(s)]
        if cited and len(cited) < len(sentences):  # rule 3: every claim carries its [n]
            notes.append(f"llm: dropped {len(sentences) - len(cited)} sentence(s) without a citation")
        passage_of = {new: old for old, new in order.items()}
        related = [s for s in cited if _related(s, chunks, passage_of)]
        if len(related) < len(cited):
            notes.append(f"llm: dropped {len(cited) - len(related)} sentence(s) unrelated to "
                         "the passages they cite")
        # With no citation at all the text is left whole: the guard rejects it (repair round).
        text = "".join(related if cited else sentences).strip()
        claims: dict[int, list[str]] = {}
        for sentence in _CLAIM.findall(text):
            for m in set(_MARK.findall(sentence)):
                claims.setdefault(int(m), []).append(_MARK.sub("", sentence))
        citations = []
        for passage_n, n in order.items():
            c = chunks[passage_n - 1]
            quote = supporting_quote(c.text, claims.get(n, []))
            citations.append(Citation(n, c.doc_id, c.title, c.section, quote, c.id))
        return Draft(text, citations, abstained=False, mode=self.name, notes=tuple(notes))

    # ---- multi-turn --------------------------------------------------------------------
    def rewrite(self, question: str, history: Sequence[dict[str, str]]) -> str:
        """The follow-up as a standalone question. Raises ``GenerationError`` when the
        model's rewrite is unusable (the advisor then keeps the deterministic carry-over)."""
        if not any(m.get("role") == "user" for m in history):
            return question
        budget = min(self.settings.llm_context_tokens, 1000)
        reply = self.chat(prompts.rewrite_messages(question, history, budget), REWRITE_TOKENS)
        lines = [ln.strip() for ln in clean_reply(reply).splitlines() if ln.strip()]
        first = lines[0] if lines else ""
        text = re.sub(r"^(standalone question|question|问题)\s*[:：]\s*", "", first, flags=re.I)
        text = text.strip().strip("\"'“”「」")
        if not text or prompts.NO_ANSWER in text or len(text) > self.settings.max_question_chars:
            raise GenerationError("the model gave no usable standalone question")
        if is_english(text) != is_english(question):
            raise GenerationError("the model's rewrite changed the question's language")
        # A figure the conversation never mentioned would be allowed by the guard (it
        # trusts the question's numbers), so the rewrite may not invent one.
        seen = set(guard.numbers(question + " " + " ".join(m["content"] for m in history)))
        invented = [n for n in guard.numbers(text) if n not in seen]
        if invented:
            raise GenerationError(f"the model's rewrite added numbers {invented}")
        return text


@register_generator("openai")
def _factory(settings: Settings) -> OpenAIGenerator:
    return OpenAIGenerator(settings)


# ---- reply handling ----------------------------------------------------------------------
def clean_reply(reply: str, echo: frozenset[str] = frozenset()) -> str:
    """Drop reasoning blocks, a trailing sources list, fence lines and lines that repeat
    the prompt (``echo``); normalise citation markers to [n]."""
    text = _THINK.sub("", reply).strip()
    text = _SOURCES_TAIL.sub("", text).strip()
    text = text.translate(_BRACKETS)
    text = unicodedata.normalize("NFKC", text) if "［" in text else text
    # [1, 2] / [1、2] / [^1] -> [1][2]
    text = _GROUP.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1))), text)
    skip = echo | {prompts.FENCE, prompts.FENCE_END}
    return "\n".join(ln for ln in text.splitlines() if ln.strip() not in skip).strip()


def supporting_quote(text: str, claims: Sequence[str]) -> str:
    """The span of ``text`` (verbatim) that supports ``claims``: the best-matching sentence
    for each claim plus every sentence holding one of the claim's numbers."""
    if len(text) <= QUOTE_WHOLE or not claims:
        return text.strip()
    sentences = split_sentences(text)
    nums = [set(guard.numbers(s)) for s in sentences]
    grams = [_bigrams(s) for s in sentences]
    picked: set[int] = set()
    for claim in claims:
        claim_nums = set(guard.numbers(claim))
        claim_grams = _bigrams(claim)
        scores = [
            3 * len(claim_nums & nums[i]) + len(claim_grams & grams[i]) / (len(claim_grams) or 1)
            for i in range(len(sentences))
        ]
        if max(scores) <= 0:
            return text.strip()  # nothing to go by (e.g. an English claim): quote it all
        best = scores.index(max(scores))
        picked.add(best)
        missing = claim_nums - nums[best]
        for i in sorted(range(len(sentences)), key=lambda i: -scores[i]):
            if missing & nums[i]:  # the best sentence holding a figure not yet quoted
                picked.add(i)
                missing -= nums[i]
    lo, hi = min(picked), max(picked)
    return "".join(sentences[lo : hi + 1]).strip()


def _related(sentence: str, chunks: Sequence[Chunk], passage_of: dict[int, int]) -> bool:
    """A claim has a few word characters, and a Chinese one shares at least one
    two-character run with the passages it cites.

    Claims without Chinese (an English answer) are left to the guard's number check, and
    so are markers that point to no passage (the guard reports those).
    """
    content = _MARK.sub("", sentence)
    if len(_WORD.findall(content)) < MIN_CLAIM_CHARS:  # "而[1]", "回答.[1]": not a claim
        return False
    own = {g for g in _bigrams(content) if _CJK_PAIR.fullmatch(g)}
    cited = "".join(
        squash(chunks[passage_of[int(m)] - 1].text)
        for m in _MARK.findall(sentence) if int(m) in passage_of
    )
    return not own or not cited or any(g in cited for g in own)


def _bigrams(text: str) -> set[str]:
    s = _BIGRAM_SPLIT.sub("", unicodedata.normalize("NFKC", text).lower())
    return {s[i : i + 2] for i in range(len(s) - 1)}


def _reply_text(resp: object, cap: int) -> str:
    choices = getattr(resp, "choices", None)
    if not choices:
        raise GenerationError("the LLM endpoint returned no choices (garbled response)")
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not _THINK.sub("", content).strip():
        raise GenerationError("the LLM endpoint returned an empty answer")
    cut = getattr(choices[0], "finish_reason", None) == "length"
    if tokens.count(content) > cap:  # the server ignored the cap: enforce it here
        content, cut = tokens.truncate(content, cap), True
    if cut:
        # Drop the unfinished last sentence; a cut-off figure must not reach the user.
        ends = [m.end() for m in _SENTENCE_END.finditer(content)]
        if ends:
            content = content[: ends[-1]]
    return content


def _rejected_param(message: str, params: dict[str, Any]) -> str | None:
    low = message.lower()
    if "max_completion_tokens" in low and "max_tokens" in low.replace("max_completion_tokens", ""):
        return "max_tokens" if "max_tokens" in params else None
    for p in ("max_completion_tokens", "max_tokens", "temperature"):
        if p in low and p in params:
            return p
    return None


def _short(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc))[:200]


