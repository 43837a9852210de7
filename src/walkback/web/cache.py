"""A response cache for GET requests, exact while the database is unchanged, bounded while it is written.

Pages and API answers are functions of the database, which changes only when something is
ingested or linked. Every commit touches the database file or its write-ahead log, so the pair of
their (modification time, size) is a cheap signature of the database's state (two ``stat`` calls).
An answer made under the current signature is served as it is. Each cached answer carries a strong
``ETag``, so a client that has it gets ``304 Not Modified``.

While an ingest writes, the signature changes with every commit, and an exact cache would render
every page again after each one: under load, that is what made a page slow. So an answer made
under an earlier signature is still served while it is younger than ``stale_seconds`` (with an
``Age`` header saying how old it is): the first request for it after four fifths of that age
renders it again while the others are still served the stale copy, so that no page is ever older than
``stale_seconds`` and one request, not twenty, pays for the new one. ``stale_seconds = 0`` gives
the exact cache.

Stale answers are never served to a request that asks for a fresh one (``Cache-Control: no-cache``
or ``max-age=0``, which browsers send on reload), nor after a write through this server: a
request other than GET or HEAD makes this process exact for ``stale_seconds``, and its answer
sets a cookie that makes every process exact for that client as long, so whoever marks a flag or
uploads an article sees it at once.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Any

__all__ = ["ResponseCache", "WROTE_COOKIE"]

_MAX_BODY = 2 * 1024 * 1024
WROTE_COOKIE = "walkback-wrote"
_RENEW = 0.8  # an answer this far into its stale window is rendered again by the next request


def db_signature(path: str) -> tuple[int, ...]:
    out: list[int] = []
    for p in (path, path + "-wal"):
        try:
            st = os.stat(p)
        except OSError:
            out += [0, 0]
        else:
            out += [st.st_mtime_ns, st.st_size]
    return tuple(out)


@dataclass(frozen=True)
class _Answer:
    signature: tuple[int, ...]
    made: float  # time.monotonic() when the rendering began
    headers: list[tuple[bytes, bytes]]
    body: bytes


def _wants_fresh(headers: dict[bytes, bytes]) -> bool:
    control = headers.get(b"cache-control", b"").lower()
    if b"no-cache" in control or b"max-age=0" in control:
        return True
    return WROTE_COOKIE.encode() + b"=" in headers.get(b"cookie", b"")


class ResponseCache:
    """Pure ASGI middleware: answers repeated GETs from memory (LRU of ``entries`` answers)."""

    def __init__(self, app: Any, *, db: str, entries: int = 512, stale_seconds: float = 0.0) -> None:
        self.app = app
        self.db = db
        self.entries = entries
        self.stale = max(0.0, stale_seconds)
        self._cache: OrderedDict[tuple[str, bytes], _Answer] = OrderedDict()
        self._renewing: set[tuple[str, bytes]] = set()
        self._lock = Lock()
        self._wrote = -float("inf")  # when this process last took a write
        self.hits = self.stale_hits = self.misses = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or self.entries <= 0:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self._write(scope, receive, send)
            return
        now = time.monotonic()
        signature = db_signature(self.db)
        key = (scope["path"], scope.get("query_string", b""))
        asked = dict(scope.get("headers", []))  # the request's headers
        may_be_stale = self.stale > 0 and now - self._wrote >= self.stale and not _wants_fresh(asked)
        renewing = False
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                age = now - hit.made
                if hit.signature != signature:
                    if not may_be_stale or age >= self.stale:
                        hit = None
                    elif age >= self.stale * _RENEW and key not in self._renewing:
                        # this request renders it again; the others are served the stale copy meanwhile
                        self._renewing.add(key)
                        renewing, hit = True, None
        if hit is not None:
            if hit.signature == signature:
                self.hits += 1
                await self._replay(send, asked, hit.headers, hit.body)
            else:
                self.stale_hits += 1
                await self._replay(send, asked, hit.headers, hit.body, age=int(now - hit.made))
            return
        self.misses += 1
        try:
            await self._render(scope, receive, send, asked, key, signature, now)
        finally:
            if renewing:
                with self._lock:
                    self._renewing.discard(key)

    async def _render(
        self,
        scope: Any,
        receive: Any,
        send: Any,
        asked: dict[bytes, bytes],
        key: tuple[str, bytes],
        signature: tuple[int, ...],
        began: float,
    ) -> None:
        messages: list[Any] = []

        async def capture(message: Any) -> None:
            messages.append(message)

        await self.app(scope, receive, capture)
        start = next((m for m in messages if m["type"] == "http.response.start"), None)
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        if start is None or start.get("status") != 200 or len(body) > _MAX_BODY:
            for message in messages:
                await send(message)
            return
        headers = [
            (k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"etag")
        ]
        headers.append((b"etag", b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'))
        # rendered from the state of `signature` or a later one: exact under it, then stale
        with self._lock:
            self._cache[key] = _Answer(signature, began, headers, body)
            while len(self._cache) > self.entries:
                self._cache.popitem(last=False)
        await self._replay(send, asked, headers, body)

    async def _write(self, scope: Any, receive: Any, send: Any) -> None:
        """A request that may write: exact answers here from now on, and a cookie for the other processes."""
        self._wrote = time.monotonic()
        if self.stale <= 0:
            await self.app(scope, receive, send)
            return
        cookie = (
            f"{WROTE_COOKIE}=1; Max-Age={int(self.stale) + 1}; Path=/; HttpOnly; SameSite=Strict"
        ).encode()

        async def marked(message: Any) -> None:
            if message["type"] == "http.response.start" and message.get("status", 500) < 400:
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)

        try:
            await self.app(scope, receive, marked)
        finally:
            self._wrote = time.monotonic()

    @staticmethod
    async def _replay(
        send: Any,
        asked: dict[bytes, bytes],
        headers: list[tuple[bytes, bytes]],
        body: bytes,
        age: int | None = None,
    ) -> None:
        """The answer, or ``304`` when the request's headers (``asked``) carry its ETag."""
        etag = next(v for k, v in headers if k == b"etag")
        extra = [] if age is None else [(b"age", str(age).encode())]
        sent = asked.get(b"if-none-match")
        if sent is not None and etag in [t.strip() for t in sent.split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag), *extra]})
            await send({"type": "http.response.body", "body": b""})
            return
        out = [*headers, *extra, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": body})
