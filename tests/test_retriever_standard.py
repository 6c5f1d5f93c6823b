"""LangChain's standard retriever suite against the hybrid retriever, plus our own checks."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.retrievers import BaseRetriever
from langchain_tests.integration_tests import RetrieversIntegrationTests

from shkc_advisor.retriever import HybridRetriever


class TestHybridRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _engine(self, advisor) -> None:  # type: ignore[no-untyped-def]
        type(self)._engine_obj = advisor.engine

    @property
    def retriever_constructor(self) -> type[BaseRetriever]:
        return HybridRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"engine": self._engine_obj, "k": 4}

    @property
    def retriever_query_example(self) -> str:
        return "履约贷第6期总额度"


def test_english_reaches_chinese_passages(advisor) -> None:  # type: ignore[no-untyped-def]
    docs = advisor.retriever.invoke("How many banks take part in the micro-loan product?")
    assert any("12家银行" in d.page_content for d in docs)


def test_dense_carries_paraphrase_where_bm25_scores_zero(advisor) -> None:  # type: ignore[no-untyped-def]
    hits = advisor.search("how much money can one company borrow at most through the performance loan")
    assert any("800" in h.chunk.text for h in hits[:6])


def test_metadata_filter(advisor) -> None:  # type: ignore[no-untyped-def]
    docs = advisor.retriever.invoke("孵化器", filter={"kind": "measure"})
    assert docs and all(d.metadata["kind"] == "measure" for d in docs)
    docs = advisor.retriever.invoke("孵化器", filter={"doc_id": "shkc-tech-market-paper"})
    assert docs and all(d.metadata["doc_id"] == "shkc-tech-market-paper" for d in docs)


def test_scores_are_exposed(advisor) -> None:  # type: ignore[no-untyped-def]
    hits = advisor.search("科技创新券 1790家企业")
    assert hits[0].bm25_rank is not None and hits[0].dense_rank is not None
