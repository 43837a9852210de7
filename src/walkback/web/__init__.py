"""web: pages and a JSON API over the store (``walkback serve``), a thin layer over the library.

Module map::

    app.py      create_app(WebConfig): the FastAPI app, error mapping, security headers
    api.py      /api/…: articles, statements, search, speakers, claims, relations, ingest
    pages.py    server-rendered pages (Jinja2 templates in templates/, CSS in static/)
    writes.py   the one write: ingest a URL or an uploaded file, then link it
"""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app", "serve"]


def serve(
    config: WebConfig,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    config_path: str | None = None,
) -> None:
    """Run the app under uvicorn until interrupted. ``workers > 1`` runs that many processes."""
    import uvicorn

    if workers > 1:
        import json
        import os

        os.environ["WALKBACK_WEB_CONFIG"] = json.dumps(
            {
                "db": config.db,
                "write_token": config.write_token,
                "page_size": config.page_size,
                "config": config_path,
            }  # fmt: skip
        )
        uvicorn.run("walkback.web:_app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")  # fmt: skip
        return
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")


def _app_from_env():  # type: ignore[no-untyped-def]
    """The app for each worker process of ``serve(workers=N)``."""
    import json
    import os
    from pathlib import Path

    from ..settings import load_settings

    raw = json.loads(os.environ["WALKBACK_WEB_CONFIG"])
    settings = load_settings(Path(raw["config"]) if raw["config"] else None)
    return create_app(
        WebConfig(
            db=raw["db"],
            settings=settings,
            write_token=raw["write_token"],
            page_size=raw["page_size"],
            cache_entries=raw["cache_entries"],
        )  # fmt: skip
    )
