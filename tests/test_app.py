"""The chat app without a browser: matcher, escaping, handlers, admin file work, the page."""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from shkc_advisor import Settings
from shkc_advisor.app import admin, render
from shkc_advisor.app.matcher import NEEDS, STAGES, filter_cards, match_measures
from shkc_advisor.errors import IndexMissingError, IngestError, InputError
from shkc_advisor.types import Answer, Chunk, Citation, ScoredChunk

from .conftest import CORPUS


def load_cards() -> list[dict[str, Any]]:
    cards = []
    for path in sorted((CORPUS / "measures").glob("*.md")):
        m = re.match(r"\A---\n(.*?)\n---\n", path.read_text("utf-8"), re.S)
        assert m
        cards.append(yaml.safe_load(m.group(1)))
    return cards


CARDS = load_cards()
BY_ID = {c["id"]: c for c in CARDS}


# ---- matcher --------------------------------------------------------------------------------
def ids(matches: Any) -> list[str]:
    return [m.card["id"] for m in matches]


def test_startup_needing_financing_gets_loans_with_reasons_and_quotes() -> None:
    matches = match_measures(CARDS, "startups", ["financing"])
    got = ids(matches)
    assert {"performance-loan", "venture-loan-chuangtoudai", "micro-loan-weidaitong"} <= set(got)
    assert "university-tech-market" not in got  # serves universities, helps with transfer
    assert "incubators" not in got  # fits the stage, not the need
    for m in matches:
        assert "financing" in m.card["helps_with"]
        assert m.needs == ("financing",)
        assert "financing" in m.why_en and "融资" in m.why_zh
        assert m.evidence["quote"] in [s["quote"] for s in m.card["sources"]]


def test_needs_met_rank_first_then_exact_stage() -> None:
    matches = match_measures(CARDS, "startups", ["space", "services"])
    assert all(m.score >= n.score for m, n in itertools.pairwise(matches))
    top = matches[0]
    assert set(top.needs) == {"space", "services"}
    assert "startups" in top.card["serves"]
    one_need = [m for m in matches if len(m.needs) == 1]
    assert one_need and matches.index(one_need[0]) > matches.index(top)


def test_founder_teams_do_not_get_cards_meant_for_registered_enterprises() -> None:
    founders = ids(match_measures(CARDS, "founder_teams"))
    smes = ids(match_measures(CARDS, "smes"))
    assert "rd-expense-deduction" not in founders  # serves all_enterprises only
    assert "rd-expense-deduction" in smes
    assert {"incubators", "maker-spaces", "innovation-voucher"} <= set(founders)
    assert all("founder_teams" in BY_ID[i]["serves"] for i in founders)


def test_little_giants_get_their_own_programme_first_and_sme_measures() -> None:
    matches = match_measures(CARDS, "little_giants", ["listing"])
    assert matches[0].card["id"] == "little-giant"
    assert "小巨人" in matches[0].evidence["quote"]
    board = next(m for m in matches if m.card["id"] == "sci-tech-innovation-board")
    assert "SME" in board.why_en  # reached through "Little Giants are SMEs"


def test_no_needs_means_every_card_for_the_stage() -> None:
    for stage in STAGES:
        got = ids(match_measures(CARDS, stage))
        assert got, stage
        assert len(got) == len(set(got))
    assert len(match_measures(CARDS, "smes")) > len(match_measures(CARDS, "smes", ["tax"]))


def test_every_need_has_at_least_one_measure_for_smes() -> None:
    for need in NEEDS:
        assert match_measures(CARDS, "smes", [need]), need


@pytest.mark.parametrize(("stage", "needs"), [("giants", []), ("smes", ["money"])])
def test_unknown_stage_or_need_is_refused(stage: str, needs: list[str]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        match_measures(CARDS, stage, needs)


def test_filter_by_category_year_and_text() -> None:
    loans = filter_cards(CARDS, category="financing")
    assert loans and all(c["category"] == "financing" for c in loans)
    y2010 = filter_cards(CARDS, year="2010")
    assert y2010 and all(2010 in c["years"] for c in y2010)
    assert len(y2010) < len(CARDS)
    weidaitong = filter_cards(CARDS, text="微贷通")
    assert "micro-loan-weidaitong" in [c["id"] for c in weidaitong]
    assert 0 < len(weidaitong) < 5
    assert all("微贷通" in json.dumps(c, ensure_ascii=False) for c in weidaitong)
    assert "performance-loan" in [c["id"] for c in filter_cards(CARDS, text="PERFORMANCE loan")]
    assert filter_cards(CARDS, category="tax", text="履约贷") == []
    assert len(filter_cards(CARDS)) == len(CARDS)


# ---- escaping: document text is shown literally --------------------------------------------
MD = MarkdownIt("commonmark")
HOSTILE = (
    '<script>alert("x")</script> [点我](http://evil.example) **粗体** `code` $x$ # 标题 1. 项 '
    "www.evil.example"
)


def visible_text(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    import html as h

    return " ".join(h.unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_markdown_escape_displays_hostile_text_literally() -> None:
    out = MD.render(render.escape_md(HOSTILE))
    assert (
        "<script" not in out and "<a " not in out and "<strong>" not in out and "<code>" not in out
    )
    assert "<h1>" not in out and "<ol>" not in out
    assert visible_text(out) == " ".join(HOSTILE.split())
    escaped = render.escape_md(HOSTILE)
    assert "://" not in escaped and "www." not in escaped  # no GFM autolinks either


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs"))
        | st.just(" "),
        max_size=60,
    )
)
def test_any_text_survives_markdown_unchanged(text: str) -> None:
    out = MD.render(render.escape_md(text))
    assert visible_text(out) == " ".join(text.split())


def test_card_html_escapes_every_field() -> None:
    card = {
        **BY_ID["performance-loan"],
        "name_zh": "<img src=x onerror=alert(1)>",
        "summary_en": "<b>bold</b>",
    }
    card["sources"] = [{**card["sources"][0], "quote": "<script>steal()</script>"}]
    card["figures"] = [{**card["figures"][0], "source": 0}]
    out = render.card_html(card)
    assert "<img" not in out and "<script" not in out and "<b>bold" not in out
    assert "&lt;script&gt;steal()&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_card_html_shows_each_figure_under_its_quote_once() -> None:
    card = BY_ID["innovation-voucher"]  # two figures from the same quote
    out = render.card_html(card)
    assert out.count("1790") >= 2  # the figure and its quote
    assert out.count(render.escape_html(card["sources"][0]["quote"])) == 1
    assert "face" not in out


# ---- answers and sources --------------------------------------------------------------------
def cite(n: int, quote: str) -> Citation:
    return Citation(n, "doc", "上海科创论文", "三、实证 / 8、发展科创金融", quote, f"c{n}")


def test_sources_panel_lists_title_section_and_verbatim_quote() -> None:
    a = Answer(
        "第6期增至25亿元[1]。",
        [cite(1, "第6期增至25亿元 <script>x</script>")],
        False,
        "extractive",
        812.0,
        question="履约贷第6期的总额度是多少？",
    )
    msg = render.sources_message(a)
    assert msg["metadata"]["title"] == "来源（1）"
    assert msg["metadata"]["status"] == "done"  # collapsed until opened
    assert msg["metadata"]["log"] == "offline · 0.8 s"
    text = visible_text(MD.render(msg["content"]))
    assert "[1] 上海科创论文 — 三、实证 / 8、发展科创金融" in text
    assert "第6期增至25亿元 <script>x</script>" in text
    assert "[1]" in visible_text(MD.render(render.answer_markdown(a)))


def test_refusal_is_flagged_and_lists_what_the_sources_cover() -> None:
    a = Answer(
        "The sources don't say: …",
        [],
        True,
        "extractive",
        5.0,
        question="What is the Performance Loan interest rate?",
        notes=["fallback: endpoint timed out"],
    )
    shown = visible_text(MD.render(render.answer_markdown(a)))
    assert shown.startswith("Not in the sources")
    assert "Note: fallback: endpoint timed out" in shown
    chunk = Chunk("c1", "text", "performance-loan", "Performance Loan", "Overview", "measure")
    msg = render.sources_message(a, [ScoredChunk(chunk, 0.1), ScoredChunk(chunk, 0.05)])
    assert msg["metadata"]["title"] == "What the sources do cover"
    assert visible_text(MD.render(msg["content"])) == "Performance Loan — Overview"  # once


def test_a_refused_premise_shows_what_the_sources_say_with_its_sources() -> None:
    c = cite(1, "贷款额度提高至最高800万元")
    a = Answer("问题中的数字与资料不一致…最高800万元[1]。", [c], True, "extractive", 5.0, question="最高1000万吧？")
    assert visible_text(MD.render(render.answer_markdown(a))).startswith("资料与问题中的说法不一致")
    assert render.sources_message(a)["metadata"]["title"] == "来源（1）"


def test_retrieval_rows_show_dense_bm25_and_fused_scores() -> None:
    chunk = Chunk("c1", "科技创新券 " * 100, "d", "T", "S")
    rows = render.retrieval_rows(
        [
            ScoredChunk(chunk, 0.0325, dense_rank=0, bm25_rank=2, dense_score=0.91, bm25_score=5.3),
            ScoredChunk(chunk, 0.03),
        ]
    )
    assert rows[0][:6] == [1, 0.0325, 1, 0.91, 3, 5.3]
    assert rows[1][2] == rows[1][4] == "card source"
    assert len(rows[0][7]) <= 301 and rows[0][7].endswith("…")
    assert len(rows[0]) == len(render.RETRIEVAL_HEADERS)


# ---- handlers with a stand-in advisor -------------------------------------------------------
class FakeAdvisor:
    """Just the advisor surface the UI uses; records the history it is given."""

    mode = "extractive"
    retriever_mode = "hybrid"

    def __init__(self, answer: Answer | None = None, error: Exception | None = None) -> None:
        self.answer = answer
        self.error = error
        self.histories: list[list[dict[str, str]]] = []

    def has_index(self) -> bool:
        return self.error is None

    def stream(self, question: str, history: Any = None) -> Iterator[str | Answer]:
        self.histories.append(list(history or []))
        if self.error:
            raise self.error
        assert self.answer is not None
        text = self.answer.text
        for i in range(0, len(text), 4):
            yield text[i : i + 4]
        yield Answer(**{**self.answer.__dict__, "question": question})

    def search(self, query: str, k: int | None = None, filters: Any = None) -> list[ScoredChunk]:
        return []

    def measures(self) -> list[dict[str, Any]]:
        return CARDS


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)


def handlers(advisor: Any, settings: Settings) -> Any:
    from shkc_advisor.app.ui import Handlers

    return Handlers(advisor, settings)


LOAN = Answer(
    "根据资料，第6期增至25亿元[1]。", [cite(1, "第6期增至25亿元")], False, "extractive", 30.0
)


def test_answer_streams_then_gets_its_sources_and_history(settings: Settings) -> None:
    fake = FakeAdvisor(LOAN)
    h = handlers(fake, settings)
    states = [copy.deepcopy(s) for s in h.respond("履约贷第6期的总额度是多少？", [], [], {})]
    texts = [s[1][-1]["content"] for s in states if s[1] and s[1][-1].get("role") == "assistant"]
    assert len({t for t in texts}) > 3  # it grew piece by piece
    box, chat, turns, records, mode = states[-1]
    assert box == ""
    assert [m["role"] for m in chat] == ["user", "assistant", "assistant"]
    assert "\\[1\\]" in chat[1]["content"]
    assert chat[2]["metadata"]["title"] == "来源（1）"
    assert turns == [
        {"role": "user", "content": "履约贷第6期的总额度是多少？"},
        {"role": "assistant", "content": LOAN.text},
    ]
    assert records[1] is records[2] and records[1]["citations"][0]["quote"] == "第6期增至25亿元"
    assert "offline" in mode
    # a follow-up carries the conversation so far
    list(h.respond("那第5期呢？", chat, turns, records))
    assert fake.histories[-1] == turns


def test_missing_index_gives_a_clear_message_not_a_crash(settings: Settings) -> None:
    h = handlers(FakeAdvisor(error=IndexMissingError("no index")), settings)
    *_, (_, chat, turns, records, _) = h.respond("履约贷是什么？", [], [], {})
    assert "shkc-advisor index" in chat[-1]["content"] and "尚未建立索引" in chat[-1]["content"]
    assert turns == [] and records == {}


def test_unusable_question_shows_the_reason(settings: Settings) -> None:
    h = handlers(
        FakeAdvisor(error=InputError("the question has no words; ask in Chinese or English")),
        settings,
    )
    *_, (_, chat, _, _, _) = h.respond("？？？", [], [], {})
    assert "no words" in chat[-1]["content"]


def test_blank_question_changes_nothing(settings: Settings) -> None:
    fake = FakeAdvisor(LOAN)
    states = list(handlers(fake, settings).respond("   ", [], [], {}))
    assert len(states) == 1 and states[0][1] == [] and fake.histories == []


def test_thumbs_store_one_row_per_answer_and_comments_attach(settings: Settings) -> None:
    from shkc_advisor.feedback import FeedbackStore

    h = handlers(FakeAdvisor(LOAN), settings)
    *_, (_, _chat, _, records, _) = h.respond("履约贷第6期的总额度是多少？", [], [], {})
    assert h.rate(0, True, records)[0] is None  # the question bubble is not an answer
    row_id, note = h.rate(1, True, records)
    assert row_id and "helpful" in note
    assert h.rate(2, False, records)[0] == row_id  # same answer (its sources panel): same row
    assert "saved" in h.comment(row_id, "the figure is right but say 亿元")
    rows = FeedbackStore.from_settings(settings).rows()
    assert len(rows) == 1
    row = rows[0]
    assert (row["question"], row["answer"], row["rating"], row["mode"]) == (
        "履约贷第6期的总额度是多少？",
        LOAN.text,
        -1,
        "extractive",
    )
    assert row["citations"] == [LOAN.citations[0].to_json()]
    assert row["comment"] == "the figure is right but say 亿元"
    # clicking the selected thumb again withdraws the rating
    assert h.rate(1, "", records) == (None, "Rating withdrawn. 已撤回评分。")
    assert FeedbackStore.from_settings(settings).rows() == []
    assert h.rate(1, "Like", records)[0] != row_id  # a new rating is a new row


def test_retrieval_tab_handler(settings: Settings) -> None:
    h = handlers(FakeAdvisor(LOAN), settings)
    assert h.retrieval("", 5) == ([], "Type a query. 请输入检索词。")
    rows, status = h.retrieval("科技创新券", 5)
    assert rows == [] and "0 chunks" in status


# ---- admin file work ------------------------------------------------------------------------
def test_safe_name_stays_inside_the_uploads_folder() -> None:
    assert admin.safe_name("../../etc/passwd.md") == "passwd.md"
    assert admin.safe_name("C:\\Users\\a\\政策 汇编.DOCX") == "政策-汇编.docx"
    assert admin.safe_name(".hidden.txt") == "hidden.txt"
    assert admin.safe_name("???.pdf") == "document.pdf"


def test_uploads_are_checked_for_type_and_size(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path / "data", max_file_mb=0.001, _env_file=None)  # 1000 bytes
    small = tmp_path / "ok.md"
    small.write_text("# 测试\n\n内容。", "utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    saved, rejected = admin.save_uploads(
        [(small, "ok.md"), (big, "big.txt"), (exe, "tool.exe"), (small, "../evil.html")],
        s,
    )
    assert [p.name for p in saved] == ["ok.md", "evil.html"]
    assert all(p.parent == admin.uploads_dir(s) for p in saved)
    assert "MB limit" in rejected["big.txt"] and "unsupported" in rejected["tool.exe"]
    with pytest.raises(IngestError):
        admin.check_upload(exe, s)


def test_documents_come_from_the_manifest_and_only_uploads_can_be_deleted(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path / "data", _env_file=None)
    up = admin.uploads_dir(s)
    up.mkdir(parents=True)
    (up / "mine.md").write_text("x", "utf-8")
    files = {
        str((up / "mine.md").resolve()): {"sha256": "a", "doc_id": "mine", "chunks": 2},
        str((CORPUS / "measures" / "performance-loan.md").resolve()): {
            "sha256": "b",
            "doc_id": "performance-loan",
            "chunks": 3,
        },
    }
    s.manifest_path.write_text(json.dumps({"version": 1, "files": files}), "utf-8")
    docs = {d["doc_id"]: d for d in admin.list_documents(s)}
    assert docs["mine"]["uploaded"] and not docs["performance-loan"]["uploaded"]
    assert docs["performance-loan"]["chunks"] == 3
    with pytest.raises(IngestError, match="only uploads"):
        admin.delete_upload(s, "performance-loan")
    assert (CORPUS / "measures" / "performance-loan.md").exists()
    admin.delete_upload(s, "mine")
    assert not (up / "mine.md").exists()


def test_admin_password_check(tmp_path: Path) -> None:
    off = Settings(data_dir=tmp_path, _env_file=None)
    on = Settings(data_dir=tmp_path, admin_password="s3cret-口令", _env_file=None)
    assert not admin.check_password(off, "")
    assert not admin.check_password(on, "s3cret")
    assert admin.check_password(on, "s3cret-口令")


# ---- the page -------------------------------------------------------------------------------
def tab_labels(blocks: Any) -> list[str]:
    return [
        str(c["props"].get("label"))
        for c in blocks.get_config_file()["components"]
        if c.get("type") == "tabitem"
    ]


def test_admin_tab_only_with_a_password(tmp_path: Path) -> None:
    from shkc_advisor.app import build_app

    plain = build_app(FakeAdvisor(LOAN), Settings(data_dir=tmp_path, _env_file=None))
    assert "Admin · 管理" not in tab_labels(plain)
    assert "Chat · 问答" in tab_labels(plain)
    guarded = build_app(
        FakeAdvisor(LOAN), Settings(data_dir=tmp_path, admin_password="pw", _env_file=None)
    )
    assert "Admin · 管理" in tab_labels(guarded)


def test_ui_events_are_not_a_public_api(tmp_path: Path) -> None:
    from shkc_advisor.app import build_app

    blocks = build_app(
        FakeAdvisor(LOAN), Settings(data_dir=tmp_path, admin_password="pw", _env_file=None)
    )
    public = [fn.api_name for fn in blocks.fns.values() if fn.api_visibility == "public"]
    assert public == []
    assert blocks._queue.default_concurrency_limit == 4
    answering = [fn for fn in blocks.fns.values() if getattr(fn.fn, "__name__", "") == "respond"]
    assert len(answering) == 2  # Enter and the Ask button
    assert {(fn.concurrency_id, fn.concurrency_limit) for fn in answering} == {("answer", 4)}
    with_mcp = build_app(FakeAdvisor(LOAN), Settings(data_dir=tmp_path, mcp=True, _env_file=None))
    public = [fn.api_name for fn in with_mcp.fns.values() if fn.api_visibility == "public"]
    assert public == ["ask"]


def test_theme_uses_system_fonts_only() -> None:
    from shkc_advisor.app.ui import theme

    css = theme()._get_theme_css()
    assert "fonts.googleapis" not in css and "@import" not in css
    assert "WenQuanYi Micro Hei" in css


def test_create_app_serves_the_page_and_mounts_v1(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from shkc_advisor.app import create_app

    app = create_app(FakeAdvisor(LOAN), Settings(data_dir=tmp_path, _env_file=None))
    with TestClient(app) as client:
        assert client.get("/v1/models").status_code == 200  # the OpenAI-compatible API
        page = client.get("/")
        assert page.status_code == 200
        assert "上海科创政策顾问" in page.text
        assert "fonts.googleapis" not in page.text
        assert "swagger" not in client.get("/docs").text.lower()  # no CDN-backed API pages


def test_mcp_without_the_extra_is_skipped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shkc_advisor.app as app_pkg

    real = app_pkg.importlib.util.find_spec
    monkeypatch.setattr(
        app_pkg.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "mcp" else real(name, *a),
    )
    app = app_pkg.create_app(
        FakeAdvisor(LOAN), Settings(data_dir=tmp_path, mcp=True, _env_file=None)
    )
    assert "serving without MCP" in capsys.readouterr().err
    assert app is not None
