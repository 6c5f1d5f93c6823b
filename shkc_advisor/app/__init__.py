"""The web app: the Gradio chat at ``/`` and the OpenAI-compatible API at ``/v1``.

    shkc-advisor serve                  # or: from shkc_advisor.app import serve; serve(settings)

Gradio is imported only inside these functions, after analytics are switched off, so
importing this package stays cheap and never phones home.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from ..settings import Settings

if TYPE_CHECKING:
    import gradio as gr
    from fastapi import FastAPI

    from ..advisor import Advisor

log = logging.getLogger("shkc_advisor.app")


def _offline_env() -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def build_app(advisor: Advisor, settings: Settings) -> gr.Blocks:
    """The Gradio Blocks page for ``advisor`` (queue configured, not yet mounted)."""
    _offline_env()
    from .ui import build_app as _build

    return _build(advisor, settings)


def _v1_router(advisor: Advisor, settings: Settings) -> Any:
    try:
        from .openai_api import create_v1_router  # written separately; optional here
    except ImportError as exc:
        log.info("no /v1 API: %s", exc)
        return None
    return create_v1_router(advisor, settings)


def create_app(advisor: Advisor, settings: Settings) -> FastAPI:
    """FastAPI app with ``/v1`` (when available) and the chat mounted at ``/``."""
    _offline_env()
    import gradio as gr
    from fastapi import FastAPI

    from .ui import CSS, theme

    # No Swagger pages: they load their assets from a CDN. The OpenAPI JSON stays.
    app = FastAPI(title="shkc-advisor", docs_url=None, redoc_url=None)
    router = _v1_router(advisor, settings)
    if router is not None:
        has_prefix = any(str(getattr(r, "path", "")).startswith("/v1") for r in router.routes)
        app.include_router(router, prefix="" if has_prefix else "/v1")
    mcp = bool(settings.mcp)
    if mcp and importlib.util.find_spec("mcp") is None:
        print(
            "shkc-advisor: SHKC_MCP is set but gradio's mcp extra is missing "
            "(pip install 'gradio[mcp]'); serving without MCP",
            file=sys.stderr,
        )
        mcp = False
    blocks = build_app(advisor, settings)
    mounted: FastAPI = gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        footer_links=[],
        run_history=False,
        show_error=True,
        max_file_size=int(settings.max_file_mb * 1e6),  # the same limit the indexer applies
        ssr_mode=False,
        pwa=False,
        mcp_server=mcp,
        theme=theme(),
        css=CSS,
    )
    return mounted


def serve(
    settings: Settings | None = None, host: str | None = None, port: int | None = None
) -> None:
    """Serve the chat and API until interrupted; prints the URL first."""
    _offline_env()
    import uvicorn

    from ..advisor import Advisor

    settings = settings or Settings.load()
    host = host or settings.host
    port = port or settings.port
    settings = settings.model_copy(update={"host": host, "port": port})
    advisor = Advisor(settings)
    app = create_app(advisor, settings)
    if advisor.has_index():
        # Load the index and embedder while the first page renders, not on the first question.
        threading.Thread(target=_warm, args=(advisor,), daemon=True).start()
    else:
        print(
            f"shkc-advisor: no index in {settings.data_dir}; run `shkc-advisor index` "
            "(the page will say so too)",
            file=sys.stderr,
        )
    mode = "LLM" if advisor.mode == "openai" else "offline"
    shown = f"[{host}]" if ":" in host else host
    print(f"shkc-advisor: chat on http://{shown}:{port}/ ({mode} mode); Ctrl+C stops", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _warm(advisor: Advisor) -> None:
    try:
        advisor.search("科技创新券", k=1)
    except Exception as exc:  # only a head start; a real problem shows on the first question
        log.warning("warm-up failed: %s", exc)


__all__ = ["build_app", "create_app", "serve"]
