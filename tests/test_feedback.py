"""The feedback store and `shkc-advisor feedback export` (the JSONL schema evals rely on)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from shkc_advisor import InputError, Settings
from shkc_advisor.cli import main
from shkc_advisor.feedback import FIELDS, FeedbackStore, feedback_path

CITES = [{"n": 1, "doc_id": "d", "title": "T", "section": "S", "quote": "第6期增至25亿元"}]


def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore.from_settings(Settings(data_dir=tmp_path / "data", _env_file=None))


def test_rows_keep_what_was_asked_answered_and_cited(tmp_path: Path) -> None:
    fb = store(tmp_path)
    first = fb.add(
        "履约贷第6期的总额度是多少？", "第6期增至25亿元[1]。", CITES, 1, mode="extractive"
    )
    second = fb.add("利率？", "资料没有提到。", [], -1, comment="  想知道利率 ", mode="openai")
    rows = fb.rows()
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0]["citations"] == CITES
    assert rows[0]["rating"] == 1 and rows[1]["rating"] == -1
    assert rows[1]["comment"] == "想知道利率"
    assert rows[1]["mode"] == "openai"
    assert rows[0]["ts"].endswith("+00:00")  # UTC, ISO 8601
    assert fb.path == tmp_path / "data" / "feedback.sqlite"


def test_update_changes_one_row_in_place(tmp_path: Path) -> None:
    fb = store(tmp_path)
    row = fb.add("q", "a", [], 1)
    other = fb.add("q2", "a2", [], 1)
    assert fb.update(row, rating=-1, comment="wrong figure")
    by_id = {r["id"]: r for r in fb.rows()}
    assert (by_id[row]["rating"], by_id[row]["comment"]) == (-1, "wrong figure")
    assert (by_id[other]["rating"], by_id[other]["comment"]) == (1, "")
    assert len(by_id) == 2
    assert not fb.update(9999, rating=1)
    assert fb.delete(row) and not fb.delete(row)
    assert [r["id"] for r in fb.rows()] == [other]


@pytest.mark.parametrize("rating", [0, 2, -5])
def test_rating_is_plus_or_minus_one(tmp_path: Path, rating: int) -> None:
    with pytest.raises(InputError):
        store(tmp_path).add("q", "a", [], rating)


def test_database_rejects_a_bad_rating_written_around_the_store(tmp_path: Path) -> None:
    fb = store(tmp_path)
    fb.add("q", "a", [], 1)
    with sqlite3.connect(fb.path) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute(
            "INSERT INTO feedback (ts, question, answer, citations, rating) "
            "VALUES ('t', 'q', 'a', '[]', 3)"
        )


def test_export_cli_writes_the_jsonl_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    fb = FeedbackStore(feedback_path(Settings(data_dir=data, _env_file=None)))
    fb.add(
        "How many enterprises received innovation vouchers?",
        "1790 [1].",
        CITES,
        1,
        mode="extractive",
    )
    fb.add("履约贷的利率是多少？", "抱歉，现有资料没有提到利率。", [], -1, comment="需要利率")
    out = tmp_path / "fb.jsonl"
    assert main(["--data-dir", str(data), "feedback", "export", "--out", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [tuple(r) for r in rows] == [FIELDS, FIELDS]  # exactly these keys, in this order
    assert rows[0]["citations"][0]["quote"] == "第6期增至25亿元"
    assert (rows[1]["rating"], rows[1]["comment"]) == (-1, "需要利率")
    assert "履约贷" in lines[1]  # UTF-8, not \\u escapes
    assert "exported 2" in capsys.readouterr().err


def test_export_to_stdout_with_no_feedback_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "empty"), "feedback", "export"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "exported 0" in captured.err
