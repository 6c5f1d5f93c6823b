"""The Gradio Blocks page: Chat · Measures · Retrieval test · (Admin).

Handlers are small closures over one shared ``Advisor``; formatting lives in ``render``,
matching in ``matcher``, file work in ``admin``. No UI event is a public API endpoint: the
only one is ``ask``, and only when MCP is on. Admin handlers check the session's login
state on the server, so calling them directly gets nowhere.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.events import api as gr_api

from ..advisor import Advisor
from ..errors import AdvisorError, IndexMissingError
from ..feedback import FeedbackStore
from ..settings import Settings
from ..types import Answer, ScoredChunk
from . import admin, render
from .matcher import filter_cards, match_measures

log = logging.getLogger("shkc_advisor.app")

EXAMPLES = [
    "履约贷第6期的总额度是多少？",
    "2015年底上海有多少家科技企业孵化器？",
    "How many enterprises received innovation vouchers?",
    "What is the maximum Performance Loan amount?",
]
STREAM_DELAY_S = 0.03  # between released pieces, so the verified answer visibly streams
ALL = "All · 全部"
PRIVATE = "private"
# Two renders running at once in one session corrupt Gradio's config (gradio#9991): serialise.
RENDER: dict[str, Any] = {"concurrency_limit": 1, "concurrency_id": "render"}
CHAT_CONCURRENCY = 4  # answers computed at once; more requests wait in the queue
_PROGRESS = gr.Progress()  # Gradio swaps in a per-event tracker for this default

CSS = """
.shkc-card { border: 1px solid var(--border-color-primary); border-radius: 8px;
             padding: 10px 14px; }
.shkc-card h3 { margin: 0 0 4px 0; }
.shkc-meta, .shkc-sec { color: var(--body-text-color-subdued); font-size: 0.85em; }
.shkc-quote { border-left: 3px solid var(--color-accent); margin: 6px 0; padding: 4px 10px;
              white-space: pre-wrap; }
.shkc-why { margin: 6px 0 2px 0; }
#shkc-mode p { color: var(--body-text-color-subdued); font-size: var(--text-sm); margin: 0; }
"""

SYSTEM_FONTS = [
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Roboto",
    "Noto Sans CJK SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "sans-serif",
]
MONO_FONTS = [
    "ui-monospace",
    "SFMono-Regular",
    "Menlo",
    "Consolas",
    "WenQuanYi Micro Hei Mono",
    "monospace",
]


def theme() -> gr.themes.Base:
    """System fonts only: no Google Fonts request, CJK from whatever the OS has."""
    return gr.themes.Default(font=SYSTEM_FONTS, font_mono=MONO_FONTS)


class Handlers:
    """The app's behaviour, testable without a browser."""

    def __init__(self, advisor: Advisor, settings: Settings) -> None:
        self.advisor = advisor
        self.settings = settings
        self.feedback = FeedbackStore.from_settings(settings)

    # ---- chat ------------------------------------------------------------------------
    def respond(
        self,
        question: str,
        chat: list[dict[str, Any]] | None,
        turns: list[dict[str, str]] | None,
        records: dict[int, dict[str, Any]] | None,
    ) -> Iterator[
        tuple[str, list[dict[str, Any]], list[dict[str, str]], dict[int, dict[str, Any]], str]
    ]:
        """Yield (textbox, chat, turns, records, mode line) as the answer streams in."""
        chat = list(chat or [])
        turns = list(turns or [])
        records = dict(records or {})
        q = (question or "").strip()
        if not q:
            yield "", chat, turns, records, gr.skip()
            return
        chat.append({"role": "user", "content": render.escape_md(q)})
        chat.append({"role": "assistant", "content": "*正在查阅资料… Reading the sources…*"})
        yield "", chat, turns, records, gr.skip()
        answer: Answer | None = None
        text = ""
        try:
            for piece in self.advisor.stream(q, history=turns):
                if isinstance(piece, Answer):
                    answer = piece
                    break
                text += piece
                chat[-1] = {"role": "assistant", "content": render.escape_md(text)}
                yield "", chat, turns, records, gr.skip()
                time.sleep(STREAM_DELAY_S)
        except IndexMissingError:
            chat[-1] = render.error_message(render.no_index_text(q), markdown=True)
        except AdvisorError as exc:  # e.g. InputError: the message says what to do
            chat[-1] = render.error_message(str(exc))
        except Exception:  # a founder sees a sentence, the log gets the traceback
            log.exception("answering %r failed", q)
            chat[-1] = render.error_message(
                "Something went wrong while answering; please try again. 回答时出错，请重试。"
            )
        if answer is None:
            yield "", chat, turns, records, gr.skip()
            return
        nearby = self._nearby(answer) if not answer.citations else []
        chat[-1] = {"role": "assistant", "content": render.answer_markdown(answer)}
        chat.append(render.sources_message(answer, nearby))
        record = {
            "question": q,
            "answer": answer.text,
            "mode": answer.mode,
            "citations": [c.to_json() for c in answer.citations],
            "feedback_id": None,
        }
        records[len(chat) - 2] = records[len(chat) - 1] = record
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": answer.text}]
        yield "", chat, turns, records, self.mode_line(answer)

    def _nearby(self, answer: Answer) -> list[ScoredChunk]:
        try:
            return self.advisor.search(answer.standalone_question or answer.question, k=6)
        except AdvisorError:
            return []

    def mode_line(self, answer: Answer | None = None) -> str:
        if answer is None:
            mode = "LLM" if self.advisor.mode == "openai" else "offline"
            return f"Mode · 模式: {mode}"
        seconds = answer.latency_ms / 1000
        line = f"Answered · 回答方式: {render.mode_label(answer.mode)} · {seconds:.1f} s"
        if any(n.startswith("fallback") for n in answer.notes):
            line += " · LLM unavailable, offline fallback"
        return line

    def new_conversation(self) -> tuple[list[Any], list[Any], dict[int, Any], str, Any, str]:
        return [], [], {}, "", gr.update(visible=False, value=""), self.mode_line()

    # ---- feedback --------------------------------------------------------------------
    def rate(
        self, index: int, liked: bool | str | None, records: dict[int, dict[str, Any]]
    ) -> tuple[int | None, str]:
        """Store (or change) the rating of the answer at chat ``index``; returns (id, message)."""
        record = (records or {}).get(index)
        if record is None:
            return None, "Only answers can be rated. 只能对回答评分。"
        if liked in (None, ""):  # Gradio sends "" when a selected thumb is clicked again
            if record.get("feedback_id"):
                self.feedback.delete(record["feedback_id"])
                record["feedback_id"] = None
            return None, "Rating withdrawn. 已撤回评分。"
        rating = 1 if liked is True or liked == "Like" else -1
        if record.get("feedback_id"):
            self.feedback.update(record["feedback_id"], rating=rating)
        else:
            record["feedback_id"] = self.feedback.add(
                record["question"],
                record["answer"],
                record["citations"],
                rating,
                mode=record["mode"],
            )
        thanks = (
            "Thanks — noted as helpful. 感谢反馈！"
            if rating > 0
            else "Thanks — noted as not helpful; a comment helps us fix it. 欢迎补充说明。"
        )
        return int(record["feedback_id"]), thanks

    def comment(self, row_id: int | None, text: str) -> str:
        if not row_id or not (text or "").strip():
            return "Rate an answer first, then add a comment. 请先评分再留言。"
        self.feedback.update(row_id, comment=text)
        return "Comment saved. 留言已保存。"

    # ---- measures --------------------------------------------------------------------
    def cards(self) -> list[dict[str, Any]]:
        return self.advisor.measures() if self.advisor.has_index() else []

    def filter_choices(self) -> tuple[list[str], list[str]]:
        cards = self.cards()
        cats = sorted({str(c.get("category")) for c in cards if c.get("category")})
        years = sorted({str(y) for c in cards for y in c.get("years") or []})
        return [ALL, *cats], [ALL, *years]

    # ---- retrieval test --------------------------------------------------------------
    def retrieval(self, query: str, k: float) -> tuple[list[list[Any]], str]:
        if not (query or "").strip():
            return [], "Type a query. 请输入检索词。"
        try:
            hits = self.advisor.search(query.strip(), k=int(k))
        except IndexMissingError:
            return [], render.no_index_text(query)
        except AdvisorError as exc:
            return [], f"⚠️ {exc}"
        status = f"{len(hits)} chunks · retriever: {self.advisor.retriever_mode}"
        return render.retrieval_rows(hits), status

    # ---- admin -----------------------------------------------------------------------
    def documents_table(self) -> tuple[list[list[Any]], list[str]]:
        rows = admin.list_documents(self.settings)
        table = [
            [r["doc_id"], r["file"], r["chunks"], "upload" if r["uploaded"] else "corpus"]
            for r in rows
        ]
        return table, [r["doc_id"] for r in rows if r["uploaded"]]

    def upload(self, files: list[Any] | None, progress: Any = None) -> str:
        pairs = [(Path(_file_path(f)), _file_name(f)) for f in files or []]
        if not pairs:
            return "Choose one or more files first. 请先选择文件。"
        saved, rejected = admin.save_uploads(pairs, self.settings)
        lines = [
            f"- rejected {render.escape_md(n)}: {render.escape_md(r)}" for n, r in rejected.items()
        ]
        if saved:
            report = self.advisor.index(saved, progress=_progress(progress))
            failed = {str(Path(k).resolve()): v for k, v in report.failed.items()}
            for p in saved:
                reason = failed.get(str(p.resolve()))
                if reason:
                    p.unlink(missing_ok=True)  # a file the index refused must not linger
                    lines.append(f"- failed {render.escape_md(p.name)}: {render.escape_md(reason)}")
            lines.insert(0, render.escape_md(report.summary()))
        return "\n".join(lines)

    def delete(self, doc_id: str | None, progress: Any = None) -> str:
        if not doc_id:
            return "Pick an uploaded document. 请选择要删除的上传文档。"
        admin.delete_upload(self.settings, doc_id)
        report = self.advisor.index(
            [admin.uploads_dir(self.settings)], progress=_progress(progress)
        )
        return render.escape_md(f"deleted {doc_id}; {report.summary()}")

    def reindex(self, progress: Any = None) -> str:
        report = self.advisor.index(progress=_progress(progress))
        lines = [render.escape_md("corpus: " + report.summary())]
        up = admin.uploads_dir(self.settings)
        if up.exists():
            lines.append(render.escape_md("uploads: " + self.advisor.index([up]).summary()))
        return "\n\n".join(lines)


def _file_path(f: Any) -> str:
    return str(getattr(f, "path", None) or getattr(f, "name", None) or f)


def _file_name(f: Any) -> str:
    return str(getattr(f, "orig_name", None) or Path(_file_path(f)).name)


def _progress(progress: Any) -> Any:
    if progress is None:
        return None

    def update(name: str, done: int, total: int) -> None:
        progress(
            (done, max(total, 1)), desc=f"indexing {name}" if name else "indexing", unit="files"
        )

    return update


# ---- the page ------------------------------------------------------------------------------
def build_app(advisor: Advisor, settings: Settings) -> gr.Blocks:
    """The Blocks page (queue configured). Mount it with ``gr.mount_gradio_app``."""
    h = Handlers(advisor, settings)
    with gr.Blocks(
        title="上海科创政策顾问 · Shanghai sci-tech policy advisor", analytics_enabled=False
    ) as demo:
        gr.Markdown(
            "## 上海科创政策顾问 · Shanghai sci-tech policy advisor\n"
            "只依据政策资料作答，每一处都标注出处 [n]。 Answers come only from the policy sources, "
            "each claim cited [n]; when the sources don't say, the advisor says so."
        )
        banner = gr.Markdown(visible=False, elem_id="shkc-banner")
        with gr.Tabs() as tabs:
            with gr.Tab("Chat · 问答", id="chat"):
                msg = _chat_tab(h, demo)
            with gr.Tab("Measures · 政策措施", id="measures"):
                _measures_tab(h, demo, msg, tabs)
            with gr.Tab("Retrieval test · 检索测试", id="retrieval"):
                _retrieval_tab(h)
            if settings.admin_password and settings.admin_password.get_secret_value():
                with gr.Tab("Admin · 管理", id="admin"):
                    _admin_tab(h)

        def on_load() -> Any:
            if advisor.has_index():
                return gr.update(visible=False)
            return gr.update(visible=True, value=f"⚠️ {render.NO_INDEX_EN}\n\n{render.NO_INDEX_ZH}")

        demo.load(on_load, None, banner, api_visibility=PRIVATE)
        if settings.mcp:

            def ask(question: str) -> dict[str, Any]:
                """Answer a question on Shanghai sci-tech innovation policy with [n] citations.

                Args:
                    question: the question, in Chinese or English.
                """
                return advisor.ask(question).to_json()

            gr_api(ask, api_name="ask")
    blocks: gr.Blocks = demo
    blocks.queue(default_concurrency_limit=CHAT_CONCURRENCY, max_size=64)
    return blocks


def _chat_tab(h: Handlers, demo: gr.Blocks) -> gr.Textbox:
    chatbot = gr.Chatbot(
        elem_id="shkc-chat",
        height=520,
        show_label=False,
        latex_delimiters=[],
        sanitize_html=True,
        allow_tags=False,
        buttons=["copy"],
        feedback_options=("Like", "Dislike"),
        group_consecutive_messages=True,
        placeholder="问一个关于上海科创政策的问题 · Ask about a Shanghai sci-tech policy measure",
    )
    with gr.Row():
        msg = gr.Textbox(
            show_label=False,
            scale=8,
            elem_id="shkc-question",
            autofocus=True,
            max_lines=6,
            placeholder="用中文或英文提问… Ask in Chinese or English…",
        )
        send = gr.Button("Ask · 提问", variant="primary", scale=1, elem_id="shkc-send")
    with gr.Row():
        new = gr.Button(
            "New conversation · 新对话", size="sm", scale=0, min_width=230, elem_id="shkc-new"
        )
        mode = gr.Markdown(h.mode_line(), elem_id="shkc-mode")
    feedback_note = gr.Markdown(elem_id="shkc-feedback-note")
    with gr.Row(visible=False) as comment_row:
        comment = gr.Textbox(
            label="Comment on your rating (optional) · 补充说明（可选）",
            scale=8,
            elem_id="shkc-comment",
            max_lines=4,
        )
        comment_btn = gr.Button("Send comment · 提交", scale=1, elem_id="shkc-comment-send")
    gr.Examples(EXAMPLES, inputs=msg, label="Examples · 示例问题")

    turns = gr.State([])
    records = gr.State({})
    feedback_id = gr.State(None)

    outputs = [msg, chatbot, turns, records, mode]
    for trigger in (msg.submit, send.click):  # one limit shared by both ways of asking
        trigger(
            h.respond,
            [msg, chatbot, turns, records],
            outputs,
            api_visibility=PRIVATE,
            concurrency_limit=CHAT_CONCURRENCY,
            concurrency_id="answer",
        )

    def on_like(records_: dict[int, Any], data: gr.LikeData) -> tuple[Any, str, Any]:
        index = data.index if isinstance(data.index, int) else data.index[0]
        row_id, note = h.rate(index, data.liked, records_)
        return row_id, note, gr.update(visible=row_id is not None)

    chatbot.like(
        on_like, [records], [feedback_id, feedback_note, comment_row], api_visibility=PRIVATE
    )
    comment_btn.click(
        h.comment, [feedback_id, comment], [feedback_note], api_visibility=PRIVATE
    ).then(
        lambda: "",
        None,
        comment,
        api_visibility=PRIVATE,
    )
    # The chatbot's own trash icon must forget the conversation too, not just the bubbles.
    for trigger in (new.click, chatbot.clear):
        trigger(
            h.new_conversation,
            None,
            [chatbot, turns, records, msg, comment_row, mode],
            api_visibility=PRIVATE,
        ).then(lambda: (None, ""), None, [feedback_id, feedback_note], api_visibility=PRIVATE)
    return msg


def _ask_button(card: dict[str, Any], msg: gr.Textbox, tabs: gr.Tabs, label: str) -> None:
    btn = gr.Button(label, size="sm", variant="secondary", elem_classes=["shkc-ask"])

    def prefill() -> tuple[str, Any]:
        return render.ask_about(card), gr.Tabs(selected="chat")

    btn.click(prefill, None, [msg, tabs], api_visibility=PRIVATE)


def _measures_tab(h: Handlers, demo: gr.Blocks, msg: gr.Textbox, tabs: gr.Tabs) -> None:
    ask_label = "Ask about this measure · 询问此措施"
    with gr.Tabs():
        with gr.Tab("Browse · 浏览", id="browse"):
            with gr.Row():
                category = gr.Dropdown(
                    [ALL], value=ALL, label="Category · 类别", elem_id="shkc-category"
                )
                year = gr.Dropdown([ALL], value=ALL, label="Year · 年份", elem_id="shkc-year")
                text = gr.Textbox(
                    label="Search · 搜索",
                    elem_id="shkc-measure-search",
                    placeholder="e.g. 贷 / loan",
                )

            @gr.render(inputs=[category, year, text], **RENDER)  # type: ignore[untyped-decorator]
            def browse(cat: str, yr: str, needle: str) -> None:
                if not h.advisor.has_index():
                    gr.Markdown(render.NO_INDEX_EN + "\n\n" + render.NO_INDEX_ZH)
                    return
                picked = filter_cards(
                    h.cards(),
                    None if cat in (ALL, None) else cat,
                    None if yr in (ALL, None) else yr,
                    needle or "",
                )
                gr.Markdown(f"**{len(picked)}** measures · 项措施", elem_id="shkc-measure-count")
                for card in picked:
                    with gr.Group():
                        gr.HTML(render.card_html(card))
                        _ask_button(card, msg, tabs, ask_label)

        with gr.Tab("What fits my company · 哪些适合我", id="fit"):
            stage = gr.Radio(
                render.stage_choices(),
                value="startups",
                label="Your stage · 发展阶段",
                elem_id="shkc-stage",
            )
            needs = gr.CheckboxGroup(
                render.need_choices(), label="What you need · 需求", elem_id="shkc-needs"
            )

            @gr.render(inputs=[stage, needs], **RENDER)  # type: ignore[untyped-decorator]
            def fit(stage_: str, needs_: list[str]) -> None:
                if not h.advisor.has_index():
                    gr.Markdown(render.NO_INDEX_EN)
                    return
                matches = match_measures(h.cards(), stage_ or "startups", needs_ or [])
                gr.Markdown(
                    f"**{len(matches)}** matching measures · 项匹配措施", elem_id="shkc-fit-count"
                )
                for m in matches:
                    with gr.Group():
                        gr.HTML(render.card_html(m.card, m))
                        _ask_button(m.card, msg, tabs, ask_label)

    def choices() -> tuple[Any, Any]:
        cats, years = h.filter_choices()
        return gr.update(choices=cats, value=ALL), gr.update(choices=years, value=ALL)

    demo.load(choices, None, [category, year], api_visibility=PRIVATE)


def _retrieval_tab(h: Handlers) -> None:
    gr.Markdown(
        "Top chunks for a query with their dense, BM25 and fused (RRF) scores. "
        "检索测试：查看每个段落的向量、BM25 与融合得分。"
    )
    with gr.Row():
        query = gr.Textbox(label="Query · 检索词", scale=6, elem_id="shkc-rquery")
        k = gr.Slider(1, 30, value=h.settings.top_k, step=1, label="k", scale=2)
        go = gr.Button("Search · 检索", variant="primary", scale=1, elem_id="shkc-rsearch")
    status = gr.Markdown()
    table = gr.Dataframe(
        headers=render.RETRIEVAL_HEADERS,
        datatype=["number", "number", "str", "number", "str", "number", "str", "str", "str"],
        column_widths=render.RETRIEVAL_WIDTHS,
        interactive=False,
        wrap=True,
        latex_delimiters=[],
        elem_id="shkc-rtable",
    )
    for trigger in (query.submit, go.click):
        trigger(h.retrieval, [query, k], [table, status], api_visibility=PRIVATE)


def _admin_tab(h: Handlers) -> None:
    authed = gr.State(False)
    with gr.Column(visible=True) as login:
        password = gr.Textbox(
            type="password", label="Admin password · 管理密码", elem_id="shkc-admin-pw"
        )
        login_btn = gr.Button("Log in · 登录", elem_id="shkc-admin-login")
        login_note = gr.Markdown()
    with gr.Column(visible=False) as panel:
        gr.Markdown(
            f"Upload {', '.join(admin.UPLOAD_TYPES)} files (≤ {h.settings.max_file_mb:g} MB each); "
            "they are saved under the data directory and indexed at once."
        )
        files = gr.File(
            file_count="multiple",
            file_types=list(admin.UPLOAD_TYPES),
            label="Documents · 文档",
            elem_id="shkc-upload",
        )
        upload_btn = gr.Button("Upload and index · 上传并索引", variant="primary")
        result = gr.Markdown(elem_id="shkc-admin-result")
        docs = gr.Dataframe(
            headers=["doc_id", "file", "chunks", "from"],
            interactive=False,
            latex_delimiters=[],
            elem_id="shkc-docs",
        )
        with gr.Row():
            doomed = gr.Dropdown([], label="Uploaded document · 上传的文档", scale=4)
            delete_btn = gr.Button("Delete · 删除", variant="stop", scale=1)
            reindex_btn = gr.Button("Re-index all · 全部重建", scale=1)

    def require(ok: bool) -> None:
        if not ok:
            raise gr.Error("Log in first. 请先登录。")

    def refresh(ok: bool) -> tuple[Any, Any]:
        if not ok:
            return gr.skip(), gr.skip()
        table, uploaded = h.documents_table()
        return table, gr.update(choices=uploaded, value=None)

    def do_login(pw: str) -> tuple[bool, Any, Any, str]:
        if admin.check_password(h.settings, pw):
            return True, gr.update(visible=False), gr.update(visible=True), ""
        time.sleep(1.0)  # slows guessing
        return (
            False,
            gr.update(visible=True),
            gr.update(visible=False),
            "Wrong password. 密码错误。",
        )

    def do_upload(
        ok: bool, f: list[Any] | None, progress: gr.Progress = _PROGRESS
    ) -> tuple[str, Any]:
        require(ok)
        return _guarded(lambda: h.upload(f, progress)), None

    def do_delete(ok: bool, doc: str | None, progress: gr.Progress = _PROGRESS) -> str:
        require(ok)
        return _guarded(lambda: h.delete(doc, progress))

    def do_reindex(ok: bool, progress: gr.Progress = _PROGRESS) -> str:
        require(ok)
        return _guarded(lambda: h.reindex(progress))

    p = PRIVATE
    login_event = login_btn.click(
        do_login, [password], [authed, login, panel, login_note], api_visibility=p
    )
    password.submit(
        do_login, [password], [authed, login, panel, login_note], api_visibility=p
    ).then(refresh, [authed], [docs, doomed], api_visibility=p)
    login_event.then(refresh, [authed], [docs, doomed], api_visibility=p)
    for btn, fn, inputs, outputs in (
        (upload_btn, do_upload, [authed, files], [result, files]),
        (delete_btn, do_delete, [authed, doomed], [result]),
        (reindex_btn, do_reindex, [authed], [result]),
    ):
        btn.click(
            fn, inputs, outputs, api_visibility=p, concurrency_limit=1, concurrency_id="index"
        ).then(refresh, [authed], [docs, doomed], api_visibility=p)


def _guarded(work: Any) -> str:
    try:
        return str(work())
    except AdvisorError as exc:
        return f"⚠️ {render.escape_md(str(exc))}"
