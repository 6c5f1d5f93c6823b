"""The eval datasets are well-formed and grounded: every support passage is paper text,
every expected fact of an answerable case is in its support, ids are unique."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.metrics.base import CATEGORIES, Case, load_cases, norm
from shkc_advisor.ingest.clean import squash

from .conftest import CASE_KEYS, ROOT, SOURCE

DATASETS = sorted((ROOT / "evals" / "datasets").glob("*.jsonl"))
KEYS = CASE_KEYS
CARD_IDS = {p.stem for p in (ROOT / "corpus" / "measures").glob("*.md")}


def rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def all_cases() -> list[tuple[str, Case]]:
    return [(p.name, c) for p in DATASETS for c in load_cases(p)]


def test_the_two_datasets_exist() -> None:
    names = {p.name for p in DATASETS}
    assert {"dev.jsonl", "test.jsonl"} <= names
    assert len(load_cases(ROOT / "evals/datasets/dev.jsonl")) == 112
    assert len(load_cases(ROOT / "evals/datasets/test.jsonl")) == 50


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_schema_keys_and_types(path: Path) -> None:
    for row in rows(path):
        assert set(row) == KEYS, (row.get("id"), set(row) ^ KEYS)
        assert isinstance(row["answerable"], bool), row["id"]
        assert all(isinstance(x, str) and x for x in row["must_include"]), row["id"]  # type: ignore[attr-defined]
        assert all(
            isinstance(g, list) and g and all(isinstance(x, str) and x for x in g)
            for g in row["any_of"]
        ), row["id"]  # type: ignore[attr-defined]
        assert isinstance(row["support"], str | list), row["id"]
    load_cases(path)  # the strict model agrees


def test_a_wrong_case_is_rejected_with_its_line(tmp_path: Path) -> None:
    good = rows(ROOT / "evals/datasets/dev.jsonl")[0]
    bad = {**good, "answerable": None}
    f = tmp_path / "bad.jsonl"
    f.write_text(
        json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(bad, ensure_ascii=False) + "\n"
    )
    with pytest.raises(ValueError, match=r"bad\.jsonl:2"):
        load_cases(f)
    f.write_text(json.dumps({**good, "extra": 1}, ensure_ascii=False) + "\n")
    with pytest.raises(ValueError, match="extra"):
        load_cases(f)


def test_ids_are_unique_across_datasets() -> None:
    ids = [c.id for _, c in all_cases()]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes


def test_questions_are_not_shared_between_dev_and_test() -> None:
    dev = {squash(c.question) for c in load_cases(ROOT / "evals/datasets/dev.jsonl")}
    test = {squash(c.question) for c in load_cases(ROOT / "evals/datasets/test.jsonl")}
    assert not dev & test


def test_every_support_passage_is_paper_text() -> None:
    paper = squash(SOURCE.read_text("utf-8"))
    missing = [
        (name, c.id, s[:40])
        for name, c in all_cases()
        for s in c.supports
        if squash(s) not in paper
    ]
    assert not missing


def test_must_include_of_answerable_cases_is_in_the_support() -> None:
    problems = []
    for name, c in all_cases():
        if not c.answerable:
            continue
        support = norm(" ".join(c.supports))
        problems += [(name, c.id, m) for m in c.must_include if norm(m) not in support]
    assert not problems


def test_labels_are_consistent() -> None:
    for _, c in all_cases():
        assert c.category in CATEGORIES
        if c.category in ("unanswerable", "off_topic"):
            assert not c.answerable, c.id
        if c.answerable:
            assert c.supports, f"{c.id}: an answerable case needs support text"
            assert c.must_include or c.any_of, f"{c.id}: nothing to check the answer against"
        else:
            assert not c.supports and not c.must_include, c.id
        assert c.measure is None or c.measure in CARD_IDS, (c.id, c.measure)
        assert not c.notes.startswith("needs review"), f"{c.id}: a draft was never reviewed"


def test_each_category_is_covered_in_both_languages_where_it_matters() -> None:
    dev = load_cases(ROOT / "evals/datasets/dev.jsonl")
    for category in CATEGORIES:
        assert any(c.category == category for c in dev), category
    assert {c.lang for c in dev if c.category == "unanswerable"} == {"zh", "en"}
