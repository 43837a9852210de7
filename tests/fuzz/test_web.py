"""Every page and API route under random and adversarial parameters: an answer below 500, in the
API's error shape when it is an error, and never a stack trace. The app runs in-process over a real
database (the web tests' seed and hostile articles)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from starlette.routing import Route

from tests.web.conftest import TOKEN, build_db
from walkback.web import WebConfig, create_app

from .conftest import examples
from .strategies import value_for

# query parameters worth trying on any route, beside the ones it declares
NAMES = ["limit", "offset", "page", "version", "since", "until", "q", "speaker", "outlet", "type",
         "min_confidence", "min_statements", "name", "search"]  # fmt: skip


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    where = tmp_path_factory.mktemp("fuzzweb")
    db = where / "web.db"
    build_db(db, where)
    app = create_app(WebConfig(db=str(db), write_token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _routes() -> list[str]:
    from walkback.web import api, pages

    return sorted(
        r.path
        for r in [*api.router.routes, *pages.router.routes]
        if isinstance(r, Route) and "GET" in (r.methods or ())
    )


def _check(r, path: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code < 500, f"{path}: {r.status_code} {r.text[:300]}"
    assert "Traceback" not in r.text and 'File "' not in r.text, path
    if path.startswith("/api/") and r.status_code >= 400:
        error = r.json()["error"]
        assert error["message"] and "\n" not in error["message"], error


@pytest.mark.parametrize("template", _routes())
@examples(12)
@given(data=st.data())
def test_any_route_any_parameters(app_client: TestClient, template: str, data: st.DataObject) -> None:
    path = re.sub(
        r"\{([^}]+)\}", lambda m: quote(data.draw(value_for(m.group(1)), label=m.group(1)), safe=""), template
    )
    params = {
        name: data.draw(value_for(name), label=name)
        for name in data.draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=4), label="names")
    }
    _check(app_client.get(path, params=params), path)


@examples(60)
@given(
    body=st.one_of(
        st.binary(max_size=300),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.sampled_from(["url", "published", "outlet", "x"]), inner, max_size=3)
            ),
            max_leaves=6,
        ).map(lambda v: json.dumps(v).encode()),
    ),
    kind=st.sampled_from(["application/json", "multipart/form-data; boundary=x", "text/plain", ""]),
    token=st.sampled_from([None, "wrong-token-value-0123", TOKEN]),
)
def test_ingest_any_body(app_client: TestClient, body: bytes, kind: str, token: str | None) -> None:
    """Without a URL that can be fetched: bad JSON, wrong types, private or non-http URLs."""
    headers = {"Content-Type": kind} if kind else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = body.replace(b"http", b"ftp")  # nothing here is fetched: no network in the tests
    r = app_client.post("/api/ingest", content=body, headers=headers)
    _check(r, "/api/ingest")
    if token != TOKEN:
        assert r.status_code in (401, 403)
    page = app_client.post(
        "/ingest", content=body, headers={k: v for k, v in headers.items() if k != "Authorization"}
    )
    assert page.status_code < 500 and "Traceback" not in page.text
