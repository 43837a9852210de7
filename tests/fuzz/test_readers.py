"""Readers under random and hostile input: an article or one clear error, in bounded memory.

Every input goes through what ``walkback ingest`` does with a file: find its documents (a WARC archive
holds many), then read each with the reader that recognises it. Whatever the bytes, each document is
an :class:`~walkback.model.Article` whose paragraphs lie inside its text, or a
:class:`~walkback.errors.WalkbackError` with a one-line message naming the input; nothing else may
escape, and the memory traced stays under a bound far from what the input could expand to.
"""

from __future__ import annotations

import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from walkback.errors import WalkbackError
from walkback.ingest import iter_documents, read_document
from walkback.ingest.feeds import parse_feed
from walkback.model import Article
from walkback.settings import Settings

from .conftest import examples
from .strategies import any_text, feeds, html_pages, lite_pages, warc_archives

SETTINGS = Settings()
MEMORY = 96 << 20  # bytes traced at the peak, per input


def _read(name: str, data: bytes) -> Iterator[Article | WalkbackError]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        for doc in iter_documents(str(path), settings=SETTINGS):
            if isinstance(doc, WalkbackError):
                yield doc
                continue
            try:
                yield read_document(doc)
            except WalkbackError as e:
                yield e


def _check(name: str, data: bytes) -> list[Article | WalkbackError]:
    tracemalloc.start()
    try:
        results = list(_read(name, data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY, f"{peak / 2**20:.0f} MiB traced for {len(data)} bytes of input"
    for r in results:
        if isinstance(r, WalkbackError):
            assert r.message and "\n" not in str(r), repr(str(r))
            assert r.source, f"no input named: {r}"
        else:
            assert r.text.strip() or r.title.strip(), "an article with neither text nor headline"
            assert all(0 <= a < b <= len(r.text) for a, b in r.paragraphs), r.paragraphs
            assert r.published is None or 1800 <= r.published.year <= 2200
    return results


NAMES = st.sampled_from(["page.txt", "page.html", "page", "page.htm", "feed.xml", "a.warc", "a.warc.gz"])
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig", "cp1252"])


@examples(60)
@given(name=NAMES, data=st.binary(max_size=2048))
def test_any_bytes(name: str, data: bytes) -> None:
    _check(name, data)


@examples(60)
@given(name=NAMES, text=any_text, encoding=ENCODINGS)
def test_any_text(name: str, text: str, encoding: str) -> None:
    _check(name, text.encode(encoding, "replace"))


@examples(40)
@given(name=NAMES, page=lite_pages())
def test_lite_pages(name: str, page: str) -> None:
    _check(name, page.encode("utf-8", "surrogatepass"))


@examples(40)
@given(name=NAMES, page=html_pages())
def test_html_pages(name: str, page: str) -> None:
    _check(name, page.encode("utf-8", "surrogatepass"))


@examples(25)
@given(name=st.sampled_from(["a.warc", "a.warc.gz", "archive"]), data=warc_archives())
def test_warc_archives(name: str, data: bytes) -> None:
    _check(name, data)


@examples(40)
@given(data=feeds())
def test_feeds(data: bytes) -> None:
    tracemalloc.start()
    try:
        feed = parse_feed(data, url="https://example.com/feed.xml")
    except WalkbackError as e:
        assert "\n" not in str(e) and e.source == "https://example.com/feed.xml"
    else:
        assert all(e.url.startswith(("http://", "https://")) for e in feed.entries)
        assert all(e.published is None or 1800 <= e.published.year <= 2200 for e in feed.entries)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < MEMORY
