"""Every figure on every measure card is in its quoted passage; every quote is in the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from shkc_advisor.ingest.clean import squash

from .conftest import CORPUS, SOURCE

CARDS = sorted((CORPUS / "measures").glob("*.md"))
REQUIRED = {
    "innovation-voucher", "performance-loan", "micro-loan-weidaitong", "venture-loan-chuangtoudai",
    "incubators", "maker-spaces", "accelerators", "startup-nurseries", "little-giant",
    "sci-tech-innovation-board", "rd-expense-deduction", "zhangjiang-demo-zone", "free-trade-zone",
    "finance-opinions-2015", "south-south-exchange", "university-tech-market",
}
FIELDS = {"id", "name_zh", "name_en", "category", "issuer", "years", "figures", "serves",
          "helps_with", "summary_zh", "summary_en", "sources"}


def front(path: Path) -> dict:
    text = path.read_text("utf-8")
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    assert m, f"{path.name}: no front matter"
    return yaml.safe_load(m.group(1))


def test_required_cards_exist() -> None:
    ids = {front(p)["id"] for p in CARDS}
    assert ids >= REQUIRED, REQUIRED - ids


@pytest.mark.parametrize("path", CARDS, ids=lambda p: p.stem)
def test_card_is_grounded(path: Path) -> None:
    card = front(path)
    assert set(card) >= FIELDS, FIELDS - set(card)
    assert card["id"] == path.stem
    source = squash(SOURCE.read_text("utf-8"))
    assert card["sources"], "a card needs at least one source quote"
    for src in card["sources"]:
        assert squash(src["quote"]) in source, f"quote not in the paper: {src['quote'][:40]}"
    for fig in card["figures"]:
        quote = card["sources"][fig["source"]]["quote"]
        assert squash(str(fig["value"])) in squash(quote), f"{fig['value']} not in its quote"


def test_a_fabricated_figure_would_be_caught(tmp_path: Path) -> None:
    """The check above can fail: a card with a figure missing from its quote does."""
    card = front(CORPUS / "measures" / "performance-loan.md")
    card["figures"][0]["value"] = "31.5"
    quote = card["sources"][card["figures"][0]["source"]]["quote"]
    assert squash("31.5") not in squash(quote)
