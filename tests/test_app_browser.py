"""The chat in a real browser: headless Debian chromium driven by Playwright.

The app runs in this process (uvicorn in a thread, on a free loopback port) over the
session's index, exactly as `shkc-advisor serve` builds it. Screenshots go to
test-artifacts/ (the README's docs/*.png are copies of good ones).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, make_settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ASK_TIMEOUT_MS = 120_000  # a loaded 2-core CI machine; the first answer loads the embedder


def require_chromium() -> None:
    if not CHROMIUM.exists():
        msg = f"{CHROMIUM} is missing; install it with `bash scripts/ensure-browser.sh` (as root)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


class Server:
    """uvicorn serving ``create_app`` in a daemon thread on 127.0.0.1:<free port>."""

    def __init__(self, advisor: Any, settings: Any) -> None:
        import uvicorn

        from shkc_advisor.app import create_app

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        port = self.sock.getsockname()[1]
        settings = settings.model_copy(update={"host": "127.0.0.1", "port": port})
        config = uvicorn.Config(create_app(advisor, settings), log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}/"
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_url(advisor: Any, browser: Any) -> Iterator[str]:
    with Server(advisor, advisor.settings) as server:
        yield server.url


class Page:
    """A fresh page on the app, recording any request that leaves the app's origin."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.foreign: list[str] = []
        self.page.on("request", self._request)
        self.page.goto(url)
        self.page.wait_for_selector("#shkc-question textarea", timeout=60_000)

    def _request(self, req: Any) -> None:
        if not req.url.startswith((self.url, "data:", "blob:")):
            self.foreign.append(req.url)

    def ask(self, question: str, expect: str) -> str:
        """Ask, wait until the last answer contains ``expect``; return that answer's text."""
        p = self.page
        before = p.locator('#shkc-chat [data-testid="bot"]').count()
        panels = p.locator("#shkc-chat .message.thought").count()
        p.fill("#shkc-question textarea", question)
        p.click("#shkc-send")
        # Done = this answer's sources panel has arrived (it comes with the final update).
        p.wait_for_function(
            """([before, panels, expect]) => {
                const bots = document.querySelectorAll('#shkc-chat [data-testid="bot"]');
                const now = document.querySelectorAll('#shkc-chat .message.thought').length;
                const done = now > panels;
                return done && bots.length > before && Array.from(bots).slice(before)
                    .some(b => b.innerText.includes(expect));
            }""",
            arg=[before, panels, expect],
            timeout=ASK_TIMEOUT_MS,
        )
        return str(p.locator('#shkc-chat [data-testid="bot"]').nth(before).inner_text())

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=False)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Page]:
    pg = Page(browser, app_url)
    yield pg
    assert pg.foreign == [], f"the page fetched from outside the app: {pg.foreign}"
    pg.close()


WATCH_STREAM = """() => {
    window.__seen = [];
    const chat = document.querySelector('#shkc-chat');
    new MutationObserver(() => {
        const bots = chat.querySelectorAll('[data-testid="bot"]');
        if (bots.length) window.__seen.push(bots[bots.length - 1].innerText);
    }).observe(chat, {subtree: true, childList: true, characterData: true});
}"""


def test_chinese_answer_streams_with_citations_and_expandable_sources(page: Page) -> None:
    page.page.evaluate(WATCH_STREAM)
    text = page.ask("履约贷第6期的总额度是多少？", "25亿元")
    assert "[1]" in text and "25亿元" in text
    final = text.split("\n")[0]
    seen = page.page.evaluate("window.__seen")
    # Seen on the way: a non-empty proper prefix of the final answer.
    partial = [
        s.strip() for s in seen if s.strip() and s.strip() != final and final.startswith(s.strip())
    ]
    assert partial, f"the answer did not stream: {seen[:5]}"
    page.shot("chat.png")
    panel = page.page.get_by_text("来源（1）").first
    panel.click()
    page.page.get_by_text("贷款额度提高至最高800万元").first.wait_for()
    chat = page.page.inner_text("#shkc-chat")
    assert "发展科创金融" in chat  # the section path
    assert "offline" in chat  # which mode answered, in the panel header
    page.page.wait_for_timeout(800)  # let the panel finish sliding open for the screenshot
    page.shot("sources.png")
    # A follow-up with the conversation so far
    follow = page.ask("那第5期呢？", "13.27")
    assert "13.27" in follow


def test_english_question_gets_an_english_answer(page: Page) -> None:
    text = page.ask("How many enterprises received innovation vouchers?", "According to")
    assert "1790" in text and "[1]" in text
    assert "Sources (" in page.page.inner_text("#shkc-chat")


def test_new_conversation_clears_the_chat_and_its_history(page: Page) -> None:
    page.ask("履约贷第6期的总额度是多少？", "25亿元")
    page.page.click("#shkc-new")
    page.page.wait_for_function(
        "document.querySelectorAll('#shkc-chat [data-testid=\"bot\"]').length === 0"
    )
    # Without the loan history, an English voucher question is answered on its own topic.
    assert "1790" in page.ask("How many enterprises received innovation vouchers?", "According to")


def test_unanswerable_question_is_refused_with_what_the_sources_cover(page: Page) -> None:
    text = page.ask("履约贷的利率是多少？", "资料中没有答案")
    assert "利率" in text
    assert "资料涉及的相关内容" in page.page.inner_text("#shkc-chat")


def test_thumbs_up_and_comment_are_stored(page: Page, advisor: Any) -> None:
    from shkc_advisor.feedback import FeedbackStore

    question = "2015年底上海有多少家科技企业孵化器？"
    page.ask(question, "139")
    page.page.locator('#shkc-chat button[aria-label="Like"]').last.click()
    page.page.get_by_text("noted as helpful").wait_for()
    page.page.fill("#shkc-comment textarea", "清楚，有出处")
    page.page.click("#shkc-comment-send")
    page.page.get_by_text("Comment saved").wait_for()
    rows = [
        r for r in FeedbackStore.from_settings(advisor.settings).rows() if r["question"] == question
    ]
    assert len(rows) == 1
    row = rows[0]
    assert row["rating"] == 1 and row["comment"] == "清楚，有出处" and row["mode"] == "extractive"
    assert "139" in row["answer"] and row["citations"] and row["citations"][0]["quote"]


def test_measures_browse_filter_match_and_ask(page: Page, advisor: Any) -> None:
    cards = advisor.measures()
    p = page.page
    p.get_by_role("tab", name="Measures · 政策措施").click()
    count = p.locator("#shkc-measure-count")
    count.wait_for()
    assert count.inner_text().startswith(f"{len(cards)} ")
    p.fill("#shkc-measure-search textarea", "微贷通")
    p.keyboard.press("Enter")
    p.wait_for_function(
        f"!document.querySelector('#shkc-measure-count').innerText.startsWith('{len(cards)} ')"
    )
    shown = p.locator(".shkc-card:visible h3").all_inner_texts()
    assert any("微贷通" in t for t in shown) and len(shown) < len(cards)
    p.fill("#shkc-measure-search textarea", "")
    p.keyboard.press("Enter")
    p.locator("#shkc-category input").click()
    p.get_by_role("option", name="financing").click()
    n_fin = sum(1 for c in cards if c["category"] == "financing")
    p.wait_for_function(
        f"document.querySelector('#shkc-measure-count').innerText.startsWith('{n_fin} ')"
    )
    assert p.locator(".shkc-card:visible").count() == n_fin
    page.shot("measures.png")
    # What fits my company: a start-up that needs financing
    p.get_by_role("tab", name="What fits my company · 哪些适合我").click()
    p.get_by_label("融资 · financing").check()
    p.wait_for_function(
        "(document.querySelector('#shkc-fit-count')||{innerText:''}).innerText.includes('matching')"
    )
    p.get_by_text("helps with financing").first.wait_for()
    first = p.locator(".shkc-card:visible").first
    assert "Why it fits" in first.inner_text() and first.locator(".shkc-quote").count() == 1
    page.shot("fit.png")
    name = first.locator("h3").inner_text().split(" · ")[0]
    p.locator("button.shkc-ask:visible").first.click()
    p.wait_for_function("document.querySelector('#shkc-question textarea').value.length > 0")
    assert name in p.input_value("#shkc-question textarea")
    assert p.locator("#shkc-question textarea").is_visible()  # back on the chat tab


def test_retrieval_tab_shows_dense_bm25_and_fused_scores(page: Page) -> None:
    p = page.page
    p.get_by_role("tab", name="Retrieval test · 检索测试").click()
    p.fill("#shkc-rquery textarea", "科技创新券")
    p.click("#shkc-rsearch")
    p.get_by_text("retriever: hybrid").wait_for()
    table = p.inner_text("#shkc-rtable")
    assert "fused" in table and "BM25" in table and "科技创新券" in table


def test_no_admin_tab_without_a_password(page: Page) -> None:
    assert page.page.get_by_role("tab", name="Admin · 管理").count() == 0


HOSTILE = (
    "# 测试园区扶持办法\n\n"
    "测试园区对入驻的科技型中小企业给予房租补贴，补贴标准为每平方米每天1.5元"
    "<script>window.__pwned=1</script>，详见[申请指南](http://evil.example/apply)。\n"
)


def test_admin_uploads_index_and_delete_and_document_text_stays_text(
    browser: Any,
    advisor: Any,
    tmp_path: Path,
    session_dir: Path,
) -> None:
    """A second app with a password and an empty data dir: the no-index notice, login,
    upload → answer from it (its <script> shown as text, never run), delete."""
    from shkc_advisor import Advisor

    settings = make_settings(tmp_path, session_dir, admin_password="open-sesame")
    private = Advisor(settings, embedder=advisor.embedder, generator="extractive")
    doc = tmp_path / "test-park.md"
    doc.write_text(HOSTILE, "utf-8")
    with Server(private, settings) as server:
        page = Page(browser, server.url)
        p = page.page
        try:
            p.locator("#shkc-banner").get_by_text("shkc-advisor index").first.wait_for()
            p.get_by_role("tab", name="Admin · 管理").click()
            p.fill("#shkc-admin-pw input", "wrong")
            p.click("#shkc-admin-login")
            p.get_by_text("Wrong password").wait_for()
            assert not p.locator("#shkc-upload").is_visible()
            p.fill("#shkc-admin-pw input", "open-sesame")
            p.click("#shkc-admin-login")
            p.locator("#shkc-upload input[type=file]").set_input_files(str(doc))
            p.get_by_role("button", name="Upload and index · 上传并索引").click()
            p.locator("#shkc-admin-result").get_by_text("added 1").wait_for(timeout=ASK_TIMEOUT_MS)
            p.wait_for_function(
                "document.querySelector('#shkc-docs').innerText.includes('test-park')"
            )
            assert (settings.data_dir / "uploads" / "test-park.md").exists()

            p.get_by_role("tab", name="Chat · 问答").click()
            text = page.ask("测试园区的房租补贴标准是多少？", "1.5元")
            assert "<script>window.__pwned=1</script>" in text  # shown, as text
            p.get_by_text("来源（1）").first.click()
            p.get_by_text("[申请指南](http://evil.example/apply)").first.wait_for()
            assert p.evaluate("window.__pwned") is None
            assert p.locator("#shkc-chat a[href*='evil']").count() == 0
            assert p.locator("#shkc-chat script").count() == 0

            p.get_by_role("tab", name="Admin · 管理").click()
            p.get_by_label("Uploaded document · 上传的文档").click()
            p.get_by_role("option", name="test-park").click()
            p.get_by_role("button", name="Delete · 删除").click()
            p.locator("#shkc-admin-result").get_by_text("deleted test-park").wait_for(
                timeout=ASK_TIMEOUT_MS
            )
            assert not (settings.data_dir / "uploads" / "test-park.md").exists()
            p.wait_for_function(
                "!document.querySelector('#shkc-docs').innerText.includes('test-park')"
            )
            assert "test-park" not in settings.manifest_path.read_text("utf-8")
            assert page.foreign == []
        finally:
            page.close()
