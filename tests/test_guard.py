"""The grounding guard rejects what is not in the cited passages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shkc_advisor.guard import check, numbers
from shkc_advisor.types import Chunk, Citation, Draft

CHUNK = Chunk(
    id="c1", text="履约贷第6期贷款规模进一步扩大，第6期增至25亿元，贷款额度提高至最高800万元。",
    doc_id="paper", title="T", section="S",
)
RETRIEVED = {"c1": CHUNK}
CITE = Citation(1, "paper", "T", "S", "第6期增至25亿元，贷款额度提高至最高800万元。", "c1")


def test_supported_answer_passes() -> None:
    r = check(Draft("履约贷第6期增至25亿元[1]。", [CITE]), RETRIEVED)
    assert r.ok and not r.problems and [c.n for c in r.citations] == [1]


def test_fabricated_number_is_removed_then_refused() -> None:
    r = check(Draft("履约贷年利率为4.35%[1]。", [CITE]), RETRIEVED)
    assert not r.ok
    assert any("4.35" in p for p in r.problems)


def test_fabricated_sentence_is_repaired_away() -> None:
    r = check(Draft("第6期增至25亿元[1]。利率为3%[1]。", [CITE]), RETRIEVED)
    assert r.ok and r.repaired
    assert "3%" not in r.text and "25" in r.text


def test_unknown_marker_and_unretrieved_chunk_are_rejected() -> None:
    ghost = Citation(2, "paper", "T", "S", "第6期增至25亿元", "not-retrieved")
    r = check(Draft("第6期增至25亿元[2]。", [ghost]), RETRIEVED)
    assert not r.ok
    assert any("not retrieved" in p for p in r.problems)


def test_quote_must_be_verbatim() -> None:
    bent = Citation(1, "paper", "T", "S", "第6期增至30亿元", "c1")
    r = check(Draft("第6期增至30亿元[1]。", [bent]), RETRIEVED)
    assert not r.ok


def test_answer_without_marker_is_rejected() -> None:
    r = check(Draft("第6期增至25亿元。", [CITE]), RETRIEVED)
    assert not r.ok


def test_a_false_premise_echoed_from_the_question_is_removed() -> None:
    question = "履约贷第6期总额度是30亿元，对吗？"
    r = check(Draft("是的，总额度为30亿元[1]。第6期增至25亿元[1]。", [CITE]), RETRIEVED, question)
    assert r.ok and "30" not in r.text and "25" in r.text
    assert any("30" in p for p in r.problems)
    # A refusal may still repeat what the question said.
    assert check(Draft("资料没有提到30亿元这一数字。", [], abstained=True), RETRIEVED, question).ok


def test_refusal_may_not_state_figures() -> None:
    assert not check(Draft("资料没有说，但大约是5%。", [], abstained=True), RETRIEVED).ok
    assert check(Draft("资料没有提到利率。", [], abstained=True), RETRIEVED).ok


def test_a_refusal_correcting_a_premise_is_checked_like_an_answer() -> None:
    question = "履约贷最高能贷1000万吧？"
    fixed = check(Draft("资料并不支持这个说法。资料写的是：最高800万元[1]。", [CITE], abstained=True), RETRIEVED, question)
    assert fixed.ok and [c.n for c in fixed.citations] == [1]
    # its figures must be in the cited quote: the question's own figure is no support here
    assert not check(Draft("资料写的是：最高1000万元[1]。", [CITE], abstained=True), RETRIEVED, question).ok


def test_numbers_normalises() -> None:
    assert numbers("1,790家，1.640亿，30.8%，[3] ２５") == ["1790", "1.64", "30.8", "25"]


@given(st.lists(st.sampled_from(["25", "800", "6", "3", "4.35", "30", "1.64"]), max_size=4))
def test_any_passed_answer_has_every_number_in_its_quotes(nums: list[str]) -> None:
    text = "".join(f"数值{n}[1]。" for n in nums) or "无[1]。"
    r = check(Draft(text, [CITE]), RETRIEVED, "利率是4.35%还是3%？")  # the question's numbers do not count
    if r.ok:
        quoted = set(numbers(CITE.quote))
        assert set(numbers(r.text)) <= quoted
