"""Request bodies on the real server: the token before the body, and bodies capped as they arrive.

Issue 14: a 1,000 MB upload without a token was answered 401 only after a 1 GB temporary file was
written, and with the token a 60 MB JSON body was parsed whole. Here a raw socket sends the headers
and the start of a body, and the answer must come before the rest is sent; the server's temporary
folder must stay empty.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import TOKEN, LiveServer, copy_db

BOUNDARY = "wbboundary"


@pytest.fixture(scope="module")
def bodies_server(
    web_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, Path]]:
    where = tmp_path_factory.mktemp("bodies")
    tmp = where / "tmp"
    tmp.mkdir()
    server = LiveServer(copy_db(web_db, where / "b.db"), env={"TMPDIR": str(tmp)}).wait()
    try:
        yield server, tmp
    finally:
        err = server.stop()
        assert "Traceback" not in err, err


def _answer(
    port: int, path: str, headers: dict[str, str], start: bytes, timeout: float = 10
) -> tuple[int, bytes]:
    """POST with these headers and only the ``start`` of the body; the status and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        s.sendall(head.encode() + b"\r\n" + start)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)  # a timeout here: the server waits for the rest of the body
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        lengths = [ln.split(b":")[1] for ln in lines if ln.lower().startswith(b"content-length:")]
        length = int(lengths[0]) if lengths else 0
        while len(body) < length and (chunk := s.recv(65536)):
            body += chunk
    return int(head.split(b" ", 2)[1]), body


def _part(name: str, value: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n"


MULTIPART = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}


def test_a_form_without_the_token_first_is_refused_before_the_file(bodies_server) -> None:  # type: ignore[no-untyped-def]
    server, tmp = bodies_server
    file_start = _part("file", b"x" * 1000, "big.txt")[:-2]  # the file part begins; 20 MB announced
    status, body = _answer(
        server.port, "/ingest", {**MULTIPART, "Content-Length": str(20_000_000)}, file_start
    )
    assert status == 401 and b"the write token, in the field before the file" in body
    wrong = _part("token", b"not-the-token") + file_start
    status, _ = _answer(server.port, "/ingest", {**MULTIPART, "Content-Length": str(20_000_000)}, wrong)
    assert status == 403
    assert list(tmp.iterdir()) == []  # nothing spooled to disk


def test_the_api_checks_the_token_before_the_body(bodies_server) -> None:  # type: ignore[no-untyped-def]
    server, tmp = bodies_server
    status, body = _answer(
        server.port,
        "/api/ingest",
        {**MULTIPART, "Content-Length": str(1_000_000_000)},
        b"--" + BOUNDARY.encode(),
    )
    assert status == 401 and b"Bearer" in body
    assert list(tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("path", "headers", "start"),
    [
        # a JSON body of 60 MB, with the token: refused on its announced length
        ("/api/ingest", {"Content-Type": "application/json", "Content-Length": "60000000"}, b'{"url": "'),
        # an upload of 1,000 MB, with the token
        ("/api/ingest", {**MULTIPART, "Content-Length": "1000000000"}, _part("file", b"x" * 100, "a.txt")),
        # the form page, with its token first
        ("/ingest", {**MULTIPART, "Content-Length": "1000000000"}, _part("token", TOKEN.encode())),
    ],
)
def test_bodies_over_their_limit_are_413_before_they_are_read(bodies_server, path, headers, start) -> None:  # type: ignore[no-untyped-def]
    server, tmp = bodies_server
    status, _ = _answer(server.port, path, {**headers, "Authorization": f"Bearer {TOKEN}"}, start)
    assert status == 413
    assert list(tmp.iterdir()) == []


def test_a_chunked_body_is_cut_off_at_its_limit(bodies_server) -> None:  # type: ignore[no-untyped-def]
    """No length announced: the body is counted as it arrives (JSON: 64 KiB)."""
    server, _ = bodies_server
    chunk = b'{"url": "https://example.com/' + b"a" * 70_000
    start = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    headers = {
        "Content-Type": "application/json",
        "Transfer-Encoding": "chunked",
        "Authorization": f"Bearer {TOKEN}",
    }
    status, body = _answer(server.port, "/api/ingest", headers, start)
    assert status == 413 and b"65,536" in body
