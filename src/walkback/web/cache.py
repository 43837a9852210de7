"""A response cache for GET requests, valid while the database does not change.

Pages and API answers are functions of the database, which changes only when something is
ingested or linked. Every commit touches the database file or its write-ahead log, so the pair of
their (modification time, size) is a cheap signature of the database's state (two ``stat`` calls):
a cached answer is served only under the signature it was made under. Each cached answer carries
a strong ``ETag``, so a client that has it gets ``304 Not Modified``.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from threading import Lock
from typing import Any

__all__ = ["ResponseCache"]

_MAX_BODY = 2 * 1024 * 1024


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


class ResponseCache:
    """Pure ASGI middleware: answers repeated GETs from memory (LRU of ``entries`` answers)."""

    def __init__(self, app: Any, *, db: str, entries: int = 512) -> None:
        self.app = app
        self.db = db
        self.entries = entries
        self._cache: OrderedDict[tuple[Any, ...], tuple[int, list[tuple[bytes, bytes]], bytes]] = (
            OrderedDict()
        )
        self._lock = Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.entries <= 0:
            await self.app(scope, receive, send)
            return
        signature = db_signature(self.db)
        key = (scope["path"], scope.get("query_string", b""), signature)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is not None:
            self.hits += 1
            await self._replay(scope, send, *hit)
            return
        self.misses += 1
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
        if db_signature(self.db) == signature:  # made from one state of the database: keep it
            with self._lock:
                self._cache[key] = (200, headers, body)
                while len(self._cache) > self.entries:
                    self._cache.popitem(last=False)
        await self._replay(scope, send, 200, headers, body)

    @staticmethod
    async def _replay(
        scope: Any, send: Any, status: int, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> None:
        etag = next(v for k, v in headers if k == b"etag")
        sent = dict(scope.get("headers", [])).get(b"if-none-match")
        if sent is not None and etag in [t.strip() for t in sent.split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        out = [*headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": out})
        await send({"type": "http.response.body", "body": body})
