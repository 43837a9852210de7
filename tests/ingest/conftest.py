"""Fixtures for the ingest tests: settings, sample pages, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from walkback.settings import Settings

from .helpers import PARAGRAPHS, article_html

if TYPE_CHECKING:
    from .site import Site


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, text_or_bytes) -> path of a new file under tmp_path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


# -- a real HTTP server ----------------------------------------------------------------------------

BIG_BODY_BYTES = 300_000


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stop = threading.Event()  # set when the server shuts down, so slow handlers return at once

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size limits): that is what those tests check

    def _route(self) -> None:
        path = self.path.split("?")[0]
        if path == "/article":
            self._send(200, article_html().encode("utf-8"))
        elif path == "/latin1":
            page = article_html(title="Café council approves budget", charset="iso-8859-1")
            self._send(200, page.encode("iso-8859-1"), "text/html")  # charset only in the page
        elif path == "/latin1-header":  # the header's charset wins over a (wrong) one in the page
            page = article_html(title="Café council approves budget", charset="utf-8")
            self._send(200, page.encode("iso-8859-1"), "text/html; charset=ISO-8859-1")
        elif path == "/redirect-ftp":
            self._send(301, b"", headers={"Location": "ftp://example.com/article.txt"})
        elif path == "/plain":
            text = "A headline\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
            self._send(200, text.encode("utf-8"), "text/plain; charset=utf-8")
        elif path == "/agent":  # a plain-text page that tells the client what User-Agent it sent
            agent = self.headers.get("User-Agent", "")
            self._send(200, f"Your user agent\n\nYou sent {agent}\n".encode(), "text/plain; charset=utf-8")
        elif path == "/missing":
            self._send(404, b"<html><body>not here</body></html>")
        elif path == "/slow":
            if not self.stop.wait(5):
                self._send(200, article_html().encode("utf-8"))
        elif path == "/big":  # no Content-Length: the size shows only while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"filler text " * 800 + b"</p>\n"
            sent = 0
            while sent < BIG_BODY_BYTES and not self.stop.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
            self.close_connection = True
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
            self.close_connection = True
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/article"})
        elif path.startswith("/loop/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, b"", headers={"Location": f"/loop/{n + 1}"})
        elif path == "/nothing":
            self._send(200, b"<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")
        elif path == "/empty":
            self._send(200, b"")
        else:
            self._send(404, b"unknown test route")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up mid-answer is expected here


@pytest.fixture(scope="session")
def http_server() -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of a real server in a background thread."""
    _Handler.stop.clear()
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Handler.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        time.sleep(0.05)  # let handler threads that were told to stop finish their last write


@pytest.fixture
def net_settings() -> Settings:
    """Settings that may reach the test server on loopback, with a small size limit."""
    return Settings(allow_private_addresses=True, fetch_timeout=5.0, max_bytes=100_000)


@pytest.fixture
def make_site() -> Iterator[Callable[[], Site]]:
    """make_site() -> a new site on loopback (its own port: its own host), closed after the test."""
    from .site import Site

    sites: list[Site] = []

    def _make() -> Site:
        sites.append(Site())
        return sites[-1]

    yield _make
    for site in sites:
        site.close()
