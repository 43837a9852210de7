"""web: pages and a JSON API over the store (``walkback serve``), a thin layer over the library.

Module map::

    app.py      create_app(WebConfig): the FastAPI app, error mapping, security headers
    api.py      /api/…: articles, statements, search, speakers, claims, relations, ingest
    pages.py    server-rendered pages (Jinja2 templates in templates/, CSS in static/)
    writes.py   the one write: ingest a URL or an uploaded file, then link it
    server.py   serve(): uvicorn, one process or several on one socket
"""

from __future__ import annotations

from .app import WebConfig, create_app
from .server import serve

__all__ = ["WebConfig", "create_app", "serve"]
