"""The API docs page (``/api/docs``): Swagger UI over ``/api/openapi.json``, a person's way to read
the API and try it.

Swagger UI's files come from a PyPI package (``fastapi-offline`` ships them) and are served by
walkback itself under ``/api/docs/assets/``: no CDN. This page is the one that runs a script, its
own (``/static/api-docs.js``) and Swagger UI's, so it carries its own Content-Security-Policy that
allows scripts from this site only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["SWAGGER_ASSETS", "router"]


def _assets() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


SWAGGER_ASSETS = _assets()
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

router = APIRouter(include_in_schema=False)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    from .pages import render

    response = render(request, "api_docs.html", title="API")
    response.headers["content-security-policy"] = _CSP
    return response
