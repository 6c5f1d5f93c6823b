"""The error tree. Every error the library raises on purpose is an ``AdvisorError``.

    AdvisorError
    ├── ConfigError            a setting is missing or invalid
    ├── InputError             a question the advisor cannot take (empty, too long, no text)
    ├── IngestError            a document could not be read or parsed
    │   └── UnsupportedFileError
    ├── IndexError_            the index is missing, corrupt, locked or unreachable
    │   ├── IndexMissingError
    │   └── IndexLockedError
    ├── RetrievalError         a store failed while answering a query
    └── GenerationError        an LLM endpoint failed or returned unusable output

Messages say what to do next, because they reach founders in the chat and
developers in the CLI unchanged.
"""

from __future__ import annotations

from pathlib import Path


class AdvisorError(Exception):
    """Root of every error raised by shkc-advisor on purpose."""


class ConfigError(AdvisorError):
    """A setting is missing or invalid."""


class InputError(AdvisorError):
    """The question cannot be answered as given (empty, too long, no words)."""


class IngestError(AdvisorError):
    """A document could not be read. Carries the path so a batch can report it and go on."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFileError(IngestError):
    """The file type has no loader."""


class IndexError_(AdvisorError):
    """The index is missing, corrupt, locked or unreachable."""


class IndexMissingError(IndexError_):
    """No index has been built yet (or the data directory was deleted)."""


class IndexLockedError(IndexError_):
    """Another process is indexing into the same data directory."""


class RetrievalError(AdvisorError):
    """A store failed while answering a query."""


class GenerationError(AdvisorError):
    """An LLM endpoint failed, timed out or returned unusable output."""


__all__ = [
    "AdvisorError",
    "ConfigError",
    "GenerationError",
    "IndexError_",
    "IndexLockedError",
    "IndexMissingError",
    "IngestError",
    "InputError",
    "RetrievalError",
    "UnsupportedFileError",
]
