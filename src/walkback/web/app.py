"""The FastAPI application: pages under ``/``, the JSON API under ``/api/``.

A thin layer over the library: each view parses its query, calls store reads, and renders a
template or the report module's JSON (the same shapes as the CLI's ``--format json``). The
database is opened read-only, once per server thread; writes (ingest) open their own connection
under a lock and need the write token the server was started with.
"""

from __future__ import annotations

import functools
import hmac
import logging
import queue
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import AccessError, AuthRequiredError, WalkbackError
from ..settings import Settings
from ..store import Store

__all__ = ["WebConfig", "create_app"]

log = logging.getLogger(__name__)

HERE = Path(__file__).parent

# no script runs on these pages; article text is untrusted and must stay inert
_SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
     b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]  # fmt: skip


@dataclass
class WebConfig:
    """What the server needs: the database, the settings, and the write token (``None``: read-only)."""

    db: str
    settings: Settings = field(default_factory=Settings)
    write_token: str | None = None
    page_size: int = 25
    cache_entries: int = 512  # answers to GETs kept while the database is unchanged; 0: no cache
    cache_stale_seconds: float = 10.0  # while the database is written, answers at most this old are served
    # requests a server process renders at once; more only interleave under the GIL, each SQLite step
    # giving it up and waiting to get it back (anyio's 40 gave 20 clients a p95 up to twice as long)
    render_threads: int = 1


class _Stores:
    """A pool of read-only :class:`Store` connections, each used by one request at a time."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self.write_lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        store = None
        while store is None:
            try:
                store = self._idle.get_nowait()
            except queue.Empty:
                store = Store.open(self.path, readonly=True, any_thread=True)
            if not store.usable:  # a server connection that broke (a restart): a new one next
                store.close()
                store = None
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        """Close the idle connections (a server database's would otherwise outlive the app)."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class _SecurityHeaders:
    """Pure ASGI middleware that adds the security headers to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                own = {k.lower() for k, _ in headers}  # a page with its own policy (the API docs) keeps it
                message["headers"] = headers + [(k, v) for k, v in _SECURITY_HEADERS if k not in own]
            await send(message)

        await self.app(scope, receive, send_with_headers)


_WRITES = 4  # writes at once per process (they queue on the database's write lock anyway)


async def run_write(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in a worker thread of the writes' own limiter, not the reads' pool."""
    state = request.app.state
    if getattr(state, "write_limiter", None) is None:
        state.write_limiter = anyio.CapacityLimiter(_WRITES)
    return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=state.write_limiter)


def check_token(config: WebConfig, authorization: str | None) -> None:
    """Refuse a write unless ``authorization`` carries the server's write token."""
    if not config.write_token:
        raise AccessError("writing is off: start the server with --write-token (or WALKBACK_WRITE_TOKEN)")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthRequiredError("this endpoint needs 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(token.strip().encode(), config.write_token.encode()):
        raise AccessError("the write token is not valid")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # FastAPI runs the pages and the API's reads in anyio's default thread pool: cap it (writes have
    # their own limiter, so an ingest never holds up a read)
    anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.config.render_threads
    yield
    app.state.stores.close()


def create_app(config: WebConfig) -> FastAPI:
    """The web application over the database ``config.db`` (created and migrated if needed)."""
    Store.open(config.db).close()  # create or upgrade it once, so readers can open it read-only
    app = FastAPI(
        title="walkback",
        version=__version__,
        description="Who said what, and when — and what was later walked back. "
        "The JSON shapes are the CLI's `--format json` shapes.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's would load Swagger UI from a CDN: /api/docs serves it from a package
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.config = config
    app.state.stores = _Stores(config.db)

    from . import api, docs, pages

    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    from .docs import SWAGGER_ASSETS

    app.mount("/api/docs/assets", StaticFiles(directory=SWAGGER_ASSETS), name="swagger-ui")
    _errors(app)
    from ..store.postgres import is_server_url
    from .cache import ResponseCache

    if not is_server_url(config.db):  # a server's commits leave no file to stat: answers are not cached
        app.add_middleware(
            ResponseCache,
            db=config.db,
            entries=config.cache_entries,
            stale_seconds=config.cache_stale_seconds,
        )
    app.add_middleware(_SecurityHeaders)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, message: str, kind: str) -> Any:
    if _is_api(request):
        return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)
    from .pages import render_error

    return render_error(request, status, message)


def _errors(app: FastAPI) -> None:
    """Map the exception tree to status codes once; never show a stack trace."""

    @app.exception_handler(WalkbackError)
    async def walkback_error(request: Request, exc: WalkbackError) -> Any:
        status = getattr(exc, "http_status", 500)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        return _error(request, status, str(exc), type(exc).__name__)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return _error(request, 422, problems or "invalid request", "ValidationError")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        response = _error(request, exc.status_code, message, "HTTPError")
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Any:
        log.exception("internal error on %s %s", request.method, request.url.path)
        if _is_api(request):
            return JSONResponse(
                {"error": {"type": "InternalError", "message": "internal error"}}, status_code=500
            )
        return HTMLResponse("<!doctype html><title>error</title><p>Internal error.</p>", status_code=500)
