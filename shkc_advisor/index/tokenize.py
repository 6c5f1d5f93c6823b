"""Tokens for BM25 and for sentence matching: jieba words + CJK bigrams + latin words.

jieba alone splits policy product names (履约贷 → 履约/贷), so the policy terms in
``data/terms.txt`` (and every measure card name) are added to its dictionary. Character
bigrams make matching robust when a segmentation still differs between query and text.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*|\d+(?:\.\d+)?")
STOP = frozenset(
    "的 了 和 与 及 或 是 在 有 为 对 把 被 等 也 都 就 而 并 其 之 于 以 由 "
    "从 到 将 这 那 哪 什么 多少 怎么 如何 吗 呢 吧 啊 请问 请 一下 我们 我 你 他 "
    "她 它 们 个 中 上 下 关于 帮 帮我 给 让 一个 一首 一些 the a an of "
    "to in for and or is are was were be been what "
    "which who whom how many much does do did can "
    "could would should on at by with from about as "
    "it its this that these those there any i we you "
    "they me my our your please tell ".split()
)

_lock = threading.Lock()
_ready = False
_extra: set[str] = set()


_QUESTION_WORDS = ("哪年", "哪天", "哪月", "哪一年", "哪一天")


def _jieba() -> object:
    global _ready
    import jieba

    with _lock:
        if not _ready:
            jieba.setLogLevel(logging.WARNING)
            for term in _policy_terms().decode("utf-8").split():
                jieba.add_word(term, freq=200000)
            for word in _QUESTION_WORDS:  # "哪天出的" is 哪天/出/的, not 哪/天出/的
                jieba.add_word(word, freq=20000)
            _ready = True
    return jieba


def add_terms(terms: Iterable[str]) -> None:
    """Keep extra names (e.g. measure card names) whole when segmenting."""
    jieba = _jieba()
    with _lock:
        for term in terms:
            term = term.strip()
            if term and term not in _extra and len(term) <= 20:
                jieba.add_word(term, freq=200000)  # type: ignore[attr-defined]
                _extra.add(term)


def words(text: str) -> list[str]:
    """jieba words (CJK) and lower-cased latin words / numbers, stopwords removed."""
    jieba = _jieba()
    out: list[str] = []
    for tok in jieba.lcut(text):  # type: ignore[attr-defined]
        tok = tok.strip().lower()
        if not tok or tok in STOP:
            continue
        if _CJK_RUN.fullmatch(tok) or _LATIN.fullmatch(tok):
            out.append(tok)
        else:
            out.extend(m.group(0).lower() for m in _LATIN.finditer(tok))
    return out


@functools.cache
def _policy_terms() -> bytes:
    return resources.files("shkc_advisor").joinpath("data/terms.txt").read_bytes()


@functools.cache
def dictionary_fingerprint() -> str:
    """A hash of the policy-term list jieba is given: an index segmented with another one is stale."""
    return hashlib.sha256(_policy_terms() + repr(_QUESTION_WORDS).encode()).hexdigest()[:16]


@functools.cache
def _general_idf() -> dict[str, float]:
    import jieba

    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"  # jieba's IDF over general Chinese text
    table: dict[str, float] = {}
    try:
        for line in path.read_text("utf-8").splitlines():
            word, _, value = line.partition(" ")
            table[word] = float(value)
    except (OSError, ValueError):
        return {}
    return table


def general_idf(word: str) -> float | None:
    """How rare ``word`` is in general Chinese (about 3.5 for 还是/自己, 8+ for 评审); None if unknown."""
    return _general_idf().get(word)


def is_noun(word: str) -> bool:
    """A common noun of the dictionary ("公园", "气温"), not a name, verb or what segmentation
    leaves beside a question word ("排第")."""
    import jieba.posseg

    tagged = jieba.posseg.lcut(word)
    return general_idf(word) is not None and len(tagged) == 1 and tagged[0].flag in ("n", "ng")


def subwords(word: str) -> list[str]:
    """The shorter dictionary words inside a compound ("会员单位" → 会员, 单位)."""
    jieba = _jieba()
    parts = jieba.cut_for_search(word)  # type: ignore[attr-defined]
    return [p for p in dict.fromkeys(parts) if p != word and len(p) >= 2 and p not in STOP]


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def tokens(text: str) -> list[str]:
    """The BM25 analyzer: words plus bigrams (bigrams prefixed so they never collide)."""
    return words(text) + ["#" + b for b in bigrams(text)]
