"""A real database for the web tests: the seed article plus a hostile one, ingested and linked.

The hostile article carries ``<script>`` in its headline and quotes, and a ``javascript:`` URL, so
every page and export can be checked for inert rendering.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from walkback.ingest import parse_date, read_article
from walkback.link import link_store
from walkback.pipeline import ingest_sources
from walkback.settings import load_settings
from walkback.store import Store
from walkback.web import WebConfig, create_app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"
TOKEN = "test-write-token-0123456789"
HOSTILE_URL = "javascript:alert(document.cookie)"
HOSTILE = """Council <script>alert("headline")</script> votes on budget
The city council voted on Tuesday to approve the budget after a long debate.
“<script>alert('xss')</script> This budget is a disaster for the city,” Mayor Jane Doe said on Tuesday. \
“Read more at <a href="javascript:alert(1)">this link</a> before you vote.”
Councillor Tom Smith said the budget “protects every library in the city”.
"""


def build_db(path: Path, tmp: Path) -> None:
    settings = load_settings(None)
    hostile_file = tmp / "hostile.txt"
    hostile_file.write_text(HOSTILE, encoding="utf-8")
    with Store.open(path) as store:
        summary = ingest_sources([str(SEED)], store=store, settings=settings)
        assert summary.counts["new"] == 1, summary.line()
        from walkback.extract import Extractor

        article = read_article(str(hostile_file), settings=settings, published=parse_date("2024-03-12"))
        article = dataclasses.replace(article, url=HOSTILE_URL, outlet="Evil <b>Times</b>")
        store.save(article, Extractor(settings).extract(article))
        link_store(store, settings)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("web")
    path = where / "web.db"
    build_db(path, where)
    return path


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy (SQLite's backup API), for tests that write."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    vectors = Path(str(src) + ".vectors")
    if vectors.exists():
        shutil.copy(vectors, str(dst) + ".vectors")
    return dst


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    """The app in-process over the shared database, read-only (no write token)."""
    with TestClient(create_app(WebConfig(db=str(web_db))), raise_server_exceptions=False) as c:
        yield c


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``walkback serve`` in its own process, on loopback."""

    def __init__(
        self, db: Path, *extra: str, token: str | None = TOKEN, env: dict[str, str] | None = None
    ) -> None:
        import os
        import subprocess
        import sys

        from tests.test_cli import COMMAND

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        extra_env = env or {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("WALKBACK_")}
        if token:
            env["WALKBACK_WRITE_TOKEN"] = token
        env.update(extra_env)
        self.proc = subprocess.Popen(
            [*COMMAND, "serve", "--db", str(db), "--port", str(self.port), *extra],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self._sys = sys

    def wait(self, timeout: float = 60) -> LiveServer:
        import time

        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"walkback serve exited: {self.proc.stderr.read() if self.proc.stderr else ''}"
                )
            try:
                httpx.get(self.url + "/api/openapi.json", timeout=2)
                return self
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("walkback serve did not answer in time")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=20)
        except Exception:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err or ""


def serve_copy(web_db: Path, where: Path) -> Iterator[LiveServer]:
    """The real server over a copy of the web database in ``where``, with writes on; stopped after."""
    server = LiveServer(copy_db(web_db, where / "live.db")).wait()
    try:
        yield server
    finally:
        err = server.stop()
        assert "Traceback" not in err, err


@pytest.fixture(scope="session")
def live(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real server over a copy of the web database, with ingest on."""
    yield from serve_copy(web_db, tmp_path_factory.mktemp("live"))
