"""The real server (`walkback serve`, uvicorn) on loopback: pages, API, token, binding, errors."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.test_cli import OTHER, no_traceback, walkback
from walkback.errors import ConfigError
from walkback.web import WebConfig, create_app
from walkback.web.server import check_host

from .conftest import TOKEN, LiveServer


def test_real_server_answers_pages_and_api(live: LiveServer, client: TestClient) -> None:
    home = httpx.get(live.url + "/")
    assert home.status_code == 200 and "rel-walkback" in home.text
    assert home.headers["content-security-policy"].startswith("default-src 'none'")
    api = httpx.get(live.url + "/api/walkbacks")
    assert api.status_code == 200 and api.json() == client.get("/api/walkbacks").json()
    assert httpx.get(live.url + "/static/style.css").headers["content-type"].startswith("text/css")


def test_two_worker_processes(web_db: Path, client: TestClient) -> None:
    server = LiveServer(web_db, "--workers", "2", "--cache-entries", "0", token=None).wait()
    try:
        for _ in range(6):
            r = httpx.get(server.url + "/api/walkbacks")
            assert r.status_code == 200 and r.json() == client.get("/api/walkbacks").json()
        assert "etag" not in r.headers  # the cache is off
    finally:
        err = server.stop()
    assert "Traceback" not in err, err


def test_real_server_write_needs_token(live: LiveServer) -> None:
    files = {"file": (OTHER.name, OTHER.read_bytes(), "text/plain")}
    r = httpx.post(live.url + "/api/ingest", files=files, data={"published": "2024-03-12"})
    assert r.status_code == 401
    r = httpx.post(live.url + "/api/ingest", files=files, data={"published": "2024-03-12"},
                   headers={"Authorization": "Bearer nope"})  # fmt: skip
    assert r.status_code == 403
    r = httpx.post(live.url + "/api/ingest", files=files, data={"published": "2024-03-12"},
                   headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)  # fmt: skip
    assert r.status_code == 201 and r.json()["summary"]["new"] in (0, 1)  # 0 when the browser test ran first
    titles = [a["title"] for a in httpx.get(live.url + "/api/articles").json()]
    assert titles.count("Council approves budget after marathon session") <= 1


def _own_address() -> str | None:
    """This machine's address on its main interface (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.254.254.254", 1))
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if address.startswith("127.") else address


def test_binds_to_loopback_by_default(live: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", live.port), timeout=5):
        pass
    other = _own_address()
    if other is None:
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError), socket.create_connection((other, live.port), timeout=3):
        pass


def test_internal_errors_show_no_stack_trace(web_db: Path) -> None:
    app = create_app(WebConfig(db=str(web_db)))

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    @app.get("/boom")
    def boom_page() -> None:
        raise KeyError("secret")

    with TestClient(app, raise_server_exceptions=False) as c:
        for path in ("/api/boom", "/boom"):
            r = c.get(path)
            assert r.status_code == 500
            assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text


def test_serve_refuses_bad_settings_in_one_line(tmp_path: Path) -> None:
    r = walkback("serve", "--db", tmp_path / "x.db", "--write-token", "short", cwd=tmp_path)
    assert r.returncode == 2 and "at least 16 characters" in r.stderr
    no_traceback(r)
    r = walkback("serve", "--db", tmp_path / "missing" / "x.db", cwd=tmp_path)
    assert r.returncode == 4 and "does not exist" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    no_traceback(r)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_nothing(host: str) -> None:
    assert check_host(host, allow_public=False, write_token=True) == []


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "8.8.8.8"])
def test_other_hosts_need_allow_public(host: str) -> None:
    with pytest.raises(ConfigError, match="--allow-public"):
        check_host(host, allow_public=False, write_token=False)
    assert len(check_host(host, allow_public=True, write_token=False)) == 1
    assert any("clear text" in w for w in check_host(host, allow_public=True, write_token=True))


def test_serve_beyond_loopback_is_refused_without_allow_public(tmp_path: Path) -> None:
    """Issue 14: `serve --host 0.0.0.0` started without a word, even with a write token."""
    db = tmp_path / "x.db"
    r = walkback("serve", "--db", db, "--host", "0.0.0.0", "--write-token", TOKEN, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    no_traceback(r)
    (line,) = r.stderr.strip().splitlines()
    assert "--allow-public" in line and "write token in clear text" in line


def test_serve_beyond_loopback_with_allow_public_warns(web_db: Path) -> None:
    server = LiveServer(web_db, "--host", "0.0.0.0", "--allow-public").wait()  # token from the env
    try:
        assert httpx.get(server.url + "/api/walkbacks", timeout=10).status_code == 200  # via loopback
    finally:
        err = server.stop()
    warnings = [ln for ln in err.splitlines() if "warning" in ln]
    assert len(warnings) == 2 and "plain HTTP" in warnings[0] and "clear text" in warnings[1], err


def test_reads_take_turns_and_a_write_never_holds_them_up(
    web_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each process renders ``render_threads`` reads at once (the thread pool is capped when the app
    starts), and a write runs beside them: a page answers while an ingest is still in progress."""
    import threading

    import anyio.to_thread

    from walkback.web import writes

    from .conftest import copy_db

    started, release = threading.Event(), threading.Event()

    def slow_ingest(*args: object, **kwargs: object) -> dict[str, object]:
        started.set()
        assert release.wait(30), "the test never let the write finish"
        return {"stored": 0}

    monkeypatch.setattr(writes, "ingest", slow_ingest)
    db = copy_db(web_db, tmp_path / "w.db")
    app = create_app(WebConfig(db=str(db), write_token=TOKEN, cache_entries=0, render_threads=1))
    with TestClient(app) as c:
        assert c.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens) == 1
        result: dict[str, httpx.Response] = {}
        writer = threading.Thread(
            target=lambda: result.update(
                w=c.post("/api/ingest", json={"url": "https://example.com/a"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
            )
        )  # fmt: skip
        writer.start()
        try:
            assert started.wait(30), "the write never started"
            page = c.get("/articles")  # the one read token is free: the write has its own
            assert page.status_code == 200 and "Articles" in page.text
            assert writer.is_alive()  # ... and the write was still in progress meanwhile
        finally:
            release.set()
            writer.join(30)
        assert result["w"].status_code == 201, result["w"].text
