"""Cleaning and chunking of the seed paper, plus property tests of both."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from shkc_advisor.ingest import load_documents, repair_lines, split_sentences, squash
from shkc_advisor.ingest.chunk import chunk_paragraphs

from .conftest import CORPUS, SOURCE


def paper_chunks():  # type: ignore[no-untyped-def]
    return load_documents(SOURCE, root=CORPUS)


def test_repairs_pdf_damage() -> None:
    doc, _ = paper_chunks()
    body = [p.text for p in doc.paragraphs]
    # Lines broken mid-sentence are joined; spaces inside Chinese text are gone.
    assert any("（简称“南南所”）" in t for t in body)
    assert any("第6期增至25亿元" in t for t in body)
    # The stray footnote digit after the author's name is dropped as furniture.
    assert not any(t.strip() == "1" for t in body)
    assert doc.title.startswith("上海建设全球科技创新中心的瓶颈问题")


def test_no_chunk_cuts_a_sentence_and_all_have_sections() -> None:
    doc, docs = paper_chunks()
    sentences = {s.strip() for p in doc.paragraphs for s in split_sentences(p.text)}
    assert len(docs) > 20
    for d in docs:
        assert d.metadata["section"], d.page_content[:30]
        for line in d.page_content.split("\n"):
            for sent in split_sentences(line):
                assert sent.strip() in sentences, f"cut sentence: {sent[:40]}"
        assert len(d.page_content) <= 400 or len(split_sentences(d.page_content)) == 1


def test_chunks_cover_all_cleaned_text() -> None:
    doc, docs = paper_chunks()
    joined = squash("".join(d.page_content for d in docs))
    for p in doc.paragraphs:
        if p.heading is None:
            for sent in split_sentences(p.text):
                assert squash(sent) in joined, sent[:40]


def test_sections_follow_the_papers_headings() -> None:
    _, docs = paper_chunks()
    loan = next(d for d in docs if "履约贷" in d.page_content)
    assert loan.metadata["section"].startswith("三、建设上海全球科创中心的实证分析 / （二）")
    assert loan.metadata["section"].endswith("8、发展科创金融")


def test_chunk_ids_are_stable_and_content_derived() -> None:
    _, a = paper_chunks()
    _, b = paper_chunks()
    assert [d.id for d in a] == [d.id for d in b]
    assert len({d.id for d in a}) == len(a)


texts = st.text(
    alphabet=st.sampled_from(list("上海科技创新券履约贷，。；！？ \n\n一、（二）1、2015年 abc.!?0123456789")),
    max_size=400,
)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_cleaner_never_loses_text(raw: str) -> None:
    paragraphs = repair_lines(raw)
    kept = squash("".join(p.text for p in paragraphs))
    # Only whitespace and furniture lines (bare numbers) may disappear.
    furniture = "".join(
        line for line in raw.split("\n") if re.fullmatch(r"\s*\d{1,3}\s*", line)
    )
    assert len(kept) >= len(squash(raw)) - len(squash(furniture))


@settings(max_examples=150, deadline=None)
@given(texts, st.integers(min_value=20, max_value=300))
def test_chunker_is_lossless_and_stable(raw: str, size: int) -> None:
    paragraphs = repair_lines(raw)
    base = {"doc_id": "d", "title": "T"}
    docs = chunk_paragraphs(paragraphs, base, size=size, overlap=1)
    joined = squash("".join(d.page_content for d in docs))
    for p in paragraphs:
        if p.heading is None:
            assert squash(p.text) in joined or all(
                squash(s) in joined for s in split_sentences(p.text)
            )
    again = chunk_paragraphs(paragraphs, base, size=size, overlap=1)
    assert [d.id for d in docs] == [d.id for d in again]
